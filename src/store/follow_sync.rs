//! Syncing followed folders: which files changed since the last sync (size and time
//! first, then the content hash), and applying them in one transaction.

use super::follow::{FollowReport, KINDS, RecordRow, kind_of, retire};
use super::write::upsert_corpus;
use super::{Store, bump_generation, now_iso};
use crate::corpus::folder::{self, Listed};
use crate::corpus::{self, Corpus, CorpusFile, KnownIds};
use crate::error::{Error, Result};
use crate::model::*;
use crate::search::Progress;
use rusqlite::params;
use std::collections::{HashMap, HashSet};
use std::path::Path;

struct Scan {
    dir: String,
    unavailable: Option<String>,
    was_available: bool,
    /// New files and files whose content changed, read.
    changed: Vec<(Listed, CorpusFile, String)>,
    /// Files with a new size or time but the same content.
    restamped: Vec<(Listed, String)>,
    removed: Vec<String>,
}

impl Scan {
    fn pending(&self) -> bool {
        match self.unavailable {
            Some(_) => self.was_available,
            None => {
                !self.was_available
                    || !self.changed.is_empty()
                    || !self.restamped.is_empty()
                    || !self.removed.is_empty()
            }
        }
    }
}

impl Store {
    fn scan(&self, dir: &str, progress: &dyn Progress) -> Result<Scan> {
        let was_available: bool =
            self.conn()
                .query_row("SELECT available FROM corpora WHERE dir = ?1", [dir], |r| {
                    r.get(0)
                })?;
        let mut stored: HashMap<String, (i64, i64, String)> = HashMap::new();
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT path, size, mtime_ns, hash FROM corpus_files WHERE corpus = ?1",
            )?;
            for row in stmt.query_map([dir], |r| {
                Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })? {
                let (path, v) = row?;
                stored.insert(path, v);
            }
        }
        let mut scan = Scan {
            dir: dir.to_string(),
            unavailable: None,
            was_available,
            changed: Vec::new(),
            restamped: Vec::new(),
            removed: Vec::new(),
        };
        let listed = if !Path::new(dir).is_dir() {
            Err("the folder cannot be found (deleted, moved or not mounted)".to_string())
        } else {
            folder::list(Path::new(dir)).map_err(|e| format!("the folder cannot be read: {e}"))
        };
        let listed = match listed {
            Ok(l) if l.is_empty() && !stored.is_empty() => Err(
                "the folder has no corpus files now (not mounted, or emptied); if the team removed everything, `dossier corpus unfollow` it".to_string(),
            ),
            other => other,
        };
        let listed = match listed {
            Ok(l) => l,
            Err(why) => {
                scan.unavailable = Some(why);
                return Ok(scan);
            }
        };
        let present: HashSet<&str> = listed.iter().map(|l| l.rel.as_str()).collect();
        scan.removed = stored
            .keys()
            .filter(|p| !present.contains(p.as_str()))
            .cloned()
            .collect();
        scan.removed.sort();
        let total = listed.len() as u64;
        for (i, l) in listed.iter().enumerate() {
            if total >= 1000 && (i as u64).is_multiple_of(1000) {
                progress.update("reading followed corpus files", i as u64, total);
            }
            match stored.get(&l.rel) {
                Some((size, mtime, _)) if *size == l.size as i64 && *mtime == l.mtime_ns => {}
                old => {
                    let file = folder::read(l);
                    let hash = folder::hash(&file);
                    match old {
                        Some((_, _, h)) if *h == hash && !hash.is_empty() => {
                            scan.restamped.push((l.clone(), hash))
                        }
                        _ => scan.changed.push((l.clone(), file, hash)),
                    }
                }
            }
        }
        if total >= 1000 {
            progress.update("reading followed corpus files", total, total);
        }
        Ok(scan)
    }

    fn scan_all(&self, progress: &dyn Progress) -> Result<Vec<Scan>> {
        let dirs: Vec<String> = {
            let mut stmt = self
                .conn()
                .prepare_cached("SELECT dir FROM corpora ORDER BY dir")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        dirs.iter().map(|d| self.scan(d, progress)).collect()
    }

    /// Whether a followed folder changed since the last sync (files, or whether it can
    /// be read). Reads only files whose size or time changed.
    pub fn followed_pending(&self) -> Result<bool> {
        Ok(self
            .scan_all(&crate::search::Silent)?
            .iter()
            .any(Scan::pending))
    }

    /// Syncs every followed folder (see the module's comment). An invalid file anywhere
    /// fails the whole sync, naming each problem's file and line; nothing is written.
    pub fn sync_followed(&mut self, progress: &dyn Progress) -> Result<FollowReport> {
        let scans = self.scan_all(progress)?;
        let mut report = FollowReport {
            unavailable: scans
                .iter()
                .filter_map(|s| s.unavailable.clone().map(|w| (s.dir.clone(), w)))
                .collect(),
            ..FollowReport::default()
        };
        if !scans.iter().any(Scan::pending) {
            return Ok(report);
        }
        // Otherwise only times to note, or a folder's availability: written, not a change.
        report.ran = scans
            .iter()
            .any(|s| s.unavailable.is_none() && (!s.changed.is_empty() || !s.removed.is_empty()));
        // Files whose records are defined anew (or no longer): (folder, relative path).
        let changing: HashSet<(&str, &str)> = scans
            .iter()
            .filter(|s| s.unavailable.is_none())
            .flat_map(|s| {
                s.changed
                    .iter()
                    .map(|(l, _, _)| l.rel.as_str())
                    .chain(s.removed.iter().map(String::as_str))
                    .map(move |p| (s.dir.as_str(), p))
            })
            .collect();
        let rows = self.corpus_record_rows()?;
        let old: Vec<&RecordRow> = rows
            .iter()
            .filter(|r| changing.contains(&(r.corpus.as_str(), r.path.as_str())))
            .collect();
        let old_keys: HashSet<(&str, &str)> = old
            .iter()
            .map(|r| (r.kind.as_str(), r.id.as_str()))
            .collect();
        let followed_keys: HashSet<(&str, &str)> = rows
            .iter()
            .map(|r| (r.kind.as_str(), r.id.as_str()))
            .collect();

        let mut known = KnownIds::default();
        let mut yours: HashSet<(RecordKind, String)> = HashSet::new();
        for r in rows
            .iter()
            .filter(|r| !old_keys.contains(&(r.kind.as_str(), r.id.as_str())))
        {
            if let Some(kind) = kind_of(&r.kind) {
                known.followed.insert(
                    (kind, r.id.clone()),
                    format!("{}/{}:{}", r.corpus, r.path, r.line),
                );
            }
        }
        for kind in KINDS {
            let set = match kind {
                RecordKind::Voice => &mut known.voices,
                RecordKind::Source => &mut known.sources,
                RecordKind::Theme => &mut known.themes,
                RecordKind::Clip => &mut known.clips,
                RecordKind::Page => &mut known.pages,
            };
            for (id, origin, retired) in self.ids_with_state(kind)? {
                let key = (kind.as_str(), id.as_str());
                if old_keys.contains(&key) {
                    continue; // defined anew by the changed files, or going away
                }
                if origin == Origin::Embedded {
                    known.embedded.insert((kind, id.clone()));
                } else if !retired && !followed_keys.contains(&key) {
                    yours.insert((kind, id.clone()));
                }
                set.insert(id);
            }
        }
        // The changed files, named by full path, and which folder each belongs to.
        let mut files = Vec::new();
        let mut owner: HashMap<String, (String, String)> = HashMap::new();
        for s in scans.iter().filter(|s| s.unavailable.is_none()) {
            for (l, file, _) in &s.changed {
                owner.insert(file.path.clone(), (s.dir.clone(), l.rel.clone()));
                files.push(CorpusFile {
                    path: file.path.clone(),
                    bytes: file.bytes.clone(),
                });
            }
        }
        report.files_read = files.len();
        if files.len() >= 100 {
            progress.update("checking followed corpus files", 0, files.len() as u64);
        }
        let mut corpus = corpus::load(&files, &known).map_err(Error::Corpus)?;
        if files.len() >= 100 {
            progress.update(
                "checking followed corpus files",
                files.len() as u64,
                files.len() as u64,
            );
        }
        report.investigations_skipped = corpus.investigations.len();
        corpus.investigations.clear();
        report.kept_yours = keep_yours(&mut corpus, &yours);

        let now = now_iso();
        let now_ns = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        let scans_ref = &scans;
        let out = self.write(|tx| {
            let records = corpus.record_count() as u64;
            if records >= 1000 {
                progress.update("writing followed records", 0, records);
            }
            let mut touched = upsert_corpus(tx, &corpus, Origin::User)?;
            let changed = touched.voices.len()
                + touched.sources.len()
                + touched.themes.len()
                + touched.pages.len()
                + touched.clips.len();
            // Who defines what now.
            let mut defined: HashSet<(String, String)> = HashSet::new();
            {
                let mut put = tx.prepare_cached(
                    "INSERT OR REPLACE INTO corpus_records (kind, id, corpus, path, line) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for ((kind, id), (file, line)) in &corpus.defined_at {
                    if yours.contains(&(*kind, id.clone())) {
                        continue;
                    }
                    if let Some((dir, rel)) = owner.get(file) {
                        put.execute(params![kind.as_str(), id, dir, rel, *line as i64])?;
                        defined.insert((kind.as_str().to_string(), id.clone()));
                    }
                }
                for (o, (file, line)) in corpus.overlays.iter().zip(&corpus.overlay_lines) {
                    if let Some((dir, rel)) = owner.get(file) {
                        tx.execute(
                            "DELETE FROM source_overlays WHERE source_id = ?1 AND corpus != ''",
                            [o.source.as_str()],
                        )?;
                        super::write_overlays(tx, std::slice::from_ref(o), dir)?;
                        put.execute(params!["overlay", o.source.as_str(), dir, rel, *line as i64])?;
                        defined.insert(("overlay".into(), o.source.0.clone()));
                        touched.sources.push(o.source.clone());
                    }
                }
            }
            let mut retired = 0;
            for r in &old {
                if !defined.contains(&(r.kind.clone(), r.id.clone())) {
                    retired += retire(tx, &r.kind, &r.id, &r.corpus, &mut touched)?;
                    tx.execute(
                        "DELETE FROM corpus_records WHERE kind = ?1 AND id = ?2",
                        [&r.kind, &r.id],
                    )?;
                }
            }
            let mut stamp = tx.prepare_cached(
                "INSERT OR REPLACE INTO corpus_files (corpus, path, size, mtime_ns, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for s in scans_ref {
                if let Some(_why) = &s.unavailable {
                    tx.execute("UPDATE corpora SET available = 0 WHERE dir = ?1", [&s.dir])?;
                    continue;
                }
                let files = s
                    .changed
                    .iter()
                    .map(|(l, _, h)| (l, h))
                    .chain(s.restamped.iter().map(|(l, h)| (l, h)));
                for (l, h) in files {
                    // A file changed in the last two seconds may change again within the
                    // same timestamp: its time is not trusted, so the next sync reads it.
                    let racy = now_ns.saturating_sub(l.mtime_ns) < 2_000_000_000;
                    let mtime = if racy { -1 } else { l.mtime_ns };
                    stamp.execute(params![s.dir, l.rel, l.size as i64, mtime, h])?;
                }
                for p in &s.removed {
                    tx.execute(
                        "DELETE FROM corpus_files WHERE corpus = ?1 AND path = ?2",
                        [&s.dir, p],
                    )?;
                }
                tx.execute(
                    "UPDATE corpora SET available = 1, synced_at = ?2 WHERE dir = ?1",
                    [&s.dir, &now],
                )?;
            }
            let generation = if changed + retired > 0 || !corpus.overlays.is_empty() || !corpus.synonyms.is_empty() {
                Some(bump_generation(tx)?)
            } else {
                None
            };
            Ok((touched, changed, retired, generation))
        })?;
        (
            report.touched,
            report.changed,
            report.retired,
            report.generation,
        ) = out;
        Ok(report)
    }
}

/// Takes out of `corpus` the records whose ids are the user's own: the user's are kept.
/// Returns them as `kind id (file:line)`.
fn keep_yours(corpus: &mut Corpus, yours: &HashSet<(RecordKind, String)>) -> Vec<String> {
    let mut kept = Vec::new();
    let mut note = |kind: RecordKind, id: &str| -> bool {
        let mine = yours.contains(&(kind, id.to_string()));
        if mine {
            let at = corpus_defined(&corpus.defined_at, kind, id);
            kept.push(format!("{kind} `{id}` ({at})"));
        }
        !mine
    };
    corpus
        .voices
        .retain(|v| note(RecordKind::Voice, v.id.as_str()));
    corpus
        .sources
        .retain(|v| note(RecordKind::Source, v.id.as_str()));
    corpus
        .themes
        .retain(|v| note(RecordKind::Theme, v.id.as_str()));
    corpus
        .pages
        .retain(|v| note(RecordKind::Page, v.id.as_str()));
    corpus
        .clips
        .retain(|v| note(RecordKind::Clip, v.id.as_str()));
    kept.sort();
    kept
}

fn corpus_defined(
    at: &HashMap<(RecordKind, String), (String, usize)>,
    kind: RecordKind,
    id: &str,
) -> String {
    at.get(&(kind, id.to_string()))
        .map(|(f, l)| format!("{f}:{l}"))
        .unwrap_or_default()
}
