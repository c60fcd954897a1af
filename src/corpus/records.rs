//! Voices, sources, themes and clips as written in the corpus's TOML files.
//! Every field is optional here so that a missing one becomes a problem with a line
//! number, not a parse failure that hides every other problem in the file.

use super::problem::{LineIndex, Problems};
use super::time::parse_time;
use crate::model::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

mod clip;

use clip::clip;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RecordFile {
    #[serde(default)]
    voice: Vec<Spanned<RawVoice>>,
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    theme: Vec<Spanned<RawTheme>>,
    #[serde(default)]
    clip: Vec<Spanned<RawClip>>,
    #[serde(default)]
    synonyms: Vec<Spanned<super::synonyms::RawSynonymGroup>>,
    #[serde(default)]
    overlay: Vec<Spanned<super::extras::RawOverlay>>,
    #[serde(default)]
    investigation: Vec<Spanned<super::extras::RawInvestigation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVoice {
    id: Option<String>,
    name: Option<String>,
    role: Option<String>,
    affiliation: Option<String>,
    provenance: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Option<String>,
    kind: Option<Spanned<String>>,
    title: Option<String>,
    show: Option<String>,
    url: Option<Spanned<String>>,
    published: Option<Spanned<DateValue>>,
    #[serde(default)]
    voices: Vec<String>,
    provenance: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Option<String>,
    claim: Option<String>,
    kind: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClip {
    id: Option<String>,
    source: Option<String>,
    voice: Option<String>,
    at: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
    section: Option<String>,
    quote: Option<String>,
    gist: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    pages: Vec<String>,
    /// 0-100, or `"unrated"` (a clip nobody rated, as an export writes it).
    clarity: Option<Spanned<toml::Value>>,
    added: Option<Spanned<DateValue>>,
    /// Theme id to a stance word (`"supports"`) or `{ stance = "supports", why = "..." }`.
    #[serde(default)]
    stances: BTreeMap<String, Spanned<toml::Value>>,
}

/// A date written either as a TOML date (`2026-11-22`) or as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateValue {
    Date(toml::value::Datetime),
    Text(String),
}

impl DateValue {
    fn into_text(self) -> String {
        match self {
            DateValue::Date(d) => d.to_string(),
            DateValue::Text(t) => t,
        }
    }
}

/// Records read from one TOML file, each with the line it starts on.
#[derive(Default)]
pub struct Records {
    pub voices: Vec<(Voice, usize)>,
    pub sources: Vec<(Source, usize)>,
    pub themes: Vec<(Theme, usize)>,
    pub clips: Vec<(Clip, usize)>,
    pub synonyms: Vec<SynonymGroup>,
    pub overlays: Vec<(super::export::SourceOverlay, usize)>,
    pub investigations: Vec<(super::export::ExportInvestigation, usize)>,
}

/// An empty string in the corpus means "not known": it becomes `None`.
pub fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Ids are slugs: lowercase ASCII letters, digits and `-`, `_`, `.`.
pub fn check_slug(problems: &mut Problems, file: &str, line: usize, kind: &str, id: &str) -> bool {
    let ok = !id.is_empty()
        && id.len() <= 120
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        });
    if !ok {
        problems.push(
            file,
            line,
            format!(
                "{kind} id `{id}` is not a slug: use lowercase letters, digits and dashes, e.g. `rag-vs-fine-tuning`"
            ),
        );
    }
    ok
}

fn check_date(problems: &mut Problems, file: &str, line: usize, field: &str, text: &str) -> bool {
    let ok = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok();
    if !ok {
        problems.push(
            file,
            line,
            format!(
                "{field} `{text}` is not a date: write YYYY-MM-DD, or leave it out when unknown"
            ),
        );
    }
    ok
}

fn required(
    problems: &mut Problems,
    file: &str,
    line: usize,
    what: &str,
    field: &str,
    value: Option<String>,
) -> Option<String> {
    let value = non_empty(value);
    if value.is_none() {
        problems.push(
            file,
            line,
            format!("{what} is missing required field `{field}`"),
        );
    }
    value
}

/// Parses one TOML record file. Problems are added to `problems`; valid records returned.
pub fn parse_records(file: &str, text: &str, problems: &mut Problems) -> Records {
    let lines = LineIndex::new(text, 0);
    let parsed: RecordFile = match super::unknown_keys::parse(file, text, &lines, problems) {
        Ok(parsed) => parsed,
        Err(err) => {
            let line = err.span().map(|s| lines.line(s.start)).unwrap_or(0);
            problems.push(
                file,
                line,
                format!("not valid corpus TOML: {}", err.message().trim()),
            );
            return Records::default();
        }
    };
    let mut out = Records::default();
    for raw in parsed.voice {
        let line = lines.line(raw.span().start);
        if let Some(v) = voice(problems, file, line, raw.into_inner()) {
            out.voices.push((v, line));
        }
    }
    for raw in parsed.source {
        let line = lines.line(raw.span().start);
        if let Some(s) = source(problems, file, &lines, line, raw.into_inner()) {
            out.sources.push((s, line));
        }
    }
    for raw in parsed.theme {
        let line = lines.line(raw.span().start);
        if let Some(t) = theme(problems, file, &lines, line, raw.into_inner()) {
            out.themes.push((t, line));
        }
    }
    for raw in parsed.clip {
        let line = lines.line(raw.span().start);
        if let Some(c) = clip(problems, file, &lines, line, raw.into_inner()) {
            out.clips.push((c, line));
        }
    }
    for raw in parsed.synonyms {
        let line = lines.line(raw.span().start);
        if let Some(g) = super::synonyms::group(problems, file, line, raw.into_inner()) {
            out.synonyms.push(g);
        }
    }
    for raw in parsed.overlay {
        let line = lines.line(raw.span().start);
        if let Some(o) = super::extras::overlay(problems, file, &lines, line, raw.into_inner()) {
            out.overlays.push((o, line));
        }
    }
    for raw in parsed.investigation {
        let line = lines.line(raw.span().start);
        if let Some(i) = super::extras::investigation(problems, file, line, raw.into_inner()) {
            out.investigations.push((i, line));
        }
    }
    out
}

fn voice(problems: &mut Problems, file: &str, line: usize, raw: RawVoice) -> Option<Voice> {
    let id = required(problems, file, line, "voice", "id", raw.id);
    let name = required(problems, file, line, "voice", "name", raw.name);
    let id = id.filter(|id| check_slug(problems, file, line, "voice", id))?;
    Some(Voice {
        id: VoiceId(id),
        name: name?,
        role: non_empty(raw.role),
        affiliation: non_empty(raw.affiliation),
        provenance: non_empty(raw.provenance),
    })
}

fn source(
    problems: &mut Problems,
    file: &str,
    lines: &LineIndex,
    line: usize,
    raw: RawSource,
) -> Option<Source> {
    let id = required(problems, file, line, "source", "id", raw.id);
    let title = required(problems, file, line, "source", "title", raw.title);
    let kind = match raw.kind {
        None => {
            problems.push(file, line, "source is missing required field `kind`");
            None
        }
        Some(kind) => {
            let parsed = SourceKind::parse(kind.get_ref());
            if parsed.is_none() {
                problems.push(
                    file,
                    lines.line(kind.span().start),
                    format!(
                        "source kind `{}` is not one of: {}",
                        kind.get_ref(),
                        SourceKind::choices()
                    ),
                );
            }
            parsed
        }
    };
    let published = raw.published.and_then(|p| {
        let at = lines.line(p.span().start);
        let text = p.into_inner().into_text();
        (!text.trim().is_empty() && check_date(problems, file, at, "published", text.trim()))
            .then(|| text.trim().to_string())
    });
    let id = id.filter(|id| check_slug(problems, file, line, "source", id))?;
    let url = match raw.url {
        None => None,
        Some(url) if url.get_ref().trim().is_empty() => None,
        Some(url) => match crate::web_url::WebUrl::parse(url.get_ref()) {
            Ok(url) => Some(url),
            Err(e) => {
                problems.push(
                    file,
                    lines.line(url.span().start),
                    format!("source url: {e}"),
                );
                return None;
            }
        },
    };
    Some(Source {
        id: SourceId(id),
        kind: kind?,
        title: title?,
        show: non_empty(raw.show),
        url,
        published,
        voices: raw.voices.into_iter().map(VoiceId).collect(),
        provenance: non_empty(raw.provenance),
    })
}

fn theme(
    problems: &mut Problems,
    file: &str,
    lines: &LineIndex,
    line: usize,
    raw: RawTheme,
) -> Option<Theme> {
    let id = required(problems, file, line, "theme", "id", raw.id);
    let claim = required(problems, file, line, "theme", "claim", raw.claim);
    let kind = match raw.kind {
        None => {
            problems.push(file, line, "theme is missing required field `kind`");
            None
        }
        Some(kind) => {
            let parsed = ThemeKind::parse(kind.get_ref());
            if parsed.is_none() {
                problems.push(
                    file,
                    lines.line(kind.span().start),
                    format!(
                        "theme kind `{}` is not one of: {}",
                        kind.get_ref(),
                        ThemeKind::choices()
                    ),
                );
            }
            parsed
        }
    };
    let id = id.filter(|id| check_slug(problems, file, line, "theme", id))?;
    Some(Theme {
        id: ThemeId(id),
        claim: claim?,
        kind: kind?,
    })
}
