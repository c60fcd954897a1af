//! Writes that change what search sees hold the notebook lock (src/lockfile.rs) from
//! before their SQLite transaction until the index reflects them, merges included. So
//! the index is behind the database only while its writer holds the lock (or after a
//! crash, when the lock is free again), and one write's index update never interleaves
//! with another's.

use super::Library;
use crate::error::Result;
use crate::lockfile::NotebookLock;
use crate::store::IndexScope;
use std::path::Path;

/// Takes the lock of the index in `index_dir` for a write described by `what`.
pub(super) fn lock(index_dir: &Path, what: &str) -> Result<NotebookLock> {
    NotebookLock::acquire(
        &NotebookLock::path_for(index_dir),
        what,
        crate::lockfile::write_wait(),
        &|_| {},
    )
}

impl Library {
    /// Whether another process has written to the notebook since the last call (or since
    /// it was opened). This process's own writes are not counted: their callers know.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        let now = self.store.data_version()?;
        let changed = now != self.seen_version;
        self.seen_version = now;
        Ok(changed)
    }

    pub(super) fn lock_for_write(&self, what: &str) -> Result<NotebookLock> {
        // An index not opened yet is opened first: opening may rebuild it, which takes
        // this same lock.
        self.index()?;
        lock(&self.index_dir(), what)
    }

    /// Brings the index up to date after a committed write (the caller holds the lock).
    /// An index that did not reflect the database before this write (a writer crashed
    /// between its commit and its index update) is rebuilt rather than patched. The write
    /// stands either way: a failure here is returned as a warning, and the next start
    /// rebuilds the index.
    pub(super) fn index_after_write(
        &mut self,
        scope: IndexScope<'_>,
        generation: u64,
    ) -> Option<String> {
        let result = match self.index() {
            Ok(index) if index.reflects(&self.store, generation - 1) => {
                index.update(&self.store, scope, generation)
            }
            _ => crate::search::SearchIndex::rebuild(
                &self.index_dir(),
                &self.store,
                &crate::search::Silent,
            )
            .map(|index| self.index = index.into()),
        };
        // Merges finish before the lock is let go: no other process rebuilds or writes
        // while this one's merge threads still change files.
        self.finish_background_work();
        result
            .err()
            .map(|e| format!("{e}; the index will be rebuilt on the next start"))
    }
}
