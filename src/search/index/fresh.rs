//! Keeping the reader up to date with what other processes commit, without reopening an
//! unchanged index on every search.

use super::SearchIndex;
use std::path::Path;

/// Which `meta.json` the reader last loaded. tantivy replaces the file on every commit
/// (a new file renamed over the old), so a new commit changes its inode or time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct MetaStamp {
    inode: u64,
    modified: std::time::SystemTime,
    len: u64,
}

impl MetaStamp {
    fn of(dir: &Path) -> Option<MetaStamp> {
        let meta = std::fs::metadata(dir.join("meta.json")).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(MetaStamp {
            inode,
            modified: meta.modified().ok()?,
            len: meta.len(),
        })
    }
}

impl SearchIndex {
    /// Picks up what other processes committed to the index. A reload that fails (a
    /// writer elsewhere removed files between reading the index's list and opening them)
    /// keeps the searcher it had, which stays readable: the search is a moment stale
    /// rather than failed.
    ///
    /// Only when the index's list of segments changed: reloading opens every segment
    /// afresh, and with it drops the cache of document blocks that the next keystroke's
    /// results mostly share with this one's.
    pub(in crate::search) fn refresh(&self) {
        let now = MetaStamp::of(&self.dir);
        let mut seen = self.seen_meta.lock().unwrap_or_else(|e| e.into_inner());
        if now.is_some() && *seen == now {
            return;
        }
        for _ in 0..3 {
            if self.reader.reload().is_ok() {
                *seen = now;
                return;
            }
        }
    }
}
