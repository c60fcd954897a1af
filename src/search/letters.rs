//! One or two letters typed alone in a large library. `r` starts a word in 900,000 of a
//! million clips: the full query scores each of them (the same small constant for
//! starting with the letters, plus the letters as a whole word: `ai`, `db`, `ml`), which
//! takes tens of milliseconds for the first key of every search.
//!
//! Ranked instead from a few candidates, scored by the full query:
//! - the best documents for the letters as a whole word in the fields every clip has
//!   (gist, topics, voice, source), found with block-max pruning;
//! - every decision page that matches;
//! - the first documents that start a word with the letters, in index order: what the
//!   full query ranks next, all at the same score, ties kept in index order.
//!
//! The count stops at [`COUNT_CAP`]. As with the two stages of `candidates.rs`, a
//! document holding the letters as a word only in its quote can rank lower than scoring
//! every match would rank it.

use super::candidates::{COUNT_CAP, candidates_for};
use super::index::SearchIndex;
use super::plan::{Plan, Unit};
use super::visit::{first_matches, rescore_and_count};
use crate::error::Result;
use std::collections::HashSet;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::candidates::Ranked;

/// A query of one or two letters and nothing else, too common to score every match.
pub struct LoneLetters {
    /// The prefix field's term for the letters: every document with a word starting so.
    starts: Term,
    /// The letters as whole words (and their synonyms typed as one word), in the fields
    /// that BM25 scores.
    words: Vec<Term>,
}

impl LoneLetters {
    /// `Some` when `plan` is one short prefix alone, unfiltered, and more documents start
    /// a word with it than are worth scoring one by one.
    pub fn of(
        index: &SearchIndex,
        searcher: &Searcher,
        plan: &Plan,
        filtered: bool,
    ) -> Option<Self> {
        if filtered || !plan.phrases.is_empty() {
            return None;
        }
        let [unit] = plan.units.as_slice() else {
            return None;
        };
        if unit.bonus || !unit.is_short_prefix() {
            return None;
        }
        let starts = Term::from_field_text(index.fields.prefix, unit.prefix.as_deref()?);
        if searcher.doc_freq(&starts).ok()? <= index.exact_up_to {
            return None;
        }
        Some(LoneLetters {
            starts,
            words: whole_words(index, unit),
        })
    }
}

/// A unit's one-term alternatives in each field that BM25 scores.
fn whole_words(index: &SearchIndex, unit: &Unit) -> Vec<Term> {
    let f = &index.fields;
    let mut terms = Vec::new();
    for alt in &unit.alternatives {
        if let [stem] = alt.stems.as_slice() {
            for field in [f.lead, f.topics, f.who, f.about] {
                terms.push(Term::from_field_text(field, stem));
            }
        }
    }
    terms
}

impl SearchIndex {
    /// The best `limit` documents of `seekable` (the full query of `letters`, built to
    /// score a few documents far apart) from the candidates above, and how many match.
    pub(super) fn rank_letters(
        &self,
        searcher: &Searcher,
        letters: &LoneLetters,
        seekable: &dyn Query,
        limit: usize,
    ) -> Result<Ranked> {
        let mut docs: Vec<DocAddress> = Vec::new();
        if !letters.words.is_empty() {
            let clauses: Vec<(Occur, Box<dyn Query>)> = letters
                .words
                .iter()
                .map(|t| {
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs));
                    (Occur::Should, q)
                })
                .collect();
            let best = self.run(
                searcher,
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(candidates_for(limit)).order_by_score(),
            )?;
            docs.extend(best.into_iter().map(|(_, addr)| addr));
        }
        docs.extend(self.pages_to_score(searcher, seekable, limit)?);
        let starts = TermQuery::new(letters.starts.clone(), IndexRecordOption::Basic);
        docs.extend(first_matches(searcher, &starts, limit)?);
        let mut seen = HashSet::new();
        docs.retain(|d| seen.insert(*d));
        let (mut top, counted) = rescore_and_count(
            searcher,
            seekable,
            docs,
            Some((&starts, COUNT_CAP)),
            self.executor(searcher),
        )?;
        top.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        top.truncate(limit);
        let (total, at_least) = counted.unwrap_or((0, false));
        Ok(Ranked {
            top,
            total,
            at_least,
        })
    }
}
