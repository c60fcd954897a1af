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
    Counted(Counted),
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
    let score_segment = |docs: &[DocAddress]| -> tantivy::Result<Vec<Scored>> {
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
            Task::Count(query, cap) => Done::Counted(count_visiting(searcher, query, cap)?),
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
            Done::Counted(c) => counted = Some(c),
        }
    }
    Ok((scored, counted))
}

/// How many live documents match `query`, counting no further than `cap`; and whether
/// counting stopped there.
pub(super) fn count_up_to(searcher: &Searcher, query: &dyn Query, cap: usize) -> Result<Counted> {
    Ok(count_visiting(searcher, query, cap)?)
}

fn count_visiting(searcher: &Searcher, query: &dyn Query, cap: usize) -> tantivy::Result<Counted> {
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

/// The best documents of each segment by score, a segment keeping its share of `keep`
/// (twice what its size would give it, at least a quarter of `keep`), then the best
/// `keep` of them all. A segment that keeps fewer raises its bar sooner, and block-max
/// pruning skips more of it. With a large library's segments of about equal size
/// (`index/layout.rs`), a segment holding more than twice its share of the best `keep`
/// would take documents far from evenly spread.
pub(super) struct SharedTop<C, F: Fn(usize) -> C> {
    top: F,
    keep: usize,
    docs: u64,
}

impl<C, F: Fn(usize) -> C> SharedTop<C, F> {
    /// `top(n)` collects the best `n`; `docs` are the searcher's.
    pub(super) fn new(top: F, keep: usize, docs: u64) -> Self {
        SharedTop { top, keep, docs }
    }

    /// Whether some segment of `searcher` gave as many of `found` (what it collected) as
    /// it keeps: then it may hold more matches than it gave.
    pub(super) fn some_segment_full(&self, searcher: &Searcher, found: &[Scored]) -> bool {
        let mut per_segment = vec![0usize; searcher.segment_readers().len()];
        for (_, addr) in found {
            if let Some(n) = per_segment.get_mut(addr.segment_ord as usize) {
                *n += 1;
            }
        }
        per_segment
            .iter()
            .zip(searcher.segment_readers())
            .any(|(n, reader)| *n >= self.for_segment_of(reader.num_docs()))
    }

    fn for_segment_of(&self, segment_docs: u32) -> usize {
        let share = (2 * self.keep as u64 * u64::from(segment_docs)).div_ceil(self.docs.max(1));
        usize::try_from(share)
            .unwrap_or(usize::MAX)
            .clamp(self.keep.div_ceil(4), self.keep)
    }
}

impl<C, F> tantivy::collector::Collector for SharedTop<C, F>
where
    C: tantivy::collector::Collector,
    F: Fn(usize) -> C + Send + Sync,
{
    type Fruit = C::Fruit;
    type Child = C::Child;

    fn for_segment(
        &self,
        segment_ord: u32,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        (self.top)(self.for_segment_of(reader.num_docs())).for_segment(segment_ord, reader)
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as tantivy::collector::SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        (self.top)(self.keep).merge_fruits(fruits)
    }

    fn collect_segment(
        &self,
        weight: &dyn tantivy::query::Weight,
        segment_ord: u32,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<<Self::Child as tantivy::collector::SegmentCollector>::Fruit> {
        (self.top)(self.for_segment_of(reader.num_docs())).collect_segment(
            weight,
            segment_ord,
            reader,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::SharedTop;
    use tantivy::collector::TopDocs;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::TermQuery;
    use tantivy::schema::{Field, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, Searcher, TantivyDocument, Term};

    fn add(writer: &mut IndexWriter, field: Field, word: &str, n: usize) {
        for _ in 0..n {
            let mut doc = TantivyDocument::default();
            doc.add_text(field, word);
            writer.add_document(doc).unwrap();
        }
    }

    /// How many documents holding `word` the collector keeps of `keep`, and whether it
    /// says some segment is full.
    fn found(searcher: &Searcher, field: Field, word: &str, keep: usize) -> (usize, bool) {
        let shared = SharedTop::new(
            |n| TopDocs::with_limit(n).order_by_score(),
            keep,
            searcher.num_docs(),
        );
        let query = TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::Basic);
        let top = searcher.search(&query, &shared).unwrap();
        (top.len(), shared.some_segment_full(searcher, &top))
    }

    /// A small segment that holds most matches keeps only its share of them: fewer than
    /// `keep` are found in all, yet they are not every match, and the collector says so.
    #[test]
    fn a_segment_holding_more_than_its_share_is_reported_full() {
        let mut schema = Schema::builder();
        let word = schema.add_text_field("word", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        add(&mut writer, word, "x", 100);
        writer.commit().unwrap();
        add(&mut writer, word, "x", 10);
        add(&mut writer, word, "y", 890);
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        // The 100-document segment keeps 50 of its 100 matches: a quarter of 200, above
        // twice its share (2 × 200 × 100 / 1,000 = 40); the other gives its 10.
        assert_eq!(found(&searcher, word, "x", 200), (60, true));
        // Keeping 1,000, the 900-document segment gives all 890 of its matches.
        assert_eq!(found(&searcher, word, "y", 1_000), (890, false));
    }
}
