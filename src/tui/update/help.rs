//! The help overlay scrolls when the current screen's keys do not fit.

use crate::tui::action::{Action, MouseKind};
use crate::tui::app::App;

/// Scrolls the help when its keys do not fit; other actions are ignored while it is open.
pub(super) fn scroll(app: &mut App, action: &Action) {
    let max = crate::tui::views::help::max_scroll(app);
    let page = usize::from(app.height.saturating_sub(6)).max(1);
    let at = app.help_scroll.min(max);
    app.help_scroll = match action {
        Action::Down
        | Action::WheelDown
        | Action::Mouse {
            kind: MouseKind::WheelDown,
            ..
        } => (at + 1).min(max),
        Action::Up
        | Action::WheelUp
        | Action::Mouse {
            kind: MouseKind::WheelUp,
            ..
        } => at.saturating_sub(1),
        Action::PageDown => (at + page).min(max),
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        _ => at,
    };
}
