//! The tables a team library adds to record files: `[[overlay]]` (a source's link,
//! date and show set over a source the file does not define, e.g. a built-in one) and
//! `[[investigation]]` (written by `dossier corpus export --investigations`).

use super::Corpus;
use super::export::{ExportInvestigation, SourceOverlay};
use super::problem::{LineIndex, Problems};
use super::records::{check_slug, non_empty};
use crate::model::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOverlay {
    source: Option<String>,
    show: Option<String>,
    url: Option<Spanned<String>>,
    published: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInvestigation {
    name: Option<String>,
    question: Option<String>,
    conclusion: Option<String>,
    #[serde(default)]
    clip: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    id: Option<String>,
    note: Option<String>,
    #[serde(default)]
    stances: BTreeMap<String, String>,
}

pub fn overlay(
    problems: &mut Problems,
    file: &str,
    lines: &LineIndex,
    line: usize,
    raw: RawOverlay,
) -> Option<SourceOverlay> {
    let before = problems.0.len();
    let Some(source) = non_empty(raw.source) else {
        problems.push(file, line, "overlay is missing required field `source`");
        return None;
    };
    check_slug(problems, file, line, "source", &source);
    let url = match raw.url {
        Some(u) if !u.get_ref().trim().is_empty() => {
            match crate::web_url::WebUrl::parse(u.get_ref()) {
                Ok(url) => Some(url.as_str().to_string()),
                Err(e) => {
                    problems.push(
                        file,
                        lines.line(u.span().start),
                        format!("overlay url: {e}"),
                    );
                    None
                }
            }
        }
        _ => None,
    };
    let published = match raw.published {
        Some(p) if !p.get_ref().trim().is_empty() => {
            let text = p.get_ref().trim().to_string();
            if chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_err() {
                problems.push(
                    file,
                    lines.line(p.span().start),
                    format!("published `{text}` is not a date: write YYYY-MM-DD"),
                );
            }
            Some(text)
        }
        _ => None,
    };
    let show = non_empty(raw.show);
    if url.is_none() && published.is_none() && show.is_none() && problems.0.len() == before {
        problems.push(
            file,
            line,
            "overlay sets nothing: give `url`, `published` or `show`",
        );
    }
    (problems.0.len() == before).then_some(SourceOverlay {
        source: SourceId(source),
        url,
        published,
        show,
    })
}

pub fn investigation(
    problems: &mut Problems,
    file: &str,
    line: usize,
    raw: RawInvestigation,
) -> Option<ExportInvestigation> {
    let before = problems.0.len();
    let name = non_empty(raw.name).unwrap_or_default();
    if name.is_empty() || name.chars().any(char::is_control) || name.chars().count() > 200 {
        problems.push(
            file,
            line,
            "an investigation needs a `name` of 1 to 200 printable characters",
        );
    }
    let mut items = Vec::new();
    for item in raw.clip {
        let Some(id) = non_empty(item.id) else {
            problems.push(
                file,
                line,
                format!("a clip of investigation `{name}` is missing `id`"),
            );
            continue;
        };
        let mut stances = Vec::new();
        for (theme, word) in item.stances {
            match Stance::parse(&word) {
                Some(s) => stances.push((theme, s)),
                None => problems.push(
                    file,
                    line,
                    format!(
                        "stance `{word}` on theme `{theme}` in investigation `{name}` is not one of: {}",
                        Stance::choices()
                    ),
                ),
            }
        }
        items.push((
            id,
            item.note.unwrap_or_default().trim().to_string(),
            stances,
        ));
    }
    (problems.0.len() == before).then(|| ExportInvestigation {
        name,
        question: non_empty(raw.question),
        conclusion: non_empty(raw.conclusion),
        items,
    })
}

/// Overlays and investigations of one file: one overlay per source, one investigation
/// per name, in the whole corpus.
pub fn checked(
    corpus: &mut Corpus,
    problems: &mut Problems,
    file: &str,
    overlays: Vec<(SourceOverlay, usize)>,
    investigations: Vec<(ExportInvestigation, usize)>,
) {
    for (o, line) in overlays {
        if corpus.overlays.iter().any(|x| x.source == o.source) {
            problems.push(
                file,
                line,
                format!(
                    "a second overlay on source `{}`: give each source one",
                    o.source
                ),
            );
        } else {
            corpus.overlay_lines.push((file.to_string(), line));
            corpus.overlays.push(o);
        }
    }
    for (i, line) in investigations {
        if corpus.investigations.iter().any(|x| x.name == i.name) {
            problems.push(
                file,
                line,
                format!("a second investigation named `{}`", i.name),
            );
        } else {
            corpus.investigation_lines.push((file.to_string(), line));
            corpus.investigations.push(i);
        }
    }
}

/// Every overlay names a source and every investigation's clips and themes exist
/// (`has(kind, id)`: whether a record of that kind has that id).
pub fn check_references(
    overlays: &[SourceOverlay],
    overlay_lines: &[(String, usize)],
    investigations: &[ExportInvestigation],
    investigation_lines: &[(String, usize)],
    has: &dyn Fn(RecordKind, &str) -> bool,
    problems: &mut Problems,
) {
    for (o, (file, line)) in overlays.iter().zip(overlay_lines) {
        if !has(RecordKind::Source, o.source.as_str()) {
            problems.push(
                file,
                *line,
                format!(
                    "unknown reference: overlay on source `{}`, but no source has that id",
                    o.source
                ),
            );
        }
    }
    for (inv, (file, line)) in investigations.iter().zip(investigation_lines) {
        for (clip, _, stances) in &inv.items {
            if !has(RecordKind::Clip, clip.as_str()) {
                problems.push(
                    file,
                    *line,
                    format!("unknown reference: investigation `{}` has clip `{clip}`, but no clip has that id", inv.name),
                );
            }
            for (theme, _) in stances {
                if !has(RecordKind::Theme, theme.as_str()) {
                    problems.push(
                        file,
                        *line,
                        format!("unknown reference: investigation `{}` has a stance on theme `{theme}`, but no theme has that id", inv.name),
                    );
                }
            }
        }
    }
}
