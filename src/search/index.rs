mod fresh;
mod layout;
mod verify;
mod write;

use super::Progress;
use super::schema::{Fields, SCHEMA_VERSION};
use super::tokenize::register;
use crate::error::{Error, Result};
use crate::lockfile::NotebookLock;
use crate::store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy};
use write::commit_with_payload;

/// What the index commit payload records: which SQLite state the index reflects.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq, Eq)]
struct Payload {
    schema: u32,
    generation: u64,
    /// The notebook the index was built from (`Store::notebook_id`): an index copied from
    /// another notebook at the same generation is not taken for this one's.
    #[serde(default)]
    notebook: String,
}

/// Why an index was (or was not) rebuilt on open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexState {
    Fresh,
    Rebuilt(String),
    /// Behind the database while the named process (holding the notebook lock) brings it
    /// up to date: searches may be a few seconds old.
    Stale(String),
}

/// What is wrong with an index found on disk.
enum Problem {
    /// A complete index of an older state: still good to search meanwhile.
    Behind(String),
    Other(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Behind(s) | Problem::Other(s) => f.write_str(s),
        }
    }
}

/// How long opening waits for another process that is rebuilding the index or writing
/// (an import of 50,000 clips included) before saying the notebook is busy.
const REBUILD_WAIT: Duration = Duration::from_secs(600);

/// The index and a reader over it. Opening, checking and writing live here; running
/// queries lives in `run.rs`.
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    /// Query-time expansions, from the database's synonym groups.
    pub(super) synonyms: super::Synonyms,
    /// The merges the last write started, finishing in the background with its writer.
    merging: std::sync::Mutex<Option<std::thread::JoinHandle<()>>>,
    /// The threads a large index is searched on, started by its first search.
    pub(super) parallel: std::sync::OnceLock<Option<tantivy::Executor>>,
    /// Queries that could match more documents than this are ranked in two stages
    /// (`candidates.rs`).
    pub(super) exact_up_to: u64,
    /// The `meta.json` the reader reflects (`refresh`).
    seen_meta: std::sync::Mutex<Option<fresh::MetaStamp>>,
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        self.finish_merges();
    }
}

const WRITER_HEAP: usize = 64 * 1024 * 1024;
/// The stored fields (ids, titles, gists, what a hit shows) took two fifths of a large
/// index with lz4, tantivy's default: zstd keeps them in 186 B/clip at level 5 (192 at
/// level 3, 201 at level 1) instead of 291 (100k synthetic clips), for about the same
/// index build time (11-13 s for 100k clips at each level).
/// A search reads back only its hits' blocks. Indexes built before keep their
/// compression until they are next rebuilt.
const DOCSTORE_COMPRESSION: Compressor = Compressor::Zstd(ZstdCompressor {
    compression_level: Some(5),
});

impl SearchIndex {
    /// Opens the index in `dir`, rebuilding it from `store` when it is missing, from
    /// another schema version, behind the database, or unreadable. Only one process
    /// rebuilds at a time (the notebook lock): one that finds another rebuilding waits
    /// for it and uses its result, and one that finds the index merely behind while
    /// another process holds the lock (it is writing, and brings the index up to date
    /// before letting go) serves searches from the last complete index meanwhile.
    pub fn open(
        dir: &Path,
        store: &Store,
        progress: &dyn Progress,
    ) -> Result<(SearchIndex, IndexState)> {
        let (mut idx, state) = Self::open_or_rebuild(dir, store, progress)?;
        idx.load_synonyms(store)?;
        Ok((idx, state))
    }

    fn open_or_rebuild(
        dir: &Path,
        store: &Store,
        progress: &dyn Progress,
    ) -> Result<(SearchIndex, IndexState)> {
        let lock_path = NotebookLock::path_for(dir);
        if let Ok((idx, problem)) = Self::open_checked(dir, store) {
            match problem {
                None => return Ok((idx, IndexState::Fresh)),
                Some(Problem::Behind(_)) => {
                    if let Some(holder) = crate::lockfile::held_by(&lock_path) {
                        return Ok((idx, IndexState::Stale(holder)));
                    }
                }
                Some(Problem::Other(_)) => {}
            }
        }
        // Work to do: take the lock (waiting for a process already rebuilding or
        // writing), then look again, since that process may have done it.
        let _lock = NotebookLock::acquire(
            &lock_path,
            "rebuilding the search index",
            REBUILD_WAIT,
            &|who| progress.update(&format!("waiting for {who}"), 0, 0),
        )?;
        match Self::open_checked(dir, store) {
            Ok((idx, None)) => Ok((idx, IndexState::Fresh)),
            Ok((idx, Some(problem))) => {
                drop(idx);
                let idx = Self::rebuild(dir, store, progress)?;
                Ok((idx, IndexState::Rebuilt(problem.to_string())))
            }
            Err(e) => {
                let has_files = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
                let reason = if dir.join("meta.json").exists() {
                    format!("the index could not be read ({e})")
                } else if has_files {
                    "the index has lost its meta.json".to_string()
                } else {
                    "no index yet".to_string()
                };
                let idx = Self::rebuild(dir, store, progress)?;
                Ok((idx, IndexState::Rebuilt(reason)))
            }
        }
    }

    fn open_checked(dir: &Path, store: &Store) -> Result<(SearchIndex, Option<Problem>)> {
        let idx = Self::open_existing(dir)?;
        let problem = idx.quick_problem(store)?;
        Ok((idx, problem))
    }

    /// Whether the index on disk reflects `generation` (its last commit records it).
    pub fn reflects(&self, store: &Store, generation: u64) -> bool {
        records(&self.index, store, generation)
    }

    /// Whether the index in `dir` records the database's current state, by its
    /// `meta.json` alone: no segment is opened or checked (opening does that), and the
    /// file is read for its payload only, not parsed as tantivy would (schema, segments),
    /// since every read-only command asks this before its first output.
    pub fn records_current(dir: &Path, store: &Store) -> bool {
        /// The one field of tantivy's `meta.json` this needs.
        #[derive(serde::Deserialize)]
        struct MetaPayload {
            payload: Option<String>,
        }
        let Ok(generation) = store.generation() else {
            return false;
        };
        let Ok(meta) = std::fs::read(dir.join("meta.json")) else {
            return false;
        };
        let payload = serde_json::from_slice::<MetaPayload>(&meta)
            .ok()
            .and_then(|m| m.payload);
        payload_records(payload, store, generation)
    }

    fn open_existing(dir: &Path) -> Result<SearchIndex> {
        let index = Index::open_in_dir(dir)?;
        Self::from_index(dir, index)
    }

    fn from_index(dir: &Path, index: Index) -> Result<SearchIndex> {
        let (_, fields) = Fields::build();
        register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            synonyms: super::Synonyms::default(),
            merging: std::sync::Mutex::new(None),
            parallel: std::sync::OnceLock::new(),
            exact_up_to: super::candidates::EXACT_UP_TO,
            seen_meta: std::sync::Mutex::new(None),
        })
    }

    /// Builds a new index from SQLite beside the old one, then swaps it into place.
    /// Whatever happens, no temp folder is left behind.
    pub fn rebuild(dir: &Path, store: &Store, progress: &dyn Progress) -> Result<SearchIndex> {
        let result = Self::rebuild_beside(dir, store, progress);
        for d in [dir.with_extension("building"), dir.with_extension("old")] {
            if d.exists() {
                let _ = std::fs::remove_dir_all(&d);
            }
        }
        result
    }

    fn rebuild_beside(dir: &Path, store: &Store, progress: &dyn Progress) -> Result<SearchIndex> {
        let tmp = dir.with_extension("building");
        let old = dir.with_extension("old");
        for d in [&tmp, &old] {
            if d.exists() {
                std::fs::remove_dir_all(d).map_err(|e| Error::Io {
                    path: d.clone(),
                    source: e,
                })?;
            }
        }
        std::fs::create_dir_all(&tmp).map_err(|e| Error::Io {
            path: tmp.clone(),
            source: e,
        })?;
        let (schema, _) = Fields::build();
        let index = Index::builder()
            .schema(schema)
            .settings(IndexSettings {
                docstore_compression: DOCSTORE_COMPRESSION,
                ..IndexSettings::default()
            })
            .create_in_dir(&tmp)?;
        let built = Self::from_index(&tmp, index)?;
        let total = store.searchable_count()?;
        let generation = store.generation()?;
        {
            // As many writer threads as the index is searched on.
            let threads = super::run::search_threads();
            let mut writer: IndexWriter = built
                .index
                .writer_with_num_threads(threads, WRITER_HEAP * threads)?;
            let group_size = layout::group_size(total);
            writer.set_merge_policy(Box::new(layout::EqualGroups { group_size }));
            let mut done = 0u64;
            let started = Instant::now();
            store.with_small_cache(|| {
                store.for_each_index_record(None, |rec| {
                    writer.add_document(built.document(&rec))?;
                    done += 1;
                    if done.is_multiple_of(10_000) && started.elapsed() > Duration::from_millis(500)
                    {
                        progress.update("indexing", done, total);
                    }
                    Ok(())
                })
            })?;
            commit_with_payload(&mut writer, generation, &store.notebook_id()?)?;
            if started.elapsed() > Duration::from_millis(500) {
                progress.update("indexing", done, total);
                progress.update("merging the index", 0, 0);
            }
            writer.wait_merging_threads()?;
            // The indexing threads' term tables are freed now but kept by the heap for
            // reuse: given back before the last merge maps every segment in.
            crate::fsutil::release_freed_memory();
            layout::merge_the_rest(&built.index, group_size)?;
        }
        drop(built);
        if dir.exists() {
            std::fs::rename(dir, &old).map_err(|e| Error::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        std::fs::rename(&tmp, dir).map_err(|e| Error::Io {
            path: tmp.clone(),
            source: e,
        })?;
        if old.exists() {
            let _ = std::fs::remove_dir_all(&old);
        }
        let mut idx = Self::open_existing(dir)?;
        idx.load_synonyms(store)?;
        Ok(idx)
    }

    /// (Re)reads the synonym groups queries expand with from the database.
    pub fn load_synonyms(&mut self, store: &Store) -> Result<()> {
        self.synonyms = super::Synonyms::new(&store.synonym_groups()?);
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Whether `index`'s last commit records `generation` of this notebook, in this schema.
fn records(index: &Index, store: &Store, generation: u64) -> bool {
    let payload = index.load_metas().ok().and_then(|m| m.payload);
    payload_records(payload, store, generation)
}

/// Whether a commit's payload records `store` at `generation`, in this schema.
fn payload_records(payload: Option<String>, store: &Store, generation: u64) -> bool {
    let Ok(notebook) = store.notebook_id() else {
        return false;
    };
    payload
        .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
        .is_some_and(|p| {
            p.schema == SCHEMA_VERSION && p.generation == generation && p.notebook == notebook
        })
}

/// An empty index in memory, to make segment metas for merge-policy tests.
#[cfg(test)]
fn index_for_segment_metas() -> Index {
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("id", tantivy::schema::STRING);
    Index::create_in_ram(schema.build())
}
