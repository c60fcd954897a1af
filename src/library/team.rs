//! A team library in git: exporting the user's records as corpus files, following
//! folders of corpus files, and values set over sources.

use super::Library;
use crate::capture::transcript::{self, Cue};
use crate::corpus::Problem;
use crate::corpus::export::{self as format, SourceOverlay};
use crate::corpus::stream::Scanned;
use crate::error::{Error, Result};
use crate::model::*;
use crate::search::Progress;
use crate::store::FollowReport;
use std::path::{Path, PathBuf};

/// The file that marks a folder as made by `corpus export` (so a later export may
/// replace what it wrote there).
pub const EXPORT_MARKER: &str = ".dossier-export";

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ExportReport {
    pub dir: PathBuf,
    /// Files written because they are new or their contents changed.
    pub written: usize,
    pub unchanged: usize,
    /// Files of an earlier export that no longer have anything to hold.
    pub removed: usize,
    pub voices: usize,
    pub sources: usize,
    pub themes: usize,
    pub clips: usize,
    pub pages: usize,
    pub transcripts: usize,
    pub overlays: usize,
    pub investigations: usize,
}

/// Transcripts found beside a corpus's files, ready to write: `(source, file name, cues)`.
pub(super) type ImportTranscripts = Vec<(SourceId, String, Vec<(Cue, Option<VoiceId>)>)>;

impl Library {
    /// Writes the user's records (with `all`, the built-in ones too; investigations only
    /// with `investigations`) as corpus files in `dir`: the same notebook always gives
    /// the same bytes. An earlier export in `dir` is replaced; any other non-empty folder
    /// is refused.
    pub fn export_corpus(
        &self,
        dir: &Path,
        all: bool,
        investigations: bool,
    ) -> Result<ExportReport> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e: std::io::Error| Error::Io { path, source: e }
        };
        let set = self.store.export_set(all, investigations)?;
        let files = format::render(&set);
        if dir.exists() && !dir.join(EXPORT_MARKER).exists() {
            let visible = std::fs::read_dir(dir)
                .map_err(io(dir))?
                .filter_map(|e| e.ok())
                .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
            if visible {
                return Err(Error::Invalid(format!(
                    "{} is not empty and was not made by `dossier corpus export`: export into an empty folder (or a new one) so that nothing of yours is replaced",
                    dir.display()
                )));
            }
        }
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let mut report = ExportReport {
            dir: dir.to_path_buf(),
            voices: set.voices.len(),
            sources: set.sources.len(),
            themes: set.themes.len(),
            clips: set.clips.len(),
            pages: set.pages.len(),
            transcripts: set.transcripts.len(),
            overlays: set.overlays.len(),
            investigations: set.investigations.len(),
            ..ExportReport::default()
        };
        let wanted: std::collections::HashSet<&str> =
            files.iter().map(|(p, _)| p.as_str()).collect();
        for old in previous_export_files(dir) {
            if !wanted.contains(old.as_str()) {
                let path = dir.join(&old);
                std::fs::remove_file(&path).map_err(io(&path))?;
                report.removed += 1;
            }
        }
        for (rel, text) in &files {
            let path = dir.join(rel);
            if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
                report.unchanged += 1;
                continue;
            }
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            crate::fsutil::write_atomically(&path, text.as_bytes(), true)?;
            report.written += 1;
        }
        let marker = dir.join(EXPORT_MARKER);
        let note = "This folder was written by `dossier corpus export`; a later export replaces its files.\n";
        if std::fs::read(&marker).map_or(true, |old| old != note.as_bytes()) {
            std::fs::write(&marker, note).map_err(io(&marker))?;
        }
        Ok(report)
    }

    /// Reads the WebVTT transcripts beside an imported corpus (`sources/<source>.vtt`):
    /// each names a source the corpus or the notebook has, and its `<v …>` tags voices
    /// by id (or by name, through `find_voice`). Every problem is reported at once.
    pub(super) fn transcripts_beside(
        path: &Path,
        corpus: &Scanned<'_>,
        find_voice: &dyn Fn(&str) -> Result<Option<VoiceId>>,
    ) -> Result<ImportTranscripts> {
        let mut out = Vec::new();
        if !path.is_dir() {
            return Ok(out);
        }
        let mut files = Vec::new();
        collect_vtt(path, &mut files).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        files.sort();
        let mut problems: Vec<Problem> = Vec::new();
        let has_source = |id: &str| corpus.has(RecordKind::Source, id);
        for file in files {
            let name = file.display().to_string();
            let problem = |line: usize, message: String| Problem {
                file: name.clone(),
                line,
                message,
            };
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !has_source(&stem) {
                problems.push(problem(
                    0,
                    format!("a transcript names its source by file name, but no source has the id `{stem}`"),
                ));
                continue;
            }
            let bytes =
                match crate::fsutil::read_capped(&file, super::capture::MAX_TRANSCRIPT_BYTES) {
                    Ok(b) => b,
                    Err(e) => {
                        problems.push(problem(0, e.to_string()));
                        continue;
                    }
                };
            let parsed = match transcript::parse(&name, &bytes) {
                Ok(p) => p,
                Err(mut p) => {
                    problems.append(&mut p);
                    continue;
                }
            };
            let mut cues = Vec::with_capacity(parsed.cues.len());
            for cue in parsed.cues {
                let voice = match &cue.voice {
                    None => None,
                    Some(v) if corpus.has(RecordKind::Voice, v) => Some(VoiceId(v.clone())),
                    Some(v) => match find_voice(v)? {
                        Some(id) => Some(id),
                        None => {
                            problems.push(problem(
                                cue.line,
                                format!("`<v {v}>` names no voice: give a voice's id"),
                            ));
                            None
                        }
                    },
                };
                cues.push((cue, voice));
            }
            let file_name = file
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((SourceId(stem), file_name, cues));
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(Error::Problems {
                what: format!(
                    "the transcripts in {}; nothing was imported",
                    path.display()
                ),
                problems,
            })
        }
    }

    /// Follows a folder of corpus files and syncs it at once. When the first sync fails
    /// (a problem in a file), the folder is not followed and nothing is written.
    pub fn follow(
        &mut self,
        dir: &Path,
        progress: &dyn Progress,
    ) -> Result<(String, FollowReport)> {
        let canonical = std::fs::canonicalize(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        if !canonical.is_dir() {
            return Err(Error::Invalid(format!(
                "{} is not a folder: follow a folder of corpus files (a checkout of your team's library)",
                dir.display()
            )));
        }
        let text = canonical.display().to_string();
        let added = self.store.add_followed(&text)?;
        match self.sync_followed(progress) {
            Ok(report) => Ok((text, report)),
            Err(e) => {
                if added {
                    let _ = self.store.remove_followed(&text);
                }
                Err(e)
            }
        }
    }

    /// Stops following `dir`: its records are retired (investigations keep them).
    /// Returns how many were retired; `None` when the folder was not followed.
    pub fn unfollow(&mut self, dir: &Path) -> Result<Option<usize>> {
        let given = dir.display().to_string();
        let canonical = std::fs::canonicalize(dir)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| given.clone());
        let _lock = self.lock_for_write("unfollowing a corpus")?;
        let mut done = self.store.remove_followed(&canonical)?;
        if done.is_none() && canonical != given {
            done = self.store.remove_followed(&given)?;
        }
        let Some((touched, retired, generation)) = done else {
            return Ok(None);
        };
        // The retirement stands either way; an index that missed it is rebuilt on the
        // next start (its generation is behind).
        if let Some(generation) = generation {
            let _ = self.refresh_index(&touched, generation);
        }
        self.finish_background_work();
        Ok(Some(retired))
    }

    /// Syncs every followed folder now; see [`crate::store::Store::sync_followed`].
    pub fn sync_followed(&mut self, progress: &dyn Progress) -> Result<FollowReport> {
        let _lock = self.lock_for_write("syncing followed corpora")?;
        let report = self.store.sync_followed(progress)?;
        if let Some(generation) = report.generation {
            self.refresh_index(&report.touched, generation)?;
            if let Some(index) = self.index.get_mut() {
                index.load_synonyms(&self.store)?;
            }
            self.finish_background_work();
        }
        Ok(report)
    }

    /// On open: syncs followed folders when any changed. A problem is kept as a warning
    /// for the front end (the notebook opens with the records as they were).
    pub(super) fn sync_followed_on_open(&mut self, progress: &dyn Progress) {
        match self.store.followed_pending() {
            Ok(false) => {}
            Ok(true) => match self.sync_followed(progress) {
                Ok(report) => self.opened.followed = Some(report),
                Err(e) => self.opened.follow_error = Some(e.to_string()),
            },
            Err(e) => self.opened.follow_error = Some(e.to_string()),
        }
        if let Ok(dirs) = self.store.unavailable_corpora() {
            self.opened.unavailable = dirs;
        }
    }

    /// Sets the user's own link, date or show over a source (built-in ones included):
    /// kept through every sync, exported by `corpus export`.
    pub fn set_source(&mut self, overlay: SourceOverlay) -> Result<Source> {
        let Some(source) = self.store.find_source(overlay.source.as_str())? else {
            return Err(Self::not_found("source", overlay.source.as_str()));
        };
        let mut overlay = overlay;
        overlay.source = source.record.id.clone();
        if let Some(url) = &overlay.url {
            let url = crate::web_url::WebUrl::parse(url)
                .map_err(|e| Error::Invalid(format!("the url {e}")))?;
            overlay.url = Some(url.as_str().to_string());
        }
        if let Some(date) = &overlay.published
            && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
        {
            return Err(Error::Invalid(format!(
                "`{date}` is not a date: write YYYY-MM-DD"
            )));
        }
        if overlay.url.is_none() && overlay.published.is_none() && overlay.show.is_none() {
            return Err(Error::Invalid(
                "give --url, --date or --show to set on the source".into(),
            ));
        }
        let _lock = self.lock_for_write("setting a source's link")?;
        let generation = self.store.set_overlay(&overlay)?;
        let clips =
            self.store
                .clips_referencing(&[], std::slice::from_ref(&overlay.source), &[])?;
        let warning = self.index_after_write(
            crate::store::IndexScope {
                clips: &clips,
                ..Default::default()
            },
            generation,
        );
        if let Some(w) = warning {
            return Err(Error::Index(w));
        }
        self.store
            .source(overlay.source.as_str())?
            .map(|s| s.record)
            .ok_or_else(|| Self::not_found("source", overlay.source.as_str()))
    }
}

/// The files an earlier export wrote in `dir` (relative paths), found by the layout.
fn previous_export_files(dir: &Path) -> Vec<String> {
    if !dir.join(EXPORT_MARKER).exists() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for top in [
        "voices.toml",
        "themes.toml",
        "synonyms.toml",
        "overlays.toml",
        "investigations.toml",
    ] {
        if dir.join(top).is_file() {
            out.push(top.to_string());
        }
    }
    for (sub, exts) in [("sources", &["toml", "vtt"][..]), ("pages", &["md"][..])] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.filter_map(|e| e.ok()) {
            let path = e.path();
            let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
            if path.is_file() && exts.contains(&ext) {
                out.push(format!("{sub}/{}", e.file_name().to_string_lossy()));
            }
        }
    }
    out.sort();
    out
}

fn collect_vtt(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            collect_vtt(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()) == Some("vtt") {
            out.push(path);
        }
    }
    Ok(())
}
