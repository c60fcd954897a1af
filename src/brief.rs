//! The research brief: an investigation as a Markdown document a colleague can read and
//! check. Pure and deterministic: the same data gives byte-identical output.
//!
//! Every corpus or user string is escaped, so no text can open a heading, list, code
//! fence, HTML block or link of its own; only http(s) deep links become links; front
//! matter values are quoted, so no title can end the front matter.

use crate::compare::{Side, ThemeClass, ThemeFinding};
use crate::library::ClipView;
use crate::model::{ClipId, Page};
use crate::text::{markdown_to_plain, sanitize};
use std::fmt::Write;

pub struct BriefItem {
    pub clip: ClipView,
    pub note: String,
}

pub struct BriefInput<'a> {
    pub title: &'a str,
    pub question: Option<&'a str>,
    /// ISO 8601 date the brief is dated (the investigation's last change).
    pub date: &'a str,
    pub version: &'a str,
    /// The decision page the clips inform, when there is one.
    pub page: Option<&'a Page>,
    pub items: &'a [BriefItem],
    pub findings: &'a [ThemeFinding],
}

/// Characters that can open inline markup anywhere in a line: emphasis, code, links,
/// images, HTML, entities, tables, strikethrough, tags and math in Obsidian.
const INLINE_SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '!', '&', '|', '~', '#', '$', '%',
];

/// Escapes text for Markdown: one line (newlines folded), inline markup characters
/// backslash-escaped, and a leading block marker (`-`, `+`, `=`, `1.`) escaped so the
/// text cannot start a list, heading, quote or setext underline. CommonMark treats a
/// backslash-escaped ASCII punctuation character as a literal.
pub fn escape(text: &str) -> String {
    let clean = sanitize(text);
    let clean = clean.trim();
    let mut out = String::with_capacity(clean.len() + 8);
    let digits = clean.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in clean.char_indices() {
        let leading_marker = (i == 0 && matches!(c, '-' | '+' | '=' | ':'))
            || (digits > 0 && i == digits && matches!(c, '.' | ')'));
        if INLINE_SPECIAL.contains(&c) || leading_marker {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A YAML double-quoted scalar (JSON strings are valid YAML). The characters that open
/// links, HTML and code are written as `\uXXXX` escapes, so that a renderer that does not
/// know front matter, and shows it as text, finds no link or HTML in it either.
fn yaml(text: &str) -> String {
    let json = serde_json::to_string(&sanitize(text).trim()).unwrap_or_else(|_| "\"\"".into());
    let inner = &json[1..json.len() - 1];
    let mut out = String::with_capacity(json.len() + 8);
    out.push('"');
    for c in inner.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '`') {
            let _ = write!(out, "\\u{:04X}", c as u32);
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Only http(s) URLs become link targets, percent-encoding what could end the link.
fn link_target(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let mut out = String::new();
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_control() || c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

/// `[label](url)` for an http(s) URL, otherwise the escaped label alone.
fn link(label: &str, url: Option<&str>) -> String {
    match url.and_then(link_target) {
        Some(target) => format!("[{}]({target})", escape(label)),
        None => escape(label),
    }
}

fn cite(item: &BriefItem) -> String {
    let label = format!("{}, {}", item.clip.voice.name, item.clip.time_range);
    link(&label, item.clip.deep_link.as_deref())
}

fn cites(items: &[BriefItem], clips: &[ClipId]) -> String {
    let out: Vec<String> = items
        .iter()
        .filter(|i| clips.contains(&i.clip.clip.record.id))
        .map(cite)
        .collect();
    if out.is_empty() {
        "no clip in this investigation".into()
    } else {
        out.join("; ")
    }
}

fn side_line(items: &[BriefItem], side: &Side) -> String {
    format!("{}: {}", side.stance, cites(items, &side.clips))
}

pub fn render(input: &BriefInput<'_>) -> String {
    let mut out = String::new();
    let items = input.items;
    let mut voices: Vec<String> = items
        .iter()
        .map(|i| sanitize(&i.clip.voice.name).into_owned())
        .collect();
    voices.sort();
    voices.dedup();
    let mut sources: Vec<&crate::model::Source> = Vec::new();
    for i in items {
        if !sources.iter().any(|s| s.id == i.clip.source.id) {
            sources.push(&i.clip.source);
        }
    }

    // Front matter: every value quoted, so nothing in it can end the block.
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml(input.title));
    let _ = writeln!(out, "question: {}", yaml(input.question.unwrap_or("")));
    let _ = writeln!(out, "date: {}", yaml(input.date));
    if voices.is_empty() {
        out.push_str("voices: []\n");
    } else {
        out.push_str("voices:\n");
        for v in &voices {
            let _ = writeln!(out, "  - {}", yaml(v));
        }
    }
    let _ = writeln!(out, "sources: {}", sources.len());
    let _ = writeln!(out, "dossier_version: {}", yaml(input.version));
    out.push_str("---\n\n");

    let _ = writeln!(out, "# {}\n", escape(input.title));
    out.push_str("## Question\n\n");
    let _ = writeln!(
        out,
        "{}\n",
        input
            .question
            .map(escape)
            .filter(|q| !q.is_empty())
            .unwrap_or_else(|| "No question was recorded for this investigation.".into())
    );

    if let Some(page) = input.page {
        out.push_str("## Bottom line\n\n");
        let _ = writeln!(out, "From the decision page “{}”:\n", escape(&page.title));
        let _ = writeln!(
            out,
            "- **Short answer:** {}",
            escape(&markdown_to_plain(&page.short_answer))
        );
        let _ = writeln!(
            out,
            "- **Decision rule:** {}\n",
            escape(&markdown_to_plain(&page.decision_rule))
        );
    }

    let of = |class: ThemeClass| input.findings.iter().filter(move |f| f.class == class);
    out.push_str("## Where experts agree\n\n");
    let mut any = false;
    for f in of(ThemeClass::Consensus) {
        any = true;
        let clips: Vec<ClipId> = f
            .sides
            .iter()
            .flat_map(|s| s.clips.iter().cloned())
            .collect();
        let _ = writeln!(
            out,
            "- **{}** ({} voices, {} sources{}). {}",
            escape(&f.theme.claim),
            f.distinct_voices,
            f.distinct_sources,
            f.mean_clarity
                .map(|c| format!(", mean clarity {c:.0}"))
                .unwrap_or_default(),
            cites(items, &clips)
        );
    }
    if !any {
        out.push_str("No theme has two or more voices taking one stance.\n");
    }
    out.push('\n');

    out.push_str("## Where they disagree\n\n");
    let mut any = false;
    for f in of(ThemeClass::Contested) {
        any = true;
        let _ = writeln!(
            out,
            "- **{}** ({} voices)",
            escape(&f.theme.claim),
            f.distinct_voices
        );
        for side in &f.sides {
            let _ = writeln!(out, "  - {}", side_line(items, side));
        }
    }
    if !any {
        out.push_str("No voices take opposite sides.\n");
    }
    out.push('\n');

    out.push_str("## Single-voice claims\n\n");
    let mut any = false;
    for f in of(ThemeClass::SingleVoice) {
        any = true;
        let side = f.sides.first();
        let _ = writeln!(
            out,
            "- **{}** — {}",
            escape(&f.theme.claim),
            side.map(|s| side_line(items, s)).unwrap_or_default()
        );
    }
    if !any {
        out.push_str("None.\n");
    }
    out.push('\n');

    out.push_str("## Evidence\n\n");
    if items.is_empty() {
        out.push_str("This investigation has no clips yet.\n\n");
    }
    for (n, item) in items.iter().enumerate() {
        let c = &item.clip;
        let r = &c.clip.record;
        let _ = writeln!(
            out,
            "### {}. {} on {}\n",
            n + 1,
            escape(&c.voice.name),
            escape(&c.source.title)
        );
        if let Some(q) = &r.quote {
            let _ = writeln!(out, "> “{}”\n", escape(q));
        }
        let _ = writeln!(out, "{}\n", escape(&r.gist));
        let _ = writeln!(out, "- Voice: {}", escape(&c.voice.describe()));
        let _ = writeln!(out, "- Source: {}", escape(&c.source.describe()));
        let _ = writeln!(
            out,
            "- Time: {}",
            link(&c.time_range, c.deep_link.as_deref())
        );
        let _ = writeln!(out, "- Clarity: {}/100", r.clarity);
        if c.clip.retired {
            out.push_str("- Status: retired from the built-in corpus\n");
        }
        let note_lines: Vec<String> = item
            .note
            .lines()
            .map(escape)
            .filter(|l| !l.is_empty())
            .collect();
        if !note_lines.is_empty() {
            let _ = writeln!(out, "- Note: {}", note_lines.join("\\\n  "));
        }
        out.push('\n');
    }

    out.push_str("## Sources\n\n");
    if sources.is_empty() {
        out.push_str("None.\n");
    }
    for (n, s) in sources.iter().enumerate() {
        let mut line = s.describe();
        if let Some(url) = &s.url {
            line.push_str(&format!(". {url}"));
        }
        let _ = writeln!(out, "{}. {}", n + 1, escape(&line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(escape("# *a* [b](c) <x>"), "\\# \\*a\\* \\[b\\](c) \\<x\\>");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. step"), "12\\. step");
        assert_eq!(escape("fine-tuning?"), "fine-tuning?");
        assert_eq!(escape("line\none"), "line one");
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(link("x", Some("javascript:alert(1)")), "x");
        assert_eq!(
            link("x", Some("https://e.x/a b(c)")),
            "[x](https://e.x/a%20b%28c%29)"
        );
        assert_eq!(yaml("a\"\n---"), "\"a\\\" ---\"");
    }
}
