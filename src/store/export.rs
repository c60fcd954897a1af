//! Reading what `dossier corpus export` writes: the user's own records (or, with `all`,
//! the built-in ones too), never those a followed corpus brought.

use super::Store;
use crate::corpus::export::{ExportCue, ExportInvestigation, ExportSet, SourceOverlay};
use crate::error::Result;
use crate::model::*;

impl Store {
    /// Ids of live records of `kind` to export, sorted.
    fn export_ids(&self, kind: RecordKind, all: bool) -> Result<Vec<String>> {
        let table = kind.table();
        let sql = format!(
            "SELECT id FROM {table} WHERE retired = 0 AND (origin = 'user' OR ?1)
               AND id NOT IN (SELECT id FROM corpus_records WHERE kind = ?2) ORDER BY id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let ids = stmt
            .query_map(rusqlite::params![all, kind.as_str()], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// Everything an export writes, except investigations unless `investigations`.
    pub fn export_set(&self, all: bool, investigations: bool) -> Result<ExportSet> {
        let mut set = ExportSet::default();
        for id in self.export_ids(RecordKind::Voice, all)? {
            set.voices.extend(self.voice(&id)?.map(|v| v.record));
        }
        for id in self.export_ids(RecordKind::Source, all)? {
            set.sources.extend(self.own_source(&id)?.map(|s| s.record));
        }
        for id in self.export_ids(RecordKind::Theme, all)? {
            set.themes.extend(self.theme(&id)?.map(|t| t.record));
        }
        for id in self.export_ids(RecordKind::Page, all)? {
            set.pages.extend(self.page(&id)?.map(|p| p.record));
        }
        set.clips = self
            .clips_where(
                "WHERE retired = 0 AND (origin = 'user' OR ?1)
                   AND id NOT IN (SELECT id FROM corpus_records WHERE kind = 'clip') ORDER BY id",
                [all],
            )?
            .into_iter()
            .map(|c| c.record)
            .collect();
        let mut stmt = self
            .conn()
            .prepare("SELECT terms FROM synonyms WHERE origin = 'user' OR ?1 ORDER BY terms")?;
        for terms in stmt.query_map([all], |r| r.get::<_, String>(0))? {
            if let Ok(terms) = serde_json::from_str::<Vec<String>>(&terms?) {
                set.synonyms.push(SynonymGroup { terms });
            }
        }
        set.overlays = self.user_overlays()?;
        let mut stmt = self
            .conn()
            .prepare("SELECT source_id FROM transcripts ORDER BY source_id")?;
        let sources = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for source in sources {
            let cues = self
                .cues(&source)?
                .into_iter()
                .map(|c| ExportCue {
                    start_ms: c.start_ms,
                    end_ms: c.end_ms,
                    voice: c.voice_id,
                    text: c.text,
                })
                .collect();
            set.transcripts.push((source, cues));
        }
        if investigations {
            for inv in self.investigations()? {
                let items = self
                    .investigation_items(&inv.name)?
                    .into_iter()
                    .map(|i| {
                        let stances = i.stances.into_iter().map(|(t, s)| (t.0, s)).collect();
                        (i.clip.0, i.note, stances)
                    })
                    .collect();
                set.investigations.push(ExportInvestigation {
                    name: inv.name,
                    question: inv.question,
                    conclusion: inv.conclusion,
                    items,
                });
            }
        }
        Ok(set)
    }

    /// The values the user set over sources (`dossier source set`), by source id.
    pub fn user_overlays(&self) -> Result<Vec<SourceOverlay>> {
        let mut stmt = self.conn().prepare(
            "SELECT source_id, url, published, show FROM source_overlays WHERE corpus = '' ORDER BY source_id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SourceOverlay {
                    source: SourceId(r.get(0)?),
                    url: r.get(1)?,
                    published: r.get(2)?,
                    show: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
