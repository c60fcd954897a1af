//! Keys while a dialog is open: the investigation picker, a line of text, yes/no, the
//! note editor and the stance picker.

use crate::tui::action::{Action, Effect, InvChange};
use crate::tui::app::{App, ConfirmFor, Modal, PromptFor};

/// What `save_draft` would save, leaving the editor open: kept current for the watchdog,
/// which saves it if the main loop cannot.
pub fn draft(app: &App) -> Vec<Effect> {
    match &app.modal {
        Some(Modal::Note(note)) if note.changed() || note.problem.is_some() => {
            vec![Effect::SaveDraft(super::note::save(note))]
        }
        _ => Vec::new(),
    }
}

/// Saves the note being written, if one is open and changed. Called on quit and on signals.
pub fn save_draft(app: &mut App) -> Vec<Effect> {
    let effects = draft(app);
    if matches!(app.modal, Some(Modal::Note(_))) {
        app.modal = None;
    }
    effects
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(modal) = app.modal.take() else {
        return Vec::new();
    };
    let (keep, effects) = match modal {
        Modal::ClipForm(form) => super::capture::form(app, form, &action),
        Modal::Picker { clip, selected } => picker(app, clip, selected, &action),
        Modal::Prompt { purpose, input, .. } => prompt(app, purpose, input, &action),
        Modal::Confirm { purpose } => confirm(app, purpose, &action),
        Modal::Link { url } => match action {
            Action::CopyCitation => (None, vec![Effect::Copy(url.as_str().to_string())]),
            Action::Cancel => (None, Vec::new()),
            _ => (Some(Modal::Link { url }), Vec::new()),
        },
        Modal::Note(note) => super::note::key(app, note, &action),
        Modal::SaveNoteInto { note, selected } => {
            super::note::save_into(app, note, selected, &action)
        }
        Modal::Stance {
            investigation,
            clip,
            mut rows,
            mut selected,
        } => {
            let mut effects = Vec::new();
            match action {
                Action::Cancel => return Vec::new(),
                Action::Up | Action::Down => {
                    selected = super::step(selected, rows.len(), &action, 1)
                }
                Action::SetStance(stance) => {
                    if let Some(row) = rows.get_mut(selected) {
                        effects.push(Effect::Change(InvChange::Stance {
                            investigation: investigation.clone(),
                            clip: clip.clone(),
                            theme: row.theme.clone(),
                            stance,
                        }));
                        // Shown at once; a cleared row shows "the corpus's" after reload.
                        row.stance = stance.or(row.stance);
                        row.overridden = stance.is_some();
                    }
                }
                _ => {}
            }
            (
                Some(Modal::Stance {
                    investigation,
                    clip,
                    rows,
                    selected,
                }),
                effects,
            )
        }
    };
    app.modal = keep;
    effects
}

fn picker(
    app: &mut App,
    clip: String,
    mut selected: usize,
    action: &Action,
) -> (Option<Modal>, Vec<Effect>) {
    let rows = app.inv.list.len() + 1;
    match action {
        Action::Cancel => return (None, Vec::new()),
        Action::Up | Action::Down => selected = super::step(selected, rows, action, 1),
        Action::Submit if selected == 0 => {
            let prompt = Modal::Prompt {
                purpose: PromptFor::NewInvestigation { add: Some(clip) },
                input: String::new(),
                error: None,
            };
            return (Some(prompt), Vec::new());
        }
        Action::Submit => {
            if let Some(inv) = app.inv.list.get(selected - 1) {
                let change = InvChange::Add {
                    investigation: inv.name.clone(),
                    clip,
                };
                app.inv.want = Some(inv.name.clone());
                return (None, vec![Effect::Change(change)]);
            }
        }
        _ => {}
    }
    (Some(Modal::Picker { clip, selected }), Vec::new())
}

fn prompt(
    app: &mut App,
    purpose: PromptFor,
    mut input: String,
    action: &Action,
) -> (Option<Modal>, Vec<Effect>) {
    match action {
        Action::Cancel => return (None, Vec::new()),
        Action::Input(c) => input.push(*c),
        Action::DeleteChar => {
            input.pop();
        }
        Action::ClearInput => input.clear(),
        Action::Submit => {
            let text = input.trim().to_string();
            if let PromptFor::Question { name, add } = purpose {
                app.inv.want = Some(name.clone());
                let question = Some(text).filter(|q| !q.is_empty());
                let create = InvChange::Create {
                    name,
                    question,
                    add,
                };
                return (None, vec![Effect::Change(create)]);
            }
            if text.is_empty() {
                app.status = Some(crate::tui::status::Status::info(
                    "type something first, or Esc to cancel",
                ));
            } else {
                let effects = submit(app, purpose, text);
                // `submit` may open the next prompt.
                return (app.modal.take(), effects);
            }
        }
        _ => {}
    }
    (
        Some(Modal::Prompt {
            purpose,
            input,
            error: None,
        }),
        Vec::new(),
    )
}

fn submit(app: &mut App, purpose: PromptFor, text: String) -> Vec<Effect> {
    match purpose {
        PromptFor::NewInvestigation { add } => {
            app.modal = Some(Modal::Prompt {
                purpose: PromptFor::Question { name: text, add },
                input: String::new(),
                error: None,
            });
            Vec::new()
        }
        // Answered in `prompt`: an empty question is allowed.
        PromptFor::Question { .. } => Vec::new(),
        PromptFor::Rename { old } => {
            app.inv.want = Some(text.clone());
            vec![Effect::Change(InvChange::Rename { old, new: text })]
        }
        PromptFor::ExportPath { investigation } => vec![Effect::Export {
            investigation,
            path: text,
            force: false,
        }],
    }
}

fn confirm(app: &mut App, purpose: ConfirmFor, action: &Action) -> (Option<Modal>, Vec<Effect>) {
    if let ConfirmFor::Discard(note) = purpose {
        return match action {
            Action::Yes => {
                app.status = Some(crate::tui::status::Status::info(
                    "your changes to the note were discarded",
                ));
                (None, Vec::new())
            }
            Action::No | Action::Cancel => (Some(Modal::Note(note)), Vec::new()),
            _ => (
                Some(Modal::Confirm {
                    purpose: ConfirmFor::Discard(note),
                }),
                Vec::new(),
            ),
        };
    }
    match action {
        Action::Yes => {
            let effect = match purpose {
                ConfirmFor::Delete { investigation } => {
                    Effect::Change(InvChange::Delete { investigation })
                }
                ConfirmFor::Overwrite {
                    investigation,
                    path,
                } => Effect::Export {
                    investigation,
                    path,
                    force: true,
                },
                ConfirmFor::Discard(_) => return (None, Vec::new()),
            };
            (None, vec![effect])
        }
        Action::No | Action::Cancel => {
            app.status = Some(crate::tui::status::Status::info(
                "cancelled; nothing changed",
            ));
            (None, Vec::new())
        }
        _ => (Some(Modal::Confirm { purpose }), Vec::new()),
    }
}
