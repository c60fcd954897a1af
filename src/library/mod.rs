//! `Library`: the operations both front ends call. It owns the store and the index and
//! keeps the index in step with every write.

mod capture;
mod import;
mod indexing;
mod investigations;
mod maintenance;
mod reading;
mod team;
mod views;
mod visits;
mod writes;

pub use capture::{AddReport, TranscriptReport};
pub use import::{ImportProgress, ImportStatus};
pub use investigations::{InvestigationView, ItemView, parse_stance_or_clear};
pub use team::{EXPORT_MARKER, ExportReport};
use views::Lookups;
pub use visits::Digest;

use crate::corpus;
use crate::error::{Error, Result};
use crate::model::*;
use crate::search::{self, Progress, SearchHit, SearchIndex, SearchResults};
use crate::store::{Changed, PageSummary, Store, Stored};
use std::path::{Path, PathBuf};

pub struct Library {
    store: Store,
    /// Opened with the notebook, or on first need when the notebook was opened for
    /// reading only ([`Library::open_deferred`]).
    index: std::cell::OnceCell<SearchIndex>,
    data_dir: PathBuf,
    /// What happened on open: sync and index rebuild, for front ends to mention.
    pub opened: OpenReport,
    /// The clip removed from an investigation last, for undo.
    last_removed: Option<crate::store::RemovedItem>,
    /// The database's data version when last looked at: it moves when another process
    /// commits (see [`Library::changed_elsewhere`]).
    seen_version: i64,
}

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct OpenReport {
    pub synced: Option<crate::store::SyncReport>,
    pub index_rebuilt: Option<String>,
    /// Set when the index is behind the database while the named process brings it up
    /// to date: searches meanwhile come from the last complete index and may be a few
    /// seconds old.
    pub index_stale: Option<String>,
    /// What syncing the followed folders did, when any had changed.
    pub followed: Option<crate::store::FollowReport>,
    /// Why syncing the followed folders failed (nothing of it was written).
    pub follow_error: Option<String>,
    /// Followed folders that cannot be read: their records are kept as they were.
    pub unavailable: Vec<String>,
}

/// A clip with everything a reader needs beside it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClipView {
    /// The clip's own `source` and `voice` (ids) are left out of its JSON: the whole
    /// records follow under the same keys.
    #[serde(flatten, serialize_with = "json::clip_without_refs")]
    pub clip: Stored<Clip>,
    /// Shared with the other views built in the same batch.
    pub voice: std::sync::Arc<Voice>,
    pub source: std::sync::Arc<Source>,
    pub deep_link: Option<crate::web_url::WebUrl>,
    pub time_range: String,
    /// `(id, title)` of the pages the clip informs.
    pub page_titles: Vec<(PageId, String)>,
    /// The clip's stances with each theme's claim.
    pub themes: Vec<(Theme, Stance)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PageView {
    /// The page's own `themes` (ids) are left out of its JSON: the whole themes follow.
    #[serde(flatten, serialize_with = "json::page_without_theme_ids")]
    pub page: Stored<Page>,
    pub clips: Vec<ClipView>,
    pub themes: Vec<Theme>,
    /// Where the page's clips agree and disagree on its themes.
    pub findings: Vec<crate::compare::ThemeFinding>,
    /// `(id, title)` of related pages that exist.
    pub related_titles: Vec<(PageId, String)>,
    /// The canonical clip as the page presents it; `None` when the page names none or
    /// the clip is not in the notebook.
    pub canonical: Option<CanonicalView>,
}

/// A page's canonical clip: who says it, where, how clearly, and why it was chosen.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CanonicalView {
    pub clip: ClipId,
    pub voice: String,
    pub source: String,
    pub show: Option<String>,
    pub time_range: String,
    /// `None`: the clip has no clarity rating.
    pub clarity: Option<u8>,
    /// `poor`, `weak`, `clear` or `excellent` (see `model::clarity_band`).
    pub clarity_band: Option<&'static str>,
    pub why: Option<String>,
    pub lead_in: Option<String>,
    pub chapter: Option<String>,
    pub deep_link: Option<crate::web_url::WebUrl>,
}

/// Anything `dossier show ID` can show.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    Clip(Box<ClipView>),
    Page(Box<PageView>),
    Voice(Stored<Voice>),
    /// `kind` says what record this is; the source's own kind is `source_kind`.
    #[serde(serialize_with = "json::source_record")]
    Source(Stored<Source>),
    /// `kind` says what record this is; the theme's own kind is `theme_kind`.
    #[serde(serialize_with = "json::theme_record")]
    Theme(Stored<Theme>),
}

mod json;

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ImportReport {
    pub files: usize,
    pub records: usize,
    pub voices: usize,
    pub sources: usize,
    pub themes: usize,
    pub clips: usize,
    pub pages: usize,
    pub transcripts: usize,
    /// Values set over sources (`[[overlay]]`), now the user's own.
    pub overlays: usize,
    pub investigations: usize,
    /// Investigations in the files named like one of the user's: the user's is kept.
    pub investigations_kept: Vec<String>,
    /// Set when the database was written but the index could not be updated now; it is
    /// rebuilt on the next start.
    pub index_warning: Option<String>,
}

pub const DB_FILE: &str = "dossier.db";

/// The most results one search returns (README, `--limit`).
pub const MAX_SEARCH_LIMIT: usize = 1_000;

/// A limit of 1 to [`MAX_SEARCH_LIMIT`], or an error saying so.
pub fn check_limit(limit: usize) -> Result<()> {
    if (1..=MAX_SEARCH_LIMIT).contains(&limit) {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "a search returns 1 to {MAX_SEARCH_LIMIT} results; {limit} is out of range"
        )))
    }
}
pub const INDEX_DIR: &str = "index";

/// What "built in" means when a notebook opens: the corpus compiled into the program
/// (its hash computed at build time), or one a test gives with its hash.
#[derive(Clone, Copy)]
enum BuiltIn<'a> {
    Embedded,
    Given(&'a corpus::Corpus, &'a str),
}

impl Library {
    /// Opens the notebook in `data_dir`: creates it when new, syncs the embedded corpus
    /// when it changed, and rebuilds the index when it is missing, stale or damaged.
    pub fn open(data_dir: &Path, progress: &dyn Progress) -> Result<Library> {
        Self::open_inner(data_dir, BuiltIn::Embedded, progress, true, false)
    }

    /// Like [`Library::open`], but an index that records the database's current state
    /// is opened only when first needed: for commands that read the database only
    /// (`pages`, `show`, `export`), and for the UI's first frame. They skip opening and
    /// checking every segment of the index (at a million clips, 2 ms with the files in
    /// the page cache, a quarter of a second without). An index missing, behind or from
    /// another schema is rebuilt on open as always; one found damaged when opened later
    /// is rebuilt then, without progress.
    pub fn open_deferred(data_dir: &Path, progress: &dyn Progress) -> Result<Library> {
        Self::open_inner(data_dir, BuiltIn::Embedded, progress, true, true)
    }

    /// Like [`Library::open`], but leaves the followed folders for the caller to sync
    /// (`dossier corpus sync` reports the sync itself).
    pub fn open_without_follow(data_dir: &Path, progress: &dyn Progress) -> Result<Library> {
        Self::open_inner(data_dir, BuiltIn::Embedded, progress, false, false)
    }

    /// Opens the notebook with `corpus` standing in for the embedded one (its content
    /// hash decides whether to sync). Tests use it to change what "built in" means.
    pub fn open_with(
        data_dir: &Path,
        corpus: &corpus::Corpus,
        hash: &str,
        progress: &dyn Progress,
    ) -> Result<Library> {
        Self::open_inner(
            data_dir,
            BuiltIn::Given(corpus, hash),
            progress,
            true,
            false,
        )
    }

    fn open_inner(
        data_dir: &Path,
        built_in: BuiltIn<'_>,
        progress: &dyn Progress,
        sync_followed: bool,
        defer_index: bool,
    ) -> Result<Library> {
        if data_dir.exists() && !data_dir.is_dir() {
            return Err(Error::Invalid(format!(
                "{}: is a file, not a folder. --data-dir (or DOSSIER_HOME) names the folder the notebook is kept in: give a folder, or a path that does not exist yet",
                data_dir.display()
            )));
        }
        crate::fsutil::keep_freed_memory_for_reuse();
        std::fs::create_dir_all(data_dir).map_err(|e| Error::Io {
            path: data_dir.to_path_buf(),
            source: e,
        })?;
        let mut store = Store::open(&data_dir.join(DB_FILE))?;
        let index_dir = data_dir.join(INDEX_DIR);
        let hash = match built_in {
            BuiltIn::Embedded => corpus::EMBEDDED_HASH,
            BuiltIn::Given(_, hash) => hash,
        };
        let sync = if store.embedded_is_current(hash)? {
            crate::store::SyncReport::default()
        } else {
            // Parsed only now: most starts find the stored hash current.
            let parsed;
            let corpus = match built_in {
                BuiltIn::Embedded => {
                    parsed = corpus::embedded_corpus()?;
                    &parsed
                }
                BuiltIn::Given(corpus, _) => corpus,
            };
            // A sync changes what search sees: it is a write like any other.
            let _lock = writes::lock(&index_dir, "updating the built-in corpus")?;
            store.sync_embedded(corpus, hash)?
        };
        let index = std::cell::OnceCell::new();
        let mut state = search::IndexState::Fresh;
        // Deferred only when the index records the database as it is: one that is
        // missing, behind or from another schema is dealt with now, as always.
        if !(defer_index && SearchIndex::records_current(&index_dir, &store)) {
            let (opened, opened_state) = SearchIndex::open(&index_dir, &store, progress)?;
            let _ = index.set(opened);
            state = opened_state;
        }
        let seen_version = store.data_version()?;
        let (index_rebuilt, index_stale) = match state {
            search::IndexState::Fresh => (None, None),
            search::IndexState::Rebuilt(reason) => (Some(reason), None),
            search::IndexState::Stale(holder) => (None, Some(holder)),
        };
        let mut library = Library {
            store,
            index,
            data_dir: data_dir.to_path_buf(),
            last_removed: None,
            seen_version,
            opened: OpenReport {
                synced: sync.ran.then_some(sync),
                index_rebuilt,
                index_stale,
                ..OpenReport::default()
            },
        };
        if sync_followed {
            library.sync_followed_on_open(progress);
        }
        Ok(library)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
}

impl From<&Page> for crate::brief::BriefPage {
    fn from(page: &Page) -> Self {
        crate::brief::BriefPage {
            title: page.title.clone(),
            short_answer: page.short_answer.clone(),
            decision_rule: page.decision_rule.clone(),
        }
    }
}

impl ClipView {
    /// Whether the clip's stance on `theme` is the user's (set on a clip they added),
    /// rather than the corpus's reading of the expert.
    pub fn is_your_stance(&self, theme: &ThemeId) -> bool {
        self.clip
            .record
            .stances
            .iter()
            .any(|s| &s.theme == theme && s.by == StanceBy::User)
    }

    /// This clip as the brief shows it, with the author's note (readings left empty).
    pub fn brief_item(&self, note: &str) -> crate::brief::BriefItem {
        let c = &self.clip.record;
        crate::brief::BriefItem {
            clip: c.id.clone(),
            voice: self.voice.name.clone(),
            voice_line: self.voice.describe(),
            source_id: c.source.0.clone(),
            source_title: self.source.title.clone(),
            source_line: self.source.describe(),
            source_url: self.source.url.clone(),
            time_range: self.time_range.clone(),
            deep_link: self.deep_link.clone(),
            quote: c.quote.clone(),
            gist: c.gist.clone(),
            clarity: c.clarity,
            retired: self.clip.retired,
            your_readings: Vec::new(),
            note: note.to_string(),
        }
    }

    /// This clip as evidence for comparing voices.
    pub fn evidence(&self) -> crate::compare::Evidence {
        let c = &self.clip.record;
        crate::compare::Evidence {
            clip: c.id.clone(),
            voice_id: c.voice.0.clone(),
            voice: self.voice.name.clone(),
            source_id: c.source.0.clone(),
            clarity: c.clarity,
            stances: c
                .stances
                .iter()
                .map(|s| (s.theme.0.clone(), s.stance, s.by))
                .collect(),
        }
    }
}
