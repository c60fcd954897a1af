//! The compare screen's keys: themes and voices in the matrix, the cell's clips, two
//! voices marked for side by side and that pane's scrolling.

use super::{open_clip, step};
use crate::tui::action::{Action, Effect};
use crate::tui::app::App;

pub(super) fn compare_key(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let span = crate::tui::views::side_by_side_span(app);
    let effects = key(app, action);
    // Side by side scrolls no further than its text: back to the top, down to the end.
    if let (Some((base, max)), Some(state)) = (span, app.compare.as_mut()) {
        let (base, max) = (base as isize, max as isize);
        state.detail_scroll = state.detail_scroll.clamp(-base, (max - base).max(0));
    }
    effects
}

fn key(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let state = app.compare.as_mut()?;
    let rows = state.comparison.matrix.themes.len();
    let cols = state.comparison.matrix.voices.len();
    let in_cell = state.cell_clips().len();
    let side_by_side = state.marked.len() == 2;
    match action {
        // The side-by-side pane, focused, scrolls by lines from the selected theme.
        Action::Up if state.focus_clips && side_by_side => {
            state.detail_scroll -= 1;
        }
        Action::Down if state.focus_clips && side_by_side => {
            state.detail_scroll += 1;
        }
        Action::PageUp if state.focus_clips && side_by_side => state.detail_scroll -= 5,
        Action::PageDown if state.focus_clips && side_by_side => state.detail_scroll += 5,
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => {
            if state.focus_clips {
                state.clip_selected = step(state.clip_selected, in_cell, action, 3);
            } else {
                state.row = step(state.row, rows, action, 5);
                state.detail_scroll = 0;
                state.clip_selected = 0;
            }
        }
        Action::Left | Action::Right if !state.focus_clips => {
            let delta = if matches!(action, Action::Left) {
                Action::Up
            } else {
                Action::Down
            };
            state.col = step(state.col, cols, &delta, 1);
            state.clip_selected = 0;
        }
        Action::NextPane => {
            state.focus_clips = !state.focus_clips && (in_cell > 0 || side_by_side);
        }
        Action::Open if !state.focus_clips => {
            if in_cell == 0 {
                app.status = Some(crate::tui::status::Status::info(
                    "no clip here: this voice takes no stance on the theme",
                ));
            } else {
                state.focus_clips = true;
                state.clip_selected = 0;
            }
        }
        Action::Open if side_by_side => {
            app.status = Some(crate::tui::status::Status::info(
                "side by side reads both voices; to open a clip, Tab to the matrix and Enter on a cell",
            ));
        }
        Action::Open => {
            let id = state
                .cell_clips()
                .get(state.clip_selected)
                .map(|(_, _, c)| c.clip.record.id.0.clone());
            if let Some(id) = id {
                return Some(open_clip(app, &id));
            }
        }
        Action::MarkVoice if cols > 0 => {
            if let Some(at) = state.marked.iter().position(|c| *c == state.col) {
                state.marked.remove(at);
            } else {
                state.marked.push(state.col);
                if state.marked.len() > 2 {
                    state.marked.remove(0);
                }
            }
            if let [one] = state.marked[..] {
                app.status = Some(crate::tui::status::Status::info(format!(
                    "voice {} marked: v on another voice shows the two side by side",
                    one + 1
                )));
            }
            state.detail_scroll = 0;
            if state.marked.len() != 2 && state.cell_clips().is_empty() {
                state.focus_clips = false;
            }
        }
        Action::Back if state.focus_clips => state.focus_clips = false,
        Action::Back => return None,
        _ => return None,
    }
    Some(Vec::new())
}
