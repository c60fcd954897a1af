//! The notebook's write lock: `index.lock` beside the index, held (an exclusive `flock`)
//! by the one process that writes to the search index or rebuilds it, from before its
//! SQLite write until the index reflects it. The file names its owner (pid and what it
//! is doing) so that others can say whom they are waiting for. The kernel releases the
//! lock when its owner dies, so a lock left by a killed process is simply taken over.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a write waits for another process's write before saying busy: long enough
/// for an import of 20,000 clips in a debug build on a loaded machine (one lock, its
/// whole transaction and index update). `DOSSIER_WRITE_WAIT_MS` sets another wait, for
/// tests.
pub fn write_wait() -> Duration {
    std::env::var("DOSSIER_WRITE_WAIT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(120), Duration::from_millis)
}

pub struct NotebookLock {
    file: File,
}

/// Who holds the lock, as its owner wrote it: `process 1234 (importing)`.
pub fn holder(path: &Path) -> Option<String> {
    let mut text = String::new();
    File::open(path).ok()?.read_to_string(&mut text).ok()?;
    let mut lines = text.lines();
    let pid: u32 = lines.next()?.trim().parse().ok()?;
    let what = lines.next().unwrap_or("").trim();
    Some(if what.is_empty() {
        format!("dossier process {pid}")
    } else {
        format!("dossier process {pid} ({what})")
    })
}

/// Who holds the lock right now, if anyone does (the file may name a past owner).
pub fn held_by(path: &Path) -> Option<String> {
    let file = File::open(path).ok()?;
    // SAFETY: flock on a file descriptor we own; a shared lock never rewrites the file.
    let free = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) } == 0;
    if free {
        // SAFETY: as above.
        unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_UN) };
        return None;
    }
    holder(path).or_else(|| Some("another dossier process".into()))
}

fn open(path: &Path) -> Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })
}

impl NotebookLock {
    /// The lock file for the index in `index_dir`.
    pub fn path_for(index_dir: &Path) -> PathBuf {
        index_dir.with_extension("lock")
    }

    /// Takes the lock if no other process holds it.
    pub fn try_acquire(path: &Path, what: &str) -> Result<Option<NotebookLock>> {
        let file = open(path)?;
        // SAFETY: flock on a file descriptor we own.
        let got = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
        if !got {
            let e = std::io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
                return Ok(None);
            }
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: e,
            });
        }
        let mut lock = NotebookLock { file };
        lock.describe(what);
        Ok(Some(lock))
    }

    /// Waits up to `wait` for the lock; `waiting` is told once whom it waits for, when
    /// the wait is not short. Past `wait`, `Busy` naming the holder.
    pub fn acquire(
        path: &Path,
        what: &str,
        wait: Duration,
        waiting: &dyn Fn(&str),
    ) -> Result<NotebookLock> {
        let started = Instant::now();
        let mut told = false;
        loop {
            if let Some(lock) = Self::try_acquire(path, what)? {
                return Ok(lock);
            }
            if started.elapsed() >= wait {
                return Err(Error::Busy(holder(path)));
            }
            if !told && started.elapsed() > Duration::from_millis(500) {
                if let Some(who) = holder(path) {
                    waiting(&who);
                }
                told = true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Records the owner in the file: pid, then what it does.
    fn describe(&mut self, what: &str) {
        let _ = self.file.set_len(0);
        let _ = self.file.rewind();
        let _ = write!(self.file, "{}\n{what}\n", std::process::id());
    }
}

impl Drop for NotebookLock {
    fn drop(&mut self) {
        // Closing the file releases the flock; unlock first so that nothing that
        // duplicated the descriptor keeps it.
        // SAFETY: flock on a file descriptor we own.
        unsafe {
            libc::flock(self.file.as_raw_fd(), libc::LOCK_UN);
        }
    }
}
