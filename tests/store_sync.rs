//! The SQLite store: migrations, embedded-corpus sync, and refusing bad database files.

mod common;

use dossier::corpus;
use dossier::store::Store;

#[test]
fn migrating_an_empty_database_creates_every_table() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("x.db")).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, Store::known_schema_version());
    for table in [
        "voices",
        "sources",
        "themes",
        "pages",
        "clips",
        "clip_pages",
        "clip_stances",
        "investigations",
        "investigation_clips",
        "meta",
    ] {
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table}");
    }
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(store.integrity_problems().unwrap().is_empty());
    // Opening again applies nothing twice.
    drop(store);
    Store::open(&tmp.path().join("x.db")).unwrap();
}

#[test]
fn sync_updates_changed_clips_and_retires_removed_ones_without_touching_investigations() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("x.db")).unwrap();
    let (mut corpus, hash) = corpus::embedded().unwrap();
    let first = store.sync_embedded(&corpus, &hash).unwrap();
    assert!(first.ran && first.changed > 0 && first.retired == 0);
    // Same hash: nothing to do.
    assert!(!store.sync_embedded(&corpus, &hash).unwrap().ran);

    // A user investigation refers to the clip that is about to disappear.
    let doomed = corpus.clips[0].id.clone();
    store
        .conn()
        .execute_batch(&format!(
            "INSERT INTO investigations (id, name, created_at, updated_at) VALUES (1, 'mine', 'now', 'now');
             INSERT INTO investigation_clips (investigation_id, clip_id, position, note, added_at) VALUES (1, '{doomed}', 0, 'my note', 'now');"
        ))
        .unwrap();

    let changed_id = corpus.clips[1].id.clone();
    corpus.clips[1].gist = "A rewritten gist.".into();
    corpus.clips.remove(0);
    let generation = store.generation().unwrap();
    let report = store.sync_embedded(&corpus, "hash-2").unwrap();
    assert_eq!((report.changed, report.retired), (1, 1));
    assert!(
        store.generation().unwrap() > generation,
        "the index must learn of the change"
    );

    let changed = store.clip(changed_id.as_str()).unwrap().unwrap();
    assert_eq!(changed.record.gist, "A rewritten gist.");
    let retired = store
        .clip(doomed.as_str())
        .unwrap()
        .expect("a retired clip is kept");
    assert!(retired.retired);
    let note: String = store
        .conn()
        .query_row(
            "SELECT note FROM investigation_clips WHERE clip_id = ?1",
            [doomed.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "my note");
    assert!(
        store
            .newest_clips(1000)
            .unwrap()
            .iter()
            .all(|c| c.record.id != doomed),
        "retired clips are not listed"
    );
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn sync_never_touches_user_records() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open_with_user_corpus(tmp.path());
    drop(lib);
    let mut store = Store::open(&tmp.path().join("dossier.db")).unwrap();
    let (corpus, _) = corpus::embedded().unwrap();
    store.sync_embedded(&corpus, "a-new-hash").unwrap();
    let empty = corpus::Corpus::default();
    let report = store.sync_embedded(&empty, "everything-removed").unwrap();
    assert!(report.retired > 0);
    let mine = store.clip("ada-hnsw-recall").unwrap().unwrap();
    assert!(!mine.retired, "user clips are never retired by a sync");
    assert_eq!(mine.origin, dossier::model::Origin::User);
}

#[test]
fn bad_database_files_are_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 2] = [
        ("empty.db", b"", "empty (0 bytes)"),
        (
            "text.db",
            b"these are my notes, not a database",
            "not a SQLite database",
        ),
    ];
    for (name, bytes, needle) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let Err(failure) = Store::open(&path) else {
            panic!("refused")
        };
        let err = failure.to_string();
        assert!(err.contains(needle) && err.contains(name), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "the file is never overwritten"
        );
    }
}

#[test]
fn a_database_from_a_newer_dossier_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("new.db");
    {
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", 99)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let Err(failure) = Store::open(&path) else {
        panic!("refused")
    };
    let err = failure.to_string();
    assert!(err.contains("newer dossier") && err.contains("99"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
