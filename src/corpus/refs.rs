//! The references a record makes to other records, and the problems a corpus reports
//! about ids: shared by the whole-corpus `load` and the streaming import scan, so both
//! say the same thing in the same words.

use super::KnownIds;
use crate::model::*;

/// Calls `f(target kind, target id, field)` for every reference a source makes.
pub fn of_source(s: &Source, f: &mut impl FnMut(RecordKind, &str, &'static str)) {
    for v in &s.voices {
        f(RecordKind::Voice, v.as_str(), "voice");
    }
}

/// Calls `f(target kind, target id, field)` for every reference a clip makes.
pub fn of_clip(c: &Clip, f: &mut impl FnMut(RecordKind, &str, &'static str)) {
    f(RecordKind::Source, c.source.as_str(), "source");
    f(RecordKind::Voice, c.voice.as_str(), "voice");
    for p in &c.pages {
        f(RecordKind::Page, p.as_str(), "page");
    }
    for s in &c.stances {
        f(RecordKind::Theme, s.theme.as_str(), "a stance on theme");
    }
}

/// Calls `f(target kind, target id, field)` for every reference a page makes.
pub fn of_page(p: &Page, f: &mut impl FnMut(RecordKind, &str, &'static str)) {
    for r in &p.related {
        f(RecordKind::Page, r.as_str(), "related page");
    }
    for t in &p.themes {
        f(RecordKind::Theme, t.as_str(), "theme");
    }
    if let Some(c) = &p.canonical_clip {
        f(RecordKind::Clip, c.as_str(), "canonical_clip");
    }
}

/// "unknown reference: clip `c1` has voice `v9`, but no voice has that id".
pub fn unknown(
    owner: RecordKind,
    owner_id: &str,
    field: &str,
    target: RecordKind,
    id: &str,
) -> String {
    format!(
        "unknown reference: {owner} `{owner_id}` has {field} `{id}`, but no {target} has that id"
    )
}

/// The problem with defining `kind` `id` here, if any: an id of the built-in corpus, of
/// a followed corpus, or one already defined at `first` (file, line) in these files.
pub fn id_problem(
    known: &KnownIds,
    kind: RecordKind,
    id: &str,
    first: Option<(&str, usize)>,
) -> Option<String> {
    // The built-in and followed records are stored: only a stored id can be one of theirs.
    let stored = match kind {
        RecordKind::Voice => &known.voices,
        RecordKind::Source => &known.sources,
        RecordKind::Theme => &known.themes,
        RecordKind::Clip => &known.clips,
        RecordKind::Page => &known.pages,
    };
    if stored.contains(id) || !known.followed.is_empty() {
        let key = (kind, id.to_string());
        if known.embedded.contains(&key) {
            return Some(format!(
                "{kind} id `{id}` is already used by the built-in corpus: choose another id for your record"
            ));
        }
        if let Some(dir) = known.followed.get(&key) {
            return Some(format!(
                "{kind} id `{id}` is already used by the followed corpus {dir}: choose another id for your record"
            ));
        }
    }
    first.map(|(first_file, first_line)| {
        format!(
            "duplicate {kind} id `{id}`: first defined at {first_file}:{first_line}; rename one of them"
        )
    })
}
