//! The investigations, compare and export screens: their keys and their data.

use super::compare::compare_key;
use super::{go, open_clip, step};
use crate::tui::action::{Action, Effect, InvChange};
use crate::tui::app::{
    App, CompareState, ConfirmFor, ExportState, Modal, PromptFor, Screen, StanceRow,
};

/// Handles `action` when it belongs to these screens; `None` leaves it to the caller.
pub fn update(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::InvestigationsLoaded(list) => Some(list_loaded(app, list.clone())),
        Action::InvestigationLoaded(view) => {
            if Some(view.investigation.name.as_str()) == app.inv.selected_name() {
                let len = view.items.len();
                app.inv.view = Some((**view).clone());
                app.inv.clip_selected = app.inv.clip_selected.min(len.saturating_sub(1));
            }
            Some(Vec::new())
        }
        Action::Compared(data) => {
            if app.screen == Screen::Compare {
                let data = (**data).clone();
                let mut state = CompareState {
                    title: data.title,
                    comparison: data.comparison,
                    clips: data.clips,
                    row: 0,
                    col: 0,
                    focus_clips: false,
                    clip_selected: 0,
                    marked: Vec::new(),
                    detail_scroll: 0,
                };
                // Reloaded (the notebook changed): the same cell and marks, where they
                // still exist.
                if let Some(old) = app.compare.take() {
                    let m = &state.comparison.matrix;
                    let (themes, voices) = (m.themes.len(), m.voices.len());
                    state.row = old.row.min(themes.saturating_sub(1));
                    state.col = old.col.min(voices.saturating_sub(1));
                    state.marked = old.marked.into_iter().filter(|&v| v < voices).collect();
                    state.focus_clips = old.focus_clips;
                    state.clip_selected = old.clip_selected;
                    state.detail_scroll = old.detail_scroll;
                    state.clip_selected = state
                        .clip_selected
                        .min(state.cell_clips().len().saturating_sub(1));
                }
                app.compare = Some(state);
            }
            Some(Vec::new())
        }
        Action::BriefLoaded {
            investigation,
            markdown,
        } => {
            if app.screen == Screen::Export {
                // Reloaded (the notebook changed): the preview stays where it was.
                let scroll = app
                    .export
                    .as_ref()
                    .filter(|e| &e.investigation == investigation)
                    .map_or(0, |e| e.scroll);
                app.export = Some(ExportState {
                    investigation: investigation.clone(),
                    markdown: markdown.clone(),
                    scroll,
                });
            }
            Some(Vec::new())
        }
        Action::ChangeDone(_) | Action::ChangeFailed { .. } | Action::ExportFailed { .. } => {
            super::outcome::update(app, action);
            Some(Vec::new())
        }
        Action::ExportExists {
            investigation,
            path,
        } => {
            app.modal = Some(Modal::Confirm {
                purpose: ConfirmFor::Overwrite {
                    investigation: investigation.clone(),
                    path: path.clone(),
                },
            });
            Some(Vec::new())
        }
        _ => match app.screen {
            Screen::Investigations => investigations_key(app, action),
            Screen::Compare => compare_key(app, action),
            Screen::Export => export_key(app, action),
            _ => None,
        },
    }
}

fn list_loaded(app: &mut App, list: Vec<dossier::store::Investigation>) -> Vec<Effect> {
    let keep = app
        .inv
        .want
        .take()
        .or_else(|| app.inv.selected_name().map(str::to_string));
    app.inv.list = list;
    super::note::check_still_there(app);
    if let Some(i) = keep.and_then(|name| app.inv.list.iter().position(|i| i.name == name)) {
        app.inv.selected = i;
    }
    app.inv.selected = app.inv.selected.min(app.inv.list.len().saturating_sub(1));
    let loaded = app.inv.current().is_some() && !std::mem::take(&mut app.inv.reload_view);
    match app.inv.selected_name() {
        Some(name) if !loaded && app.screen == Screen::Investigations => {
            vec![Effect::LoadInvestigation(name.to_string())]
        }
        Some(_) => Vec::new(),
        None => {
            app.inv.view = None;
            Vec::new()
        }
    }
}

fn change(change: InvChange) -> Vec<Effect> {
    vec![Effect::Change(change)]
}

/// A file name for a brief: the investigation's name in lower case, words joined by `-`.
pub fn brief_file_name(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!("{}.md", if slug.is_empty() { "brief" } else { slug })
}

pub(super) fn investigations_key(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let page = app.page_step();
    let name = app.inv.selected_name().map(str::to_string);
    let clip = app.inv.selected_clip().map(str::to_string);
    let need = |app: &mut App, what: &str| {
        app.status = Some(crate::tui::status::Status::info(format!(
            "select {what} first"
        )));
        Vec::new()
    };
    Some(match action {
        a if a.is_movement() => {
            if app.inv.focus_clips {
                let len = app.inv.current().map_or(0, |v| v.items.len());
                app.inv.clip_selected = step(app.inv.clip_selected, len, action, page);
                Vec::new()
            } else {
                let before = app.inv.selected;
                app.inv.selected = step(app.inv.selected, app.inv.list.len(), action, page);
                match app.inv.selected_name().map(str::to_string) {
                    Some(n) if app.inv.selected != before => {
                        app.inv.clip_selected = 0;
                        vec![Effect::LoadInvestigation(n)]
                    }
                    _ => Vec::new(),
                }
            }
        }
        Action::NextPane => {
            app.inv.focus_clips = !app.inv.focus_clips && app.inv.current().is_some();
            Vec::new()
        }
        Action::Open if !app.inv.focus_clips => {
            app.inv.focus_clips = app.inv.current().is_some();
            Vec::new()
        }
        Action::Open => match clip {
            Some(id) => open_clip(app, &id),
            None => Vec::new(),
        },
        Action::Back if app.inv.focus_clips => {
            app.inv.focus_clips = false;
            Vec::new()
        }
        Action::NewInvestigation => {
            app.modal = Some(Modal::Prompt {
                purpose: PromptFor::NewInvestigation { add: None },
                input: String::new(),
                error: None,
            });
            Vec::new()
        }
        Action::RenameInvestigation => match name {
            Some(old) => {
                app.modal = Some(Modal::Prompt {
                    input: old.clone(),
                    purpose: PromptFor::Rename { old },
                    error: None,
                });
                Vec::new()
            }
            None => need(app, "an investigation"),
        },
        Action::DeleteInvestigation => match name {
            Some(investigation) => {
                app.modal = Some(Modal::Confirm {
                    purpose: ConfirmFor::Delete { investigation },
                });
                Vec::new()
            }
            None => need(app, "an investigation"),
        },
        Action::EditNote => match (name, clip) {
            (Some(investigation), Some(clip)) => {
                let item = app
                    .inv
                    .current()
                    .and_then(|v| v.items.get(app.inv.clip_selected));
                let note = item.map(|i| i.note.clone()).unwrap_or_default();
                let about = item.map_or_else(
                    || clip.clone(),
                    |i| {
                        let c = &i.clip;
                        format!("{} · {} · {}", c.voice.name, c.source.title, c.time_range)
                    },
                );
                let draft = super::note::open(investigation, Some(clip), about, &note);
                app.modal = Some(Modal::Note(draft));
                Vec::new()
            }
            _ => need(app, "a clip"),
        },
        Action::EditConclusion => match name {
            Some(investigation) => {
                let conclusion = app
                    .inv
                    .current()
                    .and_then(|v| v.investigation.conclusion.clone())
                    .unwrap_or_default();
                let about = investigation.clone();
                let draft = super::note::open(investigation, None, about, &conclusion);
                app.modal = Some(Modal::Note(draft));
                Vec::new()
            }
            None => need(app, "an investigation"),
        },
        Action::EditStance => match (name, clip) {
            (Some(investigation), Some(clip)) => {
                let rows = stance_rows(app);
                app.modal = Some(Modal::Stance {
                    investigation,
                    clip,
                    rows,
                    selected: 0,
                });
                Vec::new()
            }
            _ => need(app, "a clip"),
        },
        Action::RemoveClip => match (name, clip) {
            (Some(investigation), Some(clip)) => change(InvChange::Remove {
                investigation,
                clip,
            }),
            _ => need(app, "a clip"),
        },
        Action::Undo => change(InvChange::Undo),
        Action::MoveClipUp | Action::MoveClipDown => match (name, clip) {
            (Some(investigation), Some(clip)) => {
                let len = app.inv.current().map_or(0, |v| v.items.len());
                let from = app.inv.clip_selected;
                let to = if matches!(action, Action::MoveClipUp) {
                    from.saturating_sub(1)
                } else {
                    (from + 1).min(len.saturating_sub(1))
                };
                if to == from {
                    return Some(Vec::new());
                }
                app.inv.clip_selected = to;
                change(InvChange::Move {
                    investigation,
                    clip,
                    position: to,
                })
            }
            _ => need(app, "a clip"),
        },
        Action::Compare => match name {
            Some(n) => {
                app.compare = None;
                app.compare_of = Some(crate::tui::app::CompareOf::Investigation(n.clone()));
                go(app, Screen::Compare);
                vec![Effect::CompareInvestigation(n)]
            }
            None => need(app, "an investigation"),
        },
        Action::Export => match name {
            Some(n) => {
                app.export = None;
                go(app, Screen::Export);
                vec![Effect::LoadBrief(n)]
            }
            None => need(app, "an investigation"),
        },
        _ => return None,
    })
}

/// The stance picker's rows: every theme the investigation's clips speak to, the selected
/// clip's own first, each with the stance in force for that clip.
fn stance_rows(app: &App) -> Vec<StanceRow> {
    let Some(view) = app.inv.current() else {
        return Vec::new();
    };
    let Some(item) = view.items.get(app.inv.clip_selected) else {
        return Vec::new();
    };
    let mut rows: Vec<StanceRow> = Vec::new();
    let mut push = |id: &str, claim: &str| {
        if rows.iter().any(|r| r.theme == id) {
            return;
        }
        let stance = item
            .stances
            .iter()
            .find(|(t, _)| t.as_str() == id)
            .map(|(_, s)| *s);
        rows.push(StanceRow {
            theme: id.to_string(),
            claim: claim.to_string(),
            stance,
            overridden: item.overridden.iter().any(|t| t.as_str() == id),
        });
    };
    for (theme, _) in &item.clip.themes {
        push(theme.id.as_str(), &theme.claim);
    }
    for (theme, _) in &item.stances {
        push(theme.as_str(), theme.as_str());
    }
    for other in &view.items {
        for (theme, _) in &other.clip.themes {
            push(theme.id.as_str(), &theme.claim);
        }
    }
    rows
}

fn export_key(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    // Scroll by the rows the preview draws, so the end of a long brief can be reached.
    let layout = crate::tui::views::export_layout(app);
    let state = app.export.as_mut()?;
    if let Some((preview, height)) = layout {
        let lines = super::scrolling::Lines {
            total: preview.lines.len(),
            height,
            items: &[],
            headings: &preview.headings,
        };
        let at = super::scrolling::At {
            top: state.scroll,
            selected: 0,
        };
        if let Some(at) = lines.scroll(at, action, true) {
            state.scroll = at.top;
            return Some(Vec::new());
        }
    }
    match action {
        Action::Export => {
            let investigation = state.investigation.clone();
            app.modal = Some(Modal::Prompt {
                input: brief_file_name(&investigation),
                purpose: PromptFor::ExportPath { investigation },
                error: None,
            });
        }
        _ => return None,
    }
    Some(Vec::new())
}
