//! Ranking a large library without scoring every match. A common word holds a quarter of a
//! million clips; scoring each of them in seven weighed fields takes tens of milliseconds,
//! too slow for a keystroke. So when a query could match more than [`EXACT_UP_TO`]
//! documents, ranking takes two stages:
//!
//! 1. Candidates: each unit as one term of the prefix field (every searched word of a
//!    document, all fields together), scored by BM25 with block-max pruning, which skips
//!    whole blocks of documents that cannot reach the best [`candidates_for`] so far. Each
//!    segment keeps twice its share of them (`visit::SharedTop`), which raises its bar
//!    sooner. Every decision page is a candidate too, since a page's long body would hide
//!    it here.
//! 2. The candidates are scored by the full query (fields weighed, synonyms, nearness), and
//!    the best `limit` of them are the results. Beyond [`COUNT_CAP`] matches the total is
//!    "at least".
//!
//! The first stage looks for each word as typed, not for its synonyms (they rank below
//! it): when it finds fewer candidates than it keeps for a query with synonyms, every
//! match is scored instead. So is every match below the threshold, and for queries with
//! phrases or a word typed as two or hyphenated (`run.rs`). Filters narrow the first stage
//! as they narrow the full query.
//!
//! The price: beyond the threshold, a document that the first stage ranks low but the
//! full ranking would rank high can be missed. README's performance section measures
//! how often, against scoring every match, on a million synthetic clips.

use super::index::SearchIndex;
use super::plan::{Plan, Unit};
use super::tokenize::prefix_term;
use super::visit::{SharedTop, count_up_to, first_matches, rescore_and_count};
use crate::error::Result;
use std::collections::HashSet;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Searcher, Term};

/// Up to this many possible matches, every match is scored: exact, and a few milliseconds.
pub const EXACT_UP_TO: u64 = 20_000;
/// Matches are counted exactly up to this many; beyond it the total is a lower bound.
pub const COUNT_CAP: usize = 1_000;

/// How many candidates the first stage keeps for `limit` results.
pub fn candidates_for(limit: usize) -> usize {
    (limit * 4).max(200)
}

/// Whether a document must match every unit or may match some.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Coverage {
    All,
    Most,
}

/// The first stage's terms, one per required unit.
pub struct Candidates {
    terms: Vec<FirstStageTerm>,
    /// Some unit also matches other ways (a synonym, a word split in two) that the first
    /// stage does not look for: when it finds fewer than it keeps, it has not found every
    /// match, so every match is scored instead.
    partial: bool,
    /// The query's filters: a filtered query keeps only candidates that pass them.
    filters: Vec<(Occur, Box<dyn Query>)>,
    /// How many documents pass the filters (counted no further than past the threshold).
    filtered: Option<u64>,
}

struct FirstStageTerm {
    term: Term,
    /// How many documents hold it (summed over segments, deleted ones included).
    doc_freq: u64,
    /// A one- or two-letter prefix: left out where documents may match some units only,
    /// as `Builder::most_units` leaves it out.
    short: bool,
}

/// The weight of a one- or two-letter prefix in the first stage, beside whole words. Its
/// term stands for every word that starts with those letters, which says little of what a
/// document is about (the full ranking scores its likeliest completions instead), so it
/// narrows the candidates more than it ranks them. At full weight it also spread scores
/// so evenly that block-max pruning skipped almost nothing: at a million synthetic clips,
/// `retrieval la` took about twice as long, and its top 20 shared 3 documents with every
/// match scored, against 9 at this weight. Three letters and more keep full weight: they
/// ranked as well or better so.
const SHORT_WEIGHT: Score = 0.1;

/// One query ranked in two stages.
struct Stages<'a> {
    candidates: &'a Candidates,
    coverage: Coverage,
    /// The query as built for visiting every match (to count them).
    full: &'a dyn Query,
    /// The same query built to score a few documents far apart.
    seekable: &'a dyn Query,
}

/// The ranked documents of one query and how many match.
pub struct Ranked {
    pub top: Vec<(Score, DocAddress)>,
    pub total: usize,
    /// `total` is a lower bound: counting stopped at [`COUNT_CAP`].
    pub at_least: bool,
}

impl Candidates {
    /// The terms for `plan`, when each required unit is one word (or the word being
    /// typed) and no phrase constrains the query; `filters` (required, scored 0) narrow
    /// the first stage as they narrow the full query. `None`: rank every match.
    pub fn of(
        index: &SearchIndex,
        searcher: &Searcher,
        plan: &Plan,
        filters: &[(Occur, Box<dyn Query>)],
    ) -> Option<Self> {
        if !plan.phrases.is_empty() {
            return None;
        }
        let required: Vec<&Unit> = plan.units.iter().filter(|u| !u.bonus).collect();
        let terms: Vec<FirstStageTerm> = required
            .iter()
            .map(|u| {
                let term = Term::from_field_text(index.fields.prefix, &first_stage_term(u)?);
                Some(FirstStageTerm {
                    doc_freq: searcher.doc_freq(&term).unwrap_or(u64::MAX),
                    term,
                    short: u.is_short_prefix(),
                })
            })
            .collect::<Option<_>>()?;
        // A lone prefix of one or two letters is scored as a constant already: there is
        // no ranking for a first stage to spare.
        if terms.iter().all(|t| t.short) {
            return None;
        }
        let partial = required.iter().any(|u| u.alternatives.len() > 1);
        // How many documents pass the filters, counted as far as the threshold: a filter
        // can leave few enough matches to score every one.
        let most = terms
            .iter()
            .map(|t| t.doc_freq)
            .fold(0, u64::saturating_add);
        let filtered = if filters.is_empty() || most <= index.exact_up_to {
            None
        } else {
            let only_filters =
                BooleanQuery::new(filters.iter().map(|(o, q)| (*o, q.box_clone())).collect());
            let cap = usize::try_from(index.exact_up_to.saturating_add(1)).unwrap_or(usize::MAX);
            Some(count_up_to(searcher, &only_filters, cap).ok()?.0 as u64)
        };
        Some(Candidates {
            terms,
            partial,
            filters: filters.iter().map(|(o, q)| (*o, q.box_clone())).collect(),
            filtered,
        })
    }

    fn terms(&self, coverage: Coverage) -> impl Iterator<Item = &FirstStageTerm> {
        self.terms
            .iter()
            .filter(move |t| coverage == Coverage::All || !t.short)
    }

    /// Whether `coverage` could match more documents than are worth scoring one by one.
    pub fn worth_it(&self, coverage: Coverage, exact_up_to: u64) -> bool {
        let doc_freqs = self.terms(coverage).map(|t| t.doc_freq);
        let most = match coverage {
            Coverage::All => doc_freqs.min(),
            Coverage::Most => doc_freqs.reduce(u64::saturating_add),
        };
        most.is_some_and(|n| n.min(self.filtered.unwrap_or(u64::MAX)) > exact_up_to)
    }

    fn query(&self, coverage: Coverage) -> Box<dyn Query> {
        let occur = match coverage {
            Coverage::All => Occur::Must,
            Coverage::Most => Occur::Should,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .terms(coverage)
            .map(|t| {
                let mut q: Box<dyn Query> =
                    Box::new(TermQuery::new(t.term.clone(), IndexRecordOption::WithFreqs));
                // Still a term scorer (the boost scales its weight), so a conjunction of
                // terms keeps its block-max pruning.
                if t.short && self.terms.len() > 1 {
                    q = Box::new(BoostQuery::new(q, SHORT_WEIGHT));
                }
                (occur, q)
            })
            .collect();
        if self.filters.is_empty() {
            // One term alone is pruned block by block as a term query, not inside a
            // boolean.
            if clauses.len() == 1
                && let Some((_, one)) = clauses.pop()
            {
                return one;
            }
            return Box::new(BooleanQuery::new(clauses));
        }
        // Beside a required filter, optional terms would no longer be required at all:
        // at least one of them is, as one clause.
        let mut clauses = match coverage {
            Coverage::All => clauses,
            Coverage::Most => vec![(Occur::Must, Box::new(BooleanQuery::new(clauses)) as _)],
        };
        clauses.extend(self.filters.iter().map(|(o, q)| (*o, q.box_clone())));
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The prefix-field term that a unit's matches as typed all hold: the word being typed
/// as typed; a whole word as the part it shares with its stem ("retriev" for "retrieval",
/// "happ" for "happy", stemmed "happi"), so every word with that stem starts with it.
/// Synonyms are not looked for: they rank below the word typed. `None` for a unit typed
/// as two words or a hyphenated compound.
fn first_stage_term(unit: &Unit) -> Option<String> {
    if let Some(prefix) = &unit.prefix {
        return Some(prefix.clone());
    }
    let typed = unit.alternatives.first()?;
    let [stem] = typed.stems.as_slice() else {
        return None;
    };
    let shared: String = unit
        .typed
        .chars()
        .zip(stem.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    (!shared.is_empty()).then(|| prefix_term(&shared))
}

impl SearchIndex {
    /// The best `limit` documents of `full` (a query of `coverage`) and how many match:
    /// by the two stages above when given `two_stage` (candidates worth it, and `full`
    /// built seekable), else every match scored.
    pub(super) fn rank(
        &self,
        searcher: &Searcher,
        full: &dyn Query,
        two_stage: Option<(&Candidates, &dyn Query)>,
        coverage: Coverage,
        limit: usize,
    ) -> Result<Ranked> {
        match two_stage {
            Some((candidates, seekable)) => {
                let stages = Stages {
                    candidates,
                    coverage,
                    full,
                    seekable,
                };
                if let Some(ranked) = self.rank_candidates(searcher, &stages, limit)? {
                    return Ok(ranked);
                }
                self.rank(searcher, full, None, coverage, limit)
            }
            None => {
                let collector = (TopDocs::with_limit(limit).order_by_score(), Count);
                let (top, total) = self.run(searcher, full, &collector)?;
                Ok(Ranked {
                    top,
                    total,
                    at_least: false,
                })
            }
        }
    }

    /// The best `limit` documents of `full` by the two stages above, and how many match;
    /// `None` when the first stage cannot vouch for having found them.
    fn rank_candidates(
        &self,
        searcher: &Searcher,
        stages: &Stages<'_>,
        limit: usize,
    ) -> Result<Option<Ranked>> {
        let keep = candidates_for(limit);
        let top = |n| TopDocs::with_limit(n).order_by_score();
        let shared = SharedTop::new(top, keep, searcher.num_docs());
        let first = self.run(
            searcher,
            stages.candidates.query(stages.coverage).as_ref(),
            &shared,
        )?;
        let complete = first.len() < keep && !shared.some_segment_full(searcher, &first);
        if complete && stages.candidates.partial {
            return Ok(None);
        }
        let mut docs: Vec<DocAddress> = first.into_iter().map(|(_, addr)| addr).collect();
        let pages = self.pages_to_score(searcher, stages.seekable, limit)?;
        let seen: HashSet<DocAddress> = docs.iter().copied().collect();
        docs.extend(pages.into_iter().filter(|a| !seen.contains(a)));
        // Unless the first stage found every document that could match (then all were
        // scored), matches are counted beside the scoring.
        let count = (!complete).then_some((stages.full, COUNT_CAP));
        let (mut top, counted) = rescore_and_count(
            searcher,
            stages.seekable,
            docs,
            count,
            self.executor(searcher),
        )?;
        let (total, at_least) = counted.unwrap_or((top.len(), false));
        top.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        top.truncate(limit);
        Ok(Some(Ranked {
            top,
            total,
            at_least,
        }))
    }

    /// The decision pages to score beside a first stage's candidates, since a page's long
    /// body would hide it there. Usually every page: there are few, and scoring them with
    /// the candidates makes the full query's scorers once rather than twice (half a
    /// millisecond of a keystroke at a million clips). A notebook with many pages gets the
    /// best `limit` of those that match `full`.
    pub(super) fn pages_to_score(
        &self,
        searcher: &Searcher,
        full: &dyn Query,
        limit: usize,
    ) -> Result<Vec<DocAddress>> {
        /// Up to this many pages, every one is scored with the candidates.
        const EVERY_PAGE_UP_TO: u64 = 500;
        let page = Term::from_field_text(self.fields.doc_type, "page");
        let pages = TermQuery::new(page, IndexRecordOption::Basic);
        if searcher.doc_freq(pages.term())? <= EVERY_PAGE_UP_TO {
            return first_matches(searcher, &pages, usize::MAX);
        }
        // The page term first: in a segment without pages, the query ends there, before
        // the full query's scorers are made.
        let only_pages = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(pages), 0.0)),
            ),
            (Occur::Must, full.box_clone()),
        ]);
        let best = searcher.search(&only_pages, &TopDocs::with_limit(limit).order_by_score())?;
        Ok(best.into_iter().map(|(_, addr)| addr).collect())
    }
}

impl SearchIndex {
    /// Ranks every match exactly while a query could match at most `n` documents, in two
    /// stages beyond: benches and tests compare the two ways on one library.
    pub fn set_exact_up_to(&mut self, n: u64) {
        self.exact_up_to = n;
    }
}
