//! What changed since a moment (digests) and the notebook's visits: when the last one
//! began, and the page it was left on.

use super::Library;
use crate::capture::digest::{self, PageGroup};
use crate::error::Result;
use crate::model::*;
use crate::store::{ChangedRecord, TranscriptInfo};
use std::collections::HashSet;

const VISIT_KEY: &str = "tui_last_visit";
const LAST_PAGE_KEY: &str = "tui_last_page";

/// What arrived or changed in a window.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Digest {
    pub since: String,
    /// The user's own clips (captured, added or imported), listed in `groups`.
    pub clip_count: usize,
    pub groups: Vec<PageGroup>,
    /// What came with the program's built-in corpus: one line, not news.
    pub builtin: digest::BuiltIn,
    /// The user's own pages and sources.
    pub pages: Vec<ChangedRecord>,
    pub sources: Vec<ChangedRecord>,
    pub transcripts: Vec<TranscriptInfo>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.clip_count == 0
            && self.builtin.is_empty()
            && self.pages.is_empty()
            && self.sources.is_empty()
            && self.transcripts.is_empty()
    }
}

impl Library {
    /// Clips, pages, sources and transcripts added or changed after `since`.
    pub fn digest(&self, since: chrono::DateTime<chrono::Utc>) -> Result<Digest> {
        let since = digest::stamp(since);
        let (clips, mut builtin) = digest::split(self.store.clips_changed_since(&since)?);
        let changed = |kind, origin| self.store.records_changed_since(kind, &since, origin);
        builtin.pages = changed(RecordKind::Page, "embedded")?.len();
        builtin.sources = changed(RecordKind::Source, "embedded")?.len();
        Ok(Digest {
            clip_count: clips.len(),
            groups: digest::group(clips),
            builtin,
            pages: changed(RecordKind::Page, "user")?,
            sources: changed(RecordKind::Source, "user")?,
            transcripts: self.store.transcripts_since(&since)?,
            since,
        })
    }

    /// Records the start of a visit to the notebook and returns when the previous one
    /// started (None on the first visit).
    pub fn begin_visit(&mut self) -> Result<Option<String>> {
        let previous = crate::store::meta_get(self.store.conn(), VISIT_KEY)?;
        let now = crate::store::now_iso();
        self.store
            .write(|tx| crate::store::meta_set(tx, VISIT_KEY, &now))?;
        Ok(previous)
    }

    /// The page the notebook was last left on (None before any).
    pub fn last_page(&self) -> Result<Option<String>> {
        crate::store::meta_get(self.store.conn(), LAST_PAGE_KEY)
    }

    /// Remembers the page in view, to reopen it on the next launch.
    pub fn remember_page(&mut self, id: &str) -> Result<()> {
        if self.last_page()?.as_deref() == Some(id) {
            return Ok(());
        }
        self.store
            .write(|tx| crate::store::meta_set(tx, LAST_PAGE_KEY, id))
    }

    /// Ids of clips and pages added or changed after `since` (for "new" marks).
    pub fn changed_ids_since(&self, since: &str) -> Result<HashSet<String>> {
        Ok(self.store.ids_changed_since(since)?.into_iter().collect())
    }
}
