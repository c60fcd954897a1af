//! Why a stance is held, and the canonical clip a page names with its why, lead-in and
//! chapter: parsed from the corpus format, stored, and shown by `dossier show` and the TUI.

mod common;

use dossier::corpus::{self, KnownIds, Problem};
use std::path::Path;

fn load_dir(dir: &Path) -> Result<corpus::Corpus, Vec<Problem>> {
    let files = corpus::files_at(dir).map_err(|e| e.problems().to_vec())?;
    corpus::load(&files, &KnownIds::default()).map_err(|e| e.problems().to_vec())
}

const RECORDS: &str = r#"
[[voice]]
id = "ada"
name = "Ada Example"

[[source]]
id = "talk"
kind = "talk"
title = "Vectors in Anger"
show = "Example Conf"
url = "https://www.youtube.com/watch?v=abc123"
voices = ["ada"]

[[theme]]
id = "recall-first"
kind = "agreement"
claim = "Measure recall first."

[[theme]]
id = "tune-facts"
kind = "debate"
claim = "Tuning can carry facts."

[[clip]]
id = "ada-recall"
source = "talk"
voice = "ada"
at = "12:34"
gist = "Measure recall at k before touching the prompt."
pages = ["exact-vs-approx"]
clarity = 50

[clip.stances]
recall-first = { stance = "supports", why = "She calls recall at k the first number to check." }
tune-facts = "opposes"

[[clip]]
id = "ada-short-form"
source = "talk"
voice = "ada"
at = "20:00"
gist = "Another point."
pages = ["exact-vs-approx"]
clarity = 85
stances = { recall-first = "nuanced" }
"#;

const PAGE: &str = r#"+++
id = "exact-vs-approx"
title = "Exact vs approximate"
options = ["Exact", "Approximate"]
themes = ["recall-first", "tune-facts"]

[canonical_clip]
id = "ada-recall"
why = "States the rule and its reason in one breath."
lead_in = "Start a little early: the question comes just before."
chapter = "Measuring recall"
+++

## Question

Exact or approximate?

## Short answer

Approximate, once recall is measured.

## Decision rule

Measure recall first.
"#;

fn corpus_dir(root: &Path) -> std::path::PathBuf {
    common::write_files(
        &root.join("mine"),
        &[("records.toml", RECORDS), ("pages/p.md", PAGE)],
    )
}

#[test]
fn a_stance_may_carry_a_why_and_the_short_form_stays_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let c = load_dir(&corpus_dir(tmp.path())).expect("valid");
    let clip = c
        .clips
        .iter()
        .find(|c| c.id.as_str() == "ada-recall")
        .unwrap();
    let by_theme: Vec<(&str, &str, Option<&str>)> = clip
        .stances
        .iter()
        .map(|s| (s.theme.as_str(), s.stance.as_str(), s.why.as_deref()))
        .collect();
    assert_eq!(
        by_theme,
        [
            (
                "recall-first",
                "supports",
                Some("She calls recall at k the first number to check.")
            ),
            ("tune-facts", "opposes", None)
        ]
    );
    let short = c
        .clips
        .iter()
        .find(|c| c.id.as_str() == "ada-short-form")
        .unwrap();
    assert_eq!(short.stances[0].stance.as_str(), "nuanced");
    assert_eq!(short.stances[0].why, None);

    let page = &c.pages[0];
    assert_eq!(page.canonical_clip.as_ref().unwrap().as_str(), "ada-recall");
    let note = &page.canonical_note;
    assert_eq!(
        note.why.as_deref(),
        Some("States the rule and its reason in one breath.")
    );
    assert_eq!(
        note.lead_in.as_deref(),
        Some("Start a little early: the question comes just before.")
    );
    assert_eq!(note.chapter.as_deref(), Some("Measuring recall"));
}

fn problems_with(records: &str, page: &str) -> Vec<Problem> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::write_files(
        tmp.path(),
        &[("records.toml", records), ("pages/p.md", page)],
    );
    load_dir(&dir).expect_err("invalid")
}

fn assert_problem(problems: &[Problem], file: &str, line: usize, needle: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.file.ends_with(file) && p.line == line && p.message.contains(needle)),
        "expected {file}:{line} mentioning {needle:?}, got {problems:#?}"
    );
}

#[test]
fn a_bad_stance_table_is_named_with_its_file_and_line() {
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let typo = RECORDS.replace("why = \"She calls", "wy = \"She calls");
    let p = problems_with(&typo, PAGE);
    assert_problem(
        &p,
        "records.toml",
        line_of(&typo, "wy = "),
        "unknown key `wy`",
    );

    let missing = RECORDS.replace("{ stance = \"supports\", why", "{ why");
    let p = problems_with(&missing, PAGE);
    assert_problem(
        &p,
        "records.toml",
        line_of(&missing, "{ why"),
        "missing `stance`",
    );

    let two_lines = RECORDS.replace("the first number", "the first\\nnumber");
    let p = problems_with(&two_lines, PAGE);
    assert_problem(
        &p,
        "records.toml",
        line_of(&two_lines, "the first\\n"),
        "one line",
    );

    let number = RECORDS.replace("tune-facts = \"opposes\"", "tune-facts = 3");
    let p = problems_with(&number, PAGE);
    assert_problem(
        &p,
        "records.toml",
        line_of(&number, "tune-facts = 3"),
        "neither a word nor a table",
    );

    let wrong = RECORDS.replace("tune-facts = \"opposes\"", "tune-facts = \"agrees\"");
    let p = problems_with(&wrong, PAGE);
    assert_problem(
        &p,
        "records.toml",
        line_of(&wrong, "\"agrees\""),
        "not one of",
    );
}

#[test]
fn a_bad_canonical_table_is_named_with_its_file_and_line() {
    let typo = PAGE.replace("chapter = ", "chaptre = ");
    let p = problems_with(RECORDS, &typo);
    assert_problem(&p, "p.md", 7, "unknown key `chaptre`");
    let no_id = PAGE.replace("id = \"ada-recall\"\n", "");
    let p = problems_with(RECORDS, &no_id);
    assert_problem(&p, "p.md", 7, "missing `id`");
    let unknown = PAGE.replace("id = \"ada-recall\"", "id = \"nope\"");
    let p = problems_with(RECORDS, &unknown);
    assert!(
        p.iter().any(|p| p.message.contains("`nope`")),
        "an unknown canonical clip is a problem: {p:#?}"
    );
}

#[test]
fn show_prints_each_stance_with_its_why_and_the_page_with_its_canonical_block() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let dir = corpus_dir(tmp.path());
    common::run_ok(&data, &["import", dir.to_str().unwrap()]);

    let out = common::run_ok(&data, &["show", "ada-recall"]);
    let stance = out.find("supports: Measure recall first.").expect(&out);
    let why = out
        .find("    why:    She calls recall at k the first number to check.")
        .expect(&out);
    assert!(why > stance, "the why follows its stance: {out}");

    let json = common::run_json(&data, &["show", "ada-recall", "--json"]);
    let stances = json["stances"].as_array().unwrap();
    assert_eq!(stances[0]["theme"], "recall-first");
    assert_eq!(
        stances[0]["why"],
        "She calls recall at k the first number to check."
    );
    assert!(stances[1]["why"].is_null());

    let out = common::run_ok(&data, &["show", "exact-vs-approx"]);
    let short = out.find("Short answer").expect(&out);
    let block = out.find("Canonical clip: ada-recall").expect(&out);
    let rule = out.find("Decision rule").expect(&out);
    assert!(
        short < block && block < rule,
        "right after the short answer: {out}"
    );
    for line in [
        "Voice:    Ada Example",
        "Source:   Vectors in Anger, Example Conf",
        "Time:     12:34",
        "Clarity:  50/100, weak",
        "Why:      States the rule and its reason in one breath.",
        "Lead-in:  Start a little early: the question comes just before.",
        "Chapter:  Measuring recall",
        "Link:     https://www.youtube.com/watch?v=abc123&t=749",
    ] {
        assert!(out.contains(line), "{line:?} in {out}");
    }

    let json = common::run_json(&data, &["show", "exact-vs-approx", "--json"]);
    let c = &json["canonical"];
    assert_eq!(c["clip"], "ada-recall");
    assert_eq!(c["voice"], "Ada Example");
    assert_eq!(c["time_range"], "12:34");
    assert_eq!(c["clarity"], 50);
    assert_eq!(c["clarity_band"], "weak");
    assert_eq!(c["why"], "States the rule and its reason in one breath.");
    assert_eq!(c["chapter"], "Measuring recall");
    assert_eq!(
        json["canonical_note"]["lead_in"],
        "Start a little early: the question comes just before."
    );
}

#[test]
fn the_why_survives_a_reimport_that_changes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let dir = corpus_dir(tmp.path());
    common::run_ok(&data, &["import", dir.to_str().unwrap()]);
    let changed = RECORDS.replace("the first number to check", "the number to check first");
    common::write_files(&dir, &[("records.toml", &changed)]);
    common::run_ok(&data, &["import", dir.to_str().unwrap()]);
    let json = common::run_json(&data, &["show", "ada-recall", "--json"]);
    assert_eq!(
        json["stances"][0]["why"],
        "She calls recall at k the number to check first."
    );
}
