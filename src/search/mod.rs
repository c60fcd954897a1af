//! The tantivy index: derived from SQLite, rebuilt whenever it is missing, stale or damaged.

mod any_of;
mod build;
mod candidates;
mod correct;
mod document;
mod filters;
mod index;
mod letters;
mod near;
mod plan;
pub mod query;
mod run;
mod schema;
pub mod snippet;
mod stop;
mod stopwords;
pub mod synonyms;
mod tokenize;
mod visit;
mod vocabulary;

pub use candidates::{COUNT_CAP, EXACT_UP_TO};
pub use index::{IndexState, SearchIndex};
pub use query::{FilterField, ParsedQuery, parse};
pub use snippet::Snippet;
pub use stop::StopWhen;
pub use synonyms::Synonyms;

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
    /// `total` is a lower bound: a large library counts its matches only this far.
    pub total_at_least: bool,
    pub hits: Vec<SearchHit>,
    /// When misspelled words were corrected: the words searched instead, comma-separated.
    pub suggestion: Option<String>,
    /// True when some word was corrected.
    pub fuzzy: bool,
    /// Each misspelled word (not in the index, longer than 3 letters) and its correction.
    pub corrections: Vec<Correction>,
    /// Words that match nothing and have no close word: left out of the query.
    pub unmatched: Vec<String>,
    /// `name:` prefixes that are no filter: searched as words.
    pub unknown_filters: Vec<String>,
    /// When the query is a voice's name: the `speaker:` filter for that voice.
    pub speaker_hint: Option<String>,
}

/// A word the search changed, as typed and as searched.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Correction {
    pub from: String,
    pub to: String,
}

impl SearchResults {
    /// What the search did with the query, one sentence each, for every front end to show
    /// the same way: corrections, words left out, unknown filters, a filter to try.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.corrections.is_empty() {
            let changed: Vec<String> = self
                .corrections
                .iter()
                .map(|c| format!("{} (not {})", c.to, c.from))
                .collect();
            out.push(format!("showing results for {}", changed.join(", ")));
        }
        if !self.unmatched.is_empty() {
            out.push(format!(
                "no clip or page mentions {}",
                self.unmatched.join(", ")
            ));
        }
        for name in &self.unknown_filters {
            out.push(format!(
                "{name}: is not a filter (searched as words); filters: {}",
                query::FilterField::ALL
                    .iter()
                    .map(|(n, _)| format!("{n}:"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        if let Some(hint) = &self.speaker_hint {
            out.push(format!("only this voice: {hint}"));
        }
        out
    }
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
