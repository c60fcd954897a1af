//! Keeping open screens current: after a write by this process or another, every screen
//! that shows stored data asks for it again, keeping its place.

use crate::tui::action::Effect;
use crate::tui::app::{App, CompareOf, Screen};

/// The effects that reload what the open screens show: the list of comparisons and the
/// page in view (clip counts), the search results (the empty query's newest clips), the
/// clip in view, the comparison and what's new, and the investigations (a note's
/// investigation may be gone).
pub fn reload(app: &mut App) -> Vec<Effect> {
    let mut effects = vec![Effect::LoadPages];
    if let Some(page) = &app.page {
        effects.push(Effect::LoadPage(page.page.record.id.0.clone()));
    }
    if app.search.results.is_some() || app.screen == Screen::Search {
        app.search.seq += 1;
        app.search.pending = true;
        effects.push(Effect::Search {
            seq: app.search.seq,
            query: app.search.input.clone(),
        });
    }
    if app.screen == Screen::Clip
        && let Some(clip) = &app.clip
    {
        effects.push(Effect::LoadClip(clip.view.clip.record.id.0.clone()));
    }
    // The brief being previewed, kept at the same place.
    if app.screen == Screen::Export
        && let Some(export) = &app.export
    {
        effects.push(Effect::LoadBrief(export.investigation.clone()));
    }
    // The comparison in view, at the same cell, and what's new.
    if app.screen == Screen::Compare {
        match &app.compare_of {
            Some(CompareOf::Page(id)) => effects.push(Effect::ComparePage(id.clone())),
            Some(CompareOf::Investigation(name)) => {
                effects.push(Effect::CompareInvestigation(name.clone()))
            }
            None => {}
        }
    }
    if app.screen == Screen::Digest
        && let Some(digest) = &app.digest
    {
        effects.push(Effect::LoadDigest {
            since: if digest.since_visit {
                app.last_visit.clone()
            } else {
                None
            },
        });
    }
    // The selected investigation reloads once the list says it is still there.
    effects.push(Effect::LoadInvestigations);
    app.inv.reload_view = true;
    effects
}
