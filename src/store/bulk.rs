//! Writing a streamed import: one file's records at a time inside the one write
//! transaction, references settled at commit, and a large load's secondary indexes on
//! clips built once at the end instead of updated row by row.

use super::Store;
use super::write::{
    Changed, upsert_clip_known, upsert_page, upsert_source, upsert_theme, upsert_voice,
};
use crate::corpus::stream::FileRecords;
use crate::error::{Error, Result};
use crate::model::*;
use rusqlite::{OptionalExtension, Transaction};
use std::collections::HashSet;

/// The secondary indexes on clips and their links that a bulk load sets aside and builds
/// again at the end: each row written otherwise updates every one of them at a random
/// place, and past the page cache (1M clips) that was most of the load's time. A bulk
/// load runs without SQLite's foreign-key enforcement (`Store::write_import`), which would
/// look a parent's children up through these whenever a parent is written after its
/// children (a clip before its voice, in a later file). The last two are by date.
const SET_ASIDE: [&str; 6] = [
    "clip_pages_by_page",
    "clip_stances_by_theme",
    "clips_by_source",
    "clips_by_voice",
    "clips_newest",
    "clips_updated",
];

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
    /// voice it names, in a later file). With `bulk` (inside `Store::write_import` only),
    /// the indexes in `SET_ASIDE` are dropped now and built again by `finish`, in the
    /// same transaction.
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
                 AND name IN (SELECT value FROM json_each(?1)) ORDER BY name",
            )?;
            // With SQLite's enforcement on (a bulk writer outside `Store::write_import`),
            // the indexes it looks children up through must stay: only those by date go.
            let enforced: i64 = tx.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
            let names = if enforced == 0 {
                &SET_ASIDE[..]
            } else {
                &SET_ASIDE[SET_ASIDE.len() - 2..]
            };
            let names = serde_json::to_string(names).unwrap_or_default();
            let rows = stmt.query_map([names], |r| {
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

impl Store {
    /// `write` for an import. For a `bulk` one, SQLite's foreign-key enforcement is off
    /// for the transaction (it can only change outside one) and every reference is
    /// checked once, before commit, instead of row by row: a broken one fails the write
    /// and nothing is kept. Enforcement is on again afterwards, whatever happened.
    pub fn write_import<T>(
        &mut self,
        bulk: bool,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        if !bulk {
            return self.write(f);
        }
        self.conn().execute_batch("PRAGMA foreign_keys = OFF")?;
        let written = self.write(|tx| {
            let out = f(tx)?;
            check_references(tx)?;
            Ok(out)
        });
        let restored = self.conn().execute_batch("PRAGMA foreign_keys = ON");
        let out = written?;
        restored?;
        Ok(out)
    }
}

/// Every reference in the database resolves, or an error naming the first that does not.
fn check_references(tx: &Transaction<'_>) -> Result<()> {
    let broken = tx
        .query_row("PRAGMA foreign_key_check", [], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?;
    match broken {
        None => Ok(()),
        Some((table, row, parent)) => Err(Error::Invalid(format!(
            "the import would leave a reference to a missing record (a row of `{table}`{} names no row of `{parent}`); nothing was imported. Run `dossier check` to see the notebook's state",
            row.map(|r| format!(", row {r},")).unwrap_or_default()
        ))),
    }
}
