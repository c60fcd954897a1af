//! The segments a full rebuild leaves: a few of about equal size, so that a large
//! library's search threads (one segment each at a time) share the work evenly.
//!
//! tantivy's default merge policy merges by layers of size: a million clips ended as
//! three segments of 290,000 and five smaller ones, and with two threads one searched two
//! of the large ones while the other finished early. A rebuild instead merges the
//! segments its writer flushes (about 36,000 clips each from a 64 MiB heap) into groups
//! of [`group_size`] documents as they come, beside the indexing as before, and merges
//! what is left into one last group at the end. Each document is merged once, as before.

use super::write::SMALL_WRITER_HEAP;
use crate::error::Result;
use crate::search::run::{PARALLEL_FROM_DOCS, search_threads};
use tantivy::index::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy, NoMergePolicy};
use tantivy::{Index, IndexWriter};

/// The documents of one segment of a rebuilt index of `docs` documents: all of them below
/// the size searched on several threads; else a share of two segments per search thread,
/// so that a thread slowed by the machine's other work leaves its second segment to the
/// others.
pub(super) fn group_size(docs: u64) -> u32 {
    let groups = if docs < PARALLEL_FROM_DOCS {
        1
    } else {
        2 * search_threads() as u64
    };
    u32::try_from(docs.div_ceil(groups))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Merges segments smaller than a group, in order, each time they add up to one.
#[derive(Debug)]
pub(super) struct EqualGroups {
    pub group_size: u32,
}

impl MergePolicy for EqualGroups {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let mut candidates = Vec::new();
        let mut group = Vec::new();
        let mut docs = 0u64;
        for meta in segments.iter().filter(|m| m.num_docs() < self.group_size) {
            group.push(meta.id());
            docs += u64::from(meta.num_docs());
            if docs >= u64::from(self.group_size) {
                candidates.push(MergeCandidate(std::mem::take(&mut group)));
                docs = 0;
            }
        }
        candidates
    }
}

/// After the rebuild's writer (with [`EqualGroups`]) has finished its merges: merges the
/// segments still smaller than `group_size` into one, and waits for it.
pub(super) fn merge_the_rest(index: &Index, group_size: u32) -> Result<()> {
    let rest: Vec<_> = index
        .searchable_segment_metas()?
        .iter()
        .filter(|m| m.num_docs() < group_size)
        .map(|m| m.id())
        .collect();
    if rest.len() < 2 {
        return Ok(());
    }
    let mut writer: IndexWriter = index.writer_with_num_threads(1, SMALL_WRITER_HEAP)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    writer.merge(&rest).wait()?;
    writer.wait_merging_threads()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::EqualGroups;
    use tantivy::index::SegmentId;
    use tantivy::indexer::MergePolicy;

    /// Segments as a rebuild's writer flushes them merge seven at a time into groups of
    /// a quarter of a million; merged groups are left alone.
    #[test]
    fn flushed_segments_merge_into_groups_of_the_size_asked() {
        let index = super::super::index_for_segment_metas();
        let meta = |docs| index.new_segment_meta(SegmentId::generate_random(), docs);
        let policy = EqualGroups {
            group_size: 250_000,
        };
        let mut metas = vec![meta(252_000)];
        metas.extend((0..15).map(|_| meta(36_000)));
        let groups = policy.compute_merge_candidates(&metas);
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().all(|g| g.0.len() == 7));
        assert!(groups.iter().all(|g| !g.0.contains(&metas[0].id())));
        assert!(policy.compute_merge_candidates(&metas[..7]).is_empty());
        assert_eq!(super::group_size(30_000), 30_000);
    }
}
