//! The tantivy index: derived from SQLite, rebuilt whenever it is missing, stale or damaged.

mod index;
pub mod query;
mod run;
mod schema;
pub mod snippet;
mod tokenize;

pub use index::{IndexState, SearchIndex};
pub use query::{FilterField, ParsedQuery, parse};
pub use snippet::Snippet;

use serde::Serialize;

/// What a front end shows for one result.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    pub id: String,
    /// `clip` or `page`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// A page's title, a clip's source title.
    pub title: String,
    pub voice: Option<String>,
    pub source: Option<String>,
    /// `26:30–31:38`, `§ Section`, or empty.
    pub time_range: Option<String>,
    pub start_seconds: Option<u32>,
    pub score: f32,
    pub snippet: Snippet,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Matching documents in all, beyond the `limit` returned.
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// When the strict query found nothing and the typo-tolerant one did: the query it
    /// probably meant.
    pub suggestion: Option<String>,
    /// True when the results come from the typo-tolerant fallback.
    pub fuzzy: bool,
}

/// Progress of long work (index rebuilds, imports), for a front end to show.
pub trait Progress {
    fn update(&self, stage: &str, done: u64, total: u64);
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {
    fn update(&self, _: &str, _: u64, _: u64) {}
}
