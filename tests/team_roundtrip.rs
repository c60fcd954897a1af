//! Property: over generated notebooks with hostile text, `corpus export` then `import`
//! into an empty notebook then `corpus export` gives the same bytes, and exporting twice
//! changes nothing. A small deterministic generator (xorshift), real SQLite and tantivy
//! in temp dirs; the input files are written by the `toml` crate, not by dossier.

mod common;

use dossier::Library;
use dossier::search::Silent;
use std::collections::BTreeMap;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Pieces of hostile and awkward text: quotes, backslashes, TOML and Markdown syntax,
/// terminal escapes, C1 controls, bidi overrides, invisible characters, line breaks,
/// wide and combining characters, WebVTT syntax and entities.
const PIECES: &[&str] = &[
    "plain words",
    "\"quoted\"",
    "'single'",
    "back\\slash",
    "\"\"\" triple",
    "''' literal",
    "[[clip]]",
    "# not a comment",
    "+++",
    "a = \"b\"",
    "\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{9b}31m",
    "\u{202e}evil\u{202c}",
    "\u{2066}iso\u{2069}",
    "zero\u{200b}width",
    "line\nbreak",
    "tab\there",
    "crlf\r\nend",
    "漢字とかな",
    "👩‍👩‍👧 family",
    "e\u{301} combining",
    "--> arrow",
    "&amp; &lt;b&gt;",
    "<v Someone>",
    "\u{7f}del",
    "  padded  ",
    "\u{feff}bom",
];

fn text(rng: &mut Rng, core: &str) -> String {
    let mut out = String::from(core);
    for _ in 0..rng.below(4) {
        out.push(' ');
        out.push_str(rng.pick(PIECES));
    }
    out
}

fn one_line(rng: &mut Rng, core: &str) -> String {
    text(rng, core).replace(['\n', '\r'], " ")
}

fn s(v: String) -> toml::Value {
    toml::Value::String(v)
}

/// A generated corpus: voices, sources, themes and clips with hostile text.
fn corpus(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut root = toml::map::Map::new();
    let voices = 1 + rng.below(3);
    let sources = 1 + rng.below(3);
    let themes = rng.below(3);
    let mut table = |key: &str, items: Vec<toml::map::Map<String, toml::Value>>| {
        root.insert(
            key.into(),
            toml::Value::Array(items.into_iter().map(toml::Value::Table).collect()),
        );
    };
    let mut vs = Vec::new();
    for i in 0..voices {
        let mut v = toml::map::Map::new();
        v.insert("id".into(), s(format!("gen{seed}-voice-{i}")));
        v.insert("name".into(), s(text(&mut rng, "Name")));
        if rng.below(2) == 0 {
            v.insert("role".into(), s(text(&mut rng, "Role")));
        }
        if rng.below(2) == 0 {
            v.insert("affiliation".into(), s(text(&mut rng, "Org")));
        }
        vs.push(v);
    }
    table("voice", vs);
    let mut ss = Vec::new();
    for i in 0..sources {
        let mut src = toml::map::Map::new();
        src.insert("id".into(), s(format!("gen{seed}-source-{i}")));
        src.insert(
            "kind".into(),
            s(["talk", "podcast", "article"][i % 3].into()),
        );
        src.insert("title".into(), s(text(&mut rng, "Title")));
        if rng.below(2) == 0 {
            src.insert("show".into(), s(text(&mut rng, "Show")));
        }
        if rng.below(2) == 0 {
            src.insert(
                "url".into(),
                s(format!("https://example.com/gen/{seed}/{i}?q=a&b=c")),
            );
        }
        src.insert(
            "voices".into(),
            toml::Value::Array(vec![s(format!("gen{seed}-voice-0"))]),
        );
        ss.push(src);
    }
    table("source", ss);
    let mut ts = Vec::new();
    for i in 0..themes {
        let mut t = toml::map::Map::new();
        t.insert("id".into(), s(format!("gen{seed}-theme.{i}")));
        t.insert("kind".into(), s("debate".into()));
        t.insert("claim".into(), s(text(&mut rng, "Claim")));
        ts.push(t);
    }
    table("theme", ts);
    let mut cs = Vec::new();
    for i in 0..(1 + rng.below(6)) {
        let mut c = toml::map::Map::new();
        let source = rng.below(sources);
        c.insert("id".into(), s(format!("gen{seed}-clip-{i}")));
        c.insert("source".into(), s(format!("gen{seed}-source-{source}")));
        c.insert(
            "voice".into(),
            s(format!("gen{seed}-voice-{}", rng.below(voices))),
        );
        if source % 3 == 2 {
            c.insert("section".into(), s(one_line(&mut rng, "Section")));
        } else {
            let at = rng.below(20_000) as u32;
            c.insert("at".into(), s(dossier::model::format_time(at)));
            if rng.below(2) == 0 {
                let to = at + 1 + rng.below(600) as u32;
                c.insert("to".into(), s(dossier::model::format_time(to)));
            }
        }
        c.insert("gist".into(), s(text(&mut rng, "Gist")));
        if rng.below(2) == 0 {
            c.insert("quote".into(), s(text(&mut rng, "Quote")));
        }
        let topics = (0..rng.below(3))
            .map(|_| s(one_line(&mut rng, "Topic")))
            .collect();
        c.insert("topics".into(), toml::Value::Array(topics));
        c.insert(
            "clarity".into(),
            if rng.below(4) == 0 {
                s("unrated".into())
            } else {
                toml::Value::Integer(rng.below(101) as i64)
            },
        );
        if themes > 0 {
            let mut st = toml::map::Map::new();
            let mut entry = toml::map::Map::new();
            entry.insert("stance".into(), s("nuanced".into()));
            entry.insert("why".into(), s(one_line(&mut rng, "Why")));
            st.insert(
                format!("gen{seed}-theme.{}", rng.below(themes)),
                toml::Value::Table(entry),
            );
            c.insert("stances".into(), toml::Value::Table(st));
        }
        cs.push(c);
    }
    table("clip", cs);
    toml::to_string(&toml::Value::Table(root)).expect("generated corpus serialises")
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn export_import_export_is_a_fixed_point_over_generated_notebooks() {
    for seed in 1..=8u64 {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("input");
        std::fs::create_dir_all(&input).unwrap();
        let text = corpus(seed);
        std::fs::write(input.join("gen.toml"), &text).unwrap();
        let mut a = Library::open(&tmp.path().join("a"), &Silent).unwrap();
        a.import(&input)
            .unwrap_or_else(|e| panic!("seed {seed}: the generated corpus imports: {e}\n{text}"));
        let out1 = tmp.path().join("out1");
        a.export_corpus(&out1, false, false).unwrap();
        let again = a.export_corpus(&out1, false, false).unwrap();
        assert_eq!(
            again.written, 0,
            "seed {seed}: a second export rewrote files"
        );
        let mut b = Library::open(&tmp.path().join("b"), &Silent).unwrap();
        b.import(&out1)
            .unwrap_or_else(|e| panic!("seed {seed}: the export imports: {e}"));
        let out2 = tmp.path().join("out2");
        b.export_corpus(&out2, false, false).unwrap();
        let (first, second) = (tree(&out1), tree(&out2));
        for (name, bytes) in &first {
            assert_eq!(
                second
                    .get(name)
                    .map(|b| String::from_utf8_lossy(b).into_owned()),
                Some(String::from_utf8_lossy(bytes).into_owned()),
                "seed {seed}: {name} differs after the round trip"
            );
        }
        assert_eq!(first.len(), second.len(), "seed {seed}");
    }
}
