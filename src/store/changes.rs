//! What changed since a moment: the reads behind digests (`dossier digest`, the "new since
//! you last looked" list).

use super::Store;
use crate::capture::digest::DigestClip;
use crate::error::Result;
use crate::model::*;

/// A page, source or the like that changed: `(id, title, updated_at)`.
pub type ChangedRecord = (String, String, String);

impl Store {
    /// Ids of live clips and pages added or changed after `since`.
    pub fn ids_changed_since(&self, since: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT id FROM clips WHERE retired = 0 AND updated_at > ?1
             UNION ALL SELECT id FROM pages WHERE retired = 0 AND updated_at > ?1",
        )?;
        let ids = stmt
            .query_map([since], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// Live clips added or changed after `since`, with the first page and theme each
    /// informs: the user's own first, then newest first by their own `added` date (when
    /// they were stored when they have none).
    pub fn clips_changed_since(&self, since: &str) -> Result<Vec<DigestClip>> {
        let mut stmt = self.conn().prepare(
            "SELECT c.id, v.name, s.title, c.start_s, c.end_s, c.section, c.gist, c.updated_at,
                    p.id, p.title, t.id, t.claim, c.added, c.origin,
                    (SELECT corpus FROM corpus_records WHERE kind = 'clip' AND id = c.id)
             FROM clips c JOIN voices v ON v.id = c.voice_id JOIN sources s ON s.id = c.source_id
             LEFT JOIN pages p ON p.id = (SELECT page_id FROM clip_pages WHERE clip_id = c.id ORDER BY position LIMIT 1)
             LEFT JOIN themes t ON t.id = (SELECT theme_id FROM clip_stances WHERE clip_id = c.id ORDER BY theme_id LIMIT 1)
             WHERE c.retired = 0 AND c.updated_at > ?1
             ORDER BY c.origin = 'user' DESC,
                      CASE WHEN c.added <> '' THEN c.added ELSE substr(c.updated_at, 1, 10) END DESC,
                      c.updated_at DESC, c.id",
        )?;
        let rows = stmt
            .query_map([since], |r| {
                let span = ClipSpan::from_columns(r.get(3)?, r.get(4)?, r.get(5)?);
                let page: Option<String> = r.get(8)?;
                let theme: Option<String> = r.get(10)?;
                Ok(DigestClip {
                    id: r.get(0)?,
                    voice: r.get(1)?,
                    source: r.get(2)?,
                    time_range: span.label(),
                    gist: r.get(6)?,
                    updated_at: r.get(7)?,
                    added: r.get(12)?,
                    corpus: r.get(14)?,
                    yours: r.get::<_, String>(13)? == "user"
                        && r.get::<_, Option<String>>(14)?.is_none(),
                    page: match page {
                        Some(id) => Some((id, r.get(9)?)),
                        None => None,
                    },
                    theme: match theme {
                        Some(id) => Some((id, r.get(11)?)),
                        None => None,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Live pages or sources of `origin` (`user` or `embedded`) changed after `since`,
    /// newest first.
    pub fn records_changed_since(
        &self,
        kind: RecordKind,
        since: &str,
        origin: &str,
    ) -> Result<Vec<ChangedRecord>> {
        let title = match kind {
            RecordKind::Voice => "name",
            RecordKind::Theme => "claim",
            _ => "title",
        };
        let sql = format!(
            "SELECT id, {title}, updated_at FROM {} WHERE retired = 0 AND updated_at > ?1 AND origin = ?2 ORDER BY updated_at DESC, id",
            kind.table()
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map([since, origin], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
