//! Reading clips: by id, newest, by page or theme, each with its pages and stances.

use super::Store;
use super::read::{Stored, enum_col, origin, parse_json};
use crate::error::Result;
use crate::model::*;
use rusqlite::{Row, params};
use std::collections::HashMap;

const CLIP_COLUMNS: &str = "id, source_id, voice_id, start_s, end_s, section, quote, gist, topics, clarity, added, origin, retired, updated_at";

impl Store {
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
}
