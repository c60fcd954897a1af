//! Dialogs over a screen and what they are for: prompts, questions, the note editor's
//! draft, the stance picker's rows.

use crate::tui::editor::Editor;
use crate::tui::form::ClipForm;
use dossier::model::Stance;

/// What a one-line prompt is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptFor {
    /// A new investigation; `add` is the clip to put in it.
    NewInvestigation {
        add: Option<String>,
    },
    /// The question a new investigation answers (optional), asked after its name.
    Question {
        name: String,
        add: Option<String>,
    },
    Rename {
        old: String,
    },
    ExportPath {
        investigation: String,
    },
}

/// A note (or an investigation's conclusion) being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteDraft {
    pub investigation: String,
    /// The clip the note is on; `None`: the investigation's conclusion.
    pub clip: Option<String>,
    /// What the note is on, for the editor's title: the clip's voice, source and time.
    pub about: String,
    pub editor: Editor,
    /// The text when the editor opened: discarding asks first only when it changed.
    pub original: String,
    /// Why the note cannot be saved where it belongs (its investigation was deleted or
    /// renamed elsewhere): shown in the editor, which keeps the text.
    pub problem: Option<String>,
}

impl NoteDraft {
    pub fn changed(&self) -> bool {
        self.editor.text() != self.original
    }
}

/// What a yes/no question is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfirmFor {
    Delete {
        investigation: String,
    },
    Overwrite {
        investigation: String,
        path: String,
    },
    /// Drop the changes to a note; "no" goes back to the editor.
    Discard(Box<NoteDraft>),
}

/// One theme in the stance picker: its claim, the stance in force and whether it is the
/// user's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StanceRow {
    pub theme: String,
    pub claim: String,
    pub stance: Option<Stance>,
    pub overridden: bool,
}

/// A dialog over the current screen. While one is open, keys go to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Modal {
    /// Choose an investigation for `clip`; row 0 is "new investigation…".
    Picker {
        clip: String,
        selected: usize,
    },
    Prompt {
        purpose: PromptFor,
        input: String,
        /// Why the last attempt failed (shown in the prompt, which keeps the input).
        error: Option<String>,
    },
    Confirm {
        purpose: ConfirmFor,
    },
    /// Writing a note on a clip, or an investigation's conclusion.
    Note(Box<NoteDraft>),
    /// Choose another investigation to save a note into (its own is gone).
    SaveNoteInto {
        note: Box<NoteDraft>,
        selected: usize,
    },
    Stance {
        investigation: String,
        clip: String,
        rows: Vec<StanceRow>,
        selected: usize,
    },
    /// A new clip, typed or cut from a transcript.
    ClipForm(Box<ClipForm>),
    /// A link no browser could open, shown in full to copy.
    Link {
        url: dossier::web_url::WebUrl,
    },
}
