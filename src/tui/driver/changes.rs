//! Changes to investigations, as the UI asks for them, and what becomes of a note that
//! cannot be saved where it belongs.

use super::super::action::InvChange;
use dossier::Library;
use dossier::model::ClipId;

/// Applies a change; returns a message for the status bar and the investigation to
/// reload.
pub(super) fn apply(
    lib: &mut Library,
    change: InvChange,
) -> (dossier::Result<String>, Option<String>) {
    match change {
        InvChange::Create {
            name,
            question,
            add,
        } => {
            let result = lib
                .create_investigation(&name, question.as_deref())
                .and_then(|_| {
                    if let Some(clip) = &add {
                        lib.add_to_investigation(&name, &[ClipId::new(clip.clone())], None)?;
                        return Ok(format!("created “{name}” with the clip in it"));
                    }
                    Ok(format!("created “{name}”"))
                });
            (result, Some(name))
        }
        InvChange::Add {
            investigation,
            clip,
        } => {
            let result = lib
                .add_to_investigation(&investigation, &[ClipId::new(clip)], None)
                .map(|added| match added {
                    0 => format!("already in “{investigation}”"),
                    _ => format!("added to “{investigation}”"),
                });
            (result, Some(investigation))
        }
        InvChange::Rename { old, new } => {
            let result = lib
                .rename_investigation(&old, &new)
                .map(|()| format!("renamed to “{new}”"));
            (result, Some(new))
        }
        InvChange::Delete { investigation } => {
            let result = lib
                .delete_investigation(&investigation)
                .map(|()| format!("deleted “{investigation}”"));
            (result, None)
        }
        InvChange::Remove {
            investigation,
            clip,
        } => {
            let result = lib
                .remove_from_investigation(&investigation, &clip)
                .map(|()| "removed the clip; u puts it back".to_string());
            (result, Some(investigation))
        }
        InvChange::Undo => match lib.undo_remove() {
            Ok(Some(removed)) => (
                Ok(format!("put the clip back in “{}”", removed.investigation)),
                Some(removed.investigation),
            ),
            Ok(None) => (Ok("nothing to undo".into()), None),
            Err(e) => (Err(e), None),
        },
        InvChange::Move {
            investigation,
            clip,
            position,
        } => {
            let result = lib
                .move_in_investigation(&investigation, &clip, position)
                .map(|at| format!("moved to position {}", at + 1));
            (result, Some(investigation))
        }
        InvChange::Note {
            investigation,
            clip,
            text,
        } => {
            let result = match clip {
                Some(clip) => lib
                    .set_note(&investigation, &clip, &text)
                    .map(|()| "note saved".to_string()),
                None => lib
                    .set_conclusion(&investigation, &text)
                    .map(|()| "conclusion saved".to_string()),
            };
            (result, Some(investigation))
        }
        InvChange::NoteInto {
            investigation,
            clip,
            text,
        } => {
            let result = note_into(lib, &investigation, clip.as_deref(), &text)
                .map(|()| format!("your note is saved in “{investigation}”"));
            (result, Some(investigation))
        }
        InvChange::Stance {
            investigation,
            clip,
            theme,
            stance,
        } => {
            let result = lib
                .set_investigation_stance(&investigation, &clip, &theme, stance)
                .map(|()| match stance {
                    Some(s) => format!("your stance on {theme}: {}", s.as_str()),
                    None => format!("your stance on {theme} cleared; the corpus's applies"),
                });
            (result, Some(investigation))
        }
    }
}

/// The file a note that could not be saved at exit is kept in, in the notebook's folder.
pub const RECOVERED_NOTES: &str = "recovered-notes.md";

/// Appends a note that could not be saved where it belongs to [`RECOVERED_NOTES`], saying
/// whose it was and why; returns what happened, in words.
pub(super) fn recover(lib: &Library, change: &InvChange, why: &str) -> String {
    use std::io::Write;
    let InvChange::Note {
        investigation,
        clip,
        text,
    } = change
    else {
        return why.to_string();
    };
    let path = lib.data_dir().join(RECOVERED_NOTES);
    let on = match clip {
        Some(clip) => format!("note on clip `{clip}`"),
        None => "conclusion".to_string(),
    };
    let entry = format!(
        "## {on} in “{investigation}”, {}\n\nNot saved there: {why}\n\n{text}\n\n",
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(entry.as_bytes()).and_then(|()| f.sync_all()));
    match written {
        Ok(()) => format!(
            "your note could not be saved ({why}); it is kept in {}",
            path.display()
        ),
        Err(e) => format!(
            "your note could not be saved ({why}), nor kept in {}: {e}",
            path.display()
        ),
    }
}

/// Saves a note whose own investigation is gone into `investigation` (created if it does
/// not exist): the clip goes in (if it is not there) and the text after the note it has,
/// or after the conclusion.
fn note_into(
    lib: &mut Library,
    investigation: &str,
    clip: Option<&str>,
    text: &str,
) -> dossier::Result<()> {
    let joined = |before: &str| {
        if before.trim().is_empty() {
            text.to_string()
        } else {
            format!("{before}\n\n{text}")
        }
    };
    if lib
        .investigations()?
        .iter()
        .all(|i| i.name != investigation)
    {
        lib.create_investigation(investigation, None)?;
    }
    match clip {
        Some(clip) => {
            lib.add_to_investigation(investigation, &[ClipId::new(clip)], None)?;
            let view = lib.investigation(investigation)?;
            let before = view
                .items
                .iter()
                .find(|i| i.clip.clip.record.id.as_str() == clip)
                .map(|i| i.note.clone())
                .unwrap_or_default();
            lib.set_note(investigation, clip, &joined(&before))
        }
        None => {
            let view = lib.investigation(investigation)?;
            let before = view.investigation.conclusion.unwrap_or_default();
            lib.set_conclusion(investigation, &joined(&before))
        }
    }
}
