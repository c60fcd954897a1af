//! Searches that end early when their result is no longer wanted: while someone types, the
//! search for the previous keystroke stops as soon as the next one is asked for, so the
//! newest query waits for no one. A large library's query can take tens of milliseconds.

use std::fmt;
use std::sync::Arc;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Asked while a search runs: `true` once its result is no longer wanted.
#[derive(Clone)]
pub struct StopWhen(Arc<dyn Fn() -> bool + Send + Sync>);

impl StopWhen {
    pub fn new(asked: impl Fn() -> bool + Send + Sync + 'static) -> Self {
        StopWhen(Arc::new(asked))
    }

    pub fn asked(&self) -> bool {
        (self.0)()
    }
}

impl fmt::Debug for StopWhen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StopWhen")
    }
}

/// How many documents are scored between two looks at the signal.
const LOOK_EVERY: u32 = 1024;

/// `inner`, ending early when `stop` is asked: its documents after that are not visited.
#[derive(Debug)]
pub struct Stoppable {
    pub inner: Box<dyn Query>,
    pub stop: StopWhen,
}

impl Clone for Stoppable {
    fn clone(&self) -> Self {
        Stoppable {
            inner: self.inner.box_clone(),
            stop: self.stop.clone(),
        }
    }
}

impl Query for Stoppable {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(StoppableWeight {
            inner: self.inner.weight(enable_scoring)?,
            stop: self.stop.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct StoppableWeight {
    inner: Box<dyn Weight>,
    stop: StopWhen,
}

impl Weight for StoppableWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.inner.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut scorer = self.inner.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        let mut until_look = LOOK_EVERY;
        while doc != TERMINATED {
            callback(doc, scorer.score());
            until_look -= 1;
            if until_look == 0 {
                if self.stop.asked() {
                    break;
                }
                until_look = LOOK_EVERY;
            }
            doc = scorer.advance();
        }
        Ok(())
    }
}
