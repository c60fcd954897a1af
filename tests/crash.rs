//! Crash safety: `kill -9` the real binary at 20 points during an import and during an
//! export. After each, the database passes `PRAGMA integrity_check`, the import is all or
//! nothing, the index agrees with SQLite, and the brief is the old file or the whole new
//! one. The kill points are spread over the operation's measured length.

mod common;

#[path = "../benches/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const POINTS: u32 = 20;

/// Clips in the killed import: 2,000 in `cargo test` (twenty debug-build imports of 50k
/// would take CI about ten minutes); `DOSSIER_CRASH_CLIPS=50000` runs the size.
const EXPORT_CLIPS: usize = 2_000;

fn clips() -> usize {
    std::env::var("DOSSIER_CRASH_CLIPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn dossier(data: &Path, args: &[&str]) -> Command {
    let mut cmd = common::bin();
    cmd.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("DOSSIER_HOME")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Runs `args`, killing it with SIGKILL after `after` (if still running). Returns whether
/// it finished by itself.
fn run_and_kill(data: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = dossier(data, args).spawn().unwrap();
    let started = Instant::now();
    while started.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    false
}

fn timed(data: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    assert!(dossier(data, args).status().unwrap().success(), "{args:?}");
    started.elapsed()
}

fn integrity_ok(data: &Path) {
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}

fn synthetic_clip_count(data: &Path) -> i64 {
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    conn.query_row(
        "SELECT count(*) FROM clips WHERE id LIKE 'syn-%'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// A notebook opened once (corpus synced, index built), copied for each run.
fn template(tmp: &Path) -> PathBuf {
    let data = tmp.join("template");
    assert!(dossier(&data, &["check"]).status().unwrap().success());
    data
}

#[test]
fn kill_9_during_an_import_leaves_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    synth::write_corpus(&corpus, &synth::Shape::for_clips(clips())).unwrap();
    let corpus = corpus.to_str().unwrap().to_string();
    let template = template(tmp.path());
    let whole = {
        let data = tmp.path().join("measure");
        copy_dir(&template, &data);
        timed(&data, &["import", &corpus])
    };
    let (mut none, mut all) = (0, 0);
    for point in 0..POINTS {
        let data = tmp.path().join(format!("run{point}"));
        copy_dir(&template, &data);
        let after = whole.mul_f64(f64::from(point) / f64::from(POINTS));
        run_and_kill(&data, &["import", &corpus], after);
        integrity_ok(&data);
        let count = synthetic_clip_count(&data);
        assert!(
            count == 0 || count == clips() as i64,
            "point {point}: a partial import of {count} clips"
        );
        if count == 0 {
            none += 1;
        } else {
            all += 1;
        }
        // On the next start the index agrees with SQLite: `check` passes (rebuilding the
        // index if the kill left it behind) and search finds exactly what is stored.
        let check = common::run(&data, &["check"]);
        assert!(
            check.status.success(),
            "point {point}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let found = common::run(&data, &["show", "syn-c0", "--json"]);
        assert_eq!(found.status.success(), count > 0, "point {point}");
        let search = common::run(&data, &["search", "type:clip", "--limit", "1", "--json"]);
        assert!(search.status.success());
    }
    // The spread is meant to hit both sides of the commit.
    eprintln!("{POINTS} kills: {none} before the commit, {all} after");
    assert!(none > 0, "no kill landed before the import committed");
}

#[test]
fn kill_9_during_an_export_leaves_the_old_brief_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    synth::write_corpus(&corpus, &synth::Shape::for_clips(EXPORT_CLIPS)).unwrap();
    let data = template(tmp.path());
    assert!(
        dossier(&data, &["import", corpus.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    let ids: Vec<String> = (0..EXPORT_CLIPS).map(|i| format!("syn-c{i}")).collect();
    let mut args = vec!["inv", "add", "Big"];
    args.extend(ids.iter().map(String::as_str));
    assert!(
        dossier(&data, &["inv", "new", "Big"])
            .status()
            .unwrap()
            .success()
    );
    assert!(dossier(&data, &args).status().unwrap().success());

    let brief = tmp.path().join("brief.md");
    let target = brief.to_str().unwrap();
    let whole = timed(&data, &["export", "Big", "-o", target, "--force"]);
    let complete = std::fs::read(&brief).unwrap();
    let old = b"the previous brief, which must survive a crash\n".to_vec();
    for point in 0..POINTS {
        std::fs::write(&brief, &old).unwrap();
        // The file is written in the last moments of an export (opening the notebook and
        // rendering come first), so the kills are packed into its last 30 percent.
        let after = whole.mul_f64(0.7 + 0.35 * f64::from(point) / f64::from(POINTS));
        run_and_kill(&data, &["export", "Big", "-o", target, "--force"], after);
        let now = std::fs::read(&brief).unwrap();
        assert!(
            now == old || now == complete,
            "point {point}: the brief is neither the old file nor the whole new one ({} bytes)",
            now.len()
        );
    }
    integrity_ok(&data);
}

fn note_of(data: &Path, clip: &str) -> String {
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    conn.query_row(
        "SELECT note FROM investigation_clips WHERE clip_id = ?1",
        [clip],
        |r| r.get(0),
    )
    .unwrap()
}

/// `kill -9` at 20 points while a note is saved: every note a finished command
/// acknowledged is there; a killed one left the previous note or the whole new one,
/// never a mix; the database passes its integrity check each time.
#[test]
fn kill_9_during_a_note_edit_keeps_every_acknowledged_note() {
    let tmp = tempfile::tempdir().unwrap();
    let data = template(tmp.path());
    let clip = "arik-fine-tuning-is-for-behaviour";
    for args in [
        vec!["inv", "new", "Notes"],
        vec!["inv", "add", "Notes", clip],
    ] {
        assert!(
            dossier(&data, &args).status().unwrap().success(),
            "{args:?}"
        );
    }
    let first = "note 0 ".repeat(2_000);
    let whole = timed(&data, &["inv", "note", "Notes", clip, &first]);
    let mut acknowledged = first;
    let (mut kept, mut replaced) = (0, 0);
    for point in 1..=POINTS {
        let text = format!("note {point} ").repeat(2_000);
        let after = whole.mul_f64(f64::from(point) / f64::from(POINTS));
        let finished = run_and_kill(&data, &["inv", "note", "Notes", clip, &text], after);
        integrity_ok(&data);
        let note = note_of(&data, clip);
        if finished {
            assert_eq!(note, text, "point {point}: an acknowledged note is missing");
        } else {
            assert!(
                note == acknowledged || note == text,
                "point {point}: the note is neither the last acknowledged one nor the new one"
            );
        }
        if note == text {
            replaced += 1;
            acknowledged = text;
        } else {
            kept += 1;
        }
    }
    eprintln!(
        "{POINTS} note saves killed or finished: {kept} kept the old note, {replaced} wrote the new one"
    );
    assert!(kept > 0, "no kill landed before the note was written");
}
