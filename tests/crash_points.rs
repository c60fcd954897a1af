//! Crashes at chosen moments (`DOSSIER_CRASH_AT`, see `fsutil::crash_point`): the process
//! aborts exactly there, as a power cut would stop it. Unlike timed kills, these land
//! every time, inside the few milliseconds where a brief or a note is being written.

mod common;

use common::run_ok as ok;
use std::path::Path;
use std::process::Output;

fn run_crashing(data: &Path, at: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = common::bin();
    cmd.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("DOSSIER_HOME");
    match at {
        Some(point) => cmd.env("DOSSIER_CRASH_AT", point),
        None => cmd.env_remove("DOSSIER_CRASH_AT"),
    };
    cmd.output().expect("dossier runs")
}

fn crashed(o: &Output) -> bool {
    use std::os::unix::process::ExitStatusExt;
    o.status.signal() == Some(libc::SIGABRT)
}

fn integrity_ok(data: &Path) {
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(r, "ok");
}

fn hidden_temps(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_crash_while_a_brief_is_written_leaves_the_old_one_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(&data, &["inv", "new", "Support bot"]);
    ok(
        &data,
        &[
            "inv",
            "add",
            "Support bot",
            "kulkarni-rag-not-dead",
            "arik-reembed-instead-of-retrain",
        ],
    );
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let brief = out.join("brief.md");
    let old = b"the previous brief, which must survive\n".to_vec();
    for point in ["write-half-done", "write-before-rename"] {
        std::fs::write(&brief, &old).unwrap();
        let o = run_crashing(
            &data,
            Some(point),
            &[
                "export",
                "Support bot",
                "-o",
                brief.to_str().unwrap(),
                "--force",
            ],
        );
        assert!(crashed(&o), "{point}: the crash point was reached");
        let now = std::fs::read(&brief).unwrap();
        assert!(
            now == old,
            "{point}: the old brief is not whole ({} bytes there)",
            now.len()
        );
        assert_eq!(
            hidden_temps(&out).len(),
            1,
            "{point}: the crash left its temp file"
        );
    }
    // The next export completes, and clears what the crashed ones left behind.
    ok(
        &data,
        &[
            "export",
            "Support bot",
            "-o",
            brief.to_str().unwrap(),
            "--force",
        ],
    );
    let new = std::fs::read_to_string(&brief).unwrap();
    assert!(
        new.starts_with("---\n") && new.contains("## Sources"),
        "{new}"
    );
    assert!(hidden_temps(&out).is_empty(), "{:?}", hidden_temps(&out));
}

#[test]
fn a_crash_before_a_note_commits_keeps_the_acknowledged_note() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(&data, &["inv", "new", "Support bot"]);
    ok(
        &data,
        &["inv", "add", "Support bot", "kulkarni-rag-not-dead"],
    );
    ok(
        &data,
        &[
            "inv",
            "note",
            "Support bot",
            "kulkarni-rag-not-dead",
            "saved and acknowledged",
        ],
    );
    let o = run_crashing(
        &data,
        Some("note-before-commit"),
        &[
            "inv",
            "note",
            "Support bot",
            "kulkarni-rag-not-dead",
            "never acknowledged",
        ],
    );
    assert!(crashed(&o));
    integrity_ok(&data);
    let shown = ok(&data, &["inv", "show", "Support bot", "--json"]);
    assert!(shown.contains("saved and acknowledged"), "{shown}");
    assert!(!shown.contains("never acknowledged"), "{shown}");
}

#[test]
fn a_crash_around_an_import_commit_is_all_or_nothing_and_the_index_catches_up() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let corpus = common::write_files(
        &tmp.path().join("user"),
        &[("mine.toml", common::USER_CORPUS)],
    );
    let path = corpus.to_str().unwrap();
    ok(&data, &["pages"]);
    let o = run_crashing(&data, Some("import-before-commit"), &["import", path]);
    assert!(crashed(&o));
    integrity_ok(&data);
    let none = ok(&data, &["search", "zebrafish", "--json"]);
    assert!(
        none.contains("\"total\": 0"),
        "nothing was imported: {none}"
    );
    // Committed, then the crash before the index heard of it: the next start sees the
    // index behind the database and rebuilds it.
    let o = run_crashing(&data, Some("import-before-index"), &["import", path]);
    assert!(crashed(&o));
    integrity_ok(&data);
    let o = run_crashing(&data, None, &["search", "zebrafish", "--json"]);
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("rebuilt the search index"), "{stderr}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("ada-hnsw-recall"));
    ok(&data, &["check"]);
}
