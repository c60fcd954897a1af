//! A full disk and a read-only location, on a real small tmpfs (these tests need the
//! right to mount one, as root in CI has; without it they say so and pass vacuously).
//! Import and export fail with a clear error, the database stays intact and nothing is
//! half-written.

mod common;

#[path = "../benches/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs of `size` mounted on a temp dir, unmounted when dropped.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    fn new(size: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("cannot mount a tmpfs here: skipping the disk-full test");
            return None;
        }
        Some(Mount { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the filesystem, leaving about `leave` bytes.
    fn fill(&self, leave: u64) {
        let stat = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(self.path())
            .output()
            .unwrap();
        let avail: u64 = String::from_utf8_lossy(&stat.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .unwrap();
        let size = avail.saturating_sub(leave);
        std::fs::write(self.path().join("ballast"), vec![0u8; size as usize]).unwrap();
    }

    fn read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn integrity_ok(data: &Path) {
    // Immutable and read-only, so that this works on a read-only filesystem too.
    let uri = format!("file:{}?immutable=1", data.join("dossier.db").display());
    let conn = rusqlite::Connection::open_with_flags(
        uri,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn notebook_with_investigation(data: &Path) {
    for args in [
        &["inv", "new", "Brief"][..],
        &["inv", "add", "Brief", "arik-reembed-instead-of-retrain"][..],
    ] {
        assert!(common::run(data, args).status.success());
    }
}

fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "ballast"))
        .collect()
}

#[test]
fn export_onto_a_full_disk_fails_clearly_and_writes_nothing() {
    let Some(mount) = Mount::new("1m") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    notebook_with_investigation(tmp.path());
    mount.fill(512);
    let target = mount.path().join("brief.md");
    let o = common::run(
        tmp.path(),
        &["export", "Brief", "-o", target.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("brief.md") || err.contains(mount.path().to_str().unwrap()),
        "{err}"
    );
    assert!(
        err.to_lowercase().contains("space"),
        "names the cause: {err}"
    );
    assert!(
        leftovers(mount.path()).is_empty(),
        "no partial or temp file left"
    );
    integrity_ok(tmp.path());
}

#[test]
fn import_onto_a_full_disk_fails_clearly_and_leaves_the_database_intact() {
    let Some(mount) = Mount::new("24m") else {
        return;
    };
    let data = mount.path().join("notebook");
    notebook_with_investigation(&data);
    let corpus = tempfile::tempdir().unwrap();
    synth::write_corpus(corpus.path(), &synth::Shape::for_clips(3000)).unwrap();
    mount.fill(64 * 1024);
    let o = common::run(&data, &["import", corpus.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.to_lowercase().contains("full") || err.to_lowercase().contains("space"),
        "{err}"
    );
    integrity_ok(&data);
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    let synthetic: i64 = conn
        .query_row(
            "SELECT count(*) FROM clips WHERE id LIKE 'syn-%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(synthetic, 0, "all or nothing");
    // With room again, the notebook works and the user's investigation is there.
    std::fs::remove_file(mount.path().join("ballast")).unwrap();
    let show = common::run(&data, &["inv", "show", "Brief", "--json"]);
    assert!(show.status.success(), "{}", stderr(&show));
    assert!(common::run(&data, &["check"]).status.success());
}

#[test]
fn read_only_locations_fail_clearly() {
    let Some(mount) = Mount::new("24m") else {
        return;
    };
    let data = mount.path().join("notebook");
    notebook_with_investigation(&data);
    mount.read_only();
    // Export onto the read-only filesystem.
    let other = tempfile::tempdir().unwrap();
    notebook_with_investigation(other.path());
    let target = mount.path().join("brief.md");
    let o = common::run(
        other.path(),
        &["export", "Brief", "-o", target.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("brief.md"), "{}", stderr(&o));
    // A write to a notebook on it: refused with a clear error, nothing changed.
    let o = common::run(&data, &["inv", "new", "Another"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).to_lowercase().contains("read-only")
            || stderr(&o).to_lowercase().contains("read only"),
        "{}",
        stderr(&o)
    );
    integrity_ok(&data);
}

/// With the disk full, no command gives the advice to move the database aside (which
/// would abandon the user's notes): it says the disk is full and that nothing changed.
#[test]
fn a_full_disk_is_named_as_such_and_never_called_a_bad_database() {
    let Some(mount) = Mount::new("24m") else {
        return;
    };
    let data = mount.path().join("notebook");
    notebook_with_investigation(&data);
    mount.fill(0);
    let before = std::fs::read(data.join("dossier.db")).unwrap();
    for args in [
        &["search", "retrieval"][..],
        &["inv", "new", "Another"][..],
        &[
            "inv",
            "note",
            "Brief",
            "arik-reembed-instead-of-retrain",
            "a note",
        ][..],
    ] {
        let o = common::run(&data, args);
        let err = stderr(&o);
        if o.status.success() {
            // Reading may still work on a full disk; then it must not have changed anything.
            continue;
        }
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            !err.to_lowercase().contains("move it aside"),
            "{args:?}: {err}"
        );
        assert!(err.contains("disk is full"), "{args:?}: {err}");
        assert!(err.contains("nothing was changed"), "{args:?}: {err}");
        assert!(
            err.contains("dossier.db"),
            "names the file: {args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read(data.join("dossier.db")).unwrap(), before);
    std::fs::remove_file(mount.path().join("ballast")).unwrap();
    integrity_ok(&data);
    let list = common::run(&data, &["inv", "list"]);
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(out.contains("Brief") && !out.contains("Another"), "{out}");
}
