//! Migration 0005 rebuilds the clips table (clarity becomes optional): a notebook written
//! by the schema before it keeps every row, link, index and reference.

mod common;

use dossier::store::Store;
use rusqlite::{Connection, params};

/// A notebook at schema version 3, as the release before 0005 left it: a clip with its
/// stance and page link, in an investigation with a note and an override.
fn notebook_at_version_3(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    for sql in [
        include_str!("../migrations/0001_initial.sql"),
        include_str!("../migrations/0002_investigation_stances.sql"),
        include_str!("../migrations/0003_transcripts.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    let (corpus, _) = dossier::corpus::embedded().unwrap();
    let mut page = corpus.pages[0].clone();
    page.id = dossier::model::PageId::new("p");
    conn.execute(
        "INSERT INTO pages (id, title, body, origin, hash, updated_at) VALUES ('p', 'Page', ?1, 'user', 'h', 't')",
        [serde_json::to_string(&page).unwrap()],
    )
    .unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 3;
         INSERT INTO voices (id, name, origin, hash, updated_at) VALUES ('v', 'Vee', 'user', 'h', 't');
         INSERT INTO sources (id, kind, title, origin, hash, updated_at) VALUES ('s', 'talk', 'Talk', 'user', 'h', 't');
         INSERT INTO themes (id, claim, kind, origin, hash, updated_at) VALUES ('th', 'A claim', 'debate', 'user', 'h', 't');
         INSERT INTO clips (id, source_id, voice_id, start_s, gist, clarity, added, origin, hash, updated_at)
             VALUES ('c', 's', 'v', 12, 'the gist', 77, '2026-01-01', 'user', 'h', 't');
         INSERT INTO clip_pages (clip_id, page_id, position) VALUES ('c', 'p', 0);
         INSERT INTO clip_stances (clip_id, theme_id, stance) VALUES ('c', 'th', 'supports');
         INSERT INTO investigations (id, name, created_at, updated_at) VALUES (1, 'inv', 't', 't');
         INSERT INTO investigation_clips (investigation_id, clip_id, position, note, added_at)
             VALUES (1, 'c', 0, 'my note', 't');
         INSERT INTO investigation_stances (investigation_id, clip_id, theme_id, stance)
             VALUES (1, 'c', 'th', 'opposes');",
    )
    .unwrap();
}

#[test]
fn the_clips_rebuild_keeps_rows_links_indexes_and_references() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("dossier.db");
    notebook_at_version_3(&path);
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, Store::known_schema_version());
    let fk_on: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk_on, 1, "foreign keys are back on after migrating");

    let (clarity, gist): (Option<i64>, String) = conn
        .query_row("SELECT clarity, gist FROM clips WHERE id = 'c'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((clarity, gist.as_str()), (Some(77), "the gist"));
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM clip_pages WHERE clip_id = 'c'"),
        1
    );
    assert_eq!(
        count("SELECT count(*) FROM clip_stances WHERE clip_id = 'c' AND set_by = 'corpus'"),
        1,
        "the old table's drop did not cascade; old stances are the corpus's"
    );
    assert_eq!(
        count("SELECT count(*) FROM investigation_clips WHERE note = 'my note'"),
        1
    );
    assert_eq!(count("SELECT count(*) FROM investigation_stances"), 1);
    assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    for index in [
        "clips_newest",
        "clips_by_voice",
        "clips_by_source",
        "clips_updated",
    ] {
        assert_eq!(
            count(&format!(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{index}' AND tbl_name = 'clips'"
            )),
            1,
            "index {index}"
        );
    }
    // Other tables' references follow the rebuilt table: a dangling clip is refused,
    // and deleting a clip still cascades to its links.
    assert!(
        conn.execute(
            "INSERT INTO clip_pages (clip_id, page_id, position) VALUES ('missing', 'p', 1)",
            [],
        )
        .is_err()
    );
    // Clarity is optional now, and still bounded.
    conn.execute(
        "INSERT INTO clips (id, source_id, voice_id, start_s, gist, clarity, added, origin, hash, updated_at)
         VALUES ('unrated', 's', 'v', 30, 'g', NULL, '2026-01-02', 'user', 'h', 't')",
        [],
    )
    .unwrap();
    assert!(
        conn.execute(
            "UPDATE clips SET clarity = ?1 WHERE id = 'unrated'",
            params![101],
        )
        .is_err()
    );
    conn.execute("DELETE FROM investigation_clips", []).unwrap();
    conn.execute("DELETE FROM investigation_stances", [])
        .unwrap();
    conn.execute("DELETE FROM clips WHERE id = 'c'", [])
        .unwrap();
    assert_eq!(count("SELECT count(*) FROM clip_stances"), 0);
    assert_eq!(count("SELECT count(*) FROM clip_pages"), 0);
}

#[test]
fn a_migrated_notebook_opens_with_the_built_in_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    notebook_at_version_3(&tmp.path().join("dossier.db"));
    let lib = common::open(tmp.path());
    let view = lib.investigation("inv").unwrap();
    assert_eq!(view.items[0].note, "my note");
    assert_eq!(view.items[0].clip.clip.record.clarity, Some(77));
    assert!(lib.clip("arik-reembed-instead-of-retrain").is_ok());
}
