//! What is under the mouse pointer: the pane, and the item in it. Worked out from the same
//! layout functions the screens draw with, at the app's size, so it matches what was
//! drawn last.

use super::{clip, compare, investigations, pages, scroll_to, transcript};
use crate::tui::app::{App, Screen};
use ratatui::layout::{Constraint, Layout, Rect};

/// A pane under the pointer and, when the pointer is on one, the item there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The list of comparisons: the page under the pointer.
    PageList(Option<usize>),
    /// The page being read: the selectable item under the pointer.
    PageDetail(Option<usize>),
    /// The compare matrix: the theme (row) and voice (column) under the pointer.
    Matrix {
        row: Option<usize>,
        col: Option<usize>,
    },
    /// The compare screen's lower pane (the cell's clips, or side by side).
    CompareDetail,
    /// The investigations list: the investigation under the pointer.
    InvList(Option<usize>),
    /// The selected investigation's clips: the clip under the pointer.
    InvClips(Option<usize>),
    /// A transcript: the cue under the pointer.
    Transcript(Option<usize>),
    /// The clip screen: the other clip on the same themes under the pointer.
    Clip(Option<usize>),
}

/// The main area: the whole terminal but the status line.
fn main_area(app: &App) -> Rect {
    Rect::new(0, 0, app.width, app.height.saturating_sub(1))
}

fn inside(area: Rect, x: u16, y: u16) -> bool {
    x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height
}

/// The row inside a bordered block's pane, from its first inner row.
pub(super) fn inner_row(area: Rect, y: u16) -> Option<usize> {
    (y > area.y && y + 1 < area.y + area.height).then(|| usize::from(y - area.y - 1))
}

pub fn hit(app: &App, x: u16, y: u16) -> Option<Hit> {
    let area = main_area(app);
    if !inside(area, x, y) || app.modal.is_some() || app.help {
        return None;
    }
    match app.screen {
        Screen::Pages => {
            let list_width = (area.width / 3).clamp(28, 46);
            let [list, _] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)])
                    .areas(area);
            if inside(list, x, y) {
                // Each comparison takes three rows; the list scrolls to keep the selected
                // one in view.
                let shown = usize::from(list.height.saturating_sub(2)) / 3;
                let first = scroll_to(app.page_selected, shown.max(1));
                let page = inner_row(list, y)
                    .map(|r| first + r / 3)
                    .filter(|i| *i < app.pages.len());
                return Some(Hit::PageList(page));
            }
            Some(Hit::PageDetail(page_item_at(app, y)))
        }
        Screen::Compare => {
            let g = compare::current(app)?;
            if inside(g.matrix, x, y) {
                let (row, col) = g.cell_at(x, y);
                Some(Hit::Matrix { row, col })
            } else {
                Some(Hit::CompareDetail)
            }
        }
        Screen::Investigations => {
            let g = investigations::geometry(app, area);
            if inside(g.list, x, y) {
                Some(Hit::InvList(g.investigation_at(app, y)))
            } else {
                Some(Hit::InvClips(g.clip_at(y)))
            }
        }
        Screen::Transcript => Some(Hit::Transcript(cue_at(app, y))),
        Screen::Clip => Some(Hit::Clip(related_at(app, y))),
        _ => None,
    }
}

/// The cue of the transcript at screen row `y`, as the transcript is drawn now.
fn cue_at(app: &App, y: u16) -> Option<usize> {
    let (layout, height) = transcript::layout(app)?;
    let row = inner_row(main_area(app), y)?;
    let top = app
        .transcript
        .as_ref()?
        .scroll
        .min(layout.lines.len().saturating_sub(height));
    let line = top + row;
    if line >= layout.lines.len() {
        return None;
    }
    // The last cue starting at or before the line.
    layout.cue_starts.iter().rposition(|&start| start <= line)
}

/// The selectable item of the page at screen row `y`, as the page pane draws it now.
fn page_item_at(app: &App, y: u16) -> Option<usize> {
    let (page, height) = pages::layout(app)?;
    let row = usize::from(y.checked_sub(1)?);
    if row >= height {
        return None;
    }
    let scroll = app.page_scroll.min(page.lines.len().saturating_sub(height));
    let line = scroll + row;
    page.items
        .iter()
        .zip(&page.item_ends)
        .position(|(start, end)| (*start..*end).contains(&line))
}

/// The other clip (on the same themes) at screen row `y`, as the clip screen is drawn now.
fn related_at(app: &App, y: u16) -> Option<usize> {
    let (layout, height) = clip::layout(app)?;
    let row = inner_row(main_area(app), y)?;
    let top = app
        .clip
        .as_ref()?
        .scroll
        .min(layout.lines.len().saturating_sub(height));
    let line = top + row;
    let starts = &layout.related_starts;
    let i = starts.iter().rposition(|&start| start <= line)?;
    // The related list is the screen's end: a clip's lines run to the next one's start.
    let end = starts.get(i + 1).copied().unwrap_or(layout.lines.len());
    (line < end).then_some(i)
}
