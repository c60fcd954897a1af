//! Index damage, through the real binary: every kind is detected, reported by `check`
//! and rebuilt from SQLite; `check --repair` rebuilds and leaves user data alone.

mod common;

use common::run;
use std::path::{Path, PathBuf};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A data dir with an investigation and a note (user data that must survive).
fn library() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["inv", "new", "Keep me", "--question", "Does it survive?"][..],
        &[
            "inv",
            "add",
            "Keep me",
            "arik-reembed-instead-of-retrain",
            "--note",
            "my note",
        ][..],
    ] {
        let o = run(tmp.path(), args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    tmp
}

fn segment_files(index: &Path, ext: &str) -> Vec<PathBuf> {
    std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

fn user_data(dir: &Path) -> String {
    stdout(&run(dir, &["inv", "show", "Keep me", "--json"]))
}

/// Breaks the index one way, then checks that `check` notices and repairs it, that a
/// search still finds the clip, and that the investigation is untouched.
fn damaged_then_repaired(name: &str, damage: impl Fn(&Path)) {
    let tmp = library();
    let before = user_data(tmp.path());
    damage(&tmp.path().join("index"));
    let o = run(tmp.path(), &["check"]);
    let out = stdout(&o);
    assert!(
        o.status.success(),
        "{name}: {out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("repaired: search index"), "{name}: {out}");
    let o = run(tmp.path(), &["search", "re-embedding", "--json"]);
    assert!(
        stdout(&o).contains("arik-reembed-instead-of-retrain"),
        "{name}"
    );
    assert_eq!(user_data(tmp.path()), before, "{name}: user data untouched");
    // Sound now: a second check has nothing to repair.
    let out = stdout(&run(tmp.path(), &["check"]));
    assert!(!out.contains("repaired"), "{name}: {out}");
}

#[test]
fn a_deleted_segment_file_is_rebuilt() {
    damaged_then_repaired("deleted .idx", |index| {
        for f in segment_files(index, "idx") {
            std::fs::remove_file(f).unwrap();
        }
    });
}

#[test]
fn a_truncated_segment_file_is_rebuilt() {
    damaged_then_repaired("truncated .store", |index| {
        for f in segment_files(index, "store") {
            let len = std::fs::metadata(&f).unwrap().len();
            let file = std::fs::OpenOptions::new().write(true).open(&f).unwrap();
            file.set_len(len / 2).unwrap();
        }
    });
}

#[test]
fn garbage_in_meta_json_is_rebuilt() {
    damaged_then_repaired("garbage meta.json", |index| {
        std::fs::write(index.join("meta.json"), b"\x00\xffnot json at all").unwrap();
    });
}

#[test]
fn a_removed_meta_json_is_rebuilt() {
    damaged_then_repaired("removed meta.json", |index| {
        std::fs::remove_file(index.join("meta.json")).unwrap();
    });
}

#[test]
fn an_index_from_another_schema_version_is_rebuilt() {
    damaged_then_repaired("other schema version", |index| {
        let meta = std::fs::read_to_string(index.join("meta.json")).unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&meta).unwrap();
        let payload = json["payload"].as_str().unwrap().to_string();
        let mut payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
        payload["schema"] = serde_json::json!(999);
        json["payload"] = serde_json::Value::String(payload.to_string());
        std::fs::write(index.join("meta.json"), json.to_string()).unwrap();
    });
}

#[test]
fn check_repair_rebuilds_and_never_touches_user_data() {
    let tmp = library();
    let before = user_data(tmp.path());
    let db = std::fs::read(tmp.path().join("dossier.db")).unwrap();
    let o = run(tmp.path(), &["check", "--repair"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("repaired: search index rebuilt from the database"));
    assert!(stdout(&o).contains("ok: database"));
    assert_eq!(user_data(tmp.path()), before);
    // The database file itself is not rewritten by a repair.
    assert_eq!(std::fs::read(tmp.path().join("dossier.db")).unwrap(), db);
}

/// Commands that only read the database (`pages`, `show`, `inv show`) leave an index that
/// records the database's current state unopened: damage in it is found, and repaired,
/// by the first command that searches.
#[test]
fn reading_commands_leave_the_index_closed_until_a_search() {
    let tmp = library();
    for f in segment_files(&tmp.path().join("index"), "idx") {
        std::fs::remove_file(f).unwrap();
    }
    for args in [
        &["pages"][..],
        &["show", "arik-reembed-instead-of-retrain"][..],
        &["inv", "show", "Keep me"][..],
    ] {
        let o = run(tmp.path(), args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{args:?}: {err}");
        assert!(!stdout(&o).is_empty(), "{args:?}");
        assert!(!err.contains("rebuilt"), "{args:?} opened the index: {err}");
    }
    let o = run(tmp.path(), &["search", "re-embedding", "--json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("rebuilt the search index"), "{err}");
    assert!(stdout(&o).contains("arik-reembed-instead-of-retrain"));
}
