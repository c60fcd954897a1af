//! The note editor: writing a note on a clip (or an investigation's conclusion), saving it
//! with Esc, discarding it with Ctrl-X (asking first when the text changed), and keeping
//! it when its investigation is gone, to save into another one.

use crate::tui::action::{Action, Effect, InvChange};
use crate::tui::app::{App, ConfirmFor, Modal, NoteDraft};
use crate::tui::editor::Editor;
use crate::tui::keymap::{Scope, label_for};

/// A draft for the note on `clip` (or the conclusion), holding `text`.
pub fn open(
    investigation: String,
    clip: Option<String>,
    about: String,
    text: &str,
) -> Box<NoteDraft> {
    Box::new(NoteDraft {
        investigation,
        clip,
        about,
        editor: Editor::new(text),
        original: text.to_string(),
        problem: None,
    })
}

/// The change that saves the draft where it belongs.
pub fn save(note: &NoteDraft) -> InvChange {
    InvChange::Note {
        investigation: note.investigation.clone(),
        clip: note.clip.clone(),
        text: note.editor.text(),
    }
}

/// What the editor says when the note's investigation is gone, naming the keys.
pub fn gone_message(investigation: &str) -> String {
    let elsewhere = label_for(Scope::Note, |a| matches!(a, Action::SaveElsewhere)).unwrap_or("?");
    let discard = label_for(Scope::Note, |a| matches!(a, Action::Discard)).unwrap_or("?");
    format!(
        "“{investigation}” no longer exists (deleted or renamed elsewhere). Your text is kept: {elsewhere} saves it into another investigation, {discard} discards it."
    )
}

/// Keys in the editor.
pub fn key(
    app: &mut App,
    mut note: Box<NoteDraft>,
    action: &Action,
) -> (Option<Modal>, Vec<Effect>) {
    match action {
        Action::Cancel => {
            if !note.changed() && note.problem.is_none() {
                app.status = Some(crate::tui::status::Status::info("note unchanged"));
                return (None, Vec::new());
            }
            let change = save(&note);
            // Kept until the save is confirmed: a failure reopens the editor with it.
            app.inv.saving_note = Some(note);
            return (None, vec![Effect::Change(change)]);
        }
        Action::Discard if note.changed() => {
            return (
                Some(Modal::Confirm {
                    purpose: ConfirmFor::Discard(note),
                }),
                Vec::new(),
            );
        }
        Action::Discard => {
            app.status = Some(crate::tui::status::Status::info(
                "closed; the note was not changed",
            ));
            return (None, Vec::new());
        }
        Action::SaveElsewhere => {
            let selected = app
                .inv
                .list
                .iter()
                .position(|i| i.name != note.investigation)
                .unwrap_or(0);
            if app.inv.list.iter().all(|i| i.name == note.investigation) {
                // Nowhere else to go: a new investigation takes it, named after the old.
                let target = format!("{} (recovered)", note.investigation);
                return save_to(app, note, target);
            }
            return (
                Some(Modal::SaveNoteInto { note, selected }),
                vec![Effect::LoadInvestigations],
            );
        }
        Action::Input(c) => note.editor.insert(*c),
        Action::Newline => note.editor.newline(),
        Action::DeleteChar => note.editor.backspace(),
        Action::DeleteForward => note.editor.delete(),
        Action::Left => note.editor.left(),
        Action::Right => note.editor.right(),
        Action::Up => note.editor.up(),
        Action::Down => note.editor.down(),
        Action::Top => note.editor.home(),
        Action::Bottom => note.editor.end(),
        _ => {}
    }
    (Some(Modal::Note(note)), Vec::new())
}

/// Saves a note whose investigation is gone into `target` (the clip comes with it), and
/// keeps the draft until the write is confirmed.
fn save_to(app: &mut App, note: Box<NoteDraft>, target: String) -> (Option<Modal>, Vec<Effect>) {
    let change = InvChange::NoteInto {
        investigation: target.clone(),
        clip: note.clip.clone(),
        text: note.editor.text(),
    };
    let mut kept = note;
    kept.investigation = target.clone();
    app.inv.saving_note = Some(kept);
    app.inv.want = Some(target);
    (None, vec![Effect::Change(change)])
}

/// Keys in the list of investigations to save a homeless note into.
pub fn save_into(
    app: &mut App,
    note: Box<NoteDraft>,
    mut selected: usize,
    action: &Action,
) -> (Option<Modal>, Vec<Effect>) {
    match action {
        Action::Cancel => return (Some(Modal::Note(note)), Vec::new()),
        Action::Up | Action::Down => {
            selected = super::step(selected, app.inv.list.len(), action, 1)
        }
        Action::Submit => {
            if let Some(target) = app.inv.list.get(selected).map(|i| i.name.clone()) {
                return save_to(app, note, target);
            }
        }
        _ => {}
    }
    (Some(Modal::SaveNoteInto { note, selected }), Vec::new())
}

/// A note's save failed: the editor comes back with the text and the reason.
pub fn failed(app: &mut App, message: &str) {
    let Some(mut note) = app.inv.saving_note.take() else {
        app.status = Some(crate::tui::status::Status::problem(message));
        return;
    };
    // The list reloaded next says whether the investigation is gone (`check_still_there`).
    note.problem = Some(format!("not saved: {message}. Your text is kept here."));
    if app.modal.is_none() {
        app.modal = Some(Modal::Note(note));
    } else {
        app.status = Some(crate::tui::status::Status::problem(format!(
            "a note was not saved: {message}"
        )));
    }
}

/// The investigations arrived: a note being written on one that is gone says so at once.
pub fn check_still_there(app: &mut App) {
    if let Some(Modal::Note(note)) = &mut app.modal {
        let there = app.inv.list.iter().any(|i| i.name == note.investigation);
        let gone = gone_message(&note.investigation);
        if !there {
            note.problem = Some(gone);
        } else if note.problem.as_ref() == Some(&gone) {
            // Back again (created anew elsewhere, or a rename undone): Esc saves there.
            note.problem = None;
        }
    }
}
