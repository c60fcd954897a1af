//! The mouse: the wheel scrolls the pane under the pointer, whichever pane has the focus
//! (the focus stays where it was); a click focuses the pane under the pointer and selects
//! the item there.

use super::compare::compare_key;
use super::investigations::investigations_key;
use super::{move_selection, pages, select_page};
use crate::tui::action::{Action, Effect, MouseKind};
use crate::tui::app::{App, Pane};
use crate::tui::views::{Hit, hit};

/// Lines the wheel moves the side-by-side pane by.
const WHEEL_LINES: usize = 3;

pub(super) fn update(app: &mut App, kind: MouseKind, x: u16, y: u16) -> Vec<Effect> {
    let target = hit(app, x, y);
    let wheel = match kind {
        MouseKind::WheelUp => Action::Up,
        MouseKind::WheelDown => Action::Down,
        // Sideways, only the compare matrix moves: through its voices.
        MouseKind::WheelLeft | MouseKind::WheelRight => {
            if !matches!(target, Some(Hit::Matrix { .. })) {
                return Vec::new();
            }
            let Some(state) = app.compare.as_mut() else {
                return Vec::new();
            };
            let focus = std::mem::replace(&mut state.focus_clips, false);
            let way = match kind {
                MouseKind::WheelLeft => Action::Left,
                _ => Action::Right,
            };
            let effects = compare_key(app, &way).unwrap_or_default();
            if let Some(state) = app.compare.as_mut() {
                state.focus_clips = focus;
            }
            return effects;
        }
        MouseKind::Click => return target.map_or_else(Vec::new, |t| click(app, t)),
    };
    match target {
        Some(target) => scroll(app, target, kind, &wheel),
        // Dialogs, help and one-pane screens: the wheel moves what they show.
        None if kind == MouseKind::WheelUp => super::update(app, Action::WheelUp),
        None => super::update(app, Action::WheelDown),
    }
}

fn scroll(app: &mut App, target: Hit, kind: MouseKind, way: &Action) -> Vec<Effect> {
    let page = app.page_step();
    match target {
        Hit::PageList(_) => {
            let focus = std::mem::replace(&mut app.focus, Pane::List);
            let effects = move_selection(app, way, page);
            app.focus = focus;
            effects
        }
        Hit::PageDetail(_) => {
            let wheel = match kind {
                MouseKind::WheelUp => Action::WheelUp,
                _ => Action::WheelDown,
            };
            pages::scroll(app, &wheel);
            Vec::new()
        }
        Hit::Matrix { .. } | Hit::CompareDetail => {
            let Some(state) = app.compare.as_mut() else {
                return Vec::new();
            };
            let detail = target == Hit::CompareDetail;
            let side_by_side = state.marked.len() == 2;
            if detail && !side_by_side && state.cell_clips().is_empty() {
                return Vec::new();
            }
            let focus = std::mem::replace(&mut state.focus_clips, detail);
            let times = if detail && side_by_side {
                WHEEL_LINES
            } else {
                1
            };
            let mut effects = Vec::new();
            for _ in 0..times {
                effects.extend(compare_key(app, way).unwrap_or_default());
            }
            if let Some(state) = app.compare.as_mut() {
                state.focus_clips = focus;
            }
            effects
        }
        // One-pane screens: the wheel does what it does on them anywhere.
        Hit::Transcript(_) | Hit::Clip(_) => {
            let wheel = match kind {
                MouseKind::WheelUp => Action::WheelUp,
                _ => Action::WheelDown,
            };
            super::update(app, wheel)
        }
        Hit::InvList(_) | Hit::InvClips(_) => {
            let clips = matches!(target, Hit::InvClips(_));
            if clips && app.inv.current().is_none() {
                return Vec::new();
            }
            let focus = std::mem::replace(&mut app.inv.focus_clips, clips);
            let effects = investigations_key(app, way).unwrap_or_default();
            app.inv.focus_clips = focus;
            effects
        }
    }
}

fn click(app: &mut App, target: Hit) -> Vec<Effect> {
    match target {
        Hit::PageList(index) => {
            app.focus = Pane::List;
            if let Some(i) = index.filter(|i| *i != app.page_selected) {
                app.page_history.clear();
                if let Some(id) = app.pages.get(i).map(|p| p.id.to_string()) {
                    return select_page(app, &id);
                }
            }
        }
        Hit::PageDetail(item) => {
            app.focus = Pane::Detail;
            match item {
                Some(i) => app.item_selected = i,
                None => pages::focus_detail(app),
            }
        }
        Hit::Matrix { row, col } => {
            if let Some(state) = app.compare.as_mut() {
                state.focus_clips = false;
                if let Some(row) = row.filter(|r| *r != state.row) {
                    state.row = row;
                    state.detail_scroll = 0;
                    state.clip_selected = 0;
                }
                if let Some(col) = col {
                    state.col = col;
                    state.clip_selected = 0;
                }
            }
        }
        Hit::CompareDetail => {
            if let Some(state) = app.compare.as_mut() {
                state.focus_clips = state.marked.len() == 2 || !state.cell_clips().is_empty();
            }
        }
        Hit::InvList(index) => {
            app.inv.focus_clips = false;
            if let Some(i) = index.filter(|i| *i != app.inv.selected) {
                app.inv.selected = i;
                app.inv.clip_selected = 0;
                if let Some(name) = app.inv.selected_name() {
                    return vec![Effect::LoadInvestigation(name.to_string())];
                }
            }
        }
        Hit::InvClips(clip) => {
            app.inv.focus_clips = app.inv.current().is_some();
            if let Some(i) = clip.filter(|_| app.inv.focus_clips) {
                app.inv.clip_selected = i;
            }
        }
        Hit::Clip(related) => {
            if let (Some(i), Some(c)) = (related, app.clip.as_mut()) {
                c.selected = i;
            }
        }
        Hit::Transcript(cue) => {
            if let (Some(cue), Some(t)) = (cue, app.transcript.as_mut()) {
                t.selected = cue;
            }
        }
    }
    Vec::new()
}
