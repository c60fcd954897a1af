//! `update`: the one place state changes. Pure: it never touches the library, the
//! terminal or the clock; anything that must happen outside is returned as an `Effect`.

mod capture;
mod citation;
mod clip;
mod compare;
mod dialog;
mod fresh;
mod help;
mod investigations;
mod mouse;
mod navigate;
mod note;
mod outcome;
mod pages;
mod scrolling;

pub use citation::{CITATION_CUT, CITATION_NAME_CHARS, CITATION_TEXT_CHARS, citation};

pub use dialog::{draft, save_draft};
pub use fresh::reload;
pub use investigations::brief_file_name;

use super::action::{Action, Effect};
use super::app::{App, ClipState, CompareOf, Modal, Pane, Screen};
use super::status::Status;
use navigate::{back, clip_in_view, move_selection, open, viewed_clip};

/// How many results a search asks for.
pub const SEARCH_LIMIT: usize = 50;

pub(super) fn step(selected: usize, len: usize, action: &Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        _ => selected.min(last),
    }
}

pub(super) fn go(app: &mut App, screen: Screen) {
    if app.screen != screen {
        app.back.push(app.screen);
        app.screen = screen;
    }
}

fn search(app: &mut App) -> Vec<Effect> {
    app.search.seq += 1;
    app.search.pending = true;
    vec![Effect::Search {
        seq: app.search.seq,
        query: app.search.input.clone(),
    }]
}

fn select_page(app: &mut App, id: &str) -> Vec<Effect> {
    if let Some(i) = app.pages.iter().position(|p| p.id.as_str() == id) {
        app.page_selected = i;
    }
    app.item_selected = 0;
    app.page_scroll = 0;
    vec![
        Effect::LoadPage(id.to_string()),
        Effect::RememberPage(id.to_string()),
    ]
}

pub(super) fn open_clip(app: &mut App, id: &str) -> Vec<Effect> {
    if app.screen == Screen::Clip {
        if let Some(current) = &app.clip {
            app.clip_history.push(current.view.clip.record.id.0.clone());
        }
    } else {
        go(app, Screen::Clip);
        app.clip_history.clear();
    }
    app.clip = None;
    vec![Effect::LoadClip(id.to_string())]
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let effects = handle(app, action);
    // The investigation's clips keep their place as the selection moves within view (a
    // click never moves what was clicked).
    if app.screen == Screen::Investigations {
        app.inv.clips_first = crate::tui::views::investigation_clips_first(app);
    }
    effects
}

fn handle(app: &mut App, action: Action) -> Vec<Effect> {
    let is_intent = !matches!(
        action,
        Action::PagesLoaded(_)
            | Action::PageLoaded(_)
            | Action::SearchDone { .. }
            | Action::ClipLoaded { .. }
            | Action::InvestigationsLoaded(_)
            | Action::InvestigationLoaded(_)
            | Action::Compared(_)
            | Action::BriefLoaded { .. }
            | Action::ExportExists { .. }
            | Action::TranscriptLoaded(_)
            | Action::DigestLoaded { .. }
            | Action::NamesLoaded(_)
            | Action::VisitBegun { .. }
            | Action::ClipAdded(_)
            | Action::Restored(_)
            | Action::OpenFailed(_)
            | Action::AddFailed(_)
            | Action::ChangeDone(_)
            | Action::ChangeFailed { .. }
            | Action::ExportFailed { .. }
            | Action::DataChanged
            | Action::Failed(_)
            | Action::Status(_)
            | Action::Done(_)
            | Action::Resize(..)
    );
    if is_intent {
        app.status = None;
    }
    if app.help && is_intent && !matches!(action, Action::Quit | Action::ToggleHelp) {
        help::scroll(app, &action);
        return Vec::new();
    }
    if matches!(action, Action::Quit) && !matches!(app.modal, Some(Modal::ClipForm(_))) {
        app.quit = true;
        // Nothing typed is lost: a note being written is saved on the way out.
        return dialog::save_draft(app);
    }
    if let Action::Mouse { kind, x, y } = action {
        return mouse::update(app, kind, x, y);
    }
    // The wheel scrolls a page, a transcript or the brief by lines; everywhere else it
    // moves like the arrow keys.
    let by_lines = matches!(
        app.screen,
        Screen::Pages | Screen::Transcript | Screen::Export
    ) && app.modal.is_none();
    let action = match action {
        Action::WheelDown if !by_lines => Action::Down,
        Action::WheelUp if !by_lines => Action::Up,
        other => other,
    };
    if app.modal.is_some() && is_intent {
        return dialog::update(app, action);
    }
    if matches!(action, Action::DataChanged) {
        return fresh::reload(app);
    }
    let on_investigation_screens = matches!(
        app.screen,
        Screen::Investigations | Screen::Compare | Screen::Export
    );
    if (!is_intent || on_investigation_screens)
        && let Some(effects) = investigations::update(app, &action)
    {
        return effects;
    }
    if let Some(effects) = capture::update(app, &action) {
        return effects;
    }
    let page = app.page_step();
    match action {
        Action::Quit => app.quit = true,
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
        }
        Action::ToggleHelp => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        Action::OpenSearch => {
            // `/` starts a fresh query; Esc from a result returns to the kept one.
            go(app, Screen::Search);
            app.search.input.clear();
            return search(app);
        }
        Action::Input(c) => {
            app.search.input.push(c);
            return search(app);
        }
        Action::DeleteChar => {
            if app.search.input.pop().is_none() {
                return update(app, Action::Back);
            }
            return search(app);
        }
        Action::ClearInput => {
            app.search.input.clear();
            return search(app);
        }
        Action::Back => return back(app),
        Action::NextPane if app.screen == Screen::Pages => {
            if app.focus == Pane::List {
                app.focus = Pane::Detail;
                pages::focus_detail(app);
            } else {
                app.focus = Pane::List;
            }
        }
        Action::NextPane => {}
        Action::GoHome => {
            app.screen = Screen::Pages;
            app.back.clear();
            app.clip_history.clear();
            app.focus = Pane::List;
        }
        ref a if app.screen == Screen::Pages && pages::scroll(app, a) => {}
        Action::Restored(Some(id)) if app.pages.iter().any(|p| p.id.as_str() == id) => {
            return pages::reopen(app, &id);
        }
        Action::Restored(_) => {
            // A first launch: the flagship page (listed first) is open; say where to begin,
            // and remember it so that the next launch is not a first one.
            app.status = Some(Status::info(pages::WELCOME));
            if let Some(id) = app.selected_page_id() {
                return vec![Effect::RememberPage(id.to_string())];
            }
        }
        Action::OpenFailed(url) => app.modal = Some(Modal::Link { url }),
        ref a if a.is_movement() => return move_selection(app, a, page),
        Action::Open => return open(app),
        Action::OpenLink => match viewed_clip(app).map(|v| v.deep_link.clone()) {
            Some(Some(link)) => return vec![Effect::OpenUrl(link)],
            Some(None) => {
                app.status = Some(Status::info(
                    "this clip's source has no URL, so there is no link to open",
                ))
            }
            None => app.status = Some(Status::info("select a clip first")),
        },
        Action::CopyCitation => match viewed_clip(app) {
            Some(view) => return vec![Effect::Copy(citation(view))],
            None => app.status = Some(Status::info("select a clip first")),
        },
        Action::PagesLoaded(pages) => {
            app.pages = pages;
            app.page_selected = app.page_selected.min(app.pages.len().saturating_sub(1));
            if app.page.is_none()
                && let Some(id) = app.selected_page_id()
            {
                return vec![Effect::LoadPage(id.to_string())];
            }
        }
        Action::PageLoaded(view) => {
            app.page = Some(*view);
            let len = app.page_items().len();
            app.item_selected = app.item_selected.min(len.saturating_sub(1));
        }
        Action::SearchDone { seq, results } if seq == app.search.seq => {
            // The same query again (the notebook changed): the selection stays.
            let same = app
                .search
                .results
                .as_ref()
                .is_some_and(|r| r.query == results.query);
            app.search.selected = if same {
                app.search
                    .selected
                    .min(results.hits.len().saturating_sub(1))
            } else {
                0
            };
            app.search.results = Some(results);
            app.search.pending = false;
        }
        Action::ClipLoaded { view, related } => {
            // The same clip again (reloaded): the selection and the view stay.
            let same = app
                .clip
                .as_ref()
                .filter(|c| c.view.clip.record.id == view.clip.record.id);
            let selected = same.map_or(0, |c| c.selected.min(related.len().saturating_sub(1)));
            let scroll = same.map_or(0, |c| c.scroll);
            app.clip = Some(ClipState {
                view: *view,
                related,
                selected,
                scroll,
            });
        }
        Action::Failed(message) => app.status = Some(Status::problem(message)),
        Action::Status(message) => app.status = Some(Status::info(message)),
        Action::Done(message) => app.status = Some(Status::done(message)),
        Action::OpenInvestigations => {
            go(app, Screen::Investigations);
            let mut effects = vec![Effect::LoadInvestigations];
            // What is shown may be stale: clips were added from other screens.
            if let Some(name) = app.inv.selected_name() {
                effects.push(Effect::LoadInvestigation(name.to_string()));
            }
            return effects;
        }
        Action::AddToInvestigation => match clip_in_view(app) {
            Some(clip) => {
                app.modal = Some(Modal::Picker { clip, selected: 0 });
                return vec![Effect::LoadInvestigations];
            }
            None => app.status = Some(Status::info("select a clip first")),
        },
        Action::Compare if app.screen == Screen::Pages => {
            if let Some(id) = app.selected_page_id().map(str::to_string) {
                app.compare = None;
                app.compare_of = Some(CompareOf::Page(id.clone()));
                go(app, Screen::Compare);
                return vec![Effect::ComparePage(id)];
            }
        }
        // Keys of the investigations screens and dialogs, handled above.
        _ => {}
    }
    Vec::new()
}
