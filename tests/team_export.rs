//! `dossier corpus export` through the real binary: deterministic bytes, and a round trip
//! through an empty notebook gives the same bytes (issue 19).

mod common;

use common::{run_fails, run_ok as ok, write_files};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` (hidden ones too), by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

const CORPUS: &str = r#"
[[voice]]
id = "ada-example"
name = "Ada \"Q\" Example"
role = "Staff\u001b[31m engineer"

[[source]]
id = "yt-talk"
kind = "talk"
title = "Vector Databases in Anger"
show = "Example Conf"
url = "https://www.youtube.com/watch?v=abc123"
published = "2026-03-14"
voices = ["ada-example"]

[[theme]]
id = "measure-recall-first"
kind = "agreement"
claim = "Measure retrieval recall before tuning anything else."

[[synonyms]]
terms = ["zebrafish", "danio"]

[[clip]]
id = "ada-recall-first"
source = "yt-talk"
voice = "ada-example"
at = "12:34"
to = "13:10"
quote = "measure recall \\ before you touch the prompt"
gist = "Trade recall for speed:\nmeasure \u202eit\u202c at k. 漢字 👩‍💻 --> &lt;"
topics = ["Vector Search", "recall"]
pages = ["exact-vs-approximate"]
clarity = 80

[clip.stances]
measure-recall-first = { stance = "supports", why = "She calls recall at k the first number." }
rag-is-obsolete = "opposes"

[[clip]]
id = "ada-section"
source = "yt-talk"
voice = "ada-example"
section = "Recall before prompts"
gist = "A section clip."
clarity = 0
"#;

const PAGE: &str = r#"+++
id = "exact-vs-approximate"
title = "Exact vs approximate"
options = ["Exact", "Approximate"]
themes = ["measure-recall-first"]
concepts = ["HNSW"]
updated = "2026-11-22"

[canonical_clip]
id = "ada-recall-first"
why = "States the rule."

[[reference]]
title = "Index tuning guide"
url = "https://example.com/guide"
+++

## Question

Do we need *exact* neighbours?

## Short answer

Rarely.

## Decision rule

Start approximate.

## Choose Exact when

- The collection is small.

## Tradeoffs

- Memory.
- Build time.

## Notes from our team

Kept in order.
"#;

const VTT: &str = "WEBVTT\n\n00:12:34.000 --> 00:12:40.500\n<v Ada \"Q\" Example>Measure &amp; recall &lt;first&gt;\n\n00:12:41.000 --> 00:12:43.000\nno speaker here\n";

/// A notebook with every kind of record a user owns: imported records (hostile text),
/// a page, a synonym group, a clip added by hand (unrated, with the user's stance), a
/// transcript, an investigation and a link set on a built-in source.
fn rich_notebook(d: &Path, files: &Path) {
    write_files(
        files,
        &[
            ("in/records.toml", CORPUS),
            ("in/pages/exact.md", PAGE),
            ("talk.vtt", VTT),
        ],
    );
    ok(d, &["import", files.join("in").to_str().unwrap()]);
    ok(
        d,
        &[
            "add",
            "https://example.com/ep7.mp3",
            "--at",
            "3:00",
            "--voice",
            "Bob Builder",
            "--source",
            "Episode 7",
            "--kind",
            "podcast",
            "--gist",
            "Bob says ship it",
            "--stance",
            "measure-recall-first=nuanced",
        ],
    );
    ok(
        d,
        &[
            "transcript",
            "import",
            "yt-talk",
            files.join("talk.vtt").to_str().unwrap(),
        ],
    );
    ok(d, &["inv", "new", "Team \"pick\"", "--question", "Which?"]);
    ok(
        d,
        &[
            "inv",
            "add",
            "Team \"pick\"",
            "ada-recall-first",
            "kulkarni-rag-not-dead",
            "--note",
            "first\tpass",
        ],
    );
    ok(
        d,
        &[
            "inv",
            "stance",
            "Team \"pick\"",
            "kulkarni-rag-not-dead",
            "rag-is-obsolete",
            "supports",
        ],
    );
    ok(
        d,
        &[
            "source",
            "set",
            "dtc-building-agentic-ai-systems",
            "--url",
            "https://www.youtube.com/watch?v=team1",
        ],
    );
}

#[test]
fn export_is_byte_identical_and_round_trips_through_an_empty_notebook() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let files = tmp.path().join("files");
    rich_notebook(&a, &files);
    let out1 = tmp.path().join("out1");
    let said = ok(
        &a,
        &[
            "corpus",
            "export",
            out1.to_str().unwrap(),
            "--investigations",
        ],
    );
    assert!(said.contains("exported 3 clip(s), 2 source(s)"), "{said}");
    let first = tree(&out1);
    let names: Vec<&str> = first.keys().map(String::as_str).collect();
    assert!(names.contains(&"sources/yt-talk.toml"), "{names:?}");
    assert!(names.contains(&"sources/yt-talk.vtt"), "{names:?}");
    assert!(
        names.contains(&"pages/exact-vs-approximate.md"),
        "{names:?}"
    );
    assert!(names.contains(&"investigations.toml"), "{names:?}");
    assert!(names.contains(&"overlays.toml"), "{names:?}");
    // Built-in records stay out: no file for a built-in source's clips.
    assert!(
        !names.iter().any(|n| n.contains("kulkarni")),
        "built-in records were exported: {names:?}"
    );
    // Again into the same folder: nothing written; into another: the same bytes.
    let again = ok(
        &a,
        &[
            "corpus",
            "export",
            out1.to_str().unwrap(),
            "--investigations",
        ],
    );
    assert!(again.contains("0 file(s) written"), "{again}");
    let out2 = tmp.path().join("out2");
    ok(
        &a,
        &[
            "corpus",
            "export",
            out2.to_str().unwrap(),
            "--investigations",
        ],
    );
    assert_eq!(tree(&out2), first);

    // Import into an empty notebook, export again: the same bytes.
    let b = tmp.path().join("b");
    let imported = ok(&b, &["import", out1.to_str().unwrap()]);
    assert!(imported.contains("3 clip(s)"), "{imported}");
    let out3 = tmp.path().join("out3");
    ok(
        &b,
        &[
            "corpus",
            "export",
            out3.to_str().unwrap(),
            "--investigations",
        ],
    );
    let third = tree(&out3);
    for (name, bytes) in &first {
        assert_eq!(
            third
                .get(name)
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            Some(String::from_utf8_lossy(bytes).into_owned()),
            "{name} differs after the round trip"
        );
    }
    assert_eq!(third.len(), first.len());
    // What came back is what went in: the transcript, the link, the investigation.
    let show = ok(&b, &["show", "kulkarni-rag-not-dead"]);
    assert!(
        show.contains("https://www.youtube.com/watch?v=team1&t="),
        "{show}"
    );
    let inv = ok(&b, &["inv", "show", "Team \"pick\""]);
    assert!(inv.contains("first"), "{inv}");
    let hits = ok(&b, &["search", "no speaker here"]);
    assert!(hits.contains("transcript"), "{hits}");
}

#[test]
fn all_adds_the_built_in_records_and_a_stranger_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    let out = tmp.path().join("all");
    let said = ok(&d, &["corpus", "export", out.to_str().unwrap(), "--all"]);
    assert!(!said.contains("exported 0 clip(s)"), "{said}");
    assert!(tree(&out).keys().any(|k| k.starts_with("pages/")));
    // A folder with someone's files in it is never written into.
    let mine = tmp.path().join("mine");
    write_files(&mine, &[("notes.txt", "mine")]);
    let err = run_fails(&d, &["corpus", "export", mine.to_str().unwrap()]);
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(tree(&mine).len(), 1);
    // A file an earlier export wrote and that has nothing left to hold is removed.
    let own = tmp.path().join("own");
    let files = tmp.path().join("f");
    write_files(&files, &[("c.toml", CORPUS), ("pages/p.md", PAGE)]);
    ok(&d, &["import", files.to_str().unwrap()]);
    ok(&d, &["corpus", "export", own.to_str().unwrap()]);
    std::fs::write(own.join("sources/gone.toml"), "# stale\n").unwrap();
    let said = ok(&d, &["corpus", "export", own.to_str().unwrap()]);
    assert!(said.contains("1 removed"), "{said}");
    assert!(!own.join("sources/gone.toml").exists());
}
