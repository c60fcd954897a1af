//! Investigations, compare and export through the real binary in a temp data dir.

mod common;

use common::run;
use common::run_ok as ok;

#[test]
fn new_add_note_stance_compare_export() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(
        d,
        &["inv", "new", "Support bot", "--question", "RAG or tune?"],
    );
    let out = ok(
        d,
        &[
            "inv",
            "add",
            "Support bot",
            "kulkarni-rag-not-dead",
            "bowne-anderson-rag-bot-quick-win",
            "arik-reembed-instead-of-retrain",
            "--note",
            "first pass",
        ],
    );
    assert!(out.contains("added 3 clip(s)"), "{out}");
    ok(
        d,
        &[
            "inv",
            "note",
            "Support bot",
            "kulkarni-rag-not-dead",
            "She names the costs too.",
        ],
    );
    ok(
        d,
        &[
            "inv",
            "stance",
            "Support bot",
            "bowne-anderson-rag-bot-quick-win",
            "rag-is-obsolete",
            "supports",
        ],
    );
    ok(
        d,
        &[
            "inv",
            "move",
            "Support bot",
            "arik-reembed-instead-of-retrain",
            "1",
        ],
    );

    let show = ok(d, &["inv", "show", "Support bot"]);
    assert!(
        show.contains("  1. arik-reembed-instead-of-retrain"),
        "{show}"
    );
    assert!(show.contains("note: She names the costs too."), "{show}");
    assert!(show.contains("supports (yours): rag-is-obsolete"), "{show}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["inv", "show", "Support bot", "--json"])).unwrap();
    assert_eq!(json["items"].as_array().unwrap().len(), 3);
    let list: serde_json::Value = serde_json::from_str(&ok(d, &["inv", "list", "--json"])).unwrap();
    assert_eq!(list[0]["clip_count"], 3);

    let compare: serde_json::Value =
        serde_json::from_str(&ok(d, &["compare", "Support bot", "--json"])).unwrap();
    let obsolete = compare["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["theme"]["id"] == "rag-is-obsolete")
        .unwrap();
    // Only Kulkarni (opposes) speaks to it among the experts; the user's "supports" on
    // Bowne-Anderson's clip is their reading, beside the class, not in it.
    assert_eq!(obsolete["class"], "single_voice");
    assert_eq!(obsolete["your_readings"][0]["stance"], "supports");
    assert_eq!(obsolete["your_readings"][0]["by"], "user");
    assert!(compare["matrix"]["voices"].as_array().unwrap().len() == 3);
    let page: serde_json::Value = serde_json::from_str(&ok(
        d,
        &["compare", "--page", "rag-vs-fine-tuning", "--json"],
    ))
    .unwrap();
    assert!(!page["findings"].as_array().unwrap().is_empty());

    let stdout_brief = ok(d, &["export", "Support bot"]);
    assert!(stdout_brief.starts_with("---\ntitle: \"Support bot\""));
    assert!(stdout_brief.contains("## Where they disagree"));
    // Outside the data folder: a brief is never written inside it.
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("brief.md");
    ok(d, &["export", "Support bot", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout_brief);
    let refused = run(d, &["export", "Support bot", "-o", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    std::fs::write(&file, "edited").unwrap();
    ok(
        d,
        &[
            "export",
            "Support bot",
            "-o",
            file.to_str().unwrap(),
            "--force",
        ],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout_brief);

    ok(d, &["inv", "rm", "Support bot", "kulkarni-rag-not-dead"]);
    ok(d, &["inv", "rename", "Support bot", "Bot"]);
    assert!(ok(d, &["inv", "list"]).contains("Bot"));
    ok(d, &["inv", "delete", "Bot"]);
    assert!(ok(d, &["inv", "list"]).contains("no investigations yet"));
}

#[test]
fn mistakes_get_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let missing = run(d, &["inv", "add", "nope", "liu-naive-rag-blockers"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no investigation named “nope”"));
    ok(d, &["inv", "new", "x"]);
    let bad_stance = run(
        d,
        &[
            "inv",
            "stance",
            "x",
            "liu-naive-rag-blockers",
            "rag-is-obsolete",
            "maybe",
        ],
    );
    assert!(
        String::from_utf8_lossy(&bad_stance.stderr).contains("supports, opposes, nuanced or clear")
    );
    let not_member = run(d, &["inv", "note", "x", "liu-naive-rag-blockers", "hi"]);
    assert!(String::from_utf8_lossy(&not_member.stderr).contains("in investigation “x”"));
}
