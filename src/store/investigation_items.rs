//! The clips of an investigation: adding and removing them (with undo), their order,
//! the user's note on each and the user's stance overrides. Every change is one
//! IMMEDIATE transaction and touches the investigation's `updated_at`.

use super::investigations::{
    InvestigationItem, RemovedItem, id_of, name_key, no_investigation, touch,
};
use super::{Store, now_iso};
use crate::error::{Error, Result};
use crate::model::{ClipId, Stance, ThemeId};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// Rewrites positions 0..n in the given order.
fn renumber(tx: &Transaction<'_>, id: i64, order: &[String]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE investigation_clips SET position = ?3 WHERE investigation_id = ?1 AND clip_id = ?2",
    )?;
    for (i, clip) in order.iter().enumerate() {
        stmt.execute(params![id, clip, i as i64])?;
    }
    Ok(())
}

fn order(tx: &Transaction<'_>, id: i64) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT clip_id FROM investigation_clips WHERE investigation_id = ?1 ORDER BY position, added_at, clip_id",
    )?;
    let rows = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

impl Store {
    /// The clips of an investigation, in order, with notes and stance overrides.
    pub fn investigation_items(&self, name: &str) -> Result<Vec<InvestigationItem>> {
        let name = name_key(name);
        let id: i64 = self
            .conn()
            .query_row(
                "SELECT id FROM investigations WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| no_investigation(self.conn(), name))?;
        let mut stmt = self.conn().prepare(
            "SELECT clip_id, note, added_at FROM investigation_clips WHERE investigation_id = ?1
             ORDER BY position, added_at, clip_id",
        )?;
        let mut items = stmt
            .query_map([id], |r| {
                Ok(InvestigationItem {
                    clip: ClipId(r.get(0)?),
                    position: 0,
                    note: r.get(1)?,
                    added_at: r.get(2)?,
                    stances: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut overrides: HashMap<String, Vec<(ThemeId, Stance)>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT clip_id, theme_id, stance FROM investigation_stances WHERE investigation_id = ?1 ORDER BY clip_id, theme_id",
        )?;
        for row in stmt.query_map([id], |r| {
            let text: String = r.get(2)?;
            Ok((
                r.get::<_, String>(0)?,
                ThemeId(r.get(1)?),
                Stance::parse(&text).unwrap_or(Stance::Nuanced),
            ))
        })? {
            let (clip, theme, stance) = row?;
            overrides.entry(clip).or_default().push((theme, stance));
        }
        for (i, item) in items.iter_mut().enumerate() {
            item.position = i;
            item.stances = overrides.remove(item.clip.as_str()).unwrap_or_default();
        }
        Ok(items)
    }

    /// Adds clips at the end, in the order given. Clips already present keep their place
    /// (and get the note only when they had none). Returns how many were new.
    pub fn add_to_investigation(
        &mut self,
        name: &str,
        clips: &[ClipId],
        note: Option<&str>,
    ) -> Result<usize> {
        for clip in clips {
            if self.clip(clip.as_str())?.is_none() {
                return Err(Error::NotFound {
                    kind: "clip",
                    id: clip.0.clone(),
                    hint: ". `dossier search` finds clip ids".into(),
                });
            }
        }
        self.write(|tx| {
            let id = id_of(tx, name)?;
            let mut next: i64 = tx.query_row(
                "SELECT coalesce(max(position) + 1, 0) FROM investigation_clips WHERE investigation_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let mut added = 0;
            let now = now_iso();
            for clip in clips {
                let n = tx.execute(
                    "INSERT OR IGNORE INTO investigation_clips (investigation_id, clip_id, position, note, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, clip.as_str(), next, note.unwrap_or(""), now],
                )?;
                if n > 0 {
                    next += 1;
                    added += 1;
                } else if let Some(note) = note {
                    tx.execute(
                        "UPDATE investigation_clips SET note = ?3 WHERE investigation_id = ?1 AND clip_id = ?2 AND note = ''",
                        params![id, clip.as_str(), note],
                    )?;
                }
            }
            touch(tx, id)?;
            Ok(added)
        })
    }

    fn require_member(tx: &Transaction<'_>, id: i64, name: &str, clip: &str) -> Result<()> {
        let present: bool = tx.query_row(
            "SELECT count(*) > 0 FROM investigation_clips WHERE investigation_id = ?1 AND clip_id = ?2",
            params![id, clip],
            |r| r.get(0),
        )?;
        if present {
            Ok(())
        } else {
            Err(Error::NotFound {
                kind: "clip",
                id: clip.to_string(),
                hint: format!(" in investigation “{name}”"),
            })
        }
    }

    pub fn set_note(&mut self, name: &str, clip: &str, note: &str) -> Result<()> {
        self.write(|tx| {
            let id = id_of(tx, name)?;
            Self::require_member(tx, id, name, clip)?;
            tx.execute(
                "UPDATE investigation_clips SET note = ?3 WHERE investigation_id = ?1 AND clip_id = ?2",
                params![id, clip, note],
            )?;
            touch(tx, id)?;
            crate::fsutil::crash_point("note-before-commit");
            Ok(())
        })
    }

    /// Removes a clip and returns everything needed to undo it.
    pub fn remove_from_investigation(&mut self, name: &str, clip: &str) -> Result<RemovedItem> {
        let items = self.investigation_items(name)?;
        let item = items
            .into_iter()
            .find(|i| i.clip.as_str() == clip)
            .ok_or_else(|| Error::NotFound {
                kind: "clip",
                id: clip.to_string(),
                hint: format!(" in investigation “{name}”"),
            })?;
        self.write(|tx| {
            let id = id_of(tx, name)?;
            tx.execute(
                "DELETE FROM investigation_stances WHERE investigation_id = ?1 AND clip_id = ?2",
                params![id, clip],
            )?;
            tx.execute(
                "DELETE FROM investigation_clips WHERE investigation_id = ?1 AND clip_id = ?2",
                params![id, clip],
            )?;
            let rest = order(tx, id)?;
            renumber(tx, id, &rest)?;
            touch(tx, id)
        })?;
        Ok(RemovedItem {
            investigation: name.to_string(),
            item,
        })
    }

    /// Puts a removed clip back where it was, with its note and stances.
    pub fn restore_removed(&mut self, removed: &RemovedItem) -> Result<()> {
        let item = &removed.item;
        self.write(|tx| {
            let id = id_of(tx, &removed.investigation)?;
            tx.execute(
                "INSERT OR REPLACE INTO investigation_clips (investigation_id, clip_id, position, note, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, item.clip.as_str(), -1, item.note, item.added_at],
            )?;
            for (theme, stance) in &item.stances {
                tx.execute(
                    "INSERT OR REPLACE INTO investigation_stances (investigation_id, clip_id, theme_id, stance) VALUES (?1, ?2, ?3, ?4)",
                    params![id, item.clip.as_str(), theme.as_str(), stance.as_str()],
                )?;
            }
            let mut rest: Vec<String> = order(tx, id)?.into_iter().filter(|c| c != item.clip.as_str()).collect();
            rest.insert(item.position.min(rest.len()), item.clip.0.clone());
            renumber(tx, id, &rest)?;
            touch(tx, id)
        })
    }

    /// Moves a clip to `position` (0-based), or to the end when past it. Returns where it
    /// went.
    pub fn move_in_investigation(
        &mut self,
        name: &str,
        clip: &str,
        position: usize,
    ) -> Result<usize> {
        self.write(|tx| {
            let id = id_of(tx, name)?;
            Self::require_member(tx, id, name, clip)?;
            let mut rest: Vec<String> = order(tx, id)?.into_iter().filter(|c| c != clip).collect();
            let at = position.min(rest.len());
            rest.insert(at, clip.to_string());
            renumber(tx, id, &rest)?;
            touch(tx, id)?;
            Ok(at)
        })
    }

    /// Sets (or, with `None`, clears) the user's stance for a clip on a theme.
    pub fn set_investigation_stance(
        &mut self,
        name: &str,
        clip: &str,
        theme: &str,
        stance: Option<Stance>,
    ) -> Result<()> {
        if self.theme(theme)?.is_none() {
            return Err(Error::NotFound {
                kind: "theme",
                id: theme.to_string(),
                hint: String::new(),
            });
        }
        self.write(|tx| {
            let id = id_of(tx, name)?;
            Self::require_member(tx, id, name, clip)?;
            match stance {
                Some(s) => tx.execute(
                    "INSERT OR REPLACE INTO investigation_stances (investigation_id, clip_id, theme_id, stance) VALUES (?1, ?2, ?3, ?4)",
                    params![id, clip, theme, s.as_str()],
                )?,
                None => tx.execute(
                    "DELETE FROM investigation_stances WHERE investigation_id = ?1 AND clip_id = ?2 AND theme_id = ?3",
                    params![id, clip, theme],
                )?,
            };
            touch(tx, id)
        })
    }
}
