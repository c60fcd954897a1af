//! Visiting a query's matches one by one, without ranking them all: the first few, a
//! given few scored, or a count that stops at a cap.

use crate::error::Result;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Executor, Score, Searcher, TERMINATED};

/// The first `n` live documents that match `query`, in index order.
pub(super) fn first_matches(
    searcher: &Searcher,
    query: &dyn Query,
    n: usize,
) -> Result<Vec<DocAddress>> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut found = Vec::with_capacity(n.min(1024));
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if found.len() >= n {
                return Ok(found);
            }
            if alive.is_none_or(|a| a.is_alive(doc)) {
                found.push(DocAddress::new(ord as u32, doc));
            }
            doc = scorer.advance();
        }
    }
    Ok(found)
}

/// One piece of [`rescore_and_count`]'s work.
enum Task<'a> {
    Score(&'a [DocAddress]),
    Count(&'a dyn Query, usize),
}

/// A document and its score.
pub(super) type Scored = (Score, DocAddress);
/// How many documents matched, and whether counting stopped at the cap.
pub(super) type Counted = (usize, bool);

enum Done {
    Scored(Vec<Scored>),
    Counted(usize, bool),
}

/// `docs` that match `full`, with their scores by it, each segment's on a thread of
/// `executor` when given one; and beside them [`count_up_to`] for `count` (a query and
/// its cap) when given, on a thread of its own, so that neither waits for the other.
pub(super) fn rescore_and_count(
    searcher: &Searcher,
    full: &dyn Query,
    mut docs: Vec<DocAddress>,
    count: Option<(&dyn Query, usize)>,
    executor: Option<&Executor>,
) -> Result<(Vec<Scored>, Option<Counted>)> {
    let weight = full.weight(EnableScoring::enabled_from_searcher(searcher))?;
    docs.sort_unstable();
    let score_segment = |docs: &[DocAddress]| -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let mut scored = Vec::with_capacity(docs.len());
        let Some(first) = docs.first() else {
            return Ok(scored);
        };
        let mut scorer = weight.scorer(searcher.segment_reader(first.segment_ord), 1.0)?;
        for addr in docs {
            if scorer.doc() < addr.doc_id {
                scorer.seek(addr.doc_id);
            }
            if scorer.doc() == TERMINATED {
                break;
            }
            if scorer.doc() == addr.doc_id {
                scored.push((scorer.score(), *addr));
            }
        }
        Ok(scored)
    };
    let run = |task: Task<'_>| -> tantivy::Result<Done> {
        Ok(match task {
            Task::Score(docs) => Done::Scored(score_segment(docs)?),
            Task::Count(query, cap) => {
                let (n, capped) = count_visiting(searcher, query, cap)?;
                Done::Counted(n, capped)
            }
        })
    };
    // The count first: it is one task as long as a segment's scoring, or longer.
    let tasks = count
        .map(|(query, cap)| Task::Count(query, cap))
        .into_iter()
        .chain(
            docs.chunk_by(|a, b| a.segment_ord == b.segment_ord)
                .map(Task::Score),
        );
    let done = match executor {
        Some(executor) => executor.map(run, tasks)?,
        None => tasks.map(run).collect::<tantivy::Result<Vec<_>>>()?,
    };
    let mut scored = Vec::with_capacity(docs.len());
    let mut counted = None;
    for d in done {
        match d {
            Done::Scored(s) => scored.extend(s),
            Done::Counted(n, capped) => counted = Some((n, capped)),
        }
    }
    Ok((scored, counted))
}

/// How many live documents match `query`, counting no further than `cap`; and whether
/// counting stopped there.
pub(super) fn count_up_to(
    searcher: &Searcher,
    query: &dyn Query,
    cap: usize,
) -> Result<(usize, bool)> {
    Ok(count_visiting(searcher, query, cap)?)
}

fn count_visiting(
    searcher: &Searcher,
    query: &dyn Query,
    cap: usize,
) -> tantivy::Result<(usize, bool)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut count = 0;
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                count += 1;
                if count >= cap {
                    return Ok((count, true));
                }
            }
            doc = scorer.advance();
        }
    }
    Ok((count, false))
}
