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
