//! Writing a streamed import: one file's records at a time inside the one write
//! transaction, references settled at commit, and a large load's secondary indexes on
//! clips built once at the end instead of updated row by row.

use super::write::{
    Changed, upsert_clip_known, upsert_page, upsert_source, upsert_theme, upsert_voice,
};
use crate::corpus::stream::FileRecords;
use crate::error::Result;
use crate::model::*;
use rusqlite::Transaction;
use std::collections::HashSet;

/// The secondary indexes a bulk load sets aside. Not those that find a record's clips
/// by voice, source, page or theme: with foreign keys checked at commit, SQLite looks a
/// parent's children up through them when the parent is written after its children
/// (a clip before its voice), and without them each such lookup reads every row.
const SET_ASIDE: [&str; 2] = ["clips_newest", "clips_updated"];

/// Writes the records of one import, file by file.
pub struct ImportWriter<'t, 'k> {
    tx: &'t Transaction<'t>,
    origin: Origin,
    today: String,
    /// Clip ids stored before the import: any other clip is new, with nothing to replace.
    stored_clips: &'k HashSet<String>,
    /// Indexes dropped for a bulk load, by their `CREATE INDEX` text.
    set_aside: Vec<String>,
    pub changed: Changed,
}

impl<'t, 'k> ImportWriter<'t, 'k> {
    /// Starts writing. Foreign keys are checked at commit (a clip may come before the
    /// voice it names, in a later file). With `bulk`, the indexes on clips by date are
    /// dropped now and built again by `finish`, in the same transaction.
    pub fn new(
        tx: &'t Transaction<'t>,
        origin: Origin,
        stored_clips: &'k HashSet<String>,
        bulk: bool,
    ) -> Result<Self> {
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        let mut set_aside = Vec::new();
        if bulk {
            let mut stmt = tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND name IN (?1, ?2) ORDER BY name",
            )?;
            let rows = stmt.query_map(SET_ASIDE, |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            let indexes = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            for (name, sql) in indexes {
                tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
                set_aside.push(sql);
            }
        }
        Ok(ImportWriter {
            tx,
            origin,
            today: chrono::Local::now().date_naive().to_string(),
            stored_clips,
            set_aside,
            changed: Changed::default(),
        })
    }

    /// Writes one file's records; what changed is noted by id.
    pub fn write(&mut self, records: &FileRecords) -> Result<()> {
        let (tx, origin, changed) = (self.tx, self.origin, &mut self.changed);
        for (v, _) in &records.voices {
            if upsert_voice(tx, v, origin)? {
                changed.voices.push(v.id.clone());
            }
        }
        for (s, _) in &records.sources {
            if upsert_source(tx, s, origin)? {
                changed.sources.push(s.id.clone());
            }
        }
        for (t, _) in &records.themes {
            if upsert_theme(tx, t, origin)? {
                changed.themes.push(t.id.clone());
            }
        }
        for (p, _) in &records.pages {
            if upsert_page(tx, p, origin)? {
                changed.pages.push(p.id.clone());
            }
        }
        for (c, _) in &records.clips {
            let maybe_stored = self.stored_clips.contains(c.id.as_str());
            if upsert_clip_known(tx, c, origin, &self.today, maybe_stored)? {
                changed.clips.push(c.id.clone());
            }
        }
        Ok(())
    }

    /// Builds again the indexes set aside; returns what changed.
    pub fn finish(self) -> Result<Changed> {
        for sql in &self.set_aside {
            self.tx.execute_batch(sql)?;
        }
        Ok(self.changed)
    }
}
