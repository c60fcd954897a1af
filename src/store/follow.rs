//! Followed corpora: folders of corpus files (typically a git checkout of a team's
//! library) synced like the built-in corpus. Files whose size, time and content hash are
//! unchanged are not read again; the changed ones are validated against everything
//! stored, then written in one IMMEDIATE transaction: new and changed records upserted,
//! records their files no longer define retired (never deleted). Nothing is written when
//! any file has a problem. The user's own records, notes, investigations and overlays
//! are never touched.

use super::write::Changed;
use super::{Store, bump_generation, now_iso};
use crate::error::Result;
use crate::model::*;
use rusqlite::{OptionalExtension, params};

/// A followed folder as `dossier corpus list` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FollowedCorpus {
    pub dir: String,
    pub available: bool,
    pub synced_at: Option<String>,
    pub files: usize,
    /// Live clips it brought.
    pub clips: usize,
    /// Live records of every kind it brought.
    pub records: usize,
}

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct FollowReport {
    /// False when no followed file's content changed (nothing to apply).
    pub ran: bool,
    pub files_read: usize,
    /// Records added or changed.
    pub changed: usize,
    pub retired: usize,
    /// Records a followed corpus defines with the id of one of your own: yours are kept.
    pub kept_yours: Vec<String>,
    /// Folders that cannot be read now, with why: their records are kept as they were.
    pub unavailable: Vec<(String, String)>,
    /// Investigations in followed files are not applied: yours are never touched by a sync.
    pub investigations_skipped: usize,
    /// What changed, retired records included, for the index.
    #[serde(skip)]
    pub touched: Changed,
    /// The generation the sync wrote, when it changed what search sees.
    #[serde(skip)]
    pub generation: Option<u64>,
}

/// One followed folder, compared with what was synced last.
pub(super) const KINDS: [RecordKind; 5] = RecordKind::STORED;

impl Store {
    /// The followed folders, in order.
    pub fn followed(&self) -> Result<Vec<FollowedCorpus>> {
        let mut stmt = self.conn().prepare(
            "SELECT c.dir, c.available, c.synced_at,
                    (SELECT count(*) FROM corpus_files f WHERE f.corpus = c.dir),
                    (SELECT count(*) FROM corpus_records r WHERE r.corpus = c.dir AND r.kind = 'clip'),
                    (SELECT count(*) FROM corpus_records r WHERE r.corpus = c.dir AND r.kind != 'overlay')
             FROM corpora c ORDER BY c.dir",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FollowedCorpus {
                    dir: r.get(0)?,
                    available: r.get(1)?,
                    synced_at: r.get(2)?,
                    files: r.get::<_, i64>(3)? as usize,
                    clips: r.get::<_, i64>(4)? as usize,
                    records: r.get::<_, i64>(5)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Registers a folder to follow (not synced yet). False when it was followed already.
    pub fn add_followed(&mut self, dir: &str) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "INSERT OR IGNORE INTO corpora (dir, available, added_at) VALUES (?1, 1, ?2)",
                params![dir, now_iso()],
            )?;
            Ok(n > 0)
        })
    }

    /// Stops following `dir`: the records it brought are retired (never deleted:
    /// investigations may refer to them), its overlays removed. Returns what changed.
    pub fn remove_followed(&mut self, dir: &str) -> Result<Option<(Changed, usize, Option<u64>)>> {
        let known: Option<String> = self
            .conn()
            .query_row("SELECT dir FROM corpora WHERE dir = ?1", [dir], |r| {
                r.get(0)
            })
            .optional()?;
        if known.is_none() {
            return Ok(None);
        }
        self.write(|tx| {
            let rows: Vec<(String, String)> = {
                let mut stmt =
                    tx.prepare("SELECT kind, id FROM corpus_records WHERE corpus = ?1")?;
                stmt.query_map([dir], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?
            };
            let mut touched = Changed::default();
            let mut retired = 0;
            for (kind, id) in &rows {
                retired += retire(tx, kind, id, dir, &mut touched)?;
            }
            tx.execute("DELETE FROM corpus_records WHERE corpus = ?1", [dir])?;
            tx.execute("DELETE FROM source_overlays WHERE corpus = ?1", [dir])?;
            tx.execute("DELETE FROM corpus_files WHERE corpus = ?1", [dir])?;
            tx.execute("DELETE FROM corpora WHERE dir = ?1", [dir])?;
            let generation = if rows.is_empty() {
                None
            } else {
                Some(bump_generation(tx)?)
            };
            Ok(Some((touched, retired, generation)))
        })
    }

    /// The records followed corpora brought: `(kind, id, "folder/file:line")`.
    pub fn followed_ids(&self) -> Result<Vec<(RecordKind, String, String)>> {
        Ok(self
            .corpus_record_rows()?
            .into_iter()
            .filter_map(|r| {
                let at = format!("{}/{}:{}", r.corpus, r.path, r.line);
                kind_of(&r.kind).map(|k| (k, r.id, at))
            })
            .collect())
    }

    /// Folders marked unavailable at the last sync, for a warning on every start.
    pub fn unavailable_corpora(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT dir FROM corpora WHERE available = 0 ORDER BY dir")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }

    /// The followed corpus (folder, file and line) that defines a record, if any.
    pub fn record_corpus(&self, kind: &str, id: &str) -> Result<Option<(String, String, i64)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT corpus, path, line FROM corpus_records WHERE kind = ?1 AND id = ?2",
                [kind, id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    pub(super) fn corpus_record_rows(&self) -> Result<Vec<RecordRow>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT kind, id, corpus, path, line FROM corpus_records")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RecordRow {
                    kind: r.get(0)?,
                    id: r.get(1)?,
                    corpus: r.get(2)?,
                    path: r.get(3)?,
                    line: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub(super) fn ids_with_state(&self, kind: RecordKind) -> Result<Vec<(String, Origin, bool)>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT id, origin, retired FROM {}", kind.table()))?;
        let rows = stmt
            .query_map([], |r| {
                let origin: String = r.get(1)?;
                Ok((
                    r.get(0)?,
                    Origin::parse(&origin).unwrap_or(Origin::User),
                    r.get(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

pub(super) struct RecordRow {
    pub kind: String,
    pub id: String,
    pub corpus: String,
    pub path: String,
    pub line: i64,
}

pub(super) fn kind_of(text: &str) -> Option<RecordKind> {
    KINDS.into_iter().find(|k| k.as_str() == text)
}

/// Inside a write: retires one record a followed corpus no longer defines (an overlay is
/// removed). Returns 1 when a record was retired.
pub(super) fn retire(
    tx: &rusqlite::Transaction<'_>,
    kind: &str,
    id: &str,
    corpus: &str,
    touched: &mut Changed,
) -> Result<usize> {
    if kind == "overlay" {
        tx.execute(
            "DELETE FROM source_overlays WHERE source_id = ?1 AND corpus = ?2",
            [id, corpus],
        )?;
        touched.sources.push(SourceId(id.to_string()));
        return Ok(0);
    }
    let Some(k) = kind_of(kind) else {
        return Ok(0);
    };
    let n = tx.execute(
        &format!(
            "UPDATE {} SET retired = 1, updated_at = ?2 WHERE id = ?1 AND retired = 0",
            k.table()
        ),
        [id, &now_iso()],
    )?;
    match k {
        RecordKind::Clip => touched.clips.push(ClipId(id.to_string())),
        RecordKind::Page => touched.pages.push(PageId(id.to_string())),
        RecordKind::Source => touched.sources.push(SourceId(id.to_string())),
        RecordKind::Voice => touched.voices.push(VoiceId(id.to_string())),
        RecordKind::Theme => touched.themes.push(ThemeId(id.to_string())),
    }
    Ok(n)
}
