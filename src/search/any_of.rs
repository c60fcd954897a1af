//! A disjunction that is cheap to seek: the second stage of ranking a large library
//! (`candidates.rs`) asks a query about a few hundred documents far apart. tantivy's
//! unions buffer the next 4,096 documents of every part on each long seek (tens of
//! microseconds for a common word); this one moves each part to the document asked for
//! and scores only that one. Slower than tantivy's when every match is visited, so only
//! the second stage uses it.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// Matches what any part matches. Scores like tantivy's `DisjunctionMaxQuery`: the best
/// part's score plus `tie_breaker` times the others' (1.0: the sum, as a boolean query's
/// optional clauses add up).
#[derive(Debug)]
pub struct AnyOf {
    pub parts: Vec<Box<dyn Query>>,
    pub tie_breaker: Score,
}

impl Clone for AnyOf {
    fn clone(&self) -> Self {
        AnyOf {
            parts: self.parts.iter().map(|p| p.box_clone()).collect(),
            tie_breaker: self.tie_breaker,
        }
    }
}

impl Query for AnyOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AnyOfWeight {
            parts: self
                .parts
                .iter()
                .map(|p| p.weight(enable_scoring))
                .collect::<tantivy::Result<_>>()?,
            tie_breaker: self.tie_breaker,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        for part in &self.parts {
            part.query_terms(visitor);
        }
    }
}

struct AnyOfWeight {
    parts: Vec<Box<dyn Weight>>,
    tie_breaker: Score,
}

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut parts = Vec::with_capacity(self.parts.len());
        for weight in &self.parts {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                parts.push(scorer);
            }
        }
        let mut scorer = AnyOfScorer {
            parts,
            doc: TERMINATED,
            tie_breaker: self.tie_breaker,
        };
        scorer.doc = scorer.lowest();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("any of", scorer.score()))
    }
}

struct AnyOfScorer {
    /// Each positioned on or after `doc`; finished parts are dropped.
    parts: Vec<Box<dyn Scorer>>,
    doc: DocId,
    tie_breaker: Score,
}

impl AnyOfScorer {
    fn lowest(&self) -> DocId {
        self.parts
            .iter()
            .map(|p| p.doc())
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for part in &mut self.parts {
            if part.doc() == doc {
                part.advance();
            }
        }
        self.parts.retain(|p| p.doc() != TERMINATED);
        self.doc = self.lowest();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for part in &mut self.parts {
            if part.doc() < target {
                part.seek(target);
            }
        }
        self.parts.retain(|p| p.doc() != TERMINATED);
        self.doc = self.lowest();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|p| p.size_hint()).max().unwrap_or(0)
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let (mut best, mut sum) = (0.0f32, 0.0f32);
        for part in &mut self.parts {
            if part.doc() == doc {
                let s = part.score();
                sum += s;
                best = best.max(s);
            }
        }
        best + self.tie_breaker * (sum - best)
    }
}
