//! Reading a page: the detail pane scrolls through all of the page, by line, by screen or
//! by section, and the selection follows what comes into view: an item is selected when
//! it is on screen, never by jumping the view past text.

use super::scrolling::Lines;
use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, Pane};
use crate::tui::views;

/// Moves the page view (and the selection with it) for a movement key or the wheel.
/// Returns false when the action is not the page's: with the list focused, `j`/`k`/`g`/`G`
/// move through the list of comparisons.
pub(super) fn scroll(app: &mut App, action: &Action) -> bool {
    let detail = app.focus == Pane::Detail;
    let Some((page, height)) = views::page_layout(app) else {
        return false;
    };
    let lines = Lines {
        total: page.lines.len(),
        height,
        items: &page.items,
        headings: &page.headings,
    };
    let at = super::scrolling::At {
        top: app.page_scroll,
        selected: app.item_selected,
    };
    let Some(at) = lines.scroll(at, action, detail) else {
        return false;
    };
    app.page_scroll = at.top;
    app.item_selected = at.selected;
    true
}

/// Focus moved to the page: select an item in view rather than scroll to one.
pub(super) fn focus_detail(app: &mut App) {
    if let Some((page, height)) = views::page_layout(app) {
        let lines = Lines {
            total: page.lines.len(),
            height,
            items: &page.items,
            headings: &page.headings,
        };
        let top = app.page_scroll.min(page.lines.len().saturating_sub(height));
        app.item_selected = lines.follow(app.item_selected, top, None);
    }
}

/// Reopens the page the notebook was left on (unless it is already open).
pub(super) fn reopen(app: &mut App, id: &str) -> Vec<Effect> {
    if app.selected_page_id() == Some(id) && app.page.is_some() {
        return Vec::new();
    }
    app.page_history.clear();
    super::select_page(app, id)
}

/// What a first launch says, on the flagship page.
pub const WELCOME: &str =
    "Welcome to dossier: this is the flagship comparison · / search · ? help · q quit";
