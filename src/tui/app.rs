//! The UI's state. Views borrow it; only `update` changes it.

use super::form::SharedNames;
use dossier::compare::Comparison;
use dossier::library::Digest;
use dossier::library::{ClipView, InvestigationView, PageView};
use dossier::model::Source;
use dossier::model::{Stance, StanceBy};
use dossier::search::SearchResults;
use dossier::store::{Investigation, PageSummary};
use dossier::store::{StoredCue, TranscriptInfo};
use std::collections::HashSet;

mod modal;
pub use modal::{ConfirmFor, Modal, NoteDraft, PromptFor, StanceRow};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Pages,
    Search,
    Clip,
    Investigations,
    Compare,
    Export,
    Transcript,
    Digest,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Detail,
}

/// Something on a page the reader can select and open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageItem {
    Clip(String),
    Related(String),
    Concept(String),
}

#[derive(Default)]
pub struct SearchState {
    pub input: String,
    pub results: Option<SearchResults>,
    pub selected: usize,
    /// Sequence number of the newest query sent; older results are ignored.
    pub seq: u64,
    pub pending: bool,
}

pub struct ClipState {
    pub view: ClipView,
    pub related: Vec<ClipView>,
    pub selected: usize,
    /// The first line in view: the clip scrolls when it does not fit.
    pub scroll: usize,
}

/// The investigations screen: the list, and the selected one's clips.
#[derive(Default)]
pub struct InvState {
    pub list: Vec<Investigation>,
    pub selected: usize,
    pub view: Option<InvestigationView>,
    pub focus_clips: bool,
    pub clip_selected: usize,
    /// The first clip drawn in the clips pane (kept while the selection is in view).
    pub clips_first: usize,
    /// The investigation to select when the list next arrives (just created or renamed).
    pub want: Option<String>,
    /// A note sent to be saved, kept until the save is confirmed: if it fails, the editor
    /// comes back with it.
    pub saving_note: Option<Box<NoteDraft>>,
    /// The notebook changed: when the list next arrives, reload the selected one too.
    pub reload_view: bool,
}

impl InvState {
    pub fn selected_name(&self) -> Option<&str> {
        self.list.get(self.selected).map(|i| i.name.as_str())
    }

    /// The loaded view, when it is the selected investigation's.
    pub fn current(&self) -> Option<&InvestigationView> {
        self.view
            .as_ref()
            .filter(|v| Some(v.investigation.name.as_str()) == self.selected_name())
    }

    pub fn selected_clip(&self) -> Option<&str> {
        self.current()?
            .items
            .get(self.clip_selected)
            .map(|i| i.clip.clip.record.id.as_str())
    }
}

/// The compare screen: themes (rows) by voices (columns); the clips of the selected cell.
pub struct CompareState {
    pub title: String,
    pub comparison: Comparison,
    /// The clips the comparison draws on, to describe a cell's evidence.
    pub clips: Vec<ClipView>,
    pub row: usize,
    pub col: usize,
    pub focus_clips: bool,
    pub clip_selected: usize,
    /// Voices (column indexes) marked for "side by side"; at most two.
    pub marked: Vec<usize>,
    /// Lines the side-by-side pane is scrolled from the selected theme's start.
    pub detail_scroll: isize,
}

impl CompareState {
    /// The clips in the selected cell, by stance: the corpus's readings first, then the
    /// user's, each with whose it is.
    pub fn cell_clips(&self) -> Vec<(Stance, StanceBy, &ClipView)> {
        let m = &self.comparison.matrix;
        let Some(cell) = m.cells.get(self.col).and_then(|row| row.get(self.row)) else {
            return Vec::new();
        };
        let corpus = cell.stances.iter().map(|s| (s, StanceBy::Corpus));
        let yours = cell.yours.iter().map(|s| (s, StanceBy::User));
        corpus
            .chain(yours)
            .flat_map(|((stance, ids), by)| {
                ids.iter().filter_map(move |id| {
                    self.clips
                        .iter()
                        .find(|c| &c.clip.record.id == id)
                        .map(|c| (*stance, by, c))
                })
            })
            .collect()
    }
}

/// A decision page's voices or an investigation's clips, compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareOf {
    Page(String),
    Investigation(String),
}

/// The brief, previewed before it is written.
pub struct ExportState {
    pub investigation: String,
    pub markdown: String,
    pub scroll: usize,
}

/// A transcript open at a cue, with an optional range of cues selected (`v`).
pub struct TranscriptState {
    pub info: TranscriptInfo,
    pub source: Source,
    /// The name of the source's first voice: the speaker of cues without a voice tag.
    pub default_voice: Option<String>,
    pub cues: Vec<StoredCue>,
    pub selected: usize,
    /// Where a selection started; the range runs from here to `selected`.
    pub anchor: Option<usize>,
    /// The first line in view: the transcript scrolls by line, the selection following.
    pub scroll: usize,
}

impl TranscriptState {
    /// The selected cues, first to last (just the current one without a selection).
    pub fn range(&self) -> std::ops::RangeInclusive<usize> {
        let a = self.anchor.unwrap_or(self.selected);
        a.min(self.selected)..=a.max(self.selected)
    }
}

/// What arrived since the last visit (or a week), clips selectable.
pub struct DigestState {
    pub digest: Digest,
    /// Whether the window is "since your last visit" rather than the last 7 days.
    pub since_visit: bool,
    pub selected: usize,
}

impl DigestState {
    pub fn clip_ids(&self) -> Vec<&str> {
        self.digest
            .groups
            .iter()
            .flat_map(|g| &g.themes)
            .flat_map(|t| &t.clips)
            .map(|c| c.id.as_str())
            .collect()
    }
}

pub struct App {
    pub screen: Screen,
    /// Screens to return to with Esc or Backspace.
    pub back: Vec<Screen>,
    pub pages: Vec<PageSummary>,
    pub page_selected: usize,
    pub page: Option<PageView>,
    pub focus: Pane,
    /// Selected actionable item in the page detail.
    pub item_selected: usize,
    /// The first line of the page shown in the detail pane.
    pub page_scroll: usize,
    /// Pages visited through "related comparisons", for Backspace.
    pub page_history: Vec<String>,
    pub search: SearchState,
    pub clip: Option<ClipState>,
    /// Clips visited from a clip's related list, for Backspace.
    pub clip_history: Vec<String>,
    pub inv: InvState,
    pub compare: Option<CompareState>,
    /// What the compare screen compares, so that it can be asked for again when the
    /// notebook changes.
    pub compare_of: Option<CompareOf>,
    pub export: Option<ExportState>,
    pub transcript: Option<TranscriptState>,
    pub digest: Option<DigestState>,
    /// Voices, sources, pages and investigations, for the form's completion.
    pub names: SharedNames,
    /// When the previous visit began (None on a first visit or before it is known).
    pub last_visit: Option<String>,
    /// Clips and pages added or changed since the previous visit: marked "new".
    pub new_ids: HashSet<String>,
    pub modal: Option<Modal>,
    pub help: bool,
    /// How far the help is scrolled (rows).
    pub help_scroll: usize,
    pub status: Option<super::status::Status>,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
}

impl App {
    pub fn new(width: u16, height: u16) -> App {
        App {
            screen: Screen::Pages,
            back: Vec::new(),
            pages: Vec::new(),
            page_selected: 0,
            page: None,
            focus: Pane::List,
            item_selected: 0,
            page_scroll: 0,
            page_history: Vec::new(),
            search: SearchState::default(),
            clip: None,
            clip_history: Vec::new(),
            inv: InvState::default(),
            compare: None,
            compare_of: None,
            export: None,
            transcript: None,
            digest: None,
            names: SharedNames::default(),
            last_visit: None,
            new_ids: HashSet::new(),
            modal: None,
            help: false,
            help_scroll: 0,
            status: None,
            quit: false,
            width,
            height,
        }
    }

    /// The actionable items of the loaded page, in display order.
    pub fn page_items(&self) -> Vec<PageItem> {
        let Some(view) = &self.page else {
            return Vec::new();
        };
        let p = &view.page.record;
        let mut items = Vec::new();
        if let Some(c) = &p.canonical_clip {
            items.push(PageItem::Clip(c.0.clone()));
        }
        items.extend(
            view.clips
                .iter()
                .filter(|c| Some(&c.clip.record.id) != p.canonical_clip.as_ref())
                .map(|c| PageItem::Clip(c.clip.record.id.0.clone())),
        );
        items.extend(
            view.related_titles
                .iter()
                .map(|(id, _)| PageItem::Related(id.0.clone())),
        );
        items.extend(p.concepts.iter().map(|c| PageItem::Concept(c.clone())));
        items
    }

    pub fn selected_page_id(&self) -> Option<&str> {
        self.pages.get(self.page_selected).map(|p| p.id.as_str())
    }

    /// Rows a list can show at the current height (for PgUp/PgDn).
    pub fn page_step(&self) -> usize {
        usize::from(self.height.saturating_sub(6)).max(1)
    }
}
