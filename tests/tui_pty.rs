//! End to end: the real binary in a pseudo-terminal, its screen read through a terminal
//! emulator (vt100). Timeouts here only guard against hangs; they judge no speed.

mod common;

#[path = "../benches/synth.rs"]
mod synth;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 110;
const PATIENCE: Duration = Duration::from_secs(30);

struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    bytes: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
}

impl Pty {
    /// Hangs up the terminal, as closing a terminal window or a dropped ssh session does:
    /// every handle on the master side is closed.
    fn hang_up(&mut self) {
        self.stop_reading
            .store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        // A stand-in master to put in the field, so that the real one can be dropped.
        let dead_master = native_pty_system()
            .openpty(PtySize::default())
            .expect("a pty")
            .master;
        drop(std::mem::replace(&mut self._master, dead_master));
        self.writer = Box::new(std::io::sink());
    }

    fn spawn(data: &std::path::Path) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("dossier starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        // Non-blocking, so that the reader can be stopped and its handle closed (see
        // `hang_up`). The flag is on the open file, which the clone shares.
        let fd = pair.master.as_raw_fd().expect("a master fd");
        // SAFETY: fcntl on a descriptor this process owns, with valid flags.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let writer = pair.master.take_writer().unwrap();
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&bytes);
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(10))
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
        Pty {
            child,
            writer,
            _master: pair.master,
            bytes,
            reader: Some(reader),
            stop_reading,
        }
    }

    fn screen(&self) -> vt100::Parser {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        parser.process(&self.bytes.lock().unwrap());
        parser
    }

    fn wait_for(&self, text: &str) {
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            if self.screen().screen().contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "never saw {text:?}; the screen:\n{}",
            self.screen().screen().contents()
        );
    }

    /// Sends SIG`name` (TERM, HUP, INT) to dossier.
    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a pid");
        let kill = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(kill.success(), "kill -{name}");
    }

    /// Presses Esc until `text` is on the screen (at most five times).
    fn back_to(&mut self, text: &str) {
        for _ in 0..5 {
            if self.screen().screen().contents().contains(text) {
                return;
            }
            self.send("\x1b");
            std::thread::sleep(Duration::from_millis(200));
        }
        self.wait_for(text);
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }

    fn wait_exit(&mut self) -> u32 {
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what the process wrote last.
                std::thread::sleep(Duration::from_millis(200));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("dossier did not exit");
    }

    fn assert_restored(&self) {
        let parser = self.screen();
        assert!(
            !parser.screen().alternate_screen(),
            "the alternate screen was left"
        );
        assert!(!parser.screen().hide_cursor(), "the cursor is shown");
        let raw = self.bytes.lock().unwrap();
        assert!(
            raw.windows(8).any(|w| w == b"\x1b[?1000l"),
            "mouse capture was turned off"
        );
    }

    fn raw(&self) -> Vec<u8> {
        self.bytes.lock().unwrap().clone()
    }
}

/// A test that fails midway must not leave dossier running.
impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn search_open_and_quit_in_a_real_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("/");
    pty.send("speaker:meryem re-embedding");
    // Results of the whole query, not of a prefix still on its way.
    pty.wait_for("1 result ");
    pty.wait_for("Meryem Arik · Deploying LLMs in Production · 40:46–46:42");
    pty.send("\r");
    pty.wait_for("Clarity  90/100");
    pty.send("?");
    pty.wait_for("Keys · Clip");
    pty.send("\x1b");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = common::write_files(
        &tmp.path().join("c"),
        &[("awkward.toml", &common::awkward_corpus())],
    );
    let import = common::bin()
        .arg("--data-dir")
        .arg(tmp.path())
        .arg("import")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );

    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("/zebra");
    pty.wait_for("Hostile zebra");
    pty.send("\r");
    pty.wait_for("<U+202E>evil");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let raw = pty.raw();
    assert!(!contains(&raw, b"\x1b]52"), "no OSC 52 clipboard write");
    assert!(!contains(&raw, b"\x1b]8;"), "no OSC 8 link");
    assert!(
        !contains(&raw, b"\x1b[2J"),
        "no screen clear from the corpus"
    );
    assert!(!contains(&raw, "\u{202E}".as_bytes()), "no bidi override");
    assert!(!contains(&raw, "\u{9b}".as_bytes()), "no C1 CSI");
    pty.assert_restored();
}

#[test]
fn signals_restore_the_terminal_with_128_plus_the_signal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let tmp = tempfile::tempdir().unwrap();
        let mut pty = Pty::spawn(tmp.path());
        pty.wait_for("Comparisons (4)");
        pty.signal(signal);
        assert_eq!(pty.wait_exit(), 128 + number, "SIG{signal}");
        pty.assert_restored();
    }
}

/// The whole research loop in a real terminal: search, add a clip to a new investigation,
/// write a note, export the brief; then a second process sees all of it.
#[test]
fn investigate_note_and_export_then_a_second_process_sees_it() {
    let tmp = tempfile::tempdir().unwrap();
    let brief = tmp.path().join("support-bot.md");
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("/");
    pty.send("speaker:meryem re-embedding");
    // Results of the whole query, not of a prefix still on its way.
    pty.wait_for("1 result ");
    pty.wait_for("Meryem Arik · Deploying LLMs in Production · 40:46–46:42");
    pty.send("\x01"); // Ctrl-A: add to an investigation
    pty.wait_for("new investigation…");
    pty.send("\r");
    pty.wait_for("New investigation");
    pty.send("Support bot\r");
    pty.wait_for("The question it answers");
    pty.send("RAG or fine-tuning?\r");
    pty.wait_for("with the clip in it");
    pty.send("\x1b");
    pty.send("i");
    pty.wait_for("Support bot · 1 clip ");
    pty.send("\t");
    pty.send("w");
    pty.wait_for("Your note");
    pty.send("Re-embedding cost decides it.\rSecond line.");
    pty.send("\x1b");
    pty.wait_for("note saved");
    pty.send("e");
    pty.wait_for("Brief · Support bot");
    pty.send("w");
    pty.wait_for("Write the brief to");
    pty.send("\x15"); // Ctrl-U: clear the suggested name
    pty.send(&format!("{}\r", brief.display()));
    pty.wait_for("brief written to");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    let written = std::fs::read_to_string(&brief).unwrap();
    assert!(written.contains("Re-embedding cost decides it."));
    assert!(written.contains("Meryem Arik"));

    let out = common::run(tmp.path(), &["inv", "show", "Support bot", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["question"], "RAG or fine-tuning?");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]["note"],
        "Re-embedding cost decides it.\nSecond line."
    );
    assert_eq!(items[0]["clip"]["voice"]["name"], "Meryem Arik");
}

/// Starts dossier on a library with one investigation of one clip and opens the note
/// editor on that clip with some text typed.
fn typing_a_note(tmp: &std::path::Path, text: &str) -> Pty {
    for args in [
        &["inv", "new", "Support bot"][..],
        &[
            "inv",
            "add",
            "Support bot",
            "arik-reembed-instead-of-retrain",
        ][..],
    ] {
        let out = common::run(tmp, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut pty = Pty::spawn(tmp);
    pty.wait_for("Comparisons (4)");
    pty.send("i");
    pty.wait_for("Support bot · 1 clip ");
    pty.send("\t");
    pty.send("w");
    pty.wait_for("Your note");
    pty.send(text);
    pty.wait_for(text);
    pty
}

fn note_of(tmp: &std::path::Path) -> String {
    let out = common::run(tmp, &["inv", "show", "Support bot", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["items"][0]["note"].as_str().unwrap().to_string()
}

#[test]
fn a_note_being_typed_survives_a_signal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = typing_a_note(tmp.path(), "typed, not yet saved");
    pty.signal("TERM");
    assert_eq!(pty.wait_exit(), 143);
    pty.assert_restored();
    assert_eq!(note_of(tmp.path()), "typed, not yet saved");
}

#[test]
fn a_note_being_typed_survives_the_terminal_hanging_up() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = typing_a_note(tmp.path(), "typed when the window closed");
    pty.hang_up();
    // The process ends by itself (129: SIGHUP) instead of spinning on a dead terminal.
    assert_eq!(pty.wait_exit(), 129);
    assert_eq!(note_of(tmp.path()), "typed when the window closed");
}

/// Two processes: while the notebook is open, the CLI imports clips and adds to an
/// investigation. Neither hits a lock error, nothing is lost, and the open notebook sees
/// the new clips on its next search and the new clip in the investigation when it
/// reopens the screen.
#[test]
fn the_open_notebook_sees_what_another_process_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::run(tmp.path(), &["inv", "new", "Shared"]);
    assert!(out.status.success());
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("i");
    pty.wait_for("Shared · 0 clips");

    let corpus = common::write_files(
        &tmp.path().join("mine"),
        &[("mine.toml", common::USER_CORPUS)],
    );
    let import = common::run(tmp.path(), &["import", corpus.to_str().unwrap()]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let add = common::run(
        tmp.path(),
        &["inv", "add", "Shared", "arik-reembed-instead-of-retrain"],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );

    // The investigation screen reloads when opened again.
    pty.send("\x1b");
    pty.send("i");
    pty.wait_for("Shared · 1 clip ");
    // A search finds the clip imported by the other process.
    pty.send("/");
    pty.send("speaker:");
    let first_voice = common::USER_CORPUS
        .lines()
        .find_map(|l| l.strip_prefix("name = \""))
        .and_then(|rest| rest.split('"').next())
        .expect("the user corpus names a voice");
    pty.send(&first_voice.split(' ').next().unwrap().to_lowercase());
    pty.wait_for(first_voice);
    pty.send("\x1b");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// The hostile fixture (tests/common/hostile.rs: 50 payloads in every field, a 10 MB line,
/// a transcript) through every screen: pages, a page's compare, search, each clip, help,
/// the new-clip form and the picker, a transcript and a clip cut from it, the huge line,
/// investigations with notes, compare and side by side, the export preview and the digest.
/// Nothing but drawing reaches the terminal.
#[test]
fn every_screen_shows_the_hostile_fixture_inertly() {
    use common::hostile;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    hostile::build_notebook(&data, true);
    let mut pty = Pty::spawn(&data);
    pty.wait_for("Comparisons (5)");
    // The hostile page and its compare.
    pty.send("j");
    pty.wait_for("A vs B");
    pty.send("?");
    pty.wait_for("Keys · ");
    pty.send("\x1b");
    pty.send("\t");
    pty.send("jjjjjjjjjj");
    pty.send("c");
    pty.wait_for("Compare · Hostile page");
    pty.send("\x1b");
    // Every clip of payloads, found by its word; on one of them help, form and picker.
    pty.send("/");
    for (chunk, word) in hostile::CHUNK_WORDS
        .iter()
        .enumerate()
        .take(hostile::chunks())
    {
        pty.send("\x15");
        pty.send(&format!("zebra {word}"));
        pty.wait_for(&format!("zebra {word} payloads"));
        pty.send("\r");
        pty.wait_for("Other clips on the same themes");
        if chunk == 0 {
            pty.send("?");
            pty.wait_for("Keys · Clip");
            pty.send("\x1b");
            pty.send("n");
            pty.wait_for("New clip");
            pty.send("\x1b");
            pty.send("a");
            pty.wait_for("new investigation");
            pty.send("\x1b");
        }
        pty.send("\x1b");
        pty.wait_for("/ zebra");
    }
    // The transcript, and a clip cut from two of its cues.
    pty.send("\x15");
    pty.send("type:transcript zebra");
    pty.wait_for("50 results");
    pty.send("\r");
    pty.wait_for("transcript, 50 cues");
    pty.send("vjc");
    pty.wait_for("New clip");
    // Closing the form (cut text is not typed text, so nothing to confirm), dropping the
    // selection, back to search.
    pty.send("\x1b");
    pty.send("\x1b");
    pty.send("\x1b");
    // The 10 MB line (the screen lays out its first 64 KiB; tui::text tests the cut).
    pty.wait_for("/ type:transcript");
    pty.send("\x15");
    pty.send("aardwolf");
    pty.wait_for("1 result");
    pty.send("\r");
    pty.wait_for("aardwolf megabytes of one line");
    pty.send("jjj");
    pty.send("\x1b");
    pty.send("\x1b");
    // Investigations: notes, compare, side by side, the export preview.
    pty.send("i");
    pty.wait_for("10 clips");
    pty.send("c");
    pty.wait_for("Compare · # Hostile");
    pty.send("\r");
    pty.send("\x1b");
    pty.send("v");
    pty.back_to("┌ Investigations");
    pty.send("e");
    pty.wait_for("preview (w writes it to a file)");
    pty.send("\x1b[6~\x1b[6~\x1b[6~");
    pty.back_to("Comparisons (5)");
    pty.send("N");
    pty.wait_for("What's new");
    pty.send("\x1b");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    let problems = common::hostile::terminal_problems(&pty.raw());
    assert!(problems.is_empty(), "reached the terminal: {problems:?}");
}

/// SIGTERM, SIGHUP and SIGINT reach the notebook while another process imports 20,000
/// clips into it: each time the terminal is restored and the exit code is 128 plus the
/// signal; the import, running on, commits whole; the database passes its integrity check.
#[test]
fn signals_during_an_import_restore_the_terminal_and_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    let corpus = tmp.path().join("corpus");
    let clips = 20_000;
    synth::write_corpus(&corpus, &synth::Shape::for_clips(clips)).unwrap();
    assert!(common::run(&data, &["check"]).status.success());
    let mut import = common::bin()
        .arg("--data-dir")
        .arg(&data)
        .arg("import")
        .arg(&corpus)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut signalled_during_the_import = 0;
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let mut pty = Pty::spawn(&data);
        pty.wait_for("Comparisons (4)");
        if import.try_wait().unwrap().is_none() {
            signalled_during_the_import += 1;
        }
        pty.signal(signal);
        assert_eq!(pty.wait_exit(), 128 + number, "SIG{signal}");
        pty.assert_restored();
    }
    let finished = import.wait_with_output().unwrap();
    assert!(
        finished.status.success(),
        "{}",
        String::from_utf8_lossy(&finished.stderr)
    );
    assert!(
        signalled_during_the_import > 0,
        "the import ended before any signal was sent"
    );
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let imported: i64 = conn
        .query_row(
            "SELECT count(*) FROM clips WHERE id LIKE 'syn-%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(imported, clips as i64);
    assert!(common::run(&data, &["check"]).status.success());
}
