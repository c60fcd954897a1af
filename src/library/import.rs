//! Importing a user corpus: a folder or a file in the corpus format, with the WebVTT
//! transcripts beside its sources. Validated as a whole, written in one transaction.

use super::{ImportReport, Library};
use crate::corpus::{self, KnownIds};
use crate::error::Result;
use crate::model::*;
use crate::store::upsert_corpus;
use std::path::Path;

impl Library {
    pub(super) fn known_ids(&self) -> Result<KnownIds> {
        let mut known = KnownIds::default();
        for kind in RecordKind::STORED {
            let set = match kind {
                RecordKind::Voice => &mut known.voices,
                RecordKind::Source => &mut known.sources,
                RecordKind::Theme => &mut known.themes,
                RecordKind::Clip => &mut known.clips,
                RecordKind::Page => &mut known.pages,
            };
            for (id, origin) in self.store.ids(kind)? {
                if origin == Origin::Embedded {
                    known.embedded.insert((kind, id.clone()));
                }
                set.insert(id);
            }
        }
        for (kind, id, at) in self.store.followed_ids()? {
            known.followed.insert((kind, id), at);
        }
        Ok(known)
    }

    /// Imports a user corpus (a directory or one file): validated as a whole against what
    /// is stored, then written in one transaction. All or nothing.
    pub fn import(&mut self, path: &Path) -> Result<ImportReport> {
        let files = corpus::files_at(path)?;
        let known = self.known_ids()?;
        let corpus = corpus::load(&files, &known)?;
        let transcripts = self.transcripts_beside(path, &corpus, &known)?;
        let _lock = self.lock_for_write("importing")?;
        let (changed, generation, kept) = self.store.write(|tx| {
            let mut changed = upsert_corpus(tx, &corpus, Origin::User)?;
            changed
                .sources
                .extend(crate::store::write_overlays(tx, &corpus.overlays, "")?);
            for (source, file_name, cues) in &transcripts {
                crate::store::write_transcript(tx, source, file_name, "vtt", cues)?;
                changed.sources.push(source.clone());
            }
            let (_, kept) = crate::store::write_investigations(tx, &corpus.investigations)?;
            let generation = crate::store::bump_generation(tx)?;
            crate::fsutil::crash_point("import-before-commit");
            Ok((changed, generation, kept))
        })?;
        crate::fsutil::crash_point("import-before-index");
        if !corpus.synonyms.is_empty() {
            self.index.load_synonyms(&self.store)?;
        }
        let mut report = ImportReport {
            files: files.len(),
            records: corpus.record_count(),
            voices: corpus.voices.len(),
            sources: corpus.sources.len(),
            themes: corpus.themes.len(),
            clips: corpus.clips.len(),
            pages: corpus.pages.len(),
            transcripts: transcripts.len(),
            overlays: corpus.overlays.len(),
            investigations: corpus.investigations.len() - kept.len(),
            investigations_kept: kept,
            index_warning: None,
        };
        if let Err(e) = self.refresh_index(&changed, generation) {
            report.index_warning =
                Some(format!("{e}; the index will be rebuilt on the next start"));
        }
        self.index.finish_merges();
        Ok(report)
    }
}
