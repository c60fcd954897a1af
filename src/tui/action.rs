//! What can happen in the UI: user intents (from the keymap) and data arriving from the
//! driver. `update` turns each into state changes and `Effect`s.

use dossier::library::{ClipView, PageView};
use dossier::search::SearchResults;
use dossier::store::PageSummary;

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
    Failed(String),
    Status(String),
}

/// Work for the driver: everything that touches the `Library`, the browser or the
/// clipboard happens here, never in `update`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    LoadPages,
    LoadPage(String),
    /// Newest query wins: a result whose `seq` is older than the latest is dropped.
    Search {
        seq: u64,
        query: String,
    },
    LoadClip(String),
    OpenUrl(String),
    Copy(String),
}
