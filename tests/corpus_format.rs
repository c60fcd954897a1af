//! The corpus format: every page section, and every kind of validation problem with its
//! file and line.

mod common;

use dossier::corpus::{self, KnownIds, Problem};
use std::path::Path;

fn load_dir(dir: &Path) -> Result<corpus::Corpus, Vec<Problem>> {
    let files = corpus::files_at(dir).map_err(|e| e.problems().to_vec())?;
    corpus::load(&files, &KnownIds::default()).map_err(|e| e.problems().to_vec())
}

const VALID_RECORDS: &str = r#"
[[voice]]
id = "v1"
name = "Voice One"

[[source]]
id = "s1"
kind = "podcast"
title = "Show"
voices = ["v1"]

[[theme]]
id = "t1"
kind = "agreement"
claim = "A claim."

[[clip]]
id = "c1"
source = "s1"
voice = "v1"
at = "1:00"
to = "1:30"
gist = "A gist."
pages = ["p1"]
clarity = 50
stances = { t1 = "supports" }
"#;

const FULL_PAGE: &str = r#"+++
id = "p1"
title = "A vs B"
options = ["A", "B"]
canonical_clip = "c1"
themes = ["t1"]
concepts = ["alpha", "beta"]

[[reference]]
title = "Spec"
publisher = "Org"
url = "https://example.com/spec"
why = "It defines things."
+++

## Question

Which one?

## Short answer

Use **A** for *most* things.

## Decision rule

If `x`, then A.

## Choose A when

- first reason
- second reason
  continues here

## Choose B when

1. numbered reason

## Tradeoffs

- t one

## Custom notes

Kept, in order.

## Failure modes

- f one

## Common mistakes

- m one

## When not to use

- w one

## Another unknown

- still kept
"#;

#[test]
fn every_page_section_is_parsed_and_unknown_sections_are_kept_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::write_files(
        tmp.path(),
        &[("records.toml", VALID_RECORDS), ("pages/p1.md", FULL_PAGE)],
    );
    let corpus = load_dir(&dir).expect("valid corpus");
    let page = &corpus.pages[0];
    assert_eq!(page.title, "A vs B");
    assert_eq!(page.options, ["A", "B"]);
    assert_eq!(page.question, "Which one?");
    assert_eq!(page.short_answer, "Use **A** for *most* things.");
    assert_eq!(page.decision_rule, "If `x`, then A.");
    assert_eq!(page.choose_when.len(), 2);
    assert_eq!(page.choose_when[0].option, "A");
    assert_eq!(
        page.choose_when[0].items,
        ["first reason", "second reason continues here"]
    );
    assert_eq!(page.choose_when[1].items, ["numbered reason"]);
    assert_eq!(page.tradeoffs, ["t one"]);
    assert_eq!(page.failure_modes, ["f one"]);
    assert_eq!(page.common_mistakes, ["m one"]);
    assert_eq!(page.when_not_to_use, ["w one"]);
    assert_eq!(page.concepts, ["alpha", "beta"]);
    assert_eq!(
        page.references[0].url.as_ref().map(|u| u.as_str()),
        Some("https://example.com/spec")
    );
    assert_eq!(page.canonical_clip.as_ref().map(|c| c.as_str()), Some("c1"));
    let extra: Vec<(&str, Vec<String>)> = page
        .extra
        .iter()
        .map(|e| (e.heading.as_str(), e.blocks.clone()))
        .collect();
    assert_eq!(
        extra,
        [
            ("Custom notes", vec!["Kept, in order.".to_string()]),
            ("Another unknown", vec!["still kept".to_string()])
        ]
    );
}

/// Loads one broken file beside valid records and returns its problems.
fn problems_for(name: &str, text: &str) -> Vec<Problem> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::write_files(
        tmp.path(),
        &[
            ("base.toml", VALID_RECORDS),
            ("pages/p1.md", FULL_PAGE),
            (name, text),
        ],
    );
    load_dir(&dir).expect_err("the corpus is invalid")
}

fn assert_problem(problems: &[Problem], file_suffix: &str, line: usize, needle: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.file.ends_with(file_suffix) && p.line == line && p.message.contains(needle)),
        "expected {file_suffix}:{line} mentioning {needle:?}, got {problems:#?}"
    );
}

#[test]
fn unknown_reference() {
    let p = problems_for(
        "bad.toml",
        "\n[[clip]]\nid = \"c2\"\nsource = \"nope\"\nvoice = \"v1\"\nat = \"1:00\"\ngist = \"g\"\nclarity = 5\n",
    );
    assert_problem(&p, "bad.toml", 2, "unknown reference");
    assert_problem(&p, "bad.toml", 2, "`nope`");
}

#[test]
fn duplicate_id() {
    let p = problems_for("zz.toml", "[[voice]]\nid = \"v1\"\nname = \"Again\"\n");
    assert_problem(&p, "zz.toml", 1, "duplicate voice id `v1`");
    assert!(
        p[0].message.contains("base.toml:2"),
        "names the first definition: {p:?}"
    );
}

#[test]
fn bad_time() {
    let p = problems_for(
        "bad.toml",
        "[[clip]]\nid = \"c2\"\nsource = \"s1\"\nvoice = \"v1\"\nat = \"1:75\"\ngist = \"g\"\nclarity = 5\n",
    );
    assert_problem(&p, "bad.toml", 5, "bad time");
}

#[test]
fn end_before_start() {
    let p = problems_for(
        "bad.toml",
        "[[clip]]\nid = \"c2\"\nsource = \"s1\"\nvoice = \"v1\"\nat = \"2:00\"\nto = \"1:00\"\ngist = \"g\"\nclarity = 5\n",
    );
    assert_problem(&p, "bad.toml", 6, "end before start");
}

#[test]
fn clarity_out_of_range() {
    let p = problems_for(
        "bad.toml",
        "[[clip]]\nid = \"c2\"\nsource = \"s1\"\nvoice = \"v1\"\nat = \"2:00\"\ngist = \"g\"\n\nclarity = 101\n",
    );
    assert_problem(&p, "bad.toml", 8, "clarity 101 is out of range");
}

#[test]
fn missing_required_field() {
    let p = problems_for("bad.toml", "[[voice]]\nid = \"v9\"\n");
    assert_problem(&p, "bad.toml", 1, "missing required field `name`");
    let p = problems_for(
        "pages/p2.md",
        "+++\nid = \"p2\"\ntitle = \"T\"\noptions = [\"A\", \"B\"]\n+++\n\n## Question\n\nQ?\n",
    );
    assert_problem(&p, "p2.md", 6, "missing required section `short answer`");
}

#[test]
fn unreadable_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::write_files(
        tmp.path(),
        &[("base.toml", VALID_RECORDS), ("pages/p1.md", FULL_PAGE)],
    );
    std::fs::write(dir.join("binary.toml"), b"[[voice]]\nid = \"\xff\xfe\"\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing-target"), dir.join("dangling.toml")).unwrap();
    let p = load_dir(&dir).expect_err("invalid");
    assert_problem(&p, "binary.toml", 2, "not valid UTF-8");
    #[cfg(unix)]
    assert_problem(&p, "dangling.toml", 0, "unreadable file");
}

#[test]
fn every_problem_is_reported_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::write_files(
        tmp.path(),
        &[
            ("base.toml", VALID_RECORDS),
            ("pages/p1.md", FULL_PAGE),
            ("a.toml", "[[voice]]\nid = \"v1\"\nname = \"dup\"\n"),
            (
                "b.toml",
                "[[clip]]\nid = \"c9\"\nsource = \"s1\"\nvoice = \"v1\"\nat = \"x\"\ngist = \"g\"\nclarity = 500\n",
            ),
        ],
    );
    let p = load_dir(&dir).expect_err("invalid");
    assert!(
        p.len() >= 3,
        "duplicate, bad time and clarity all reported: {p:#?}"
    );
}

#[test]
fn toml_syntax_errors_name_the_line() {
    let p = problems_for(
        "bad.toml",
        "[[voice]]\nid = \"v5\"\nname = \"unterminated\n",
    );
    assert_problem(&p, "bad.toml", 3, "not valid corpus TOML");
}
