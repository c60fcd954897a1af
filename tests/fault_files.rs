//! Fault suite, files that are not ours (issue 18, items 2-4): export writes only regular
//! files outside the notebook's folder; another program's SQLite file is refused before
//! any write with its bytes unchanged; a damaged database is named with what to do.

mod common;

use std::path::Path;

fn notebook_with_brief(data: &Path) {
    common::run_ok(data, &["inv", "new", "Brief"]);
    common::run_ok(
        data,
        &["inv", "add", "Brief", "arik-reembed-instead-of-retrain"],
    );
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn export_never_replaces_a_fifo_or_a_socket_even_with_force() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    notebook_with_brief(&data);
    let fifo = tmp.path().join("pipe.md");
    mkfifo(&fifo);
    let socket = tmp.path().join("socket.md");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (target, kind) in [(&fifo, "FIFO"), (&socket, "socket")] {
        let err = common::run_fails(
            &data,
            &["export", "Brief", "-o", target.to_str().unwrap(), "--force"],
        );
        assert!(err.contains(target.to_str().unwrap()), "{err}");
        assert!(err.contains(kind), "names what it is: {err}");
        assert!(err.contains("not a regular file"), "{err}");
    }
    let fifo_type = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(fifo_type.is_fifo(), "the FIFO is still there");
    let socket_type = std::fs::symlink_metadata(&socket).unwrap().file_type();
    assert!(socket_type.is_socket(), "the socket is still there");
}

#[test]
fn export_refuses_any_path_inside_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    notebook_with_brief(&data);
    let db = data.join("dossier.db");
    let before = std::fs::read(&db).unwrap();
    for target in [
        db.clone(),
        data.join("brief.md"),
        data.join("index").join("brief.md"),
        // Through `..` and back: the same folder.
        tmp.path().join("notebook/../notebook/dossier.db"),
    ] {
        let err = common::run_fails(
            &data,
            &["export", "Brief", "-o", target.to_str().unwrap(), "--force"],
        );
        assert!(err.contains("data folder"), "names the reason: {err}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the notebook is intact"
    );
    assert!(!data.join("brief.md").exists());
    let shown = common::run_json(&data, &["inv", "show", "Brief", "--json"]);
    assert_eq!(shown["items"].as_array().unwrap().len(), 1, "{shown}");
    // A path outside it still works.
    let outside = tmp.path().join("brief.md");
    common::run_ok(&data, &["export", "Brief", "-o", outside.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&outside).unwrap().contains("Brief"));
}

/// Another program's database at `data/dossier.db`, with `user_version`.
fn foreign_database(data: &Path, user_version: i64) -> Vec<u8> {
    std::fs::create_dir_all(data).unwrap();
    let db = data.join("dossier.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT);
             INSERT INTO accounts (owner) VALUES ('someone else');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", user_version)
            .unwrap();
    }
    std::fs::read(&db).unwrap()
}

#[test]
fn another_programs_database_is_refused_with_its_bytes_unchanged() {
    for user_version in [0, 3] {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("notebook");
        let before = foreign_database(&data, user_version);
        let db = data.join("dossier.db");
        for args in [&["pages"][..], &["inv", "new", "Mine"][..], &["check"][..]] {
            let err = common::run_fails(&data, args);
            assert!(err.contains(db.to_str().unwrap()), "names the file: {err}");
            assert!(err.contains("another program"), "{err}");
            assert!(err.contains("left untouched"), "{err}");
        }
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "not one byte changed (user_version {user_version})"
        );
        assert!(
            !data.join("dossier.db-wal").exists(),
            "never switched to WAL"
        );
    }
}

#[test]
fn a_notebook_from_before_the_application_id_is_accepted_and_stamped() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["inv", "new", "Old"]);
    let db = tmp.path().join("dossier.db");
    let id = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap()
    };
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        assert_eq!(id(&conn), 0x4453_5352, "a new notebook is stamped");
        conn.pragma_update(None, "application_id", 0).unwrap();
    }
    let list = common::run_ok(tmp.path(), &["inv", "list"]);
    assert!(list.contains("Old"), "{list}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(id(&conn), 0x4453_5352, "stamped on open");
}

#[test]
fn a_corrupt_page_names_the_file_and_points_to_check_and_a_backup() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["pages"]);
    let db = tmp.path().join("dossier.db");
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let page_size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'clips'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (page_size, root)
    };
    assert!(!tmp.path().join("dossier.db-wal").exists(), "checkpointed");
    // Garbage over the clips table's root page: an invalid b-tree page.
    let mut bytes = std::fs::read(&db).unwrap();
    let at = ((root - 1) * page_size) as usize;
    bytes[at..at + 512].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    let err = common::run_fails(tmp.path(), &["show", "arik-reembed-instead-of-retrain"]);
    assert!(err.contains(db.to_str().unwrap()), "names the file: {err}");
    assert!(err.contains("damaged"), "{err}");
    assert!(err.contains("dossier check"), "{err}");
    assert!(err.contains("backup"), "{err}");
    assert!(!err.contains("move it aside"), "{err}");
}
