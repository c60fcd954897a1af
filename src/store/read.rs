//! Reads: records by id and lists (clips in `read_clips.rs`).

use super::Store;
use crate::error::Result;
use crate::model::*;
use rusqlite::{OptionalExtension, Row};
use std::collections::HashMap;

/// A stored record with its bookkeeping.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Stored<T> {
    #[serde(flatten)]
    pub record: T,
    pub origin: Origin,
    pub retired: bool,
    pub updated_at: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct PageSummary {
    pub id: PageId,
    pub title: String,
    pub options: Vec<String>,
    pub clip_count: usize,
    pub updated_at: String,
    /// A featured page is listed first (see `Page::featured`).
    #[serde(skip)]
    pub featured: bool,
}

pub(super) fn parse_json<T: serde::de::DeserializeOwned>(
    idx: usize,
    text: String,
) -> rusqlite::Result<T> {
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn origin(row: &Row<'_>, idx: usize) -> rusqlite::Result<Origin> {
    let text: String = row.get(idx)?;
    Origin::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("bad origin {text}").into(),
        )
    })
}

pub(super) fn enum_col<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unexpected value {text}").into(),
        )
    })
}

const VOICE_COLUMNS: &str = "id, name, role, affiliation, provenance, origin, retired, updated_at";
const SOURCE_COLUMNS: &str =
    "id, kind, title, show, url, published, voices, provenance, origin, retired, updated_at";

fn voice_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored<Voice>> {
    Ok(Stored {
        record: Voice {
            id: VoiceId(r.get(0)?),
            name: r.get(1)?,
            role: r.get(2)?,
            affiliation: r.get(3)?,
            provenance: r.get(4)?,
        },
        origin: origin(r, 5)?,
        retired: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored<Source>> {
    Ok(Stored {
        record: Source {
            id: SourceId(r.get(0)?),
            kind: enum_col(r, 1, SourceKind::parse)?,
            title: r.get(2)?,
            show: r.get(3)?,
            url: crate::web_url::WebUrl::stored(r.get(4)?),
            published: r.get(5)?,
            voices: parse_json(6, r.get(6)?)?,
            provenance: r.get(7)?,
        },
        origin: origin(r, 8)?,
        retired: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

impl Store {
    pub fn voice(&self, id: &str) -> Result<Option<Stored<Voice>>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {VOICE_COLUMNS} FROM voices WHERE id = ?1"))?
            .query_row([id], voice_row)
            .optional()?)
    }

    /// Many voices by id, in one query. Ids with no voice are absent from the map.
    pub fn voices_by_id(&self, ids: &[&str]) -> Result<HashMap<String, Stored<Voice>>> {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {VOICE_COLUMNS} FROM voices WHERE id IN (SELECT value FROM json_each(?1))"
        ))?;
        let rows = stmt
            .query_map([&json], voice_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|v| (v.record.id.0.clone(), v))
            .collect())
    }

    /// Sources whose stored URL is not a valid [`WebUrl`](crate::web_url::WebUrl) (stored
    /// before URLs were checked): (id, what is wrong). Such a URL is never used as a link.
    pub fn unusable_urls(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, url FROM sources WHERE url IS NOT NULL AND url != '' ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, url)| crate::web_url::WebUrl::parse(&url).err().map(|e| (id, e)))
            .collect())
    }

    /// A source with the values set over it (`dossier source set`, a followed corpus's
    /// `[[overlay]]`) in place of its own: the user's first.
    pub fn source(&self, id: &str) -> Result<Option<Stored<Source>>> {
        let Some(mut source) = self.own_source(id)? else {
            return Ok(None);
        };
        if let Some(o) = self.overlay(id)? {
            o.apply(&mut source.record);
        }
        Ok(Some(source))
    }

    /// Many sources by id, overlays applied, in two queries. Ids with no source are
    /// absent from the map.
    pub fn sources_by_id(&self, ids: &[&str]) -> Result<HashMap<String, Stored<Source>>> {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources WHERE id IN (SELECT value FROM json_each(?1))"
        ))?;
        let rows = stmt
            .query_map([&json], source_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut overlays = self.overlays_of(&json)?;
        Ok(rows
            .into_iter()
            .map(|mut s| {
                if let Some(o) = overlays.remove(s.record.id.as_str()) {
                    o.apply(&mut s.record);
                }
                (s.record.id.0.clone(), s)
            })
            .collect())
    }

    /// A source as its own corpus (or the user) defined it, without overlays.
    pub fn own_source(&self, id: &str) -> Result<Option<Stored<Source>>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?1"
            ))?
            .query_row([id], source_row)
            .optional()?)
    }

    pub fn theme(&self, id: &str) -> Result<Option<Stored<Theme>>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, claim, kind, origin, retired, updated_at FROM themes WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(Stored {
                    record: Theme {
                        id: ThemeId(r.get(0)?),
                        claim: r.get(1)?,
                        kind: enum_col(r, 2, ThemeKind::parse)?,
                    },
                    origin: origin(r, 3)?,
                    retired: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })
            .optional()?)
    }

    pub fn page(&self, id: &str) -> Result<Option<Stored<Page>>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT body, origin, retired, updated_at FROM pages WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(Stored {
                    record: parse_json(0, r.get(0)?)?,
                    origin: origin(r, 1)?,
                    retired: r.get(2)?,
                    updated_at: r.get(3)?,
                })
            })
            .optional()?)
    }

    pub fn pages(&self) -> Result<Vec<PageSummary>> {
        let mut stmt = self.conn().prepare(
            "SELECT p.id, p.title, p.body, p.updated_at,
                    (SELECT count(*) FROM clip_pages cp JOIN clips c ON c.id = cp.clip_id WHERE cp.page_id = p.id AND c.retired = 0)
             FROM pages p WHERE p.retired = 0 ORDER BY p.title COLLATE NOCASE, p.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let page: Page = parse_json(2, r.get(2)?)?;
                Ok(PageSummary {
                    id: PageId(r.get(0)?),
                    title: r.get(1)?,
                    options: page.options.clone(),
                    // The page's own date when it states one; otherwise when it was stored.
                    updated_at: page.updated.clone().map_or_else(|| r.get(3), Ok)?,
                    clip_count: r.get::<_, i64>(4)? as usize,
                    featured: page.featured,
                })
            })?
            .collect::<rusqlite::Result<Vec<PageSummary>>>()?;
        // Featured pages first; the sort is stable, so each group stays in title order.
        let mut rows = rows;
        rows.sort_by_key(|p| !p.featured);
        Ok(rows)
    }

    /// All ids of a kind, for validating imports against what is already stored.
    pub fn ids(&self, kind: RecordKind) -> Result<Vec<(String, Origin)>> {
        let table = kind.table();
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT id, origin FROM {table}"))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, origin(r, 1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Live clips whose voice or source is among those given.
    pub fn clips_referencing(
        &self,
        voices: &[VoiceId],
        sources: &[SourceId],
        themes: &[ThemeId],
    ) -> Result<Vec<ClipId>> {
        if voices.is_empty() && sources.is_empty() && themes.is_empty() {
            return Ok(Vec::new());
        }
        let v = serde_json::to_string(voices).unwrap_or_else(|_| "[]".into());
        let s = serde_json::to_string(sources).unwrap_or_else(|_| "[]".into());
        let t = serde_json::to_string(themes).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn().prepare(
            "SELECT id FROM clips WHERE retired = 0 AND (voice_id IN (SELECT value FROM json_each(?1)) OR source_id IN (SELECT value FROM json_each(?2))
                 OR id IN (SELECT clip_id FROM clip_stances WHERE theme_id IN (SELECT value FROM json_each(?3))))",
        )?;
        let ids = stmt
            .query_map([v, s, t], |r| Ok(ClipId(r.get(0)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    /// Counts of live (not retired) clips and pages, and of transcript cues: what the
    /// index should hold.
    pub fn searchable_count(&self) -> Result<u64> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM clips WHERE retired = 0) + (SELECT count(*) FROM pages WHERE retired = 0)
                  + (SELECT count(*) FROM transcript_cues)",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }
}
