//! The real `dossier` binary in a temp data dir.

mod common;

use std::process::Output;

use common::run;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

#[test]
fn search_prints_ranked_clips_with_snippets() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["search", "fine-tuning"]);
    assert!(o.status.success(), "{o:?}");
    let out = stdout(&o);
    assert!(out.contains("result(s)"), "{out}");
    assert!(out.contains("  1. "), "{out}");
    assert!(out.contains(" clip "), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no escape codes when not on a terminal"
    );
}

#[test]
fn speaker_filter_as_json_returns_only_her_clips() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["search", "speaker:\"Meryem Arik\"", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    for h in hits {
        assert_eq!(h["voice"], "Meryem Arik");
        assert_eq!(h["type"], "clip");
        assert!(h["snippet"]["highlights"].is_array());
    }
}

#[test]
fn show_prints_the_time_range_and_a_deep_link_with_lead_in() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["show", "arik-fine-tuning-is-for-behaviour"]);
    let out = stdout(&o);
    assert!(out.contains("26:30–31:38"), "{out}");
    assert!(
        out.contains("no URL"),
        "the seeds give no URL, so no link: {out}"
    );

    let user = common::write_files(&tmp.path().join("u"), &[("mine.toml", common::USER_CORPUS)]);
    let o = run(tmp.path(), &["import", user.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("2 clip(s)"));
    let out = stdout(&run(tmp.path(), &["show", "ada-hnsw-recall"]));
    assert!(
        out.contains("https://www.youtube.com/watch?v=abc123&t=749"),
        "12:34 minus 5 s: {out}"
    );
    let out = stdout(&run(tmp.path(), &["show", "ada-podcast-moment"]));
    assert!(
        out.contains("https://example.com/ep42.mp3#t=0"),
        "never below zero: {out}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(tmp.path(), &["show", "ada-hnsw-recall", "--json"]).stdout)
            .unwrap();
    assert_eq!(json["kind"], "clip");
    assert_eq!(
        json["deep_link"],
        "https://www.youtube.com/watch?v=abc123&t=749"
    );
}

#[test]
fn show_finds_pages_voices_sources_and_themes() {
    let tmp = tempfile::tempdir().unwrap();
    let page = stdout(&run(tmp.path(), &["show", "rag-vs-fine-tuning"]));
    for needle in [
        "Short answer",
        "Choose RAG when",
        "Choose Fine-tuning when",
        "Failure modes",
        "Evaluate each side",
        "Clips (",
    ] {
        assert!(page.contains(needle), "{needle}: {page}");
    }
    assert!(stdout(&run(tmp.path(), &["show", "meryem-arik"])).contains("Meryem Arik"));
    assert!(stdout(&run(tmp.path(), &["show", "dtc-modern-search-systems"])).contains("podcast"));
    assert!(stdout(&run(tmp.path(), &["show", "rag-is-obsolete"])).contains("debate"));
    let missing = run(tmp.path(), &["show", "no-such-thing"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no record with id `no-such-thing`"));
}

#[test]
fn pages_lists_every_decision_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout(&run(tmp.path(), &["pages"]));
    assert!(out.starts_with("ID"));
    assert!(out.contains("rag-vs-fine-tuning"));
    let v: serde_json::Value =
        serde_json::from_slice(&run(tmp.path(), &["pages", "--json"]).stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
}

#[test]
fn a_bad_import_reports_every_problem_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::write_files(
        &tmp.path().join("bad"),
        &[(
            "a.toml",
            "[[voice]]\nid = \"x\"\n\n[[clip]]\nid = \"c\"\nsource = \"nope\"\nvoice = \"x\"\nat = \"1:00\"\ngist = \"g\"\nclarity = 300\n",
        )],
    );
    let o = run(tmp.path(), &["import", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a.toml:1: voice is missing required field `name`"),
        "{err}"
    );
    assert!(
        err.contains("a.toml:10: clarity 300 is out of range"),
        "{err}"
    );
}

#[test]
fn check_and_reindex() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["check"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(run(tmp.path(), &["reindex"]).status.success());
    // Damage the database: check exits 1 and lists the problem.
    std::fs::write(tmp.path().join("dossier.db"), b"garbage").unwrap();
    let o = run(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a SQLite database"));
}

#[test]
fn dossier_home_is_honoured() {
    let tmp = tempfile::tempdir().unwrap();
    let o = common::bin()
        .args(["pages"])
        .env("DOSSIER_HOME", tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(tmp.path().join("dossier.db").exists());
}
