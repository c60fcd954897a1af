//! Import reads a folder one file at a time (issue 21 item 4) and is still all or
//! nothing: a clip may name a voice defined in a later file; a problem in the last
//! file leaves nothing written and is reported with the problems of the first, each
//! with its file and line; progress is told after every file; a re-import still
//! replaces a stored clip's stances and page links. Real SQLite and tantivy in temp dirs.

mod common;

use dossier::library::{ImportProgress, ImportStatus};
use std::cell::RefCell;

const VOICES: &str = r#"
[[voice]]
id = "later-voice"
name = "Later Voice"

[[source]]
id = "later-source"
kind = "podcast"
title = "A source defined last"
voices = ["later-voice"]
"#;

fn clip(id: &str, gist: &str, stances: &str) -> String {
    format!(
        "[[clip]]\nid = \"{id}\"\nsource = \"later-source\"\nvoice = \"later-voice\"\nat = \"1:00\"\ngist = \"{gist}\"\nclarity = 60\nstances = {{ {stances} }}\n\n"
    )
}

#[test]
fn a_clip_may_name_a_voice_and_source_defined_in_a_later_file() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let first = clip("early-clip", "Quokka latency budgets first", "");
    let dir = common::write_files(
        &tmp.path().join("mine"),
        &[("a-clips.toml", &first), ("z-people.toml", VOICES)],
    );
    let report = lib.import(&dir).unwrap();
    assert_eq!((report.files, report.clips, report.voices), (2, 1, 1));
    let view = lib.clip("early-clip").unwrap();
    assert_eq!(view.voice.name, "Later Voice");
    assert_eq!(view.source.title, "A source defined last");
    let hits = lib.search("quokka", 10).unwrap();
    assert!(hits.hits.iter().any(|h| h.id == "early-clip"), "indexed");
}

#[test]
fn a_problem_in_the_last_file_writes_nothing_and_is_reported_with_the_first_files() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let generation = lib.store().generation().unwrap();
    // File 1: a bad time on line 6. File 2: fine. File 3: a clip naming no voice there is.
    let bad_time = "[[clip]]\nid = \"c-one\"\nsource = \"later-source\"\nvoice = \"later-voice\"\ngist = \"g\"\nat = \"xx\"\nclarity = 50\n";
    let good = format!("{VOICES}\n{}", clip("c-two", "Fine clip", ""));
    let unknown = "\n[[clip]]\nid = \"c-three\"\nsource = \"later-source\"\nvoice = \"nobody\"\nat = \"2:00\"\ngist = \"g\"\nclarity = 50\n";
    let dir = common::write_files(
        &tmp.path().join("mine"),
        &[("1.toml", bad_time), ("2.toml", &good), ("3.toml", unknown)],
    );
    let err = lib.import(&dir).unwrap_err().to_string();
    for expected in [
        "1.toml:6: bad time: `xx` is not a time",
        "3.toml:2: unknown reference: clip `c-three` has voice `nobody`, but no voice has that id",
    ] {
        assert!(err.contains(expected), "{expected:?} in:\n{err}");
    }
    assert!(lib.clip("c-two").is_err(), "file 2's clip was not kept");
    assert!(
        lib.record("later-voice").is_err(),
        "file 2's voice was not kept"
    );
    assert_eq!(lib.store().generation().unwrap(), generation);

    // Only the last file wrong: still nothing written, the problem named where it is.
    std::fs::write(dir.join("1.toml"), clip("c-one", "Fine too", "")).unwrap();
    let err = lib.import(&dir).unwrap_err().to_string();
    assert!(err.contains("3.toml:2: unknown reference"), "{err}");
    assert!(!err.contains("1.toml"), "{err}");
    assert!(lib.clip("c-one").is_err() && lib.clip("c-two").is_err());

    // Fixed: all three files import.
    std::fs::write(dir.join("3.toml"), clip("c-three", "Third", "")).unwrap();
    assert_eq!(lib.import(&dir).unwrap().clips, 3);
}

#[test]
fn a_duplicate_across_files_names_where_it_was_first_defined() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let one = format!("{VOICES}\n{}", clip("twice", "One", ""));
    let two = format!("\n{}", clip("twice", "Two", ""));
    let dir = common::write_files(
        &tmp.path().join("mine"),
        &[("a.toml", &one), ("b.toml", &two)],
    );
    let err = lib.import(&dir).unwrap_err().to_string();
    assert!(
        err.contains("b.toml:2: duplicate clip id `twice`: first defined at")
            && err.contains("a.toml:12"),
        "{err}"
    );
    assert!(lib.clip("twice").is_err());
}

#[test]
fn a_reimport_replaces_a_stored_clips_stances() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let theme = "[[theme]]\nid = \"my-theme\"\nclaim = \"Small models are enough\"\nkind = \"debate\"\n\n[[theme]]\nid = \"other-theme\"\nclaim = \"Evals first\"\nkind = \"debate\"\n";
    let v1 = format!(
        "{VOICES}\n{theme}\n{}",
        clip("stanced", "Kept", "my-theme = \"supports\"")
    );
    let dir = common::write_files(&tmp.path().join("mine"), &[("a.toml", &v1)]);
    lib.import(&dir).unwrap();
    let themes = |lib: &dossier::Library| -> Vec<String> {
        let view = lib.clip("stanced").unwrap();
        view.clip
            .record
            .stances
            .iter()
            .map(|s| format!("{}={}", s.theme, s.stance))
            .collect()
    };
    assert_eq!(themes(&lib), ["my-theme=supports"]);
    let v2 = format!(
        "{VOICES}\n{theme}\n{}",
        clip("stanced", "Kept", "other-theme = \"opposes\"")
    );
    std::fs::write(dir.join("a.toml"), v2).unwrap();
    lib.import(&dir).unwrap();
    assert_eq!(themes(&lib), ["other-theme=opposes"]);
}

#[derive(Default)]
struct Recorded(RefCell<Vec<ImportStatus>>);

impl dossier::search::Progress for Recorded {
    fn update(&self, _: &str, _: u64, _: u64) {}
}

impl ImportProgress for Recorded {
    fn import(&self, status: &ImportStatus) {
        self.0.borrow_mut().push(*status);
    }
}

#[test]
fn progress_is_told_after_every_file_with_clips_bytes_rate_and_eta() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let clips: String = (0..5)
        .map(|i| clip(&format!("p{i}"), "Progress clip", ""))
        .collect();
    let dir = common::write_files(
        &tmp.path().join("mine"),
        &[("a.toml", &clips), ("b.toml", "\n"), ("c.toml", VOICES)],
    );
    let progress = Recorded::default();
    lib.import_with(&dir, &progress).unwrap();
    let seen = progress.0.borrow();
    let files: Vec<usize> = seen.iter().map(|s| s.files_done).collect();
    assert_eq!(files, [1, 2, 3]);
    assert!(seen.iter().all(|s| s.files_total == 3));
    assert_eq!(seen[0].clips_done, 5);
    let last = seen.last().unwrap();
    assert_eq!(last.clips_done, 5);
    assert_eq!(last.bytes_done, last.bytes_total);
    assert!(last.bytes_total > 0);
    assert_eq!(last.eta(), Some(std::time::Duration::ZERO));
    assert!(seen[0].eta().is_some());
    assert!(last.rate() >= 0.0);
}

#[test]
fn a_bulk_write_builds_again_every_index_it_set_aside() {
    use dossier::model::Origin;
    use dossier::store::{ImportWriter, Store};
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("db.sqlite")).unwrap();
    let indexes = |store: &Store| -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = indexes(&store);
    assert!(before.iter().any(|i| i == "clips_newest"), "{before:?}");
    let stored = Default::default();
    let enforced =
        |tx: &rusqlite::Connection| tx.query_row("PRAGMA foreign_keys", [], |r| r.get::<_, i64>(0));
    store
        .write_import(true, |tx| {
            let mut writer = ImportWriter::new(tx, Origin::User, &stored, true)?;
            writer.write(&Default::default())?;
            // Every secondary index on clips and their links: a row written would
            // update each at a random place. References are checked once, at the end.
            let during: i64 = tx.query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN
                 ('clips_newest', 'clips_updated', 'clips_by_voice', 'clips_by_source',
                  'clip_pages_by_page', 'clip_stances_by_theme')",
                [],
                |r| r.get(0),
            )?;
            assert_eq!(during, 0, "set aside while loading");
            assert_eq!(enforced(tx)?, 0, "row-by-row reference checks are off");
            writer.finish()?;
            Ok(())
        })
        .unwrap();
    assert_eq!(enforced(store.conn()).unwrap(), 1, "and on again after");
    assert_eq!(indexes(&store), before);
    // A bulk writer in a plain write (references enforced row by row) keeps the indexes
    // SQLite looks a voice's or source's clips up through.
    store
        .write(|tx| {
            let mut writer = ImportWriter::new(tx, Origin::User, &stored, true)?;
            let kept: i64 = tx.query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN
                 ('clips_by_voice', 'clips_by_source', 'clip_pages_by_page', 'clip_stances_by_theme')",
                [],
                |r| r.get(0),
            )?;
            assert_eq!(kept, 4);
            writer.write(&Default::default())?;
            writer.finish()?;
            Ok(())
        })
        .unwrap();
    assert_eq!(indexes(&store), before);
}

#[test]
fn a_bulk_write_that_breaks_a_reference_keeps_nothing() {
    use dossier::store::Store;
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("db.sqlite")).unwrap();
    let clips = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM clips", [], |r| r.get(0))
            .unwrap()
    };
    let before = clips(&store);
    let err = store
        .write_import(true, |tx| {
            tx.execute(
                "INSERT INTO clips (id, source_id, voice_id, section, gist, topics, clarity, added, origin, retired, hash, updated_at)
                 VALUES ('c-orphan', 'no-such-source', 'no-such-voice', 'Intro', 'g', '[]', 50, '2026-01-01', 'user', 0, 'h', '2026-01-01')",
                [],
            )?;
            Ok(())
        })
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("missing record") && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(clips(&store), before, "rolled back");
    let enforced: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(enforced, 1);
}
