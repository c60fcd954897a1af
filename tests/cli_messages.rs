//! CLI messages through the real binary (issue 16 item 9): a name is called a name, an OS
//! error is said once, only close matches are suggested, out-of-range positions are
//! clamped and said so, JSON positions count as the CLI does, an import reports every
//! problem with its file and line.

mod common;

use common::{run_fails, run_json, run_ok};

fn notebook() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    run_ok(tmp.path(), &["inv", "new", "Support Bot"]);
    run_ok(
        tmp.path(),
        &[
            "inv",
            "add",
            "Support Bot",
            "arik-reembed-instead-of-retrain",
            "avichala-retrieval-quality-gates",
            "rag-default-advice-for-new-teams",
        ],
    );
    tmp
}

#[test]
fn an_investigation_is_named_and_only_close_names_are_suggested() {
    let tmp = notebook();
    let err = run_fails(tmp.path(), &["inv", "show", "Nope"]);
    assert!(err.contains("no investigation named “Nope”"), "{err}");
    assert!(!err.contains(" id "), "a name, not an id: {err}");
    assert!(!err.contains("Did you mean"), "nothing close: {err}");
    for typed in ["support bot", "Suport Bot", "support"] {
        let err = run_fails(tmp.path(), &["inv", "show", typed]);
        assert!(
            err.contains(&format!(
                "no investigation named “{typed}”. Did you mean “Support Bot”?"
            )),
            "{typed}: {err}"
        );
    }
}

#[test]
fn show_suggests_only_ids_close_to_the_one_given() {
    let tmp = notebook();
    let err = run_fails(tmp.path(), &["show", "nope-id"]);
    assert!(err.contains("no record with id `nope-id`"), "{err}");
    assert!(!err.contains("Did you mean"), "nothing close: {err}");
    for typed in ["arik-reembed-instead-of-retrian", "arik-reembed"] {
        let err = run_fails(tmp.path(), &["show", typed]);
        assert!(
            err.contains("Did you mean `arik-reembed-instead-of-retrain`?"),
            "{typed}: {err}"
        );
    }
}

#[test]
fn move_clamps_out_of_range_positions_and_says_so() {
    let tmp = notebook();
    let out = run_ok(
        tmp.path(),
        &[
            "inv",
            "move",
            "Support Bot",
            "arik-reembed-instead-of-retrain",
            "99",
        ],
    );
    assert_eq!(
        out.trim(),
        "moved arik-reembed-instead-of-retrain to position 3, the last (“Support Bot” has 3 clip(s); you gave 99)"
    );
    let out = run_ok(
        tmp.path(),
        &[
            "inv",
            "move",
            "Support Bot",
            "arik-reembed-instead-of-retrain",
            "0",
        ],
    );
    assert_eq!(
        out.trim(),
        "moved arik-reembed-instead-of-retrain to position 1, the first (positions count from 1; you gave 0)"
    );
    let out = run_ok(
        tmp.path(),
        &[
            "inv",
            "move",
            "Support Bot",
            "arik-reembed-instead-of-retrain",
            "2",
        ],
    );
    assert_eq!(
        out.trim(),
        "moved arik-reembed-instead-of-retrain to position 2"
    );
}

#[test]
fn json_positions_count_from_one_like_the_cli() {
    let tmp = notebook();
    run_ok(
        tmp.path(),
        &[
            "inv",
            "move",
            "Support Bot",
            "rag-default-advice-for-new-teams",
            "1",
        ],
    );
    let json = run_json(tmp.path(), &["inv", "show", "Support Bot", "--json"]);
    let items = json["items"].as_array().unwrap();
    let positions: Vec<u64> = items
        .iter()
        .map(|i| i["position"].as_u64().unwrap())
        .collect();
    assert_eq!(positions, vec![1, 2, 3]);
    assert_eq!(items[0]["clip"]["id"], "rag-default-advice-for-new-teams");
    let text = run_ok(tmp.path(), &["inv", "show", "Support Bot"]);
    assert!(
        text.contains("1. rag-default-advice-for-new-teams"),
        "{text}"
    );
}

#[test]
fn a_data_dir_that_is_a_file_is_said_once_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("notebook");
    std::fs::write(&file, "not a folder").unwrap();
    let err = run_fails(&file, &["pages"]);
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn an_os_error_is_printed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("missing.vtt");
    let err = run_fails(
        tmp.path(),
        &[
            "transcript",
            "import",
            "https://youtu.be/x",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("no/such/dir/brief.md");
    run_ok(tmp.path(), &["inv", "new", "x"]);
    let err = run_fails(tmp.path(), &["export", "x", "-o", target.to_str().unwrap()]);
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
}

#[test]
fn an_import_reports_every_problem_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::write_files(
        &tmp.path().join("mine"),
        &[
            (
                "a.toml",
                "[[voice]]\nid = \"v1\"\nname = \"V\"\nbogus = 1\nother = 2\n\n[[clip]]\nid = \"c1\"\nsource = \"s\"\nvoice = \"v1\"\ngist = \"g\"\nto = \"1:00\"\nat = \"xx\"\nclarity = 50\nwhatever = \"x\"\n",
            ),
            ("b.toml", "[[voice]]\nid = \"v2\"\nnmae = \"W\"\n"),
        ],
    );
    let err = run_fails(tmp.path(), &["import", dir.to_str().unwrap()]);
    for expected in [
        "a.toml:4: not valid corpus TOML: unknown field `bogus`",
        "a.toml:5: not valid corpus TOML: unknown field `other`",
        "a.toml:15: not valid corpus TOML: unknown field `whatever`",
        "a.toml:13: bad time: `xx` is not a time",
        "b.toml:3: not valid corpus TOML: unknown field `nmae`",
    ] {
        assert!(err.contains(expected), "{expected:?} in:\n{err}");
    }
    // `at` is there but not a time: it is not called missing.
    assert!(!err.contains("but no `at`"), "{err}");
}
