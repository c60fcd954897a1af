//! Reading: search, the pages list, a clip, a page, any record by id.

use super::*;

impl Library {
    /// Searches clips and pages. The empty query lists the newest clips. `limit` is 1 to
    /// [`MAX_SEARCH_LIMIT`].
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults> {
        Ok(self.search_with(query, limit, None)?.unwrap_or_default())
    }

    /// Ranks every match exactly while a query could match at most `n` documents; beyond
    /// that, search ranks the best candidates only (see `search::candidates`). For benches
    /// and tests that compare the two ways.
    #[doc(hidden)]
    pub fn set_exact_search_up_to(&mut self, n: u64) {
        if self.index().is_ok()
            && let Some(index) = self.index.get_mut()
        {
            index.set_exact_up_to(n);
        }
    }

    /// Like [`Library::search`], but ends early with `None` once `stop` is asked: a front
    /// end that searches as someone types stops the search for the previous keystroke.
    pub fn search_until(
        &self,
        query: &str,
        limit: usize,
        stop: &search::StopWhen,
    ) -> Result<Option<SearchResults>> {
        self.search_with(query, limit, Some(stop))
    }

    fn search_with(
        &self,
        query: &str,
        limit: usize,
        stop: Option<&search::StopWhen>,
    ) -> Result<Option<SearchResults>> {
        check_limit(limit)?;
        let parsed = search::parse(query);
        if parsed.is_empty() {
            return self.newest(query, limit).map(Some);
        }
        self.index()?.search_until(query, &parsed, limit, stop)
    }

    fn newest(&self, query: &str, limit: usize) -> Result<SearchResults> {
        let clips = self.store.newest_clips(limit)?;
        let ids: Vec<ClipId> = clips.iter().map(|c| c.record.id.clone()).collect();
        let mut records = Vec::new();
        let scope = crate::store::IndexScope {
            clips: &ids,
            ..Default::default()
        };
        self.store.for_each_index_record(Some(scope), |r| {
            records.push(r);
            Ok(())
        })?;
        // Keep the newest-first order of `clips`.
        records.sort_by_key(|r| ids.iter().position(|id| id.as_str() == r.id));
        let total = records.len();
        let hits = records
            .into_iter()
            .map(|r| SearchHit {
                snippet: search::snippet::cut(&r.snippet, &[], 200),
                id: r.id,
                doc_type: r.doc_type.to_string(),
                title: r.title.clone(),
                voice: Some(r.voice),
                source: Some(r.title),
                time_range: Some(r.span).filter(|s| !s.is_empty()),
                start_seconds: r.start,
                score: 0.0,
            })
            .collect();
        Ok(SearchResults {
            query: query.to_string(),
            total,
            hits,
            ..SearchResults::default()
        })
    }

    pub fn pages(&self) -> Result<Vec<PageSummary>> {
        self.store.pages()
    }

    pub(super) fn not_found(kind: &'static str, id: &str) -> Error {
        Error::NotFound {
            kind,
            id: id.to_string(),
            hint: String::new(),
        }
    }

    pub fn clip(&self, id: &str) -> Result<ClipView> {
        let clip = self
            .store
            .clip(id)?
            .ok_or_else(|| Self::not_found("clip", id))?;
        self.clip_view(clip)
    }

    /// Other clips on the same themes as `clip`, clearest first.
    pub fn related_clips(&self, clip: &ClipView, limit: usize) -> Result<Vec<ClipView>> {
        let themes: Vec<ThemeId> = clip
            .clip
            .record
            .stances
            .iter()
            .map(|s| s.theme.clone())
            .collect();
        let mut lookups = Lookups::default();
        self.store
            .clips_on_themes(&themes, clip.clip.record.id.as_str(), limit)?
            .into_iter()
            .map(|c| self.clip_view_with(c, &mut lookups))
            .collect()
    }

    pub fn page(&self, id: &str) -> Result<PageView> {
        let page = self
            .store
            .page(id)?
            .ok_or_else(|| Self::not_found("page", id))?;
        let mut lookups = Lookups::default();
        let clips: Vec<ClipView> = self
            .store
            .clips_for_page(id)?
            .into_iter()
            .map(|c| self.clip_view_with(c, &mut lookups))
            .collect::<Result<_>>()?;
        let mut themes = Vec::new();
        for t in &page.record.themes {
            if let Some(theme) = self.store.theme(t.as_str())? {
                themes.push(theme.record);
            }
        }
        let mut related_titles = Vec::new();
        for r in &page.record.related {
            if let Some(p) = self.store.page(r.as_str())?.filter(|p| !p.retired) {
                related_titles.push((r.clone(), p.record.title));
            }
        }
        let evidence: Vec<_> = clips.iter().map(ClipView::evidence).collect();
        let findings = crate::compare::classify(&themes, &evidence);
        let canonical = self.canonical_view(&page.record, &clips)?;
        Ok(PageView {
            page,
            clips,
            themes,
            findings,
            related_titles,
            canonical,
        })
    }

    /// Finds any record by id: clip, page, voice, source or theme.
    pub fn record(&self, id: &str) -> Result<Record> {
        if self.store.clip(id)?.is_some() {
            return Ok(Record::Clip(Box::new(self.clip(id)?)));
        }
        if self.store.page(id)?.is_some() {
            return Ok(Record::Page(Box::new(self.page(id)?)));
        }
        if let Some(v) = self.store.voice(id)? {
            return Ok(Record::Voice(v));
        }
        if let Some(s) = self.store.source(id)? {
            return Ok(Record::Source(s));
        }
        if let Some(t) = self.store.theme(id)? {
            return Ok(Record::Theme(t));
        }
        let hint = self.close_ids_hint(id)?;
        Err(Error::NotFound {
            kind: "record",
            id: id.to_string(),
            hint,
        })
    }
}
