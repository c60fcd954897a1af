//! Syncing the embedded corpus into the database, by stable id, in one transaction.

use super::write::{Changed, upsert_corpus};
use super::{Store, bump_generation, meta_get, meta_set, now_iso};
use crate::corpus::Corpus;
use crate::error::Result;
use crate::model::Origin;
use std::collections::HashSet;

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct SyncReport {
    /// False when the embedded corpus was already in the database.
    pub ran: bool,
    pub changed: usize,
    pub retired: usize,
}

const HASH_KEY: &str = "embedded_corpus_hash";

impl Store {
    /// Brings the embedded records up to date when the corpus's content hash changed.
    /// New and changed records are upserted; embedded records that disappeared are
    /// marked retired (never deleted: investigations may refer to them). User data is
    /// never touched.
    /// Whether the embedded corpus with `hash` is already synced (nothing to write).
    pub fn embedded_is_current(&self, hash: &str) -> Result<bool> {
        Ok(meta_get(self.conn(), HASH_KEY)?.as_deref() == Some(hash))
    }

    pub fn sync_embedded(&mut self, corpus: &Corpus, hash: &str) -> Result<SyncReport> {
        if meta_get(self.conn(), HASH_KEY)?.as_deref() == Some(hash) {
            return Ok(SyncReport::default());
        }
        self.write(|tx| {
            let changed: Changed = upsert_corpus(tx, corpus, Origin::Embedded)?;
            let mut retired = 0;
            let now = now_iso();
            let tables: [(&str, HashSet<&str>); 5] = [
                (
                    "voices",
                    corpus.voices.iter().map(|v| v.id.as_str()).collect(),
                ),
                (
                    "sources",
                    corpus.sources.iter().map(|v| v.id.as_str()).collect(),
                ),
                (
                    "themes",
                    corpus.themes.iter().map(|v| v.id.as_str()).collect(),
                ),
                (
                    "pages",
                    corpus.pages.iter().map(|v| v.id.as_str()).collect(),
                ),
                (
                    "clips",
                    corpus.clips.iter().map(|v| v.id.as_str()).collect(),
                ),
            ];
            for (table, present) in tables {
                let ids: Vec<String> = {
                    let mut stmt = tx.prepare(&format!(
                        "SELECT id FROM {table} WHERE origin = 'embedded' AND retired = 0"
                    ))?;
                    stmt.query_map([], |r| r.get::<_, String>(0))?
                        .collect::<Result<_, _>>()?
                };
                let mut retire = tx.prepare(&format!(
                    "UPDATE {table} SET retired = 1, updated_at = ?2 WHERE id = ?1"
                ))?;
                for id in ids.iter().filter(|id| !present.contains(id.as_str())) {
                    retire.execute([id.as_str(), now.as_str()])?;
                    retired += 1;
                }
            }
            let count = changed.voices.len()
                + changed.sources.len()
                + changed.themes.len()
                + changed.pages.len()
                + changed.clips.len();
            if count > 0 || retired > 0 {
                bump_generation(tx)?;
            }
            meta_set(tx, HASH_KEY, hash)?;
            Ok(SyncReport {
                ran: true,
                changed: count,
                retired,
            })
        })
    }
}
