//! Fault suite, bounded input (issue 18, item 5): `--limit` is validated, and every file
//! reader stops at its documented cap whatever the file is (a device, a FIFO, a sparse
//! file), saying so, with memory bounded: each run here has its address space limited to
//! 1.5 GiB, which reading /dev/zero without a cap would exhaust.

mod common;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Output;

/// Runs dossier with its address space capped, so unbounded reading fails the test
/// instead of swapping the machine.
fn run_bounded(data: &Path, args: &[&str]) -> Output {
    let mut cmd = common::bin();
    cmd.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("DOSSIER_HOME");
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1536 * 1024 * 1024,
                rlim_max: 1536 * 1024 * 1024,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("dossier runs")
}

fn refused(o: &Output) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(
        o.status.code(),
        Some(1),
        "a clear refusal, not a crash: {err}"
    );
    assert!(!err.contains("memory"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn search_limit_is_one_to_the_documented_maximum() {
    let tmp = tempfile::tempdir().unwrap();
    for bad in [
        "0",
        "1001",
        "999999999999",
        "18446744073709551615",
        "-1",
        "x",
    ] {
        let o = common::run(tmp.path(), &["search", "retrieval", "--limit", bad]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "--limit {bad} is refused");
        assert!(err.contains("1 to 1000"), "--limit {bad}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let max = common::run_json(tmp.path(), &["search", "", "--limit", "1000", "--json"]);
    assert!(max["hits"].as_array().unwrap().len() > 1);
    let one = common::run_json(
        tmp.path(),
        &["search", "retrieval", "--limit", "1", "--json"],
    );
    assert_eq!(one["hits"].as_array().unwrap().len(), 1);
}

#[test]
fn importing_a_device_stops_at_the_cap_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["pages"]);
    let err = refused(&run_bounded(tmp.path(), &["import", "/dev/zero"]));
    assert!(err.contains("/dev/zero"), "{err}");
    assert!(err.contains("16 MiB"), "names the cap: {err}");
    assert!(err.contains("device"), "says what the file is: {err}");
}

#[test]
fn importing_a_transcript_from_a_device_stops_at_the_cap_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["pages"]);
    let err = refused(&run_bounded(
        tmp.path(),
        &["transcript", "import", "https://youtu.be/zero", "/dev/zero"],
    ));
    assert!(err.contains("/dev/zero"), "{err}");
    assert!(err.contains("64 MiB"), "names the cap: {err}");
    assert!(err.contains("device"), "says what the file is: {err}");
}

#[test]
fn a_fifo_that_never_ends_is_read_up_to_the_cap() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["pages"]);
    let fifo = tmp.path().join("endless.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&writer_path)
            .unwrap();
        let chunk = "# a comment line in a corpus file that never ends\n".repeat(1000);
        // Until the reader closes its end.
        while f.write_all(chunk.as_bytes()).is_ok() {}
    });
    let err = refused(&run_bounded(
        tmp.path(),
        &["import", fifo.to_str().unwrap()],
    ));
    writer.join().unwrap();
    assert!(err.contains("endless.toml"), "{err}");
    assert!(err.contains("16 MiB"), "{err}");
    assert!(err.contains("FIFO"), "{err}");
}

#[test]
fn a_huge_sparse_corpus_file_is_refused_before_parsing() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_ok(tmp.path(), &["pages"]);
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let file = std::fs::File::create(corpus.join("huge.toml")).unwrap();
    file.set_len(2 * 1024 * 1024 * 1024).unwrap();
    let err = refused(&run_bounded(
        tmp.path(),
        &["import", corpus.to_str().unwrap()],
    ));
    assert!(err.contains("huge.toml"), "{err}");
    assert!(err.contains("16 MiB"), "{err}");
}
