//! What can happen in the UI: user intents (from the keymap) and data arriving from the
//! driver. `update` turns each into state changes and `Effect`s.

use dossier::compare::Comparison;
use dossier::library::{ClipView, InvestigationView, PageView};
use dossier::model::Stance;
use dossier::search::SearchResults;
use dossier::store::{Investigation, PageSummary};

/// What the mouse did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MouseKind {
    WheelUp,
    WheelDown,
    /// A sideways wheel (or Shift and the wheel, in many terminals): the compare
    /// matrix's columns.
    WheelLeft,
    WheelRight,
    Click,
}

#[derive(Clone, Debug)]
pub enum Action {
    // Intents, bound to keys in the keymap.
    Quit,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    NextPane,
    /// The mouse wheel: scrolls a page by a few lines; elsewhere moves like `j`/`k`.
    WheelUp,
    WheelDown,
    /// The mouse where the pointer is: the wheel scrolls the pane under the pointer (not
    /// necessarily the focused one); a click selects what is under it.
    Mouse {
        kind: MouseKind,
        x: u16,
        y: u16,
    },
    /// `]` and `[`: the page's next or previous section heading to the top of the view.
    NextSection,
    PrevSection,
    /// Straight back to the list of comparisons, from any screen.
    GoHome,
    Open,
    Back,
    OpenSearch,
    ToggleHelp,
    OpenLink,
    CopyCitation,
    /// A character typed into the search box.
    Input(char),
    /// Backspace in the search box.
    DeleteChar,
    /// Ctrl-U in the search box.
    ClearInput,
    Resize(u16, u16),

    // Investigations, compare and export.
    OpenInvestigations,
    /// `a`: choose an investigation for the clip in view.
    AddToInvestigation,
    NewInvestigation,
    RenameInvestigation,
    DeleteInvestigation,
    EditNote,
    /// `C`: write the investigation's conclusion (the author's own answer).
    EditConclusion,
    EditStance,
    RemoveClip,
    Undo,
    MoveClipUp,
    MoveClipDown,
    Compare,
    Export,
    /// On the compare screen: mark or unmark the selected voice for "side by side".
    MarkVoice,
    Left,
    Right,

    // Capture: new clips, transcripts, what's new.
    /// `n`: the new-clip form (prefilled from the transcript or clip in view).
    NewClip,
    /// `v` on a transcript: start or drop a selection of cues.
    ToggleSelect,
    /// `c` on a transcript: a new clip from the selected cues.
    CutClip,
    OpenDigest,
    NextField,
    PrevField,
    /// Right in the form: take the completion.
    Complete,

    // In a dialog.
    Submit,
    Cancel,
    Yes,
    No,
    Newline,
    DeleteForward,
    /// Ctrl-X in the note editor: close without saving (asks first if the text changed).
    Discard,
    /// Ctrl-O in the note editor: save the note into another investigation.
    SaveElsewhere,
    SetStance(Option<Stance>),

    // Data from the driver.
    PagesLoaded(Vec<PageSummary>),
    PageLoaded(Box<PageView>),
    SearchDone {
        seq: u64,
        results: SearchResults,
    },
    ClipLoaded {
        view: Box<ClipView>,
        related: Vec<ClipView>,
    },
    InvestigationsLoaded(Vec<Investigation>),
    InvestigationLoaded(Box<InvestigationView>),
    Compared(Box<CompareData>),
    BriefLoaded {
        investigation: String,
        markdown: String,
    },
    /// The brief was not written because a file is there; ask before replacing it.
    ExportExists {
        investigation: String,
        path: String,
    },
    TranscriptLoaded(Box<TranscriptData>),
    DigestLoaded {
        digest: Box<dossier::library::Digest>,
        since_visit: bool,
    },
    NamesLoaded(crate::tui::form::SharedNames),
    VisitBegun {
        previous: Option<String>,
        new_ids: std::collections::HashSet<String>,
    },
    ClipAdded(Box<dossier::library::AddReport>),
    /// The page the notebook was last left on, if any (None on a first launch).
    Restored(Option<String>),
    /// No browser could open the link: show it in full, to copy.
    OpenFailed(dossier::web_url::WebUrl),
    /// The library refused the form's clip; the form stays open with the reason.
    AddFailed(String),
    /// A change to investigations was made; the message says what.
    ChangeDone(String),
    /// A change to investigations failed: what was typed for it comes back to be fixed.
    ChangeFailed {
        change: InvChange,
        message: String,
    },
    /// The brief could not be written: the path prompt comes back with the reason.
    ExportFailed {
        investigation: String,
        path: String,
        message: String,
    },
    /// Something changed in the notebook since the last look (this process or another):
    /// every open screen reloads what it shows.
    DataChanged,
    /// Something failed: said in the status line as a problem.
    Failed(String),
    /// Guidance or news for the status line.
    Status(String),
    /// Something asked for was done (written, saved): said as such.
    Done(String),
}

impl Action {
    /// Moving a selection or a scroll position: handled by `update::step` on every list.
    pub fn is_movement(&self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown
        )
    }
}

/// A transcript to show, opened at cue `at`.
#[derive(Clone, Debug)]
pub struct TranscriptData {
    pub info: dossier::store::TranscriptInfo,
    pub source: dossier::model::Source,
    pub default_voice: Option<String>,
    pub cues: Vec<dossier::store::StoredCue>,
    pub at: usize,
}

/// A comparison and the clips it draws on.
#[derive(Clone, Debug)]
pub struct CompareData {
    pub title: String,
    pub comparison: Comparison,
    pub clips: Vec<ClipView>,
}

/// A change to investigations. Each is one transaction; the driver then reloads the list
/// and the changed investigation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvChange {
    Create {
        name: String,
        question: Option<String>,
        add: Option<String>,
    },
    Add {
        investigation: String,
        clip: String,
    },
    Rename {
        old: String,
        new: String,
    },
    Delete {
        investigation: String,
    },
    Remove {
        investigation: String,
        clip: String,
    },
    Undo,
    Move {
        investigation: String,
        clip: String,
        position: usize,
    },
    /// The note on `clip`, or (`None`) the investigation's conclusion.
    Note {
        investigation: String,
        clip: Option<String>,
        text: String,
    },
    Stance {
        investigation: String,
        clip: String,
        theme: String,
        stance: Option<Stance>,
    },
    /// A note whose own investigation is gone, saved into `investigation` instead: the
    /// clip is added there and the text goes after any note it has (or, for a
    /// conclusion, after its conclusion).
    NoteInto {
        investigation: String,
        clip: Option<String>,
        text: String,
    },
}

/// Work for the driver: everything that touches the `Library`, the browser or the
/// clipboard happens here, never in `update`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    LoadPages,
    LoadPage(String),
    /// Find the page the notebook was last left on (answered with `Action::Restored`).
    Restore,
    /// Remember the page in view, for the next launch.
    RememberPage(String),
    /// Newest query wins: a result whose `seq` is older than the latest is dropped.
    Search {
        seq: u64,
        query: String,
    },
    LoadClip(String),
    LoadInvestigations,
    LoadInvestigation(String),
    Change(InvChange),
    CompareInvestigation(String),
    ComparePage(String),
    LoadBrief(String),
    Export {
        investigation: String,
        path: String,
        force: bool,
    },
    /// Open a source's transcript at cue `at`.
    LoadTranscript {
        source: String,
        at: usize,
    },
    /// What changed since `since` (RFC 3339), or in the last 7 days.
    LoadDigest {
        since: Option<String>,
    },
    LoadNames,
    /// Record this visit and learn what is new since the last one.
    BeginVisit,
    AddClip(Box<dossier::capture::NewClip>),
    /// Save a note being written as the notebook closes (quit, a signal, a hang-up): a
    /// last chance, so a note that cannot go where it belongs (its investigation deleted
    /// elsewhere) is written to `recovered-notes.md` in the notebook's folder instead.
    SaveDraft(InvChange),
    /// Has anything been written to the notebook (by any process) since the last check?
    /// Answered with `Action::DataChanged` when so.
    CheckForChanges,
    /// Opens the search index of a notebook opened without it (the first frame does not
    /// wait for it).
    OpenIndex,
    OpenUrl(dossier::web_url::WebUrl),
    Copy(String),
}

impl Effect {
    /// Effects the front end runs itself (browser, clipboard) rather than the driver.
    pub fn is_outside(&self) -> bool {
        matches!(self, Effect::OpenUrl(_) | Effect::Copy(_))
    }
}
