//! Keeping the notebook sound: checks, index rebuilds, background index work.

use super::{DB_FILE, Library};
use crate::corpus;
use crate::error::Result;
use crate::search::Progress;
use crate::search::SearchIndex;

impl Library {
    /// Waits for index merges still running after the last write (they never hold back
    /// search; the next write waits for them anyway).
    pub fn finish_background_work(&self) {
        if let Some(index) = self.index.get() {
            index.finish_merges();
        }
    }

    /// Rebuilds the index from SQLite.
    pub fn reindex(&mut self, progress: &dyn Progress) -> Result<()> {
        let _lock = self.lock_for_write("rebuilding the search index")?;
        self.index = SearchIndex::rebuild(&self.index_dir(), &self.store, progress)?.into();
        Ok(())
    }

    /// Checks database (integrity, and its tables and columns against the migrations),
    /// index (every file's checksum, every stored document, its document count and
    /// which notebook it was built from) and embedded corpus. Returns the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems: Vec<String> = self
            .store
            .integrity_problems()?
            .into_iter()
            .chain(self.store.schema_problems()?)
            .map(|p| {
                format!(
                    "database: {p} (dossier cannot repair its own data: copy {} aside, then try `sqlite3 {DB_FILE} .recover`)",
                    self.data_dir.join(DB_FILE).display()
                )
            })
            .collect();
        match self.index()?.verify(&self.store) {
            Ok(None) => {}
            Ok(Some(reason)) => {
                problems.push(format!("search index: {reason} (run `dossier reindex`)"))
            }
            Err(e) => problems.push(format!("search index: {e} (run `dossier reindex`)")),
        }
        for (id, why) in self.store.unusable_urls()? {
            problems.push(format!(
                "source {id}: {why}; it is not used as a link (fix the URL in its corpus file and import it again)"
            ));
        }
        if let Err(e) = corpus::embedded() {
            problems.extend(e.problems().iter().map(|p| format!("embedded corpus: {p}")));
        }
        Ok(problems)
    }
}
