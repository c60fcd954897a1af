//! Investigations, comparing voices and exporting briefs, through the `Library`.

use super::{ClipView, Library, PageView};
use crate::brief::{self, BriefInput, BriefItem, BriefPage};
use crate::compare::{self, Comparison};
use crate::error::{Error, Result};
use crate::model::{ClipId, Page, Stance, Theme, ThemeId};
use crate::store::{Investigation, InvestigationItem, RemovedItem};
use std::collections::BTreeMap;
use std::path::Path;

/// One clip in an investigation, as a reader sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ItemView {
    /// 0-based here; in JSON counted from 1, as the CLI counts (`inv move`, `inv show`).
    #[serde(serialize_with = "one_based")]
    pub position: usize,
    pub note: String,
    pub clip: ClipView,
    /// Effective stances: the user's where set, the corpus's otherwise.
    pub stances: Vec<(ThemeId, Stance)>,
    /// Themes where the user's stance overrides the corpus's.
    pub overridden: Vec<ThemeId>,
    /// The user's stances set in this investigation (what `overridden` names), kept apart
    /// from the corpus's so that both can be shown.
    #[serde(skip)]
    pub overrides: Vec<(ThemeId, Stance)>,
}

impl ItemView {
    /// Whether the stance on `theme` is the user's: an override here, or a stance the user
    /// set on a clip they added.
    pub fn is_yours(&self, theme: &ThemeId) -> bool {
        self.overridden.contains(theme) || self.clip.is_your_stance(theme)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct InvestigationView {
    #[serde(flatten)]
    pub investigation: Investigation,
    pub items: Vec<ItemView>,
}

fn one_based<S: serde::Serializer>(position: &usize, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_u64(*position as u64 + 1)
}

fn effective(view: &ClipView, item: &InvestigationItem) -> (Vec<(ThemeId, Stance)>, Vec<ThemeId>) {
    let mut stances: BTreeMap<ThemeId, Stance> = view
        .clip
        .record
        .stances
        .iter()
        .map(|s| (s.theme.clone(), s.stance))
        .collect();
    let mut overridden = Vec::new();
    for (theme, stance) in &item.stances {
        stances.insert(theme.clone(), *stance);
        overridden.push(theme.clone());
    }
    (stances.into_iter().collect(), overridden)
}

impl Library {
    pub fn create_investigation(
        &mut self,
        name: &str,
        question: Option<&str>,
    ) -> Result<Investigation> {
        self.store.create_investigation(name, question)
    }

    pub fn investigations(&self) -> Result<Vec<Investigation>> {
        self.store.investigations()
    }

    pub fn investigation(&self, name: &str) -> Result<InvestigationView> {
        let investigation = self.store.investigation(name)?;
        let mut items = Vec::new();
        let mut lookups = super::Lookups::default();
        let listed = self.store.investigation_items(name)?;
        let ids: Vec<&str> = listed.iter().map(|i| i.clip.as_str()).collect();
        let mut clips = self.store.clips_by_id(&ids)?;
        lookups.prefetch(&self.store, clips.values().map(|c| &c.record))?;
        for item in listed {
            let stored = clips
                .remove(item.clip.as_str())
                .ok_or_else(|| Self::not_found("clip", item.clip.as_str()))?;
            let clip = self.clip_view_with(stored, &mut lookups)?;
            let (stances, overridden) = effective(&clip, &item);
            items.push(ItemView {
                position: item.position,
                overrides: item.stances.clone(),
                note: item.note,
                clip,
                stances,
                overridden,
            });
        }
        Ok(InvestigationView {
            investigation,
            items,
        })
    }

    /// Sets (blank: clears) the author's conclusion, which opens the brief.
    pub fn set_conclusion(&mut self, name: &str, text: &str) -> Result<()> {
        self.store.set_conclusion(name, text)
    }

    pub fn rename_investigation(&mut self, old: &str, new: &str) -> Result<()> {
        self.store.rename_investigation(old, new)
    }

    pub fn delete_investigation(&mut self, name: &str) -> Result<()> {
        self.store.delete_investigation(name)
    }

    /// Adds clips; returns how many were not already there.
    pub fn add_to_investigation(
        &mut self,
        name: &str,
        clips: &[ClipId],
        note: Option<&str>,
    ) -> Result<usize> {
        self.store.add_to_investigation(name, clips, note)
    }

    pub fn set_note(&mut self, name: &str, clip: &str, note: &str) -> Result<()> {
        self.store.set_note(name, clip, note)
    }

    /// Removes a clip; `undo_remove` puts the last one removed back.
    pub fn remove_from_investigation(&mut self, name: &str, clip: &str) -> Result<()> {
        let removed = self.store.remove_from_investigation(name, clip)?;
        self.last_removed = Some(removed);
        Ok(())
    }

    /// Restores the clip removed last (in this session). Returns what came back.
    pub fn undo_remove(&mut self) -> Result<Option<RemovedItem>> {
        let Some(removed) = self.last_removed.take() else {
            return Ok(None);
        };
        self.store.restore_removed(&removed)?;
        Ok(Some(removed))
    }

    /// Moves a clip to `position` (0-based; past the end means last). Returns where it went.
    pub fn move_in_investigation(
        &mut self,
        name: &str,
        clip: &str,
        position: usize,
    ) -> Result<usize> {
        self.store.move_in_investigation(name, clip, position)
    }

    pub fn set_investigation_stance(
        &mut self,
        name: &str,
        clip: &str,
        theme: &str,
        stance: Option<Stance>,
    ) -> Result<()> {
        self.store
            .set_investigation_stance(name, clip, theme, stance)
    }

    /// The page most of the investigation's clips inform, if any (ties: the first seen).
    fn main_page(&self, view: &InvestigationView) -> Result<Option<Page>> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for item in &view.items {
            for p in &item.clip.clip.record.pages {
                match counts.iter_mut().find(|(id, _)| id == p.as_str()) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((p.0.clone(), 1)),
                }
            }
        }
        let best = counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(id, _)| id.clone());
        Ok(match best {
            Some(id) => self.store.page(&id)?.map(|p| p.record),
            None => None,
        })
    }

    /// Themes an investigation speaks to: those its clips take stances on, then the main
    /// page's themes (which may have no evidence yet).
    fn investigation_themes(
        &self,
        view: &InvestigationView,
        page: Option<&Page>,
    ) -> Result<Vec<Theme>> {
        let mut ids: Vec<ThemeId> = Vec::new();
        let mut seen: std::collections::HashSet<&ThemeId> = std::collections::HashSet::new();
        let stances = view
            .items
            .iter()
            .flat_map(|i| i.stances.iter().map(|(t, _)| t));
        for t in stances.chain(page.map(|p| p.themes.as_slice()).unwrap_or_default()) {
            if seen.insert(t) {
                ids.push(t.clone());
            }
        }
        let mut themes = Vec::new();
        for id in ids {
            if let Some(t) = self.store.theme(id.as_str())? {
                themes.push(t.record);
            }
        }
        Ok(themes)
    }

    /// The clips as evidence: the corpus's stances as the corpus reads them, and the
    /// user's (overrides here, stances on clips they added) marked as the user's, beside.
    fn evidence(view: &InvestigationView) -> Vec<compare::Evidence> {
        view.items
            .iter()
            .map(|i| {
                let mut e = i.clip.evidence();
                for (theme, stance) in &i.overrides {
                    e.stances.retain(|(t, _, by)| {
                        !(t == theme.as_str() && *by == crate::model::StanceBy::User)
                    });
                    e.stances
                        .push((theme.0.clone(), *stance, crate::model::StanceBy::User));
                }
                e
            })
            .collect()
    }

    /// Where the voices in an investigation agree and disagree: classed from the experts'
    /// stances, with the user's readings beside them.
    pub fn compare_investigation(&self, name: &str) -> Result<Comparison> {
        self.compare_loaded(&self.investigation(name)?)
    }

    /// The comparison of an investigation already loaded (so a front end showing both
    /// reads it once).
    pub fn compare_loaded(&self, view: &InvestigationView) -> Result<Comparison> {
        let page = self.main_page(view)?;
        let themes = self.investigation_themes(view, page.as_ref())?;
        Ok(compare::compare(&themes, &Self::evidence(view)))
    }

    /// Where the voices behind a decision page agree and disagree.
    pub fn compare_page(&self, id: &str) -> Result<Comparison> {
        Ok(Self::compare_page_view(&self.page(id)?))
    }

    /// The comparison of a page already loaded.
    pub fn compare_page_view(view: &PageView) -> Comparison {
        let evidence: Vec<_> = view.clips.iter().map(ClipView::evidence).collect();
        compare::compare(&view.themes, &evidence)
    }

    /// The research brief as Markdown.
    pub fn brief(&self, name: &str) -> Result<String> {
        let view = self.investigation(name)?;
        let page = self.main_page(&view)?;
        let themes = self.investigation_themes(&view, page.as_ref())?;
        let findings = compare::classify(&themes, &Self::evidence(&view));
        let claim = |id: &ThemeId| {
            themes
                .iter()
                .find(|t| &t.id == id)
                .map_or_else(|| id.0.clone(), |t| t.claim.clone())
        };
        let items: Vec<BriefItem> = view
            .items
            .iter()
            .map(|i| {
                let mut item = i.clip.brief_item(&i.note);
                item.your_readings = i
                    .stances
                    .iter()
                    .filter(|(t, _)| i.is_yours(t))
                    .map(|(t, s)| (claim(t), *s))
                    .collect();
                item
            })
            .collect();
        let date = view
            .investigation
            .updated_at
            .get(..10)
            .unwrap_or(&view.investigation.updated_at)
            .to_string();
        let page = page.as_ref().map(BriefPage::from);
        Ok(brief::render(&BriefInput {
            title: &view.investigation.name,
            question: view.investigation.question.as_deref(),
            conclusion: view.investigation.conclusion.as_deref(),
            date: &date,
            version: env!("CARGO_PKG_VERSION"),
            page: page.as_ref(),
            items: &items,
            findings: &findings,
        }))
    }

    /// Writes the brief to `path`: never over an existing file without `force`, never
    /// through a symlink, never half-written.
    pub fn export(&self, name: &str, path: &Path, force: bool) -> Result<()> {
        self.refuse_inside_data_dir(path)?;
        let text = self.brief(name)?;
        crate::fsutil::write_atomically(path, text.as_bytes(), force)
    }

    /// The notebook's own folder holds its database and index: a brief written there
    /// could replace them, so no path inside it is accepted (symbolic links resolved).
    fn refuse_inside_data_dir(&self, path: &Path) -> Result<()> {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let (Ok(parent), Ok(data)) = (parent.canonicalize(), self.data_dir().canonicalize()) else {
            return Ok(());
        };
        if parent.starts_with(&data) {
            return Err(Error::Invalid(format!(
                "{} is inside the notebook's data folder {}, which holds its database and index; write the brief somewhere else",
                path.display(),
                data.display()
            )));
        }
        Ok(())
    }
}

/// Parses `supports|opposes|nuanced|clear` (clear: `None`).
pub fn parse_stance_or_clear(text: &str) -> Result<Option<Stance>> {
    if text.eq_ignore_ascii_case("clear") {
        return Ok(None);
    }
    Stance::parse(text).map(Some).ok_or_else(|| {
        Error::Invalid(format!(
            "`{text}` is not a stance: use supports, opposes, nuanced or clear"
        ))
    })
}
