//! Moving about: opening what is selected, going back, moving a selection, and which
//! clip the keys that act on "this clip" mean.

use super::{clip, go, open_clip, search, select_page, step};
use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, PageItem, Pane, Screen};
use dossier::library::ClipView;

/// The clip the user is looking at: the selected search hit, the open clip, or the clip
/// selected on a page.
pub(super) fn clip_in_view(app: &App) -> Option<String> {
    match app.screen {
        Screen::Search => app
            .search
            .results
            .as_ref()
            .and_then(|r| r.hits.get(app.search.selected))
            .filter(|h| h.doc_type != "page")
            .map(|h| h.id.clone()),
        Screen::Clip => app.clip.as_ref().map(|c| c.view.clip.record.id.0.clone()),
        Screen::Pages if app.focus == Pane::Detail => {
            match app.page_items().get(app.item_selected) {
                Some(PageItem::Clip(id)) => Some(id.clone()),
                _ => None,
            }
        }
        Screen::Pages => app
            .page
            .as_ref()
            .and_then(|p| p.page.record.canonical_clip.as_ref())
            .map(|c| c.0.clone()),
        Screen::Investigations
        | Screen::Compare
        | Screen::Export
        | Screen::Transcript
        | Screen::Digest => None,
    }
}

/// The clip `o` and `y` act on: the open clip, or on the comparisons screen the selected
/// clip (the canonical one while the list has focus).
pub(super) fn viewed_clip(app: &App) -> Option<&ClipView> {
    match app.screen {
        Screen::Clip => app.clip.as_ref().map(|c| &c.view),
        Screen::Pages => {
            let id = clip_in_view(app)?;
            let page = app.page.as_ref()?;
            page.clips.iter().find(|c| c.clip.record.id.as_str() == id)
        }
        _ => None,
    }
}

pub(super) fn back(app: &mut App) -> Vec<Effect> {
    match app.screen {
        Screen::Pages => {
            if let Some(previous) = app.page_history.pop() {
                return select_page(app, &previous);
            }
            if app.focus == Pane::Detail {
                app.focus = Pane::List;
            }
        }
        Screen::Clip => {
            if let Some(previous) = app.clip_history.pop() {
                app.clip = None;
                return vec![Effect::LoadClip(previous)];
            }
            app.screen = app.back.pop().unwrap_or(Screen::Pages);
        }
        Screen::Search
        | Screen::Investigations
        | Screen::Compare
        | Screen::Export
        | Screen::Transcript
        | Screen::Digest => app.screen = app.back.pop().unwrap_or(Screen::Pages),
    }
    Vec::new()
}

pub(super) fn move_selection(app: &mut App, action: &Action, page: usize) -> Vec<Effect> {
    match app.screen {
        Screen::Pages if app.focus == Pane::List => {
            let before = app.page_selected;
            app.page_selected = step(app.page_selected, app.pages.len(), action, page);
            if app.page_selected != before {
                app.page_history.clear();
                if let Some(id) = app.selected_page_id().map(str::to_string) {
                    return select_page(app, &id);
                }
            }
        }
        Screen::Pages => {
            app.item_selected = step(app.item_selected, app.page_items().len(), action, page)
        }
        Screen::Search => {
            let len = app.search.results.as_ref().map_or(0, |r| r.hits.len());
            app.search.selected = step(app.search.selected, len, action, page / 3);
        }
        Screen::Clip => clip::scroll(app, action, page),
        _ => {}
    }
    Vec::new()
}

pub(super) fn open(app: &mut App) -> Vec<Effect> {
    match app.screen {
        Screen::Pages if app.focus == Pane::List => app.focus = Pane::Detail,
        Screen::Pages => match app.page_items().get(app.item_selected).cloned() {
            Some(PageItem::Clip(id)) => return open_clip(app, &id),
            Some(PageItem::Related(id)) => {
                if let Some(current) = app.selected_page_id().map(str::to_string) {
                    app.page_history.push(current);
                }
                return select_page(app, &id);
            }
            Some(PageItem::Concept(concept)) => {
                go(app, Screen::Search);
                app.search.input = concept;
                return search(app);
            }
            None => {}
        },
        Screen::Search => {
            let hit = app
                .search
                .results
                .as_ref()
                .and_then(|r| r.hits.get(app.search.selected))
                .cloned();
            if let Some(hit) = hit {
                if hit.doc_type == "page" {
                    go(app, Screen::Pages);
                    app.focus = Pane::Detail;
                    app.page_history.clear();
                    return select_page(app, &hit.id);
                }
                if let Some((source, at)) = dossier::store::parse_cue_id(&hit.id)
                    && hit.doc_type == "transcript"
                {
                    go(app, Screen::Transcript);
                    app.transcript = None;
                    return vec![Effect::LoadTranscript {
                        source: source.to_string(),
                        at,
                    }];
                }
                return open_clip(app, &hit.id);
            }
        }
        Screen::Clip => {
            let id = app
                .clip
                .as_ref()
                .and_then(|s| s.related.get(s.selected))
                .map(|c| c.clip.record.id.0.clone());
            if let Some(id) = id {
                return open_clip(app, &id);
            }
        }
        _ => {}
    }
    Vec::new()
}
