//! What a change or an export came to: a success said in the status line; a failure
//! brings back what was typed for it (a note to its editor, a name or a path to its
//! prompt) with the reason, so nothing typed is lost or goes astray.

use crate::tui::action::{Action, InvChange};
use crate::tui::app::{App, Modal, PromptFor};
use crate::tui::status::Status;

pub fn update(app: &mut App, action: &Action) {
    match action {
        Action::ChangeDone(message) => {
            app.inv.saving_note = None;
            app.status = Some(Status::done(message.clone()));
        }
        Action::ChangeFailed { change, message } => {
            failed(app, change, message);
        }
        Action::ExportFailed {
            investigation,
            path,
            message,
        } => {
            // The prompt comes back with the path as typed, so nothing typed goes astray.
            if app.modal.is_none() {
                app.modal = Some(Modal::Prompt {
                    purpose: PromptFor::ExportPath {
                        investigation: investigation.clone(),
                    },
                    input: path.clone(),
                    error: Some(message.clone()),
                });
            } else {
                app.status = Some(Status::problem(message.clone()));
            }
        }
        _ => {}
    }
}

/// A change failed: a note goes back into its editor, a name back into its prompt, each
/// with the reason; anything else is said in the status line.
fn failed(app: &mut App, change: &InvChange, message: &str) {
    let prompt = match change {
        InvChange::Note { .. } | InvChange::NoteInto { .. } => {
            return super::note::failed(app, message);
        }
        InvChange::Rename { old, new } => Some((PromptFor::Rename { old: old.clone() }, new)),
        InvChange::Create {
            name,
            add,
            question: _,
        } => Some((PromptFor::NewInvestigation { add: add.clone() }, name)),
        _ => None,
    };
    match prompt {
        Some((purpose, input)) if app.modal.is_none() => {
            app.modal = Some(Modal::Prompt {
                purpose,
                input: input.clone(),
                error: Some(message.to_string()),
            });
        }
        _ => app.status = Some(Status::problem(message)),
    }
}
