//! Importing a user corpus: a folder or a file in the corpus format, with the WebVTT
//! transcripts beside its sources. The files are read one at a time (on a thread of
//! their own) and their records written as they are read, all inside one write
//! transaction: when any problem is found, anywhere, nothing is written and every
//! problem is reported. Memory holds the ids read, not the records.

use super::{ImportReport, Library};
use crate::corpus::{
    self, KnownIds,
    stream::{FileRecords, Scan},
};
use crate::error::{Error, Result};
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
        let give_back = crate::fsutil::give_back_freed_memory();
        let (changed, generation, kept, scanned, transcripts) =
            self.store.write_import(bulk, |tx| {
                let mut writer = ImportWriter::new(tx, Origin::User, &known.clips, bulk)?;
                let mut file_sizes = sizes.iter();
                let scan = read_beside_writes(&paths, &known, |read| {
                    if let Some(records) = read.records {
                        writer.write(&records)?;
                    }
                    status.files_done += 1;
                    status.bytes_done += file_sizes.next().copied().unwrap_or(0);
                    status.clips_done = read.clips_so_far;
                    status.elapsed = started.elapsed();
                    progress.import(&status);
                    Ok(())
                })?;
                let scanned = scan.finish()?;
                let find_voice = |text: &str| crate::store::find_voice_in(tx, text);
                let transcripts = Self::transcripts_beside(path, &scanned, &find_voice)?;
                if bulk {
                    // Seconds at 1M clips, with nothing else to show for them.
                    progress.update(
                        "building the database's indexes and checking references",
                        0,
                        0,
                    );
                }
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
        drop(give_back);
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

/// One file read, handed from the reading thread to the writing one.
struct FileRead {
    /// The file's records; none once a problem was found anywhere (nothing will be kept,
    /// the rest is only read for its problems).
    records: Option<FileRecords>,
    clips_so_far: usize,
}

/// Reads (parses and validates) the files on a thread of its own while `write` stores
/// each file's records on this one: the SQLite transaction stays on the thread that
/// opened it, and parsing the next file overlaps writing the last. At most two files'
/// records wait between them. Returns the scan, to be finished once everything is read.
fn read_beside_writes<'k>(
    paths: &[std::path::PathBuf],
    known: &'k KnownIds,
    mut write: impl FnMut(FileRead) -> Result<()>,
) -> Result<Scan<'k>> {
    std::thread::scope(|s| {
        let (send, receive) = std::sync::mpsc::sync_channel::<FileRead>(1);
        let reader = s.spawn(move || {
            let mut scan = Scan::new(known);
            for path in paths {
                let records = scan.file(path);
                let read = FileRead {
                    records: scan.clean().then_some(records),
                    clips_so_far: scan.counts.clips,
                };
                // The writer gave up (a write failed): its error is what is reported.
                if send.send(read).is_err() {
                    break;
                }
            }
            scan
        });
        // On a failed write the receiver is dropped on return, which stops the reader.
        for read in receive {
            write(read)?;
        }
        reader.join().map_err(|_| {
            Error::Invalid(String::from(
                "reading the corpus failed unexpectedly; nothing was imported",
            ))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_files(dir: &Path, count: usize) -> Vec<std::path::PathBuf> {
        (0..count)
            .map(|i| {
                let path = dir.join(format!("voices-{i}.toml"));
                let text = format!("[[voice]]\nid = \"v{i}\"\nname = \"Voice {i}\"\n");
                std::fs::write(&path, text).expect("write a corpus file");
                path
            })
            .collect()
    }

    #[test]
    fn every_file_is_read_and_written_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = corpus_files(dir.path(), 5);
        let known = KnownIds::default();
        let mut written = Vec::new();
        let scan = read_beside_writes(&paths, &known, |read| {
            let records = read.records.expect("a clean corpus hands its records on");
            written.extend(records.voices.into_iter().map(|(v, _)| v.id.to_string()));
            Ok(())
        })
        .expect("read");
        assert_eq!(written, ["v0", "v1", "v2", "v3", "v4"]);
        assert_eq!(scan.counts.voices, 5);
    }

    #[test]
    fn a_failed_write_stops_the_reading_and_is_what_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = corpus_files(dir.path(), 50);
        let known = KnownIds::default();
        let mut writes = 0;
        let result = read_beside_writes(&paths, &known, |_| {
            writes += 1;
            Err(Error::Invalid(String::from("the disk is full")))
        });
        assert!(matches!(result, Err(Error::Invalid(m)) if m == "the disk is full"));
        assert_eq!(writes, 1);
    }
}
