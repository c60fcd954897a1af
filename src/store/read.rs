//! Reads: records by id, lists, and the flattened records the search index is built from.

use super::Store;
use crate::error::Result;
use crate::model::*;
use rusqlite::{OptionalExtension, Row, params};
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

fn origin(row: &Row<'_>, idx: usize) -> rusqlite::Result<Origin> {
    let text: String = row.get(idx)?;
    Origin::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("bad origin {text}").into(),
        )
    })
}

fn enum_col<T>(row: &Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unexpected value {text}").into(),
        )
    })
}

const CLIP_COLUMNS: &str = "id, source_id, voice_id, start_s, end_s, section, quote, gist, topics, clarity, added, origin, retired, updated_at";

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

    /// A clip row without its pages and stances (they live in their own tables).
    fn clip_base(r: &Row<'_>) -> rusqlite::Result<Stored<Clip>> {
        let start: Option<u32> = r.get(3)?;
        let span = ClipSpan::from_columns(start, r.get(4)?, r.get(5)?);
        Ok(Stored {
            record: Clip {
                id: ClipId(r.get(0)?),
                source: SourceId(r.get(1)?),
                voice: VoiceId(r.get(2)?),
                span,
                quote: r.get(6)?,
                gist: r.get(7)?,
                topics: parse_json(8, r.get(8)?)?,
                pages: Vec::new(),
                clarity: r.get(9)?,
                added: r.get(10)?,
                stances: Vec::new(),
            },
            origin: origin(r, 11)?,
            retired: r.get(12)?,
            updated_at: r.get(13)?,
        })
    }

    /// Fills in the pages and stances of `clips` (rows from `clip_base`): two queries for
    /// the whole batch, not two per clip.
    fn attach_links(&self, clips: &mut [Stored<Clip>]) -> Result<()> {
        let at: HashMap<String, usize> = clips
            .iter()
            .enumerate()
            .map(|(i, c)| (c.record.id.0.clone(), i))
            .collect();
        let ids: Vec<&str> = at.keys().map(String::as_str).collect();
        let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
        let mut pages = self.conn().prepare_cached(
            "SELECT clip_id, page_id FROM clip_pages WHERE clip_id IN (SELECT value FROM json_each(?1)) ORDER BY clip_id, position",
        )?;
        for row in pages.query_map([&json], |r| Ok((r.get::<_, String>(0)?, PageId(r.get(1)?))))? {
            let (clip, page) = row?;
            if let Some(&i) = at.get(&clip) {
                clips[i].record.pages.push(page);
            }
        }
        let mut stances = self.conn().prepare_cached(
            "SELECT clip_id, theme_id, stance, set_by, why FROM clip_stances WHERE clip_id IN (SELECT value FROM json_each(?1)) ORDER BY clip_id, theme_id",
        )?;
        for row in stances.query_map([&json], |r| {
            Ok((
                r.get::<_, String>(0)?,
                ThemeStance {
                    theme: ThemeId(r.get(1)?),
                    stance: enum_col(r, 2, Stance::parse)?,
                    by: enum_col(r, 3, StanceBy::parse)?,
                    why: r.get(4)?,
                },
            ))
        })? {
            let (clip, stance) = row?;
            if let Some(&i) = at.get(&clip) {
                clips[i].record.stances.push(stance);
            }
        }
        Ok(())
    }

    /// Clips matching `condition` (a WHERE/ORDER BY tail), in its order, with their links.
    pub(super) fn clips_where(
        &self,
        condition: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<Stored<Clip>>> {
        let sql = format!("SELECT {CLIP_COLUMNS} FROM clips {condition}");
        let mut clips = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params, Self::clip_base)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        self.attach_links(&mut clips)?;
        Ok(clips)
    }

    pub fn clip(&self, id: &str) -> Result<Option<Stored<Clip>>> {
        Ok(self.clips_where("WHERE id = ?1", [id])?.pop())
    }

    /// Many clips by id, in one batch. Ids with no clip are absent from the map.
    pub fn clips_by_id(&self, ids: &[&str]) -> Result<HashMap<String, Stored<Clip>>> {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let clips = self.clips_where("WHERE id IN (SELECT value FROM json_each(?1))", [&json])?;
        Ok(clips
            .into_iter()
            .map(|c| (c.record.id.0.clone(), c))
            .collect())
    }

    /// The newest clips that are not retired: what the empty query shows. The order matches
    /// the `clips_newest` index, so this reads 20 rows rather than sorting them all.
    pub fn newest_clips(&self, limit: usize) -> Result<Vec<Stored<Clip>>> {
        self.clips_where(
            "WHERE retired = 0 ORDER BY added DESC, id LIMIT ?1",
            [limit as i64],
        )
    }

    /// The clips that inform a page, clearest first.
    pub fn clips_for_page(&self, page: &str) -> Result<Vec<Stored<Clip>>> {
        self.clips_where(
            "WHERE retired = 0 AND id IN (SELECT clip_id FROM clip_pages WHERE page_id = ?1) ORDER BY clarity IS NULL, clarity DESC, id",
            [page],
        )
    }

    /// Other clips that take a stance on any of the given themes.
    pub fn clips_on_themes(
        &self,
        themes: &[ThemeId],
        except: &str,
        limit: usize,
    ) -> Result<Vec<Stored<Clip>>> {
        let json = serde_json::to_string(themes).unwrap_or_else(|_| "[]".into());
        self.clips_where(
            "WHERE retired = 0 AND id != ?2 AND id IN (SELECT clip_id FROM clip_stances WHERE theme_id IN (SELECT value FROM json_each(?1))) ORDER BY clarity IS NULL, clarity DESC, id LIMIT ?3",
            params![json, except, limit as i64],
        )
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
