//! Writes and reads for capture: clips the user adds and transcripts (what changed since a
//! moment, for digests, is in `changes.rs`). Every write is one IMMEDIATE transaction that
//! bumps the generation.

use super::investigations::{touch, valid_name};
use super::read::Stored;
use super::write::{upsert_clip, upsert_source, upsert_voice};
use super::{Store, bump_generation, now_iso};
use crate::capture::transcript::Cue;
use crate::error::Result;
use crate::model::*;
use rusqlite::Transaction;
use rusqlite::{OptionalExtension, params};

/// One cue of a stored transcript.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredCue {
    pub seq: usize,
    pub start_ms: u64,
    pub end_ms: u64,
    pub voice_id: Option<String>,
    pub voice: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TranscriptInfo {
    pub source_id: String,
    pub title: String,
    pub file_name: String,
    pub format: String,
    pub imported_at: String,
    pub cues: usize,
}

/// Voices and a source the user's write creates along the way.
#[derive(Debug, Clone, Default)]
pub struct NewRecords {
    pub voices: Vec<Voice>,
    pub source: Option<Source>,
}

/// Names already in the notebook, for completing what the user types.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub voices: Vec<String>,
    pub sources: Vec<String>,
    pub pages: Vec<String>,
    pub investigations: Vec<String>,
    /// Theme ids, for the form's stances.
    pub themes: Vec<String>,
}

impl Store {
    /// A voice by id, or by name ignoring case (a live one first).
    pub fn find_voice(&self, text: &str) -> Result<Option<VoiceId>> {
        find_voice_in(self.conn(), text)
    }

    /// A source by id, URL or title (ignoring case).
    pub fn find_source(&self, text: &str) -> Result<Option<Stored<Source>>> {
        let id: Option<String> = self
            .conn()
            .query_row(
                // One indexed lookup per way of naming a source (SQLite plans the same
                // condition written with OR as a scan of every source).
                "SELECT id FROM (
                     SELECT id, 0 AS rank, retired FROM sources WHERE id = ?1
                     UNION ALL SELECT id, 1, retired FROM sources WHERE url = ?1
                     UNION ALL SELECT id, 2, retired FROM sources WHERE title = ?1 COLLATE NOCASE
                 ) ORDER BY rank, retired LIMIT 1",
                [text.trim()],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.source(&id),
            None => Ok(None),
        }
    }

    /// A live page by id or title (ignoring case): `(id, title)`.
    pub fn find_page(&self, text: &str) -> Result<Option<(PageId, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, title FROM pages WHERE retired = 0 AND (id = ?1 OR title = ?1 COLLATE NOCASE) LIMIT 1",
                [text.trim()],
                |r| Ok((PageId(r.get(0)?), r.get(1)?)),
            )
            .optional()?)
    }

    /// `base`, or `base-2`, `base-3`… whichever is not yet an id in `table`.
    pub fn free_id(&self, table: RecordKind, base: &str) -> Result<String> {
        let sql = format!("SELECT count(*) > 0 FROM {} WHERE id = ?1", table.table());
        let mut stmt = self.conn().prepare(&sql)?;
        let mut candidate = base.to_string();
        let mut n = 2;
        while stmt.query_row([&candidate], |r| r.get::<_, bool>(0))? {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        Ok(candidate)
    }

    /// A live clip of this voice on this source starting at `start`: a likely duplicate.
    pub fn clip_at(&self, source: &str, voice: &str, start: u32) -> Result<Option<ClipId>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM clips WHERE source_id = ?1 AND voice_id = ?2 AND start_s = ?3 AND retired = 0",
                params![source, voice, start],
                |r| r.get(0).map(ClipId),
            )
            .optional()?)
    }

    /// Writes a clip the user added, with the voice and source it needs, and appends it
    /// to `investigation` (created when missing), all in one transaction. Returns the new
    /// generation and whether the investigation was created.
    pub fn insert_user_clip(
        &mut self,
        new: &NewRecords,
        clip: &Clip,
        investigation: Option<&str>,
    ) -> Result<(u64, bool)> {
        let today = chrono::Local::now().date_naive().to_string();
        self.write(|tx| {
            for v in &new.voices {
                upsert_voice(tx, v, Origin::User)?;
            }
            if let Some(s) = &new.source {
                upsert_source(tx, s, Origin::User)?;
            }
            upsert_clip(tx, clip, Origin::User, &today)?;
            let created = match investigation {
                Some(name) => append_creating(tx, name, clip.id.as_str())?,
                None => false,
            };
            Ok((bump_generation(tx)?, created))
        })
    }

    /// Replaces the transcript of `source` (all cues or none). Each cue comes with the
    /// voice it names, if any. Returns the new generation and the number of cues replaced.
    pub fn replace_transcript(
        &mut self,
        new: &NewRecords,
        source: &SourceId,
        file_name: &str,
        format: &str,
        cues: &[(Cue, Option<VoiceId>)],
    ) -> Result<(u64, Option<usize>)> {
        self.write(|tx| {
            for v in &new.voices {
                upsert_voice(tx, v, Origin::User)?;
            }
            if let Some(s) = &new.source {
                upsert_source(tx, s, Origin::User)?;
            }
            let old = write_transcript(tx, source, file_name, format, cues)?;
            Ok((bump_generation(tx)?, old))
        })
    }

    pub fn transcript(&self, source: &str) -> Result<Option<TranscriptInfo>> {
        Ok(self.transcripts_where("t.source_id = ?1", source)?.pop())
    }

    /// Transcripts imported after `since` (an RFC 3339 stamp), newest first.
    pub fn transcripts_since(&self, since: &str) -> Result<Vec<TranscriptInfo>> {
        self.transcripts_where("t.imported_at > ?1", since)
    }

    fn transcripts_where(&self, filter: &str, value: &str) -> Result<Vec<TranscriptInfo>> {
        let sql = format!(
            "SELECT t.source_id, s.title, t.file_name, t.format, t.imported_at,
                    (SELECT count(*) FROM transcript_cues q WHERE q.source_id = t.source_id)
             FROM transcripts t JOIN sources s ON s.id = t.source_id
             WHERE {filter} ORDER BY t.imported_at DESC, t.source_id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map([value], |r| {
                Ok(TranscriptInfo {
                    source_id: r.get(0)?,
                    title: r.get(1)?,
                    file_name: r.get(2)?,
                    format: r.get(3)?,
                    imported_at: r.get(4)?,
                    cues: r.get::<_, i64>(5)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every cue of a source's transcript, in order.
    pub fn cues(&self, source: &str) -> Result<Vec<StoredCue>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT q.seq, q.start_ms, q.end_ms, q.voice_id, v.name, q.text
             FROM transcript_cues q LEFT JOIN voices v ON v.id = q.voice_id
             WHERE q.source_id = ?1 ORDER BY q.seq",
        )?;
        let rows = stmt
            .query_map([source], |r| {
                Ok(StoredCue {
                    seq: r.get::<_, i64>(0)? as usize,
                    start_ms: r.get::<_, i64>(1)? as u64,
                    end_ms: r.get::<_, i64>(2)? as u64,
                    voice_id: r.get(3)?,
                    voice: r.get(4)?,
                    text: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Names a form can complete, each list sorted.
    pub fn completion_names(&self) -> Result<Names> {
        let list = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn().prepare(sql)?;
            let rows = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(rows)
        };
        Ok(Names {
            voices: list("SELECT name FROM voices WHERE retired = 0 ORDER BY name")?,
            sources: list("SELECT title FROM sources WHERE retired = 0 ORDER BY title")?,
            pages: list("SELECT title FROM pages WHERE retired = 0 ORDER BY title")?,
            investigations: list("SELECT name FROM investigations ORDER BY name")?,
            themes: list("SELECT id FROM themes WHERE retired = 0 ORDER BY id")?,
        })
    }
}

/// Inside a write: appends `clip` to the investigation `name`, creating the investigation
/// when it does not exist yet. Returns whether it was created.
fn append_creating(tx: &Transaction<'_>, name: &str, clip: &str) -> Result<bool> {
    let name = valid_name(name)?;
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM investigations WHERE name = ?1",
            [&name],
            |r| r.get(0),
        )
        .optional()?;
    let now = now_iso();
    let (id, created) = match existing {
        Some(id) => (id, false),
        None => {
            tx.execute(
                "INSERT INTO investigations (name, question, created_at, updated_at) VALUES (?1, NULL, ?2, ?2)",
                params![name, now],
            )?;
            (tx.last_insert_rowid(), true)
        }
    };
    tx.execute(
        "INSERT OR IGNORE INTO investigation_clips (investigation_id, clip_id, position, note, added_at)
         VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM investigation_clips WHERE investigation_id = ?1), '', ?3)",
        params![id, clip, now],
    )?;
    touch(tx, id)?;
    Ok(created)
}

/// Inside a write: replaces the transcript of `source` with `cues` (each with the voice
/// it names). Returns how many cues the replaced transcript had.
pub fn write_transcript(
    tx: &Transaction<'_>,
    source: &SourceId,
    file_name: &str,
    format: &str,
    cues: &[(Cue, Option<VoiceId>)],
) -> Result<Option<usize>> {
    let old: Option<usize> = tx
            .query_row(
                "SELECT (SELECT count(*) FROM transcript_cues WHERE source_id = ?1) FROM transcripts WHERE source_id = ?1",
                [source.as_str()],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .map(|n| n as usize);
    // The cues first, by name: a bulk import writes with foreign-key enforcement (and
    // so its cascades) off.
    tx.execute(
        "DELETE FROM transcript_cues WHERE source_id = ?1",
        [source.as_str()],
    )?;
    tx.execute(
        "DELETE FROM transcripts WHERE source_id = ?1",
        [source.as_str()],
    )?;
    tx.execute(
            "INSERT INTO transcripts (source_id, file_name, format, imported_at) VALUES (?1, ?2, ?3, ?4)",
            params![source.as_str(), file_name, format, now_iso()],
        )?;
    let mut insert = tx.prepare_cached(
            "INSERT INTO transcript_cues (source_id, seq, start_ms, end_ms, voice_id, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
    for (seq, (cue, voice)) in cues.iter().enumerate() {
        insert.execute(params![
            source.as_str(),
            seq as i64,
            cue.start_ms as i64,
            cue.end_ms as i64,
            voice.as_ref().map(VoiceId::as_str),
            cue.text
        ])?;
    }
    Ok(old)
}

/// A voice by id or name (ignoring case), through any connection (a write transaction
/// sees the voices it wrote).
pub fn find_voice_in(conn: &rusqlite::Connection, text: &str) -> Result<Option<VoiceId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM (
                 SELECT id, 0 AS rank, retired FROM voices WHERE id = ?1
                 UNION ALL SELECT id, 1, retired FROM voices WHERE name = ?1 COLLATE NOCASE
             ) ORDER BY rank, retired LIMIT 1",
            [text.trim()],
            |r| r.get(0).map(VoiceId),
        )
        .optional()?)
}
