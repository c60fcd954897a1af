//! Checking that an index on disk reflects the database and can be read whole.

use super::{Payload, Problem, SearchIndex};
use crate::error::{Error, Result};
use crate::search::schema::{Fields, SCHEMA_VERSION};
use crate::store::Store;
use tantivy::TantivyDocument;

impl SearchIndex {
    /// Checks that the index reflects the database. `Some(reason)` when it must be rebuilt.
    /// Everything [`Self::verify_quickly`] checks, and that it holds as many documents as
    /// the database has searchable rows (a count that reads every clip: 1M clips take
    /// about 150 ms, too long for every start; `dossier check` runs it).
    pub fn verify(&self, store: &Store) -> Result<Option<String>> {
        if let Some(problem) = self.verify_quickly(store)? {
            return Ok(Some(problem));
        }
        let damaged = self.index.validate_checksum()?;
        if !damaged.is_empty() {
            let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            return Ok(Some(format!(
                "index file(s) fail their checksum: {}",
                names.join(", ")
            )));
        }
        // Every stored document, block by block (each block is read once): damage inside
        // a segment's document store shows up here, not in the middle of a search.
        for segment in self.reader.searcher().segment_readers() {
            let store_reader = segment
                .get_store_reader(1)
                .map_err(|e| Error::Index(crate::error::describe_io(&e)))?;
            for doc in 0..segment.max_doc() {
                if let Err(e) = store_reader.get_document_bytes(doc) {
                    return Ok(Some(format!(
                        "a stored document of segment {} cannot be read ({})",
                        segment.segment_id().short_uuid_string(),
                        crate::error::describe_index_error(&e)
                    )));
                }
            }
        }
        let expected = store.searchable_count()?;
        let held = self.reader.searcher().num_docs();
        if held != expected {
            return Ok(Some(format!(
                "the index holds {held} documents, the database {expected}"
            )));
        }
        Ok(None)
    }

    /// What opening checks: the schema, the database generation the index records, and
    /// every segment's files (a missing or truncated one shows up now, not mid-search).
    pub fn verify_quickly(&self, store: &Store) -> Result<Option<String>> {
        Ok(self.quick_problem(store)?.map(|p| p.to_string()))
    }

    pub(super) fn quick_problem(&self, store: &Store) -> Result<Option<Problem>> {
        let (schema, _) = Fields::build();
        if self.index.schema() != schema {
            return Ok(Some(Problem::Other(
                "the index was built with another schema".into(),
            )));
        }
        let metas = self.index.load_metas()?;
        let payload: Option<Payload> = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok());
        let generation = store.generation()?;
        match payload {
            None => {
                return Ok(Some(Problem::Other(
                    "the index records no database state".into(),
                )));
            }
            Some(p) if p.notebook != store.notebook_id()? => {
                return Ok(Some(Problem::Other(
                    "the index was built from another notebook".into(),
                )));
            }
            Some(p) if p.schema != SCHEMA_VERSION => {
                return Ok(Some(Problem::Other(format!(
                    "index schema version {} (this build uses {SCHEMA_VERSION})",
                    p.schema
                ))));
            }
            Some(p) if p.generation < generation => {
                return Ok(Some(Problem::Behind(format!(
                    "the index reflects database generation {} but the database is at {generation}",
                    p.generation
                ))));
            }
            Some(p) if p.generation != generation => {
                return Ok(Some(Problem::Other(format!(
                    "the index reflects database generation {} but the database is at {generation}",
                    p.generation
                ))));
            }
            Some(_) => {}
        }
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.prefix)?;
            let _ = inverted.terms().num_terms();
            let store_reader = segment
                .get_store_reader(1)
                .map_err(|e| Error::Index(crate::error::describe_io(&e)))?;
            if segment.max_doc() > 0 {
                store_reader.get::<TantivyDocument>(segment.max_doc() - 1)?;
            }
        }
        Ok(None)
    }
}
