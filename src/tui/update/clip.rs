//! The clip screen scrolls through all its text; the other clips on the same themes at
//! its end are chosen as they come into view, never by skipping text.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::views;

pub(super) fn scroll(app: &mut App, action: &Action, page: usize) {
    let Some((layout, height)) = views::clip_layout(app) else {
        return;
    };
    let Some(state) = &mut app.clip else {
        return;
    };
    let starts = &layout.related_starts;
    let n = starts.len();
    let max = layout.lines.len().saturating_sub(height);
    let mut top = state.scroll.min(max);
    let mut selected = state.selected.min(n.saturating_sub(1));
    let in_view = |top: usize, i: usize| starts[i] >= top && starts[i] < top + height;
    let first_in_view = |top: usize| (0..n).find(|&i| starts[i] >= top);
    let last_in_view = |top: usize| (0..n).rev().find(|&i| starts[i] < top + height);
    match action {
        Action::Down => {
            if top < max {
                top += 1;
            } else if selected + 1 < n {
                selected += 1;
            }
        }
        Action::Up => {
            if selected > 0 && in_view(top, selected - 1) && in_view(top, selected) {
                selected -= 1;
            } else {
                top = top.saturating_sub(1);
            }
        }
        Action::PageDown => {
            if top == max && n > 0 {
                selected = n - 1;
            }
            top = (top + page.max(1)).min(max);
        }
        Action::PageUp => {
            if top == 0 {
                selected = 0;
            }
            top = top.saturating_sub(page.max(1));
        }
        Action::Top => {
            top = 0;
            selected = 0;
        }
        Action::Bottom => {
            top = max;
            selected = n.saturating_sub(1);
        }
        _ => {}
    }
    // The selection follows the view: a clip scrolled out of it gives way to one in it.
    if n > 0 && !in_view(top, selected) {
        selected = if starts[selected] < top {
            first_in_view(top).unwrap_or(selected)
        } else {
            last_in_view(top).unwrap_or(selected)
        };
    }
    state.scroll = top;
    state.selected = selected;
}
