//! Where corpus files come from: the corpus compiled into the binary, or a folder or
//! file on disk (read with a cap on size).

use super::{CorpusError, CorpusFile, Problem};
use std::path::{Path, PathBuf};

/// The corpus compiled into the binary.
static EMBEDDED: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/corpus");

/// The files of the embedded corpus, in a stable order.
pub fn embedded_files() -> Vec<CorpusFile> {
    let mut files = Vec::new();
    collect_embedded(&EMBEDDED, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect_embedded(dir: &include_dir::Dir<'static>, out: &mut Vec<CorpusFile>) {
    for file in dir.files() {
        let path = format!("corpus/{}", file.path().display());
        if is_corpus_file(file.path()) {
            out.push(CorpusFile {
                path,
                bytes: Ok(file.contents().to_vec()),
            });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

pub(super) fn is_corpus_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("toml" | "md")
    ) && !path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
}

/// The corpus files of a directory (recursively, in a stable order) or the one file
/// named, without reading them: an import reads them one at a time.
pub fn paths_at(path: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut paths = Vec::new();
    walk(path, &mut paths).map_err(|e| {
        CorpusError::Invalid(vec![Problem {
            file: path.display().to_string(),
            line: 0,
            message: format!("cannot read directory: {e}"),
        }])
    })?;
    paths.retain(|p| is_corpus_file(p));
    paths.sort();
    if paths.is_empty() {
        return Err(CorpusError::Invalid(vec![Problem {
            file: path.display().to_string(),
            line: 0,
            message: "no corpus files (.toml or .md) found here".into(),
        }]));
    }
    Ok(paths)
}

/// Reads a corpus directory (recursively) or a single file from disk, whole (at most
/// MAX_CORPUS_TOTAL_BYTES in all). An import does not: it reads one file at a time.
pub fn files_at(path: &Path) -> Result<Vec<CorpusFile>, CorpusError> {
    let is_dir = path.is_dir();
    let mut out = Vec::new();
    let mut total = 0u64;
    for p in paths_at(path)? {
        let file = read_file(&p);
        total += file.bytes.as_ref().map_or(0, |b| b.len() as u64);
        out.push(file);
        if is_dir && total > MAX_CORPUS_TOTAL_BYTES {
            return Err(CorpusError::Invalid(vec![Problem {
                file: path.display().to_string(),
                line: 0,
                message: format!(
                    "more than {} of corpus files in all; dossier stopped reading at {} (import a smaller folder at a time)",
                    crate::fsutil::human_bytes(MAX_CORPUS_TOTAL_BYTES),
                    p.display()
                ),
            }]));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), out)?;
        } else if kind.is_file() || kind.is_symlink() {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// The largest corpus file read (the parser never sees more): 10,000 clips take about
/// 4 MiB.
pub const MAX_CORPUS_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The most a folder's corpus files may hold in all when read whole (`files_at`; an
/// import streams and has no such cap): 50,000 clips take about 20 MiB.
pub const MAX_CORPUS_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

pub(super) fn read_file(path: &Path) -> CorpusFile {
    use crate::fsutil::{CappedReadError, read_capped};
    CorpusFile {
        path: path.display().to_string(),
        bytes: read_capped(path, MAX_CORPUS_FILE_BYTES).map_err(|e| match e {
            CappedReadError::Io(e) => format!("unreadable file: {e}"),
            too_large => too_large.to_string(),
        }),
    }
}
