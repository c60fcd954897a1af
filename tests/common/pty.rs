//! The pseudo-terminal harness for end-to-end tests: the real binary in a pty, its
//! screen read through a terminal emulator (vt100). Timeouts only guard against hangs;
//! they judge no speed. Included with `#[path]` by the tests that drive the UI.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 110;
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    bytes: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
}

impl Pty {
    /// Hangs up the terminal, as closing a terminal window or a dropped ssh session does:
    /// every handle on the master side is closed.
    pub fn hang_up(&mut self) {
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

    pub fn spawn(data: &std::path::Path) -> Pty {
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

    pub fn screen(&self) -> vt100::Parser {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        parser.process(&self.bytes.lock().unwrap());
        parser
    }

    pub fn wait_for(&self, text: &str) {
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
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a pid");
        let kill = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(kill.success(), "kill -{name}");
    }

    /// Presses Esc until `text` is on the screen (at most five times).
    pub fn back_to(&mut self, text: &str) {
        for _ in 0..5 {
            if self.screen().screen().contents().contains(text) {
                return;
            }
            self.send("\x1b");
            std::thread::sleep(Duration::from_millis(200));
        }
        self.wait_for(text);
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }

    pub fn wait_exit(&mut self) -> u32 {
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

    pub fn assert_restored(&self) {
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

    pub fn raw(&self) -> Vec<u8> {
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

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
