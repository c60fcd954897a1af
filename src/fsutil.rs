//! Writing files so that nothing is ever half-written: a temp file beside the target,
//! synced, then renamed into place. A symlink at the target is never followed.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

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
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
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
