//! Writing to the index: one writer per batch, taken and released, never held for the
//! life of the process.

use super::{Payload, SearchIndex, WRITER_HEAP};
use crate::error::{Error, Result};
use crate::search::schema::SCHEMA_VERSION;
use crate::store::{IndexScope, Store};
use std::time::{Duration, Instant};
use tantivy::{IndexWriter, Term};

/// The heap for a small write (a save, an edit): tantivy's least (15 MB). A writer's term table is
/// sized from its heap and zeroed, then read whole, for every segment it writes: at
/// 64 MiB that was a third of the time a one-clip save spent in the index.
pub(super) const SMALL_WRITER_HEAP: usize = 15_000_000;
/// Up to this many records (and no transcript's cues) a write is small.
const SMALL_WRITE: usize = 1_000;
/// Segments up to this many documents form the bottom layer that small writes merge.
const SMALL_MERGE_LAYER: u32 = 1_000;
/// How long to wait for another process's index writer before reporting busy.
const WRITER_WAIT: Duration = Duration::from_secs(10);

impl SearchIndex {
    /// Waits for the merges of the last write, if any are still running.
    pub fn finish_merges(&self) {
        let pending = match self.merging.lock() {
            Ok(mut slot) => slot.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if let Some(handle) = pending {
            let _ = handle.join();
        }
    }

    /// Takes the index writer for one batch: waits while another process holds it.
    fn writer(&self, heap: usize) -> Result<IndexWriter> {
        // Our own last writer may still be merging: it holds the lock until done.
        self.finish_merges();
        let started = Instant::now();
        loop {
            match self.index.writer_with_num_threads(1, heap) {
                Ok(w) => return Ok(w),
                Err(tantivy::TantivyError::LockFailure(..)) if started.elapsed() < WRITER_WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(tantivy::TantivyError::LockFailure(..)) => return Err(Error::Busy(None)),
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Re-indexes the records in `scope` from SQLite (deleting those no longer
    /// searchable, and every cue of a listed transcript) and records `generation`. The
    /// writer is released when this returns.
    pub fn update(&self, store: &Store, scope: IndexScope<'_>, generation: u64) -> Result<()> {
        let small =
            scope.transcripts.is_empty() && scope.clips.len() + scope.pages.len() <= SMALL_WRITE;
        let mut writer = self.writer(if small {
            SMALL_WRITER_HEAP
        } else {
            WRITER_HEAP
        })?;
        if small {
            writer.set_merge_policy(small_write_merges());
        }
        for id in scope
            .clips
            .iter()
            .map(|c| c.as_str())
            .chain(scope.pages.iter().map(|p| p.as_str()))
        {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        for source in scope.transcripts {
            writer.delete_term(Term::from_field_text(self.fields.parent, source.as_str()));
        }
        store.for_each_index_record(Some(scope), |rec| {
            writer.add_document(self.document(&rec))?;
            Ok(())
        })?;
        commit_with_payload(&mut writer, generation, &store.notebook_id()?)?;
        self.reader.reload()?;
        // Searchable now. The merges this commit started finish in the background, with
        // the writer (dropping it would abandon them, leaving a segment behind for every
        // small write and slowing every search); then the reader picks up the result.
        // The next write, or dropping the index, waits for them.
        let reader = self.reader.clone();
        let handle = std::thread::spawn(move || {
            if writer.wait_merging_threads().is_ok() {
                let _ = reader.reload();
            }
        });
        match self.merging.lock() {
            Ok(mut slot) => *slot = Some(handle),
            Err(poisoned) => *poisoned.into_inner() = Some(handle),
        }
        Ok(())
    }
}

/// How the segments of small writes (a saved clip, a note) are merged. tantivy's default
/// puts every segment under 10,000 documents in one layer, so every eighth save merged
/// the library's smallest segment, up to 10,000 documents, while the save's own search
/// ran beside it on two cores. Here that layer ends at 1,000 documents: a save merges at
/// most a few hundred documents, and the segments above wait for a large write (an
/// import, a sync), whose writer keeps the default and merges them.
fn small_write_merges() -> Box<dyn tantivy::indexer::MergePolicy> {
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_min_layer_size(SMALL_MERGE_LAYER);
    Box::new(policy)
}

pub(super) fn commit_with_payload(
    writer: &mut IndexWriter,
    generation: u64,
    notebook: &str,
) -> Result<()> {
    let payload = serde_json::to_string(&Payload {
        schema: SCHEMA_VERSION,
        generation,
        notebook: notebook.to_string(),
    })
    .map_err(|e| Error::Index(e.to_string()))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::indexer::{LogMergePolicy, MergePolicy};

    /// A library's smallest segment from an import (2,052 documents here) and the
    /// one-clip segments of eight saves: the default merges all nine, the small-write
    /// policy only the saves.
    #[test]
    fn small_writes_merge_only_small_segments() {
        let index = super::super::index_for_segment_metas();
        let large = SegmentId::generate_random();
        let mut metas = vec![index.new_segment_meta(large, 2_052)];
        metas.extend((0..8).map(|_| index.new_segment_meta(SegmentId::generate_random(), 1)));
        let merged = |policy: &dyn MergePolicy| -> Vec<usize> {
            policy
                .compute_merge_candidates(&metas)
                .iter()
                .map(|c| c.0.len())
                .collect()
        };
        let contains_large = |policy: &dyn MergePolicy| {
            policy
                .compute_merge_candidates(&metas)
                .iter()
                .any(|c| c.0.contains(&large))
        };
        assert_eq!(merged(&LogMergePolicy::default()), vec![9]);
        assert!(contains_large(&LogMergePolicy::default()));
        let small = super::small_write_merges();
        assert_eq!(merged(small.as_ref()), vec![8]);
        assert!(!contains_large(small.as_ref()));
    }
}
