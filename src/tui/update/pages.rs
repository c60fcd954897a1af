//! Reading a page: the detail pane scrolls through all of the page, by line, by screen or
//! by section, and the selection follows what comes into view: an item is selected when
//! it is on screen, never by jumping the view past text.

use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, Pane};
use crate::tui::views;

/// Lines the wheel moves the page by.
const WHEEL_LINES: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Up,
    Down,
}

/// Moves the page view (and the selection with it) for a movement key or the wheel.
/// Returns false when the action is not the page's: with the list focused, `j`/`k`/`g`/`G`
/// move through the list of comparisons.
pub(super) fn scroll(app: &mut App, action: &Action) -> bool {
    let detail = app.focus == Pane::Detail;
    let Some((page, height)) = views::page_layout(app) else {
        return false;
    };
    let max = page.lines.len().saturating_sub(height);
    let scroll = app.page_scroll.min(max);
    let visible = |line: usize, top: usize| line >= top && line < top + height;
    let selected_visible = page
        .items
        .get(app.item_selected)
        .is_some_and(|&l| visible(l, scroll));
    let screen = height.saturating_sub(1).max(1);
    let (top, way) = match action {
        Action::Down if detail => {
            let next = app.item_selected + 1;
            if selected_visible && page.items.get(next).is_some_and(|&l| visible(l, scroll)) {
                app.item_selected = next;
                return true;
            }
            (scroll + 1, Way::Down)
        }
        Action::Up if detail => {
            if selected_visible
                && let Some(previous) = app.item_selected.checked_sub(1)
                && page
                    .items
                    .get(previous)
                    .is_some_and(|&l| visible(l, scroll))
            {
                app.item_selected = previous;
                return true;
            }
            (scroll.saturating_sub(1), Way::Up)
        }
        Action::Top if detail => {
            app.item_selected = 0;
            (0, Way::Up)
        }
        Action::Bottom if detail => {
            app.item_selected = page.items.len().saturating_sub(1);
            (max, Way::Down)
        }
        Action::PageDown => (scroll + screen, Way::Down),
        Action::PageUp => (scroll.saturating_sub(screen), Way::Up),
        Action::WheelDown => (scroll + WHEEL_LINES, Way::Down),
        Action::WheelUp => (scroll.saturating_sub(WHEEL_LINES), Way::Up),
        Action::NextSection => {
            let next = page.headings.iter().copied().find(|&h| h > scroll);
            (next.unwrap_or(max), Way::Down)
        }
        Action::PrevSection => {
            let previous = page.headings.iter().copied().rev().find(|&h| h < scroll);
            (previous.unwrap_or(0), Way::Up)
        }
        _ => return false,
    };
    let top = top.min(max);
    app.page_scroll = top;
    if detail {
        follow(app, &page.items, top, height, Some(way));
    }
    true
}

/// Keeps the selection on screen after the view moved: the selected item stays selected
/// while it shows; otherwise the first item in view (moving down) or the last (moving up).
/// Moving down, the item after the selected one is taken as soon as it comes into view.
/// Without a way (the view did not move), only a selection out of view changes.
fn follow(app: &mut App, items: &[usize], top: usize, height: usize, way: Option<Way>) {
    let visible = |line: usize| line >= top && line < top + height;
    let next = app.item_selected + 1;
    if way == Some(Way::Down) && items.get(next).is_some_and(|&l| visible(l)) {
        app.item_selected = next;
        return;
    }
    if items.get(app.item_selected).is_some_and(|&l| visible(l)) {
        return;
    }
    let mut shown = items.iter().enumerate().filter(|(_, l)| visible(**l));
    let pick = match way {
        Some(Way::Up) => shown.next_back(),
        _ => shown.next(),
    };
    if let Some((index, _)) = pick {
        app.item_selected = index;
    }
}

/// Focus moved to the page: select an item in view rather than scroll to one.
pub(super) fn focus_detail(app: &mut App) {
    if let Some((page, height)) = views::page_layout(app) {
        let top = app.page_scroll.min(page.lines.len().saturating_sub(height));
        follow(app, &page.items, top, height, None);
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
