//! The hostile-text fixture: more than 40 payloads that try to act on a terminal (escape
//! sequences, C0 and C1 controls, queries whose answers a terminal would type back) or to
//! confuse a reader (bidi overrides, zero-width and combining characters), or to escape a
//! Markdown structure; a 10 MB single line; a file that is not UTF-8. Written as a corpus,
//! a transcript and investigation fields, so that every screen and command shows them.

use std::path::{Path, PathBuf};

/// (name, text) for every payload.
pub fn payloads() -> Vec<(&'static str, String)> {
    let p = |name: &'static str, text: &str| (name, text.to_string());
    vec![
        p("osc52 clipboard bel", "\u{1b}]52;c;cm0gLXJmIH4=\u{7}"),
        p("osc52 clipboard st", "\u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\"),
        p(
            "osc8 link",
            "\u{1b}]8;;https://evil.example\u{7}click\u{1b}]8;;\u{7}",
        ),
        p("osc0 title", "\u{1b}]0;pwned title\u{7}"),
        p("osc7 cwd", "\u{1b}]7;file:///etc\u{7}"),
        p("csi clear screen", "\u{1b}[2J"),
        p("csi cursor home", "\u{1b}[H"),
        p("csi colour", "\u{1b}[31;1mred\u{1b}[0m"),
        p("leave alt screen", "\u{1b}[?1049l"),
        p("hide cursor", "\u{1b}[?25l"),
        p("full reset", "\u{1b}c"),
        p("device attributes query", "\u{1b}[c"),
        p("cursor report query", "\u{1b}[6n"),
        p("window title report", "\u{1b}[21t"),
        p("dcs sixel", "\u{1b}Pq#0;2;0;0;0#0~~\u{1b}\\"),
        p("apc kitty graphics", "\u{1b}_Gf=100;AAAA\u{1b}\\"),
        p("pm", "\u{1b}^private\u{1b}\\"),
        p("lone escape", "end\u{1b}"),
        p("c1 csi", "\u{9b}31mred"),
        p("c1 osc", "\u{9d}52;c;cm0=\u{9c}"),
        p("c1 nel", "a\u{85}b"),
        p("c1 dcs", "\u{90}q\u{9c}"),
        p("carriage return", "visible\roverwritten"),
        p("tab", "a\tb"),
        p("nul", "a\u{0}b"),
        p("bell", "ding\u{7}"),
        p("backspace", "abc\u{8}\u{8}\u{8}XYZ"),
        p("vertical tab and form feed", "a\u{b}b\u{c}c"),
        p("delete", "a\u{7f}b"),
        p("right-to-left override", "\u{202E}evil.exe\u{202C}"),
        p("left-to-right override", "\u{202D}txt.exe\u{202C}"),
        p("isolates", "\u{2067}isolated\u{2069}"),
        p("marks", "\u{200E}\u{200F}\u{61C}"),
        p("zero width", "zero\u{200B}width\u{2060}joiner\u{FEFF}bom"),
        p("zwj emoji", "👩‍👩‍👧‍👦 👩‍💻"),
        p("flag emoji", "🇯🇵🇺🇦"),
        p(
            "combining marks",
            "e\u{301}\u{301}\u{301} Z\u{36b}\u{33e}\u{35c}\u{34a}",
        ),
        p("cjk", "検索拡張生成と微調整"),
        p("fullwidth", "ｆｕｌｌｗｉｄｔｈ"),
        p("right-to-left text", "مرحبا שלום"),
        p("line and paragraph separators", "a\u{2028}b\u{2029}c"),
        p("tag characters", "\u{E0041}\u{E0042}"),
        p("private use", "\u{E000}\u{F8FF}"),
        p("variation selector", "☃\u{FE0F}"),
        p("interlinear annotation", "\u{FFF9}a\u{FFFA}b\u{FFFB}"),
        p("markdown heading", "\n# Injected heading\n"),
        p("markdown link", "[click](javascript:alert(1))"),
        p(
            "html",
            "<script>alert(1)</script><img src=x onerror=alert(1)>",
        ),
        p("code fence", "\n```\npwned fence\n"),
        p("long word", &"w".repeat(5_000)),
        p("bare url", "see https://evil.example/payload?x=1 now"),
        p("www host", "visit www.evil.example today"),
        p(
            "e-mail",
            "mail mallory@evil.example or mailto:x@evil.example",
        ),
        p("bare domains", "evil.com and evil.io and //evil.example/x"),
        p("noncharacters", "\u{FFFE}\u{FFFF}\u{FDD0}"),
        p("other format characters", "\u{AD}\u{600}\u{206A}\u{E0001}"),
        p("markdown image", "![x](https://evil.example/p.png)"),
        p("markdown table", "| a | b |\n|---|---|\n| c | d |"),
        p("entities", "&#x1b;]0;t&#x7; &#x202e;rlo &lt;b&gt;"),
    ]
}

/// A pure-ASCII page whose headings carry escapes as HTML entities: the Markdown parser
/// decodes them. Its first option's name holds an escape too.
pub const ENTITY_PAGE: &str = r#"+++
id = "entity-page"
title = "Entity page"
options = ["A\u001b]0;opt\u0007", "B"]
+++

## Question

Which one?

## Short answer

A.

## Decision rule

A when in doubt.

## Choose A&#x1b;]0;opt&#x7; when

- always

## Notes &#x1b;]0;pwned-title&#x7; &#x202e;evil

- text under the notes
"#;

/// A TOML basic string: everything outside printable ASCII written as an escape.
pub fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Words that find each clip of payloads: `zebra alpha` finds the first.
pub const CHUNK_WORDS: [&str; 12] = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima",
];
pub const PER_CLIP: usize = 5;

/// The payloads joined, as one text that holds all of them.
pub fn all_payloads() -> String {
    payloads()
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The id of the clip that carries the payloads of `chunk`.
pub fn clip_id(chunk: usize) -> String {
    format!("hostile-{}", CHUNK_WORDS[chunk])
}

pub fn chunks() -> usize {
    payloads().len().div_ceil(PER_CLIP)
}

/// Writes the corpus (voices, sources, a theme, a page and clips, each field holding
/// payloads) under `dir` and returns it.
pub fn write_corpus(dir: &Path) -> PathBuf {
    let all = all_payloads();
    let mut toml = format!(
        r#"
[[voice]]
id = "mallory"
name = {mallory}
role = {all}

[[voice]]
id = "wide-voice"
name = "山田 太郎 👩‍💻"

[[source]]
id = "hostile-source"
kind = "video"
title = {title}
url = "https://example.com/talk"
voices = ["mallory", "wide-voice"]

[[theme]]
id = "hostile-theme"
kind = "debate"
claim = {claim}
"#,
        mallory = toml_str("Mallory \u{1b}]52;c;cm0=\u{7}\u{202E}evil"),
        all = toml_str(&all),
        title = toml_str("Hostile talk \u{1b}[2J\u{9b}31m 検索 🚀"),
        claim = toml_str(&format!("Hostile claim {all}")),
    );
    let payloads = payloads();
    for (chunk, group) in payloads.chunks(PER_CLIP).enumerate() {
        let text: Vec<&str> = group.iter().map(|(_, t)| t.as_str()).collect();
        let names: Vec<&str> = group.iter().map(|(n, _)| *n).collect();
        let gist = format!(
            "zebra {} payloads ({}): {}",
            CHUNK_WORDS[chunk],
            names.join(", "),
            text.join(" | ")
        );
        let voice = if chunk % 2 == 0 {
            "mallory"
        } else {
            "wide-voice"
        };
        let stance = ["supports", "opposes", "nuanced"][chunk % 3];
        toml.push_str(&format!(
            r#"
[[clip]]
id = "{id}"
source = "hostile-source"
voice = "{voice}"
at = "{minute}:00"
quote = {quote}
gist = {gist}
topics = [{topic}]
clarity = 50
stances = {{ hostile-theme = "{stance}" }}
"#,
            id = clip_id(chunk),
            minute = chunk + 1,
            quote = toml_str(&text.join(" ")),
            gist = toml_str(&gist),
            topic = toml_str(&format!("hostile {}", text[0])),
        ));
    }
    let page = format!(
        "+++\nid = \"hostile-page\"\ntitle = {title}\noptions = [{a}, {b}]\ncanonical_clip = \"{canonical}\"\nthemes = [\"hostile-theme\"]\nconcepts = [{concept}]\n+++\n\n## Question\n\nzebra {all}\n\n## Short answer\n\n{all}\n\n## Decision rule\n\n{all}\n\n## Choose A when\n\n- {all}\n\n## Choose B when\n\n- {all}\n\n## Tradeoffs\n\n- {all}\n\n## Failure modes\n\n- {all}\n\n## Common mistakes\n\n- {all}\n\n## Notes &#x1b;]0;pwned-title&#x7; &#x202e;evil &#xfffe;\n\n- {all}\n",
        title = toml_str("Hostile page \u{1b}]0;pwned\u{7} 検索 \u{202E}evil"),
        a = toml_str("A"),
        b = toml_str("B"),
        canonical = clip_id(0),
        concept = toml_str("concept \u{1b}[2J"),
        all = all.replace('\n', " "),
    );
    super::write_files(
        dir,
        &[("hostile.toml", &toml), ("pages/hostile-page.md", &page)],
    )
}

/// A clip whose gist is one line of 10 MB, found by the word `aardwolf`.
pub fn write_huge_line(dir: &Path) -> PathBuf {
    let line = format!("aardwolf {}", "megabytes of one line ".repeat(477_000));
    let toml = format!(
        "[[clip]]\nid = \"huge-line\"\nsource = \"hostile-source\"\nvoice = \"mallory\"\nat = \"59:00\"\ngist = \"{line}\"\nclarity = 5\n"
    );
    super::write_files(dir, &[("huge.toml", &toml)])
}

/// A WebVTT transcript whose voice tags and cue texts carry the payloads.
pub fn write_transcript(dir: &Path) -> PathBuf {
    let mut vtt = String::from("WEBVTT\n\n");
    for (i, (name, text)) in payloads().iter().enumerate() {
        // A cue's text ends at a blank line; the payload's own line breaks become spaces.
        let text = text.replace('\n', " ").replace("-->", "- ->");
        vtt.push_str(&format!(
            "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.500\n<v Mallory \u{1b}[2J>zebra cue {name}: {text}\n\n",
            i / 60,
            i % 60,
            i / 60,
            i % 60,
        ));
    }
    let path = dir.join("hostile.vtt");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(&path, vtt).unwrap();
    path
}

/// A corpus file that stops being UTF-8 on its third line.
pub fn write_invalid_utf8(dir: &Path) -> PathBuf {
    let mut bytes = b"[[voice]]\nid = \"bad\"\nname = \"B".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x1b, b'[', b'2', b'J']);
    bytes.extend_from_slice(b"\"\n");
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("not-utf8.toml");
    std::fs::write(&path, bytes).unwrap();
    dir.to_path_buf()
}

// The checks live in terminal.rs; the hostile tests name them from here.
#[allow(unused_imports)]
pub use super::terminal::{is_format, output_problems, terminal_problems};

/// The investigation the fixture fills. A name must be printable (a control character in
/// one is refused), so it carries Markdown and wide text; its question and notes carry
/// every payload.
pub fn investigation_name() -> String {
    "# Hostile [inv](javascript:x) <b>検索</b> 👩‍💻 e\u{301}".to_string()
}

/// A notebook in `data` holding the whole fixture: the corpus, the 10 MB line, the
/// transcript, and an investigation with every payload in its question, notes and stances.
/// Each step goes through the real binary and must succeed.
pub fn build_notebook(data: &Path, with_huge_line: bool) {
    let files = data.with_extension("fixture");
    let corpus = write_corpus(&files.join("corpus"));
    let vtt = write_transcript(&files);
    let name = investigation_name();
    let all = all_payloads();
    let mut steps: Vec<Vec<String>> = vec![
        vec!["import".into(), corpus.display().to_string()],
        vec![
            "transcript".into(),
            "import".into(),
            "hostile-source".into(),
            vtt.display().to_string(),
        ],
        vec![
            "inv".into(),
            "new".into(),
            name.clone(),
            "--question".into(),
            format!("Which? {}", all.replace('\0', "")),
        ],
    ];
    let mut add = vec!["inv".into(), "add".into(), name.clone()];
    add.extend((0..chunks()).map(clip_id));
    steps.push(add);
    for chunk in 0..chunks() {
        let note: String = payloads()
            .iter()
            .skip(chunk * PER_CLIP)
            .take(PER_CLIP)
            .map(|(_, t)| t.replace('\0', "␀"))
            .collect::<Vec<_>>()
            .join("\n");
        steps.push(vec![
            "inv".into(),
            "note".into(),
            name.clone(),
            clip_id(chunk),
            format!("my note\n{note}"),
        ]);
    }
    steps.push(vec![
        "inv".into(),
        "stance".into(),
        name.clone(),
        clip_id(1),
        "hostile-theme".into(),
        "supports".into(),
    ]);
    if with_huge_line {
        let huge = write_huge_line(&files.join("huge"));
        steps.insert(1, vec!["import".into(), huge.display().to_string()]);
    }
    for step in steps {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        super::run_ok(data, &args);
    }
}
