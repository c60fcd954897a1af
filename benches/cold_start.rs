//! The real binary in a pseudo-terminal, read through a terminal emulator (vt100), timed
//! from a small process (the bench re-runs itself as a child for this, so that spawning
//! does not copy the memory of the process that imported the library):
//! - cold start: spawn until the screen lists the decision pages (the flagship page's
//!   title is on it), with the page cache warm or with the notebook's files and the
//!   binary evicted from it;
//! - keystroke to results: a key written to the terminal until the screen shows the
//!   results for the query as typed (the search box holds it and "searching…" is gone);
//! - CLI calls: spawn until the first byte of output, and until exit.

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// On the Comparisons list once the pages are loaded: the built-in flagship page.
const PAGES_LISTED: &str = "RAG vs fine-tuning";

/// A running dossier and the screen it draws.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    bytes: Receiver<Vec<u8>>,
    screen: vt100::Parser,
}

impl Session {
    fn spawn(data: &Path) -> (Session, Instant) {
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
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("dossier starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, bytes) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let session = Session {
            child,
            _master: pair.master,
            writer,
            bytes,
            screen: vt100::Parser::new(ROWS, COLS, 0),
        };
        (session, started)
    }

    /// Reads output until `done` holds for the screen; returns when it first held.
    fn wait(&mut self, done: impl Fn(&str) -> bool) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if done(&self.screen.screen().contents()) {
                return Instant::now();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let chunk = self
                .bytes
                .recv_timeout(left)
                .expect("the screen changes within a minute");
            self.screen.process(&chunk);
            // Take everything already written before looking again.
            while let Ok(more) = self.bytes.try_recv() {
                self.screen.process(&more);
            }
        }
    }

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("write keys");
        self.writer.flush().expect("flush keys");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Spawn to the pages listed, once; with `evict`, the notebook's files and the binary
/// are dropped from the page cache first.
pub fn once(data: &Path, evict: bool) -> Duration {
    if evict {
        evict_dir(data);
        evict_file(Path::new(env!("CARGO_BIN_EXE_dossier")));
    }
    let (mut session, started) = Session::spawn(data);
    session.wait(|s| s.contains(PAGES_LISTED)) - started
}

/// Types `text` into the search box `rounds` times (clearing it between rounds) and
/// returns, per round and key, the time until its results are on screen.
pub fn keystrokes(data: &Path, text: &str, rounds: usize) -> Vec<Vec<Duration>> {
    let (mut session, _) = Session::spawn(data);
    session.wait(|s| s.contains(PAGES_LISTED));
    session.send(b"/");
    session.wait(|s| s.contains("┌ Search"));
    let mut samples = Vec::new();
    for _ in 0..rounds {
        let mut round = Vec::new();
        session.send(&[0x15]); // Ctrl-U: clear the query
        session.wait(|s| s.contains("newest clips") && !s.contains("searching…"));
        let mut typed = String::new();
        for c in text.chars() {
            typed.push(c);
            let box_line = format!("│/ {typed}");
            let t = Instant::now();
            session.send(c.to_string().as_bytes());
            let shown = session.wait(|s| {
                s.lines().any(|l| {
                    l.starts_with(&box_line)
                        && l[box_line.len()..].trim_end_matches(['│', ' ']).is_empty()
                }) && !s.contains("searching…")
                    && s.contains("result")
            });
            round.push(shown - t);
        }
        samples.push(round);
    }
    samples
}

fn evict_dir(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            evict_dir(&path);
        } else {
            evict_file(&path);
        }
    }
}

/// Asks the kernel to drop the file's clean pages from its cache.
fn evict_file(path: &Path) {
    use std::os::fd::AsRawFd;
    if let Ok(file) = std::fs::File::open(path) {
        // Only clean pages are dropped: a library just imported is still being written
        // back, so its pages are written first.
        let _ = file.sync_data();
        // SAFETY: a valid open descriptor; the call only gives cache advice.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED);
        }
    }
}

/// A CLI call from spawn to its first byte of output, and to its exit: a command that
/// reads the database only, and one that searches.
pub fn cli_startup(data: &Path) {
    for args in [&["pages"][..], &["search", "retrieval latency"][..]] {
        let mut first = Vec::new();
        let mut done = Vec::new();
        // Three untimed calls first: the evicted starts before left the files out of
        // the page cache.
        for round in 0..43 {
            let t = Instant::now();
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .arg("--data-dir")
                .arg(data)
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("dossier");
            let mut out = child.stdout.take().expect("stdout");
            let mut byte = [0u8; 1];
            let _ = out.read(&mut byte);
            first.push(t.elapsed());
            let _ = std::io::copy(&mut out, &mut std::io::sink());
            let _ = child.wait();
            if round < 3 {
                first.clear();
                continue;
            }
            done.push(t.elapsed());
        }
        let (first, done) = (super::stats::of(first), super::stats::of(done));
        println!(
            "CLI `dossier {}` (real binary, page cache warm, 40 runs): first output p50 {}, p99 {}; exit p50 {} (target: first output ≤ 3 ms)",
            args.join(" "),
            super::stats::ms(first.p50),
            super::stats::ms(first.p99),
            super::stats::ms(done.p50)
        );
    }
}
