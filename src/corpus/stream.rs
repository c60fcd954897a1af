//! Reading a corpus for import one file at a time, so that memory does not grow with
//! the corpus: each file is read, parsed and checked, and its valid records handed to
//! the caller to write; only ids (with a file number and a line) are kept. A reference
//! to an id not seen yet is remembered by its target alone and settled at the end. When
//! anything is wrong, the files are read a second time to name every unknown reference
//! with its file and line, as `load` does for a corpus read whole.

use super::problem::Problems;
use super::{Corpus, CorpusError, KnownIds, Problem, extras, page, problem, records, refs};
use crate::model::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The valid records of one file, to be written, each with the line it starts on.
#[derive(Default)]
pub struct FileRecords {
    pub voices: Vec<(Voice, usize)>,
    pub sources: Vec<(Source, usize)>,
    pub themes: Vec<(Theme, usize)>,
    pub pages: Vec<(Page, usize)>,
    pub clips: Vec<(Clip, usize)>,
}

/// How many records of each kind were read.
#[derive(Default, Clone, Copy, Debug)]
pub struct Counts {
    pub files: usize,
    pub voices: usize,
    pub sources: usize,
    pub themes: usize,
    pub pages: usize,
    pub clips: usize,
}

impl Counts {
    pub fn records(&self) -> usize {
        self.voices + self.sources + self.themes + self.pages + self.clips
    }
}

fn slot(kind: RecordKind) -> usize {
    match kind {
        RecordKind::Voice => 0,
        RecordKind::Source => 1,
        RecordKind::Theme => 2,
        RecordKind::Clip => 3,
        RecordKind::Page => 4,
    }
}

/// Every id defined in the files read, with where: (file number, line).
#[derive(Default)]
pub struct Ids([HashMap<Box<str>, (u32, u32)>; 5]);

impl Ids {
    fn at(&self, kind: RecordKind, id: &str) -> Option<(u32, u32)> {
        self.0[slot(kind)].get(id).copied()
    }
    /// Whether `id` names a record of `kind` in these files or in `known`.
    pub fn has(&self, known: &KnownIds, kind: RecordKind, id: &str) -> bool {
        self.0[slot(kind)].contains_key(id)
            || match kind {
                RecordKind::Voice => known.voices.contains(id),
                RecordKind::Source => known.sources.contains(id),
                RecordKind::Theme => known.themes.contains(id),
                RecordKind::Clip => known.clips.contains(id),
                RecordKind::Page => known.pages.contains(id),
            }
    }
}

/// A corpus being read file by file.
pub struct Scan<'k> {
    known: &'k KnownIds,
    /// The files read so far, as shown in messages; a file's number is its place here.
    names: Vec<String>,
    /// Files to read again if anything is wrong: regular files that referred to an id
    /// not read yet.
    reread: Vec<(u32, PathBuf)>,
    /// The forward references of a file that cannot be read twice (a FIFO), whole.
    unsettled: Vec<(RecordKind, Box<str>, Problem)>,
    ids: Ids,
    /// Referenced ids not defined when the reference was read, by kind.
    forward: [HashSet<Box<str>>; 5],
    problems: Problems,
    /// Overlays, investigations and synonym groups: few, kept whole.
    extras: Corpus,
    pub counts: Counts,
}

/// A corpus read through without a problem.
pub struct Scanned<'k> {
    known: &'k KnownIds,
    pub ids: Ids,
    pub extras: Corpus,
    pub counts: Counts,
}

impl Scanned<'_> {
    pub fn has(&self, kind: RecordKind, id: &str) -> bool {
        self.ids.has(self.known, kind, id)
    }
}

impl<'k> Scan<'k> {
    pub fn new(known: &'k KnownIds) -> Self {
        Scan {
            known,
            names: Vec::new(),
            reread: Vec::new(),
            unsettled: Vec::new(),
            ids: Ids::default(),
            forward: Default::default(),
            problems: Problems::default(),
            extras: Corpus::default(),
            counts: Counts::default(),
        }
    }

    /// Whether no problem was found so far (the records read are worth writing).
    pub fn clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Reads one file: its valid records, with their ids noted.
    pub fn file(&mut self, path: &Path) -> FileRecords {
        let mut out = FileRecords::default();
        let file = super::read_file(path);
        let number = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(file.path.clone());
        self.counts.files += 1;
        let name = file.path.as_str();
        let Some(text) = text_of(&file, &mut self.problems) else {
            return out;
        };
        if name.ends_with(".md") {
            if let Some((p, line)) = page::parse_page(name, text, &mut self.problems)
                && self.note(number, RecordKind::Page, p.id.as_str(), line)
            {
                out.pages.push((p, line));
            }
        } else {
            let recs = records::parse_records(name, text, &mut self.problems);
            for (v, line) in recs.voices {
                if self.note(number, RecordKind::Voice, v.id.as_str(), line) {
                    out.voices.push((v, line));
                }
            }
            for (s, line) in recs.sources {
                if self.note(number, RecordKind::Source, s.id.as_str(), line) {
                    out.sources.push((s, line));
                }
            }
            for (t, line) in recs.themes {
                if self.note(number, RecordKind::Theme, t.id.as_str(), line) {
                    out.themes.push((t, line));
                }
            }
            self.extras.synonyms.extend(recs.synonyms);
            extras::checked(
                &mut self.extras,
                &mut self.problems,
                name,
                recs.overlays,
                recs.investigations,
            );
            for (c, line) in recs.clips {
                if self.note(number, RecordKind::Clip, c.id.as_str(), line) {
                    out.clips.push((c, line));
                }
            }
        }
        // References to ids not read yet: settled when every file has been read. A file
        // that can be read again is, if one of them stays unknown, to say where it is.
        let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
        let (ids, known) = (&self.ids, self.known);
        let (forward, unsettled) = (&mut self.forward, &mut self.unsettled);
        let mut any = false;
        let mut remember = |owner: RecordKind,
                            owner_id: &str,
                            line: usize,
                            target: RecordKind,
                            id: &str,
                            field: &str| {
            if ids.has(known, target, id) {
                return;
            }
            any = true;
            if !forward[slot(target)].contains(id) {
                forward[slot(target)].insert(Box::from(id));
            }
            if !regular {
                let problem = unknown_at(name, line, owner, owner_id, field, target, id);
                unsettled.push((target, Box::from(id), problem));
            }
        };
        for (s, line) in &out.sources {
            let owner = (RecordKind::Source, s.id.as_str(), *line);
            refs::of_source(s, &mut |t, id, f| {
                remember(owner.0, owner.1, owner.2, t, id, f)
            });
        }
        for (c, line) in &out.clips {
            let owner = (RecordKind::Clip, c.id.as_str(), *line);
            refs::of_clip(c, &mut |t, id, f| {
                remember(owner.0, owner.1, owner.2, t, id, f)
            });
        }
        for (p, line) in &out.pages {
            let owner = (RecordKind::Page, p.id.as_str(), *line);
            refs::of_page(p, &mut |t, id, f| {
                remember(owner.0, owner.1, owner.2, t, id, f)
            });
        }
        if any && regular {
            self.reread.push((number, path.to_path_buf()));
        }
        self.counts.voices += out.voices.len();
        self.counts.sources += out.sources.len();
        self.counts.themes += out.themes.len();
        self.counts.pages += out.pages.len();
        self.counts.clips += out.clips.len();
        out
    }

    fn note(&mut self, file: u32, kind: RecordKind, id: &str, line: usize) -> bool {
        let first = self.ids.at(kind, id).map(|(f, l)| {
            (
                self.names.get(f as usize).map_or("", String::as_str),
                l as usize,
            )
        });
        if let Some(message) = refs::id_problem(self.known, kind, id, first) {
            let name = self.names.get(file as usize).map_or("", String::as_str);
            self.problems.push(name, line, message);
            return false;
        }
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        self.ids.0[slot(kind)].insert(Box::from(id), (file, line));
        true
    }

    /// Settles the references: the corpus read, or every problem found, each with its
    /// file and line.
    pub fn finish(mut self) -> Result<Scanned<'k>, CorpusError> {
        let (ids, known) = (&self.ids, self.known);
        let unknown = RecordKind::STORED.iter().any(|&kind| {
            self.forward[slot(kind)]
                .iter()
                .any(|id| !ids.has(known, kind, id))
        });
        if unknown {
            self.name_unknown_references();
            let (ids, known) = (&self.ids, self.known);
            for (kind, id, problem) in std::mem::take(&mut self.unsettled) {
                if !ids.has(known, kind, &id) {
                    self.problems.0.push(problem);
                }
            }
        }
        let has = |kind: RecordKind, id: &str| self.ids.has(self.known, kind, id);
        let e = &self.extras;
        extras::check_references(
            &e.overlays,
            &e.overlay_lines,
            &e.investigations,
            &e.investigation_lines,
            &has,
            &mut self.problems,
        );
        if !self.problems.is_empty() {
            return Err(CorpusError::Invalid(self.problems.0));
        }
        Ok(Scanned {
            known: self.known,
            ids: self.ids,
            extras: self.extras,
            counts: self.counts,
        })
    }

    /// Reads the files again, now that every id is known, to report each unknown
    /// reference where it is made.
    fn name_unknown_references(&mut self) {
        let (ids, known) = (&self.ids, self.known);
        let mut found: Vec<Problem> = Vec::new();
        for (number, path) in &self.reread {
            let file = super::read_file(path);
            let mut ignored = Problems::default();
            let Some(text) = text_of(&file, &mut ignored) else {
                continue;
            };
            let name = file.path.as_str();
            // Only the record that defined an id is checked (a duplicate was reported).
            let first = |kind, id: &str, line: usize| {
                ids.at(kind, id) == Some((*number, u32::try_from(line).unwrap_or(u32::MAX)))
            };
            let mut check = |owner: RecordKind,
                             owner_id: &str,
                             line: usize,
                             target: RecordKind,
                             id: &str,
                             field: &str| {
                if !ids.has(known, target, id) {
                    found.push(unknown_at(name, line, owner, owner_id, field, target, id));
                }
            };
            if name.ends_with(".md") {
                if let Some((p, line)) = page::parse_page(name, text, &mut ignored)
                    && first(RecordKind::Page, p.id.as_str(), line)
                {
                    let owner = (RecordKind::Page, p.id.as_str());
                    refs::of_page(&p, &mut |t, id, f| check(owner.0, owner.1, line, t, id, f));
                }
                continue;
            }
            let recs = records::parse_records(name, text, &mut ignored);
            for (s, line) in &recs.sources {
                if first(RecordKind::Source, s.id.as_str(), *line) {
                    let owner = (RecordKind::Source, s.id.as_str());
                    refs::of_source(s, &mut |t, id, f| check(owner.0, owner.1, *line, t, id, f));
                }
            }
            for (c, line) in &recs.clips {
                if first(RecordKind::Clip, c.id.as_str(), *line) {
                    let owner = (RecordKind::Clip, c.id.as_str());
                    refs::of_clip(c, &mut |t, id, f| check(owner.0, owner.1, *line, t, id, f));
                }
            }
        }
        self.problems.0.append(&mut found);
    }
}

fn unknown_at(
    file: &str,
    line: usize,
    owner: RecordKind,
    owner_id: &str,
    field: &str,
    target: RecordKind,
    id: &str,
) -> Problem {
    Problem {
        file: file.to_string(),
        line,
        message: refs::unknown(owner, owner_id, field, target, id),
    }
}

/// A file's text, or its problem (unreadable, too large, not UTF-8) noted.
fn text_of<'a>(file: &'a super::CorpusFile, problems: &mut Problems) -> Option<&'a str> {
    let bytes = match &file.bytes {
        Ok(b) => b,
        Err(e) => {
            problems.push(&file.path, 0, e.clone());
            return None;
        }
    };
    match problem::utf8_or_bad_line(bytes) {
        Ok(t) => Some(t),
        Err(line) => {
            problems.push(&file.path, line, "not valid UTF-8: save the file as UTF-8");
            None
        }
    }
}
