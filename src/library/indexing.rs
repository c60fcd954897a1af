//! Keeping the search index: opening it (now, or on first need for a notebook opened for
//! reading), and bringing it up to date after a write.

use super::*;

impl Library {
    /// Re-indexes what a write changed; clips show voice names and source titles and are
    /// searched by the claims of the themes they take a stance on, so a changed voice,
    /// source or theme re-indexes its clips too.
    pub(super) fn refresh_index(&mut self, changed: &Changed, generation: u64) -> Result<()> {
        self.refresh_index_with(changed.clone(), generation, &crate::search::Silent)
    }

    /// `refresh_index`, saying how a rebuild goes (and freeing the ids changed first).
    pub(super) fn refresh_index_with(
        &mut self,
        changed: Changed,
        generation: u64,
        progress: &dyn Progress,
    ) -> Result<()> {
        // Past this size a rebuild with every core beats updating document by document.
        const REBUILD_ABOVE: usize = 20_000;
        if changed.clips.len() + changed.pages.len() > REBUILD_ABOVE
            || !self.index()?.reflects(&self.store, generation - 1)
        {
            // What a large write kept (its ids) goes back before the index is built (the
            // rebuild gives freed memory back to the system as it starts reading).
            drop(changed);
            self.index = SearchIndex::rebuild(&self.index_dir(), &self.store, progress)?.into();
            return Ok(());
        }
        let mut clips = changed.clips;
        clips.extend(self.store.clips_referencing(
            &changed.voices,
            &changed.sources,
            &changed.themes,
        )?);
        clips.sort();
        clips.dedup();
        // Cues show their source's title and voices' names too.
        let scope = crate::store::IndexScope {
            clips: &clips,
            pages: &changed.pages,
            transcripts: &changed.sources,
        };
        self.index()?.update(&self.store, scope, generation)
    }

    /// Opens the search index of a notebook opened with [`Library::open_deferred`] (does
    /// nothing when it is open). Returns what a front end should say about it: rebuilt,
    /// or behind while another process brings it up to date.
    pub fn open_index(&mut self, progress: &dyn Progress) -> Result<Option<String>> {
        if self.index.get().is_some() {
            return Ok(None);
        }
        let (index, state) = SearchIndex::open(&self.index_dir(), &self.store, progress)?;
        self.index = index.into();
        Ok(match state {
            search::IndexState::Fresh => None,
            search::IndexState::Rebuilt(reason) => {
                let said = format!("rebuilt the search index ({reason})");
                self.opened.index_rebuilt = Some(reason);
                Some(said)
            }
            search::IndexState::Stale(holder) => {
                let said = format!(
                    "{holder} is updating the search index: results may be a few seconds old"
                );
                self.opened.index_stale = Some(holder);
                Some(said)
            }
        })
    }

    /// The search index, opened now when the notebook was opened without it.
    pub(super) fn index(&self) -> Result<&SearchIndex> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let (index, _) = SearchIndex::open(&self.index_dir(), &self.store, &search::Silent)?;
        Ok(self.index.get_or_init(|| index))
    }

    pub(super) fn index_dir(&self) -> PathBuf {
        self.data_dir.join(INDEX_DIR)
    }
}
