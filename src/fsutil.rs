//! Writing files so that nothing is ever half-written: a temp file beside the target,
//! synced, then renamed into place. A symlink at the target is never followed.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Crash points for tests: with `DOSSIER_CRASH_AT=NAME` in the environment, the process
/// aborts at the point called `NAME`, as a power cut or `kill -9` would stop it there.
/// Tests use them to crash at a chosen moment rather than hoping a timed kill lands.
pub fn crash_point(name: &str) {
    if std::env::var_os("DOSSIER_CRASH_AT").is_some_and(|at| at == name) {
        std::process::abort();
    }
}

/// Removes temp files a crashed write left beside `path` (`.NAME.PID.tmp` of a process
/// that is gone).
fn remove_stale_temps(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: kill with signal 0 only asks whether the process exists.
        let alive = pid > 0 && unsafe { libc::kill(pid, 0) } == 0;
        if !alive {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically. Refuses to replace an existing file unless
/// `force`, and refuses a symlink at `path` always.
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Error::Invalid(format!(
                "{} is a symbolic link; dossier does not write through links. Choose another path.",
                path.display()
            )));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(Error::Invalid(format!(
                "{} is a directory; give a file name",
                path.display()
            )));
        }
        // A device, FIFO or socket is never replaced, even with --force: dossier writes
        // only regular files.
        Ok(meta) if !meta.is_file() => {
            return Err(Error::Invalid(format!(
                "{} is a {}, not a regular file; dossier only writes regular files. Choose another path.",
                path.display(),
                special_kind(&meta).unwrap_or("special file")
            )));
        }
        Ok(_) if !force => {
            return Err(Error::Invalid(format!(
                "{} already exists; pass --force to replace it",
                path.display()
            )));
        }
        _ => {}
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "brief.md".into());
    remove_stale_temps(dir, &name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        file.write_all(first)?;
        crash_point("write-half-done");
        file.write_all(rest)?;
        file.sync_all()?;
        drop(file);
        crash_point("write-before-rename");
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// Why [`read_capped`] returned no bytes.
#[derive(Debug)]
pub enum CappedReadError {
    Io(std::io::Error),
    /// The file holds more than the cap. `kind` says what sort of file it is when it is
    /// not a regular one (a device or a pipe never ends on its own).
    TooLarge {
        cap: u64,
        kind: Option<&'static str>,
    },
}

impl std::fmt::Display for CappedReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CappedReadError::Io(e) => write!(f, "{e}"),
            CappedReadError::TooLarge { cap, kind } => {
                write!(f, "more than {} ", human_bytes(*cap))?;
                if let Some(kind) = kind {
                    write!(f, "(it is a {kind}, not a regular file) ")?;
                }
                write!(
                    f,
                    "and dossier reads at most {} of such a file; stopped reading. Is it the right file?",
                    human_bytes(*cap)
                )
            }
        }
    }
}

/// `16 MiB`, `512 bytes`.
pub fn human_bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// What kind of file `meta` describes, when it is not a regular file.
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("directory")
    } else if t.is_fifo() {
        Some("named pipe (FIFO)")
    } else if t.is_socket() {
        Some("socket")
    } else if t.is_char_device() || t.is_block_device() {
        Some("device")
    } else if t.is_symlink() {
        Some("symbolic link")
    } else {
        Some("special file")
    }
}

/// Reads at most `cap` bytes of `path`, whatever kind of file it is: a regular file's
/// size is checked first, and any file (a device such as /dev/zero, a FIFO) is read
/// through `take(cap + 1)`, so memory never grows past the cap.
pub fn read_capped(path: &Path, cap: u64) -> std::result::Result<Vec<u8>, CappedReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(CappedReadError::Io)?;
    let meta = file.metadata().map_err(CappedReadError::Io)?;
    let kind = special_kind(&meta);
    if kind.is_none() && meta.len() > cap {
        return Err(CappedReadError::TooLarge { cap, kind });
    }
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(CappedReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(CappedReadError::TooLarge { cap, kind });
    }
    Ok(bytes)
}

/// Bytes free for unprivileged use on the filesystem holding `dir`.
pub fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid NUL-terminated path and a statvfs to fill.
    if unsafe { libc::statvfs(c.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    Some(stat.f_bavail as u64 * stat.f_frsize as u64)
}

/// Gives the memory freed so far back to the system: glibc keeps freed heap for reuse,
/// so after a large import its ids would stay in the process's resident size while the
/// search index is built.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the heap to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// While alive, freed heap goes back to the system as it is freed (glibc's own
/// threshold) instead of being kept for reuse. An import reads its files on a thread of
/// its own, whose heap `malloc_trim` cannot shrink afterwards (it gives back the end of
/// the main heap only): what the records read took must go back as they are written.
/// Measured on a 1M-clip import: peak resident size 434 MB without, 411 MB with.
#[must_use = "freed memory is kept for reuse again when this is dropped"]
pub struct GiveBackFreedMemory(());

pub fn give_back_freed_memory() -> GiveBackFreedMemory {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a glibc threshold; the value is within its limits.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 << 10);
    }
    GiveBackFreedMemory(())
}

impl Drop for GiveBackFreedMemory {
    fn drop(&mut self) {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: as in `keep_freed_memory_for_reuse`.
        unsafe {
            libc::mallopt(libc::M_TRIM_THRESHOLD, KEPT_FOR_REUSE);
        }
    }
}

/// Free heap kept for the next write (see `keep_freed_memory_for_reuse`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const KEPT_FOR_REUSE: libc::c_int = 128 << 20;

/// Keeps the memory a write frees for the next one. Every index commit builds, then
/// frees, a term dictionary per field and a term table (a few MB each, a few dozen MB in
/// all); glibc gives blocks that large back to the system at once, so the next save
/// faults every page in again and the kernel zeroes it. Blocks up to 32 MB now come
/// from the heap, and up to 128 MB of free heap is kept for reuse
/// (`release_freed_memory` still returns it all after a large import). Measured on a
/// 100k library, 60 saves each searched: page faults 4.5x fewer, CPU about 15% less;
/// a 100k import's peak resident size was unchanged (253 and 259 MB). Runs once per
/// process.
pub fn keep_freed_memory_for_reuse() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: mallopt only changes glibc's thresholds; values within its limits.
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
                libc::mallopt(libc::M_TRIM_THRESHOLD, KEPT_FOR_REUSE);
            }
        });
    }
}
