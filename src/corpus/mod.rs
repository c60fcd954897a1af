//! Loading and validating corpus files: the embedded default and user imports.
//! Format: docs/corpus-format.md.

pub mod export;
mod export_text;
mod extras;
mod files;
pub mod folder;
mod page;
mod problem;
mod records;
mod refs;
mod stances;
pub mod stream;
mod synonyms;
pub mod time;
mod unknown_keys;

pub use files::{
    MAX_CORPUS_FILE_BYTES, MAX_CORPUS_TOTAL_BYTES, embedded_files, files_at, paths_at,
};
use files::{is_corpus_file, read_file};
pub use page::split_front_matter;
pub use problem::{Problem, utf8_or_bad_line};
pub use time::parse_time;

use crate::model::*;
use problem::Problems;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// One file of a corpus, with the path shown in messages.
pub struct CorpusFile {
    pub path: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// A validated corpus: every reference resolves, every id is unique.
#[derive(Default, Debug, Clone)]
pub struct Corpus {
    pub voices: Vec<Voice>,
    pub sources: Vec<Source>,
    pub themes: Vec<Theme>,
    pub clips: Vec<Clip>,
    pub pages: Vec<Page>,
    /// Search synonym groups (not records: they have no id and no page of their own).
    pub synonyms: Vec<SynonymGroup>,
    /// Links, dates and shows set over sources defined elsewhere (`[[overlay]]`).
    pub overlays: Vec<export::SourceOverlay>,
    /// Investigations (`[[investigation]]`, from `corpus export --investigations`).
    pub investigations: Vec<export::ExportInvestigation>,
    /// Where each record was defined: `(file, line)`.
    pub defined_at: HashMap<(RecordKind, String), (String, usize)>,
    /// Where each overlay and investigation was defined, in the same order.
    pub overlay_lines: Vec<(String, usize)>,
    pub investigation_lines: Vec<(String, usize)>,
}

impl Corpus {
    pub fn record_count(&self) -> usize {
        self.voices.len()
            + self.sources.len()
            + self.themes.len()
            + self.clips.len()
            + self.pages.len()
    }
}

/// Ids that already exist outside the files being validated (the database, for imports).
#[derive(Default)]
pub struct KnownIds {
    pub voices: HashSet<String>,
    pub sources: HashSet<String>,
    pub themes: HashSet<String>,
    pub clips: HashSet<String>,
    pub pages: HashSet<String>,
    /// Records owned by the embedded corpus: an import may not reuse their ids.
    pub embedded: HashSet<(RecordKind, String)>,
    /// Records owned by a followed corpus (the folder named): an import may not reuse
    /// their ids either.
    pub followed: HashMap<(RecordKind, String), String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{} problem(s) in the corpus:\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

impl CorpusError {
    pub fn problems(&self) -> &[Problem] {
        match self {
            CorpusError::Invalid(p) => p,
        }
    }
}

/// A content hash over paths and bytes: the embedded corpus is synced when it changes.
pub fn content_hash(files: &[CorpusFile]) -> String {
    let mut hasher = Sha256::new();
    for f in files {
        hasher.update(f.path.as_bytes());
        hasher.update([0]);
        if let Ok(bytes) = &f.bytes {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Parses and validates files. Every problem is reported at once.
pub fn load(files: &[CorpusFile], known: &KnownIds) -> Result<Corpus, CorpusError> {
    let mut problems = Problems::default();
    let mut corpus = Corpus::default();
    // Where each id was first defined, for duplicate messages and reference checks.
    let mut seen: HashMap<(RecordKind, String), (String, usize)> = HashMap::new();

    let mut note =
        |problems: &mut Problems, kind: RecordKind, id: &str, file: &str, line: usize| -> bool {
            let key = (kind, id.to_string());
            let first = seen.get(&key).map(|(f, l)| (f.as_str(), *l));
            if let Some(message) = refs::id_problem(known, kind, id, first) {
                problems.push(file, line, message);
                return false;
            }
            seen.insert(key, (file.to_string(), line));
            true
        };

    for f in files {
        let bytes = match &f.bytes {
            Ok(b) => b,
            Err(e) => {
                problems.push(&f.path, 0, e.clone());
                continue;
            }
        };
        let text = match problem::utf8_or_bad_line(bytes) {
            Ok(t) => t,
            Err(line) => {
                problems.push(&f.path, line, "not valid UTF-8: save the file as UTF-8");
                continue;
            }
        };
        if f.path.ends_with(".md") {
            if let Some((p, line)) = page::parse_page(&f.path, text, &mut problems)
                && note(
                    &mut problems,
                    RecordKind::Page,
                    p.id.as_str(),
                    &f.path,
                    line,
                )
            {
                corpus.pages.push(p);
            }
            continue;
        }
        let recs = records::parse_records(&f.path, text, &mut problems);
        for (v, line) in recs.voices {
            if note(
                &mut problems,
                RecordKind::Voice,
                v.id.as_str(),
                &f.path,
                line,
            ) {
                corpus.voices.push(v);
            }
        }
        for (s, line) in recs.sources {
            if note(
                &mut problems,
                RecordKind::Source,
                s.id.as_str(),
                &f.path,
                line,
            ) {
                corpus.sources.push(s);
            }
        }
        for (t, line) in recs.themes {
            if note(
                &mut problems,
                RecordKind::Theme,
                t.id.as_str(),
                &f.path,
                line,
            ) {
                corpus.themes.push(t);
            }
        }
        corpus.synonyms.extend(recs.synonyms);
        extras::checked(
            &mut corpus,
            &mut problems,
            &f.path,
            recs.overlays,
            recs.investigations,
        );
        for (c, line) in recs.clips {
            if note(
                &mut problems,
                RecordKind::Clip,
                c.id.as_str(),
                &f.path,
                line,
            ) {
                corpus.clips.push(c);
            }
        }
    }

    check_references(&corpus, known, &seen, &mut problems);
    corpus.defined_at = seen;
    if problems.is_empty() {
        Ok(corpus)
    } else {
        Err(CorpusError::Invalid(problems.0))
    }
}

fn check_references(
    corpus: &Corpus,
    known: &KnownIds,
    lines: &HashMap<(RecordKind, String), (String, usize)>,
    problems: &mut Problems,
) {
    let ids = |kind: RecordKind, extra: &HashSet<String>| -> HashSet<String> {
        lines
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| id.clone())
            .chain(extra.iter().cloned())
            .collect()
    };
    let voices = ids(RecordKind::Voice, &known.voices);
    let sources = ids(RecordKind::Source, &known.sources);
    let themes = ids(RecordKind::Theme, &known.themes);
    let clips = ids(RecordKind::Clip, &known.clips);
    let pages = ids(RecordKind::Page, &known.pages);

    let has = |kind: RecordKind, id: &str| match kind {
        RecordKind::Voice => voices.contains(id),
        RecordKind::Source => sources.contains(id),
        RecordKind::Theme => themes.contains(id),
        RecordKind::Clip => clips.contains(id),
        RecordKind::Page => pages.contains(id),
    };
    let mut unknown = |owner: RecordKind, owner_id: &str, target, id: &str, field| {
        if !has(target, id) {
            let (file, line) = lines
                .get(&(owner, owner_id.to_string()))
                .cloned()
                .unwrap_or_default();
            problems.push(
                &file,
                line,
                refs::unknown(owner, owner_id, field, target, id),
            );
        }
    };
    for s in &corpus.sources {
        refs::of_source(s, &mut |t, id, field| {
            unknown(RecordKind::Source, s.id.as_str(), t, id, field)
        });
    }
    for c in &corpus.clips {
        refs::of_clip(c, &mut |t, id, field| {
            unknown(RecordKind::Clip, c.id.as_str(), t, id, field)
        });
    }
    for p in &corpus.pages {
        refs::of_page(p, &mut |t, id, field| {
            unknown(RecordKind::Page, p.id.as_str(), t, id, field)
        });
    }
    extras::check_references(
        &corpus.overlays,
        &corpus.overlay_lines,
        &corpus.investigations,
        &corpus.investigation_lines,
        &has,
        problems,
    );
}

/// Loads the embedded corpus. It is validated by the test suite, so a problem here is a bug.
pub fn embedded() -> Result<(Corpus, String), CorpusError> {
    let files = embedded_files();
    let hash = content_hash(&files);
    Ok((load(&files, &KnownIds::default())?, hash))
}

include!(concat!(env!("OUT_DIR"), "/embedded_hash.rs"));

/// The built-in corpus, parsed (only needed when its hash is not the one stored).
pub fn embedded_corpus() -> Result<Corpus, CorpusError> {
    load(&embedded_files(), &KnownIds::default())
}
