//! Fault suite, `check` that checks (issue 18, item 6), through the real binary: garbage
//! inside an index document store, a dropped table, an index copied from another
//! notebook; and `check --repair` and `reindex` leave no temp folders, even when they
//! fail.

mod common;

#[path = "../benches/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};

fn largest_store_file(index: &Path) -> PathBuf {
    std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "store"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a segment store")
}

fn no_temp_folders(data: &Path) {
    for name in ["index.building", "index.old"] {
        assert!(!data.join(name).exists(), "{name} left behind");
    }
}

#[test]
fn garbage_inside_a_segment_store_is_found_and_repaired() {
    let tmp = tempfile::tempdir().unwrap();
    // Enough clips for a store of many blocks: the damage is in one in the middle, which
    // opening (it reads each segment's last document) does not touch.
    let corpus = tmp.path().join("corpus");
    synth::write_corpus(&corpus, &synth::Shape::for_clips(3000)).unwrap();
    let data = tmp.path().join("notebook");
    common::run_ok(&data, &["import", corpus.to_str().unwrap()]);
    let store = largest_store_file(&data.join("index"));
    let mut bytes = std::fs::read(&store).unwrap();
    let at = bytes.len() / 3;
    assert!(bytes.len() > 2048, "a store worth damaging");
    for (i, b) in bytes[at..at + 512].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(151).wrapping_add(17);
    }
    std::fs::write(&store, &bytes).unwrap();

    let o = common::run(&data, &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "check finds the damage: {out}");
    assert!(out.contains("problem: search index"), "{out}");
    assert!(out.contains("reindex"), "says what to do: {out}");

    let repaired = common::run_ok(&data, &["check", "--repair"]);
    assert!(repaired.contains("ok:"), "{repaired}");
    common::run_ok(&data, &["check"]);
    let hits = common::run_json(&data, &["search", "retrieval", "--json"]);
    assert!(hits["total"].as_u64().unwrap() > 0);
    no_temp_folders(&data);
}

#[test]
fn a_dropped_table_is_a_problem_not_sound() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["pages"]);
    {
        let conn = rusqlite::Connection::open(tmp.path().join("dossier.db")).unwrap();
        conn.execute_batch("DROP TABLE investigations").unwrap();
    }
    let o = common::run(tmp.path(), &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("table `investigations` is missing"), "{out}");
    assert!(!out.contains("ok:"), "{out}");
}

#[test]
fn an_index_copied_from_another_notebook_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let (mine, theirs) = (tmp.path().join("mine"), tmp.path().join("theirs"));
    let corpus = |name: &str, word: &str| {
        common::write_files(
            &tmp.path().join(name),
            &[(
                "c.toml",
                &common::USER_CORPUS
                    .replace("Zebrafish", word)
                    .replace("quokka", word),
            )],
        )
    };
    // The same history on both: one import each, so the generations match.
    let a = corpus("a", "marmoset");
    let b = corpus("b", "pangolin");
    common::run_ok(&mine, &["import", a.to_str().unwrap()]);
    common::run_ok(&theirs, &["import", b.to_str().unwrap()]);
    std::fs::remove_dir_all(mine.join("index")).unwrap();
    let copy = std::process::Command::new("cp")
        .arg("-a")
        .arg(theirs.join("index"))
        .arg(mine.join("index"))
        .status()
        .unwrap();
    assert!(copy.success());

    let o = common::run(&mine, &["search", "pangolin", "--json"]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("another notebook"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let theirs_hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(theirs_hits["total"], 0, "nothing of theirs: {theirs_hits}");
    let mine_hits = common::run_json(&mine, &["search", "marmoset", "--json"]);
    assert!(mine_hits["total"].as_u64().unwrap() > 0, "{mine_hits}");
    common::run_ok(&mine, &["check"]);
}

#[test]
fn repair_and_reindex_leave_no_temp_folders_even_when_they_fail() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["pages"]);
    let db = tmp.path().join("dossier.db");
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        (
            conn.query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap(),
            conn.query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'clips'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
        )
    };
    // A damaged page under the clips the rebuild reads.
    let mut bytes = std::fs::read(&db).unwrap();
    let at = ((root - 1) * page_size) as usize;
    bytes[at..at + 512].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    for args in [&["check", "--repair"][..], &["reindex"][..]] {
        let o = common::run(tmp.path(), args);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.status.code(), Some(1), "{args:?}: {all}");
        assert!(all.contains("dossier.db"), "{args:?} names the file: {all}");
        no_temp_folders(tmp.path());
    }
    // Nothing else left in the folder but the notebook's own files.
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("dossier.db"))
        .collect();
    names.sort();
    assert_eq!(names, ["index", "index.lock"], "{names:?}");
}
