//! The UI's state. Views borrow it; only `update` changes it.

use dossier::library::{ClipView, PageView};
use dossier::search::SearchResults;
use dossier::store::PageSummary;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Pages,
    Search,
    Clip,
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
    /// Pages visited through "related comparisons", for Backspace.
    pub page_history: Vec<String>,
    pub search: SearchState,
    pub clip: Option<ClipState>,
    /// Clips visited from a clip's related list, for Backspace.
    pub clip_history: Vec<String>,
    pub help: bool,
    pub status: Option<String>,
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
            page_history: Vec::new(),
            search: SearchState::default(),
            clip: None,
            clip_history: Vec::new(),
            help: false,
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
