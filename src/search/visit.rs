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

/// `docs` that match `full`, with their scores by it: each segment's on a thread of
/// `executor` when given one.
pub(super) fn rescore(
    searcher: &Searcher,
    full: &dyn Query,
    mut docs: Vec<DocAddress>,
    executor: Option<&Executor>,
) -> Result<Vec<(Score, DocAddress)>> {
    let weight = full.weight(EnableScoring::enabled_from_searcher(searcher))?;
    docs.sort_unstable();
    let by_segment = docs.chunk_by(|a, b| a.segment_ord == b.segment_ord);
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
    let scored = match executor {
        Some(executor) => executor.map(score_segment, by_segment)?,
        None => by_segment
            .map(score_segment)
            .collect::<tantivy::Result<Vec<_>>>()?,
    };
    Ok(scored.concat())
}

/// How many live documents match `query`, counting no further than `cap`; and whether
/// counting stopped there.
pub(super) fn count_up_to(
    searcher: &Searcher,
    query: &dyn Query,
    cap: usize,
) -> Result<(usize, bool)> {
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
