//! The files of a followed folder, listed with their size and modification time so that
//! a sync reads only the files that may have changed.

use super::CorpusFile;
use std::path::{Path, PathBuf};

/// One corpus file in a folder: its path relative to the folder (with `/`), size and
/// modification time in nanoseconds.
#[derive(Clone, Debug)]
pub struct Listed {
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
    pub mtime_ns: i64,
}

/// Lists the corpus files (`.toml`, `.md`, not README.md) under `dir`, sorted by path.
/// Hidden folders (`.git`) are skipped.
pub fn list(dir: &Path) -> std::io::Result<Vec<Listed>> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Listed>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follows symlinks: a link to a file or folder counts as what it points at.
        let meta = std::fs::metadata(&path)?;
        if meta.is_dir() {
            walk(root, &path, out)?;
        } else if meta.is_file() && super::is_corpus_file(&path) {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            out.push(Listed {
                rel,
                path,
                size: meta.len(),
                mtime_ns,
            });
        }
    }
    Ok(())
}

/// Reads one listed file (capped like every corpus file), named by its full path.
pub fn read(file: &Listed) -> CorpusFile {
    super::read_file(&file.path)
}

/// The SHA-256 of a file's bytes, in hex (empty for a file that could not be read).
pub fn hash(file: &CorpusFile) -> String {
    use sha2::{Digest, Sha256};
    match &file.bytes {
        Ok(bytes) => Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        Err(_) => String::new(),
    }
}
