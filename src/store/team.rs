//! What an import or a followed corpus brings besides records: values set over sources
//! (overlays) and investigations.

use super::{Store, now_iso};
use crate::corpus::export::{ExportInvestigation, SourceOverlay};
use crate::error::Result;
use crate::model::*;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// Inside a write: sets `overlays` for `corpus` ('' for the user's own). A field left out
/// keeps its earlier value. Returns the sources whose values changed.
pub fn write_overlays(
    tx: &Transaction<'_>,
    overlays: &[SourceOverlay],
    corpus: &str,
) -> Result<Vec<SourceId>> {
    let mut changed = Vec::new();
    let mut upsert = tx.prepare_cached(
        "INSERT INTO source_overlays (source_id, corpus, url, published, show, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(source_id, corpus) DO UPDATE SET
            url = coalesce(excluded.url, url), published = coalesce(excluded.published, published),
            show = coalesce(excluded.show, show), updated_at = excluded.updated_at
         WHERE coalesce(excluded.url, url) IS NOT url OR coalesce(excluded.published, published) IS NOT published
            OR coalesce(excluded.show, show) IS NOT show",
    )?;
    for o in overlays {
        let n = upsert.execute(params![
            o.source.as_str(),
            corpus,
            o.url,
            o.published,
            o.show,
            now_iso()
        ])?;
        if n > 0 {
            changed.push(o.source.clone());
        }
    }
    Ok(changed)
}

/// Inside a write: creates the investigations that do not exist yet. One with the same
/// name as an existing investigation is left out (the user's own is never replaced).
/// Returns `(created, kept)` names.
pub fn write_investigations(
    tx: &Transaction<'_>,
    investigations: &[ExportInvestigation],
) -> Result<(Vec<String>, Vec<String>)> {
    let (mut created, mut kept) = (Vec::new(), Vec::new());
    for inv in investigations {
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM investigations WHERE name = ?1",
                [&inv.name],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            kept.push(inv.name.clone());
            continue;
        }
        let now = now_iso();
        tx.execute(
            "INSERT INTO investigations (name, question, conclusion, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![inv.name, inv.question, inv.conclusion, now],
        )?;
        let id = tx.last_insert_rowid();
        for (position, (clip, note, stances)) in inv.items.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO investigation_clips (investigation_id, clip_id, position, note, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, clip, position as i64, note, now],
            )?;
            for (theme, stance) in stances {
                tx.execute(
                    "INSERT OR REPLACE INTO investigation_stances (investigation_id, clip_id, theme_id, stance) VALUES (?1, ?2, ?3, ?4)",
                    params![id, clip, theme, stance.as_str()],
                )?;
            }
        }
        created.push(inv.name.clone());
    }
    Ok((created, kept))
}

/// The values set over a source, the user's first.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Overlay {
    pub url: Option<String>,
    pub published: Option<String>,
    pub show: Option<String>,
    /// Whether the user set values of their own (`dossier source set`).
    pub by_user: bool,
    /// The folder of a followed corpus that set values too.
    pub corpus: Option<String>,
}

impl Store {
    /// The values set over `source`: for each field, the user's when set, else the first
    /// followed corpus's. `None` when nothing is set.
    pub fn overlay(&self, source: &str) -> Result<Option<Overlay>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT source_id, url, published, show, corpus FROM source_overlays WHERE source_id = ?1 ORDER BY corpus",
        )?;
        let rows = stmt
            .query_map([source], overlay_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(merge_overlays(rows).remove(source))
    }

    /// The overlays of the sources whose ids are in a JSON array, by source id.
    pub(super) fn overlays_of(&self, json_ids: &str) -> Result<HashMap<String, Overlay>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT source_id, url, published, show, corpus FROM source_overlays
             WHERE source_id IN (SELECT value FROM json_each(?1)) ORDER BY source_id, corpus",
        )?;
        let rows = stmt
            .query_map([json_ids], overlay_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(merge_overlays(rows))
    }

    /// Sets the user's own values over a source (built-in ones included): kept through
    /// every sync. Returns the new generation.
    pub fn set_overlay(&mut self, overlay: &SourceOverlay) -> Result<u64> {
        self.write(|tx| {
            write_overlays(tx, std::slice::from_ref(overlay), "")?;
            super::bump_generation(tx)
        })
    }
}

type OverlayRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn overlay_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OverlayRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

/// Rows ordered by corpus (the user's, with an empty corpus, first) merged per source:
/// for each field the first value set.
fn merge_overlays(rows: Vec<OverlayRow>) -> HashMap<String, Overlay> {
    let mut out: HashMap<String, Overlay> = HashMap::new();
    for (source, url, published, show, corpus) in rows {
        let o = out.entry(source).or_default();
        if o.url.is_none() {
            o.url = url;
        }
        if o.published.is_none() {
            o.published = published;
        }
        if o.show.is_none() {
            o.show = show;
        }
        if corpus.is_empty() {
            o.by_user = true;
        } else if o.corpus.is_none() {
            o.corpus = Some(corpus);
        }
    }
    out
}

impl Overlay {
    /// Puts the values set over a source in place of its own.
    pub fn apply(self, source: &mut Source) {
        if let Some(url) = self
            .url
            .and_then(|u| crate::web_url::WebUrl::parse(&u).ok())
        {
            source.url = Some(url);
        }
        if self.published.is_some() {
            source.published = self.published;
        }
        if self.show.is_some() {
            source.show = self.show;
        }
    }
}
