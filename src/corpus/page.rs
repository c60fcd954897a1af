//! Decision pages: Markdown with TOML front matter between `+++` lines.
//! Level-2 headings name the sections; a heading dossier does not know is kept as an
//! extra section, in order.

mod sections;

use super::problem::{LineIndex, Problems};
use super::records::{check_slug, non_empty};
use crate::model::*;
use sections::{RawSection, sections};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    title: Option<String>,
    #[serde(default)]
    options: Vec<String>,
    /// A clip id, or a table `{ id, why, lead_in, chapter }`.
    canonical_clip: Option<toml::Spanned<toml::Value>>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    concepts: Vec<String>,
    updated: Option<String>,
    /// `featured = true`: the flagship page, listed first and opened on a first launch.
    #[serde(default)]
    featured: bool,
    #[serde(default)]
    reference: Vec<RawReference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    title: Option<String>,
    publisher: Option<String>,
    url: Option<toml::Spanned<String>>,
    why: Option<String>,
}

/// Splits `+++\nTOML\n+++\nMarkdown` into (front matter, its first line, body, body's first line).
/// Returns `None` when the file does not start with a `+++` line or the block is never closed.
pub fn split_front_matter(text: &str) -> Option<(&str, usize, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let after_open = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let mut offset = 0;
    for (line, raw_line) in (2..).zip(after_open.split_inclusive('\n')) {
        if raw_line.trim_end_matches(['\r', '\n']) == "+++" {
            let front = &after_open[..offset];
            let body = &after_open[offset + raw_line.len()..];
            return Some((front, 2, body, line + 1));
        }
        offset += raw_line.len();
    }
    None
}

fn choose_when_option(heading: &str) -> Option<String> {
    let lower = heading.to_lowercase();
    if lower.starts_with("choose ") && lower.ends_with(" when") && heading.len() > 12 {
        Some(heading[7..heading.len() - 5].trim().to_string())
    } else {
        None
    }
}

fn items(section: RawSection) -> Vec<String> {
    section.blocks
}

fn paragraph(section: RawSection) -> String {
    items(section).join("\n\n")
}

/// `canonical_clip = "id"`, or the table form with the optional why, lead-in and chapter.
fn canonical(
    problems: &mut Problems,
    file: &str,
    line: usize,
    value: toml::Value,
) -> (Option<ClipId>, CanonicalNote) {
    let mut note = CanonicalNote::default();
    let id = match value {
        toml::Value::String(id) => Some(id),
        toml::Value::Table(table) => {
            let mut id = None;
            for (key, value) in table {
                let toml::Value::String(text) = value else {
                    problems.push(file, line, format!("`canonical_clip.{key}` must be text"));
                    continue;
                };
                let one_line = |problems: &mut Problems, text: String| {
                    let text = non_empty(Some(text));
                    if text.as_deref().is_some_and(|t| t.contains('\n')) {
                        problems.push(
                            file,
                            line,
                            format!("`canonical_clip.{key}` must be one line"),
                        );
                    }
                    text
                };
                match key.as_str() {
                    "id" => id = Some(text),
                    "why" => note.why = one_line(problems, text),
                    "lead_in" => note.lead_in = one_line(problems, text),
                    "chapter" => note.chapter = one_line(problems, text),
                    other => problems.push(
                        file,
                        line,
                        format!(
                            "unknown key `{other}` in `canonical_clip`: use `id`, `why`, `lead_in` and `chapter`"
                        ),
                    ),
                }
            }
            if id.is_none() {
                problems.push(
                    file,
                    line,
                    "`canonical_clip` is missing `id`: name the clip, e.g. `id = \"ada-recall-first\"`",
                );
            }
            id
        }
        _ => {
            problems.push(
                file,
                line,
                "`canonical_clip` must be a clip id or a table with `id` (and optional `why`, `lead_in`, `chapter`)",
            );
            None
        }
    };
    (non_empty(id).map(ClipId), note)
}

/// Parses one page file. Problems are added to `problems`; the page is returned when valid.
pub fn parse_page(file: &str, text: &str, problems: &mut Problems) -> Option<(Page, usize)> {
    let before = problems.0.len();
    let Some((front, front_line, body, body_line)) = split_front_matter(text) else {
        problems.push(
            file,
            1,
            "a page must start with TOML front matter between `+++` lines (see docs/corpus-format.md)",
        );
        return None;
    };
    let front_lines = LineIndex::new(front, front_line - 1);
    let fm: FrontMatter = match toml::from_str(front) {
        Ok(fm) => fm,
        Err(err) => {
            let line = err
                .span()
                .map(|s| front_lines.line(s.start))
                .unwrap_or(front_line);
            problems.push(
                file,
                line,
                format!("front matter is not valid TOML: {}", err.message().trim()),
            );
            return None;
        }
    };
    let body_lines = LineIndex::new(body, body_line - 1);
    let (canonical_clip, canonical_note) = match fm.canonical_clip {
        Some(value) => {
            let line = front_lines.line(value.span().start);
            canonical(problems, file, line, value.into_inner())
        }
        None => (None, CanonicalNote::default()),
    };

    let mut page = Page {
        id: PageId(String::new()),
        title: non_empty(fm.title).unwrap_or_default(),
        options: fm
            .options
            .into_iter()
            .filter_map(|o| non_empty(Some(o)))
            .collect(),
        question: String::new(),
        short_answer: String::new(),
        decision_rule: String::new(),
        choose_when: Vec::new(),
        tradeoffs: Vec::new(),
        failure_modes: Vec::new(),
        common_mistakes: Vec::new(),
        when_not_to_use: Vec::new(),
        related: fm.related.into_iter().map(PageId).collect(),
        concepts: fm.concepts,
        references: Vec::new(),
        canonical_clip,
        canonical_note,
        themes: fm.themes.into_iter().map(ThemeId).collect(),
        extra: Vec::new(),
        updated: non_empty(fm.updated),
        featured: fm.featured,
    };
    match non_empty(fm.id) {
        Some(id) if check_slug(problems, file, front_line, "page", &id) => page.id = PageId(id),
        Some(_) => {}
        None => problems.push(
            file,
            front_line,
            "page front matter is missing required field `id`",
        ),
    }
    if page.title.is_empty() {
        problems.push(
            file,
            front_line,
            "page front matter is missing required field `title`",
        );
    }
    if page.options.len() < 2 {
        problems.push(
            file,
            front_line,
            "page front matter needs `options` naming at least two choices, e.g. [\"RAG\", \"Fine-tuning\"]",
        );
    }
    for r in fm.reference {
        let Some(title) = non_empty(r.title) else {
            problems.push(
                file,
                front_line,
                "a [[reference]] is missing required field `title`",
            );
            continue;
        };
        let url = match r.url {
            None => None,
            Some(url) if url.get_ref().trim().is_empty() => None,
            Some(url) => match crate::web_url::WebUrl::parse(url.get_ref()) {
                Ok(url) => Some(url),
                Err(e) => {
                    let line = front_lines.line(url.span().start);
                    problems.push(file, line, format!("reference url: {e}"));
                    continue;
                }
            },
        };
        page.references.push(Reference {
            title,
            publisher: non_empty(r.publisher),
            url,
            why: non_empty(r.why),
        });
    }

    for section in sections(body, &body_lines) {
        let line = section.line;
        match section.heading.to_lowercase().as_str() {
            "question" => page.question = paragraph(section),
            "short answer" => page.short_answer = paragraph(section),
            "decision rule" => page.decision_rule = paragraph(section),
            "tradeoffs" => page.tradeoffs = items(section),
            "failure modes" => page.failure_modes = items(section),
            "common mistakes" => page.common_mistakes = items(section),
            "when not to use" => page.when_not_to_use = items(section),
            _ => match choose_when_option(&section.heading) {
                Some(option) => {
                    if !page.options.iter().any(|o| o.eq_ignore_ascii_case(&option)) {
                        problems.push(
                            file,
                            line,
                            format!(
                                "section `{}` names `{option}`, which is not one of the page's options: {}",
                                section.heading,
                                page.options.join(", ")
                            ),
                        );
                    }
                    page.choose_when.push(ChooseWhen {
                        option,
                        items: items(section),
                    });
                }
                None => page.extra.push(ExtraSection {
                    heading: section.heading.clone(),
                    blocks: items(section),
                }),
            },
        }
    }
    for (field, value, heading) in [
        ("question", &page.question, "## Question"),
        ("short answer", &page.short_answer, "## Short answer"),
        ("decision rule", &page.decision_rule, "## Decision rule"),
    ] {
        if value.is_empty() {
            problems.push(
                file,
                body_line,
                format!("page is missing required section `{field}`: add a `{heading}` heading with text"),
            );
        }
    }
    (problems.0.len() == before).then_some((page, front_line))
}
