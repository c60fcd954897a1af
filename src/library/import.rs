//! Importing a user corpus: a folder or a file in the corpus format, with the WebVTT
//! transcripts beside its sources. The files are read one at a time and their records
//! written as they are read, all inside one write transaction: when any problem is
//! found, anywhere, nothing is written and every problem is reported. Memory holds the
//! ids read, not the records.

use super::{ImportReport, Library};
use crate::corpus::{self, KnownIds, stream::Scan};
use crate::error::Result;
use crate::model::*;
use crate::search::Progress;
use crate::store::ImportWriter;
use std::path::Path;
use std::time::{Duration, Instant};

/// How far an import has come.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportStatus {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Clips read (and, while no problem was found, written).
    pub clips_done: usize,
    pub elapsed: Duration,
}

impl ImportStatus {
    /// Clips a second so far.
    pub fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.clips_done as f64 / secs
        } else {
            0.0
        }
    }

    /// Time left to read the rest, judged by the bytes read so far.
    pub fn eta(&self) -> Option<Duration> {
        if self.bytes_done == 0 || self.bytes_done > self.bytes_total {
            return None;
        }
        let left = (self.bytes_total - self.bytes_done) as f64 / self.bytes_done as f64;
        Some(self.elapsed.mul_f64(left))
    }
}

/// Told how an import goes: once after each file, and (as `search::Progress`) while the
/// search index is rebuilt after a large import.
pub trait ImportProgress: Progress {
    fn import(&self, status: &ImportStatus);
}

impl ImportProgress for crate::search::Silent {
    fn import(&self, _: &ImportStatus) {}
}

/// An import this large (in clips, judged by bytes) builds the secondary indexes on
/// clips once at the end, when it also outnumbers the clips stored.
const BULK_ABOVE_CLIPS: u64 = 50_000;
/// About how many bytes one clip takes in a corpus file.
const BYTES_PER_CLIP: u64 = 500;

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
    /// is stored, and written in one transaction. All or nothing.
    pub fn import(&mut self, path: &Path) -> Result<ImportReport> {
        self.import_with(path, &crate::search::Silent)
    }

    /// `import`, telling `progress` how it goes.
    pub fn import_with(
        &mut self,
        path: &Path,
        progress: &dyn ImportProgress,
    ) -> Result<ImportReport> {
        let paths = corpus::paths_at(path)?;
        let sizes: Vec<u64> = paths
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .collect();
        let mut status = ImportStatus {
            files_total: paths.len(),
            bytes_total: sizes.iter().sum(),
            ..ImportStatus::default()
        };
        let known = self.known_ids()?;
        let bulk =
            status.bytes_total / BYTES_PER_CLIP > BULK_ABOVE_CLIPS.max(known.clips.len() as u64);
        let _lock = self.lock_for_write("importing")?;
        let started = Instant::now();
        let (changed, generation, kept, scanned, transcripts) = self.store.write(|tx| {
            let mut scan = Scan::new(&known);
            let mut writer = ImportWriter::new(tx, Origin::User, &known.clips, bulk)?;
            for (path, size) in paths.iter().zip(&sizes) {
                let records = scan.file(path);
                // Once a problem is found nothing will be kept: the rest is only read.
                if scan.clean() {
                    writer.write(&records)?;
                }
                status.files_done += 1;
                status.bytes_done += size;
                status.clips_done = scan.counts.clips;
                status.elapsed = started.elapsed();
                progress.import(&status);
            }
            let scanned = scan.finish()?;
            let find_voice = |text: &str| crate::store::find_voice_in(tx, text);
            let transcripts = Self::transcripts_beside(path, &scanned, &find_voice)?;
            let mut changed = writer.finish()?;
            let extras = &scanned.extras;
            crate::store::write_synonyms(tx, &extras.synonyms, Origin::User)?;
            changed
                .sources
                .extend(crate::store::write_overlays(tx, &extras.overlays, "")?);
            for (source, file_name, cues) in &transcripts {
                crate::store::write_transcript(tx, source, file_name, "vtt", cues)?;
                changed.sources.push(source.clone());
            }
            let (_, kept) = crate::store::write_investigations(tx, &extras.investigations)?;
            let generation = crate::store::bump_generation(tx)?;
            crate::fsutil::crash_point("import-before-commit");
            Ok((changed, generation, kept, scanned, transcripts.len()))
        })?;
        crate::fsutil::crash_point("import-before-index");
        let extras = &scanned.extras;
        if !extras.synonyms.is_empty() {
            // An index not opened yet reads them when it is.
            if let Some(index) = self.index.get_mut() {
                index.load_synonyms(&self.store)?;
            }
        }
        let counts = scanned.counts;
        let mut report = ImportReport {
            files: counts.files,
            records: counts.records(),
            voices: counts.voices,
            sources: counts.sources,
            themes: counts.themes,
            clips: counts.clips,
            pages: counts.pages,
            transcripts,
            overlays: extras.overlays.len(),
            investigations: extras.investigations.len() - kept.len(),
            investigations_kept: kept,
            index_warning: None,
        };
        // The ids read are not needed to index: memory goes back before the index is built.
        drop(scanned);
        drop(known);
        if let Err(e) = self.refresh_index_with(changed, generation, progress) {
            report.index_warning =
                Some(format!("{e}; the index will be rebuilt on the next start"));
        }
        self.finish_background_work();
        Ok(report)
    }
}
