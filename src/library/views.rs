//! Building `ClipView`s. A clip's voice, source, pages and themes are looked up once per
//! batch: an investigation of 1,000 clips by 10 voices reads 10 voices, not 1,000.

use super::{CanonicalView, ClipView, Library};
use crate::error::Result;
use crate::links::{LEAD_IN, deep_link};
use crate::model::{Clip, Page, Source, Theme, Voice, clarity_band};
use crate::store::Stored;
use std::collections::HashMap;
use std::sync::Arc;

/// Records already read while building a batch of clip views.
#[derive(Default)]
pub(crate) struct Lookups {
    /// Shared by every view of the batch: a voice of 100 clips is one record, not 100.
    voices: HashMap<String, Arc<Voice>>,
    sources: HashMap<String, Arc<Source>>,
    /// Page id to title (`None`: no such page).
    page_titles: HashMap<String, Option<String>>,
    themes: HashMap<String, Option<Theme>>,
}

impl Lookups {
    /// Reads the voices and sources of many clips at once, so that building their views
    /// asks the database nothing more for them (a 1,000-clip investigation: two queries
    /// instead of two thousand).
    pub(crate) fn prefetch<'a>(
        &mut self,
        store: &crate::store::Store,
        clips: impl Iterator<Item = &'a Clip> + Clone,
    ) -> Result<()> {
        let mut voices: Vec<&str> = clips.clone().map(|c| c.voice.as_str()).collect();
        voices.sort_unstable();
        voices.dedup();
        voices.retain(|v| !self.voices.contains_key(*v));
        for (id, v) in store.voices_by_id(&voices)? {
            self.voices.insert(id, Arc::new(v.record));
        }
        let mut sources: Vec<&str> = clips.map(|c| c.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        sources.retain(|s| !self.sources.contains_key(*s));
        for (id, s) in store.sources_by_id(&sources)? {
            self.sources.insert(id, Arc::new(s.record));
        }
        Ok(())
    }
}

/// The record `id` from `seen`, or loaded and kept there.
fn cached<T>(
    seen: &mut HashMap<String, Arc<T>>,
    id: &str,
    load: impl FnOnce(&str) -> Result<T>,
) -> Result<Arc<T>> {
    if let Some(found) = seen.get(id) {
        return Ok(Arc::clone(found));
    }
    let loaded = Arc::new(load(id)?);
    seen.insert(id.to_string(), Arc::clone(&loaded));
    Ok(loaded)
}

impl Library {
    pub(crate) fn clip_view(&self, clip: Stored<Clip>) -> Result<ClipView> {
        self.clip_view_with(clip, &mut Lookups::default())
    }

    pub(crate) fn clip_view_with(
        &self,
        clip: Stored<Clip>,
        lookups: &mut Lookups,
    ) -> Result<ClipView> {
        let c = &clip.record;
        let voice = cached(&mut lookups.voices, c.voice.as_str(), |id| {
            Ok(self
                .store
                .voice(id)?
                .ok_or_else(|| Self::not_found("voice", id))?
                .record)
        })?;
        let source = cached(&mut lookups.sources, c.source.as_str(), |id| {
            Ok(self
                .store
                .source(id)?
                .ok_or_else(|| Self::not_found("source", id))?
                .record)
        })?;
        let deep_link = source
            .url
            .as_ref()
            .and_then(|u| deep_link(u, c.span.start_seconds(), LEAD_IN));
        let mut page_titles = Vec::new();
        for p in &c.pages {
            if !lookups.page_titles.contains_key(p.as_str()) {
                let title = self.store.page(p.as_str())?.map(|page| page.record.title);
                lookups.page_titles.insert(p.0.clone(), title);
            }
            if let Some(Some(title)) = lookups.page_titles.get(p.as_str()) {
                page_titles.push((p.clone(), title.clone()));
            }
        }
        let mut themes = Vec::new();
        for s in &c.stances {
            if !lookups.themes.contains_key(s.theme.as_str()) {
                let theme = self.store.theme(s.theme.as_str())?.map(|t| t.record);
                lookups.themes.insert(s.theme.0.clone(), theme);
            }
            if let Some(Some(theme)) = lookups.themes.get(s.theme.as_str()) {
                themes.push((theme.clone(), s.stance));
            }
        }
        Ok(ClipView {
            time_range: c.span.label(),
            clip,
            voice,
            source,
            deep_link,
            page_titles,
            themes,
        })
    }
}

impl Library {
    /// The page's canonical clip with the page's note on it. Looked up outside the page's
    /// clips too, so a canonical clip that no longer lists the page still shows.
    pub(crate) fn canonical_view(
        &self,
        page: &Page,
        clips: &[ClipView],
    ) -> Result<Option<CanonicalView>> {
        let Some(id) = &page.canonical_clip else {
            return Ok(None);
        };
        let view = match clips.iter().find(|c| &c.clip.record.id == id) {
            Some(c) => c.clone(),
            None => match self.store.clip(id.as_str())? {
                Some(stored) => self.clip_view(stored)?,
                None => return Ok(None),
            },
        };
        let note = &page.canonical_note;
        let clarity = view.clip.record.clarity;
        Ok(Some(CanonicalView {
            clip: id.clone(),
            voice: view.voice.name.clone(),
            source: view.source.title.clone(),
            show: view.source.show.clone(),
            time_range: view.time_range,
            clarity,
            clarity_band: clarity.map(clarity_band),
            why: note.why.clone(),
            lead_in: note.lead_in.clone(),
            chapter: note.chapter.clone(),
            deep_link: view.deep_link,
        }))
    }
}

impl Library {
    /// What to add to "no record with id …": ids close to the one given (a typo, a
    /// prefix), never a search's best guess.
    pub(super) fn close_ids_hint(&self, id: &str) -> Result<String> {
        // Only ids close to the one given (a typo, a prefix), never a search's best guess.
        let known = self.known_ids()?;
        let all = [
            &known.clips,
            &known.pages,
            &known.voices,
            &known.sources,
            &known.themes,
        ];
        let close = crate::text::close_matches(
            id,
            all.iter().flat_map(|set| set.iter().map(|s| s.as_str())),
            3,
        );
        Ok(match close.as_slice() {
            [] => ". `dossier search` finds ids".to_string(),
            close => format!(
                ". Did you mean {}? (`dossier search` finds ids)",
                close
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        })
    }
}
