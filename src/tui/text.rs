//! Turning corpus text into styled, wrapped lines. Every string is sanitized here, so
//! no control sequence from the corpus or the user reaches the terminal.

use super::theme::Theme;
use dossier::search::Snippet;
use dossier::text::sanitize;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// The most of one field the UI lays out: far more than any screen shows, and a bound on
/// the work of every frame when a field is huge (a 10 MB line). `dossier show` prints all.
const SHOWN_BYTES: usize = 64 * 1024;

/// `text` cut to [`SHOWN_BYTES`] at a character boundary, saying how much was left out.
fn clamp(text: &str) -> Cow<'_, str> {
    if text.len() <= SHOWN_BYTES {
        return Cow::Borrowed(text);
    }
    let mut cut = SHOWN_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    Cow::Owned(format!(
        "{} … [{} more bytes; `dossier show` prints them all]",
        &text[..cut],
        text.len() - cut
    ))
}

pub fn clean(text: &str) -> String {
    sanitize(&clamp(text)).into_owned()
}

/// Markdown inline text (emphasis, code, links) as styled spans; the markup is never shown.
pub fn markdown(md: &str, base: Style, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut stack: Vec<Style> = vec![base];
    for event in Parser::new(&clamp(md)) {
        let current = *stack.last().unwrap_or(&base);
        match event {
            Event::Start(Tag::Emphasis) => {
                stack.push(current.add_modifier(ratatui::style::Modifier::ITALIC))
            }
            Event::Start(Tag::Strong) => {
                stack.push(current.add_modifier(ratatui::style::Modifier::BOLD))
            }
            Event::Start(Tag::Link { .. }) => stack.push(current.patch(theme.link)),
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) if stack.len() > 1 => {
                stack.pop();
            }
            Event::Text(t) => spans.push(Span::styled(clean(&t), current)),
            Event::Code(t) => spans.push(Span::styled(clean(&t), current.patch(theme.code))),
            Event::InlineHtml(t) | Event::Html(t) => spans.push(Span::styled(clean(&t), current)),
            Event::SoftBreak | Event::HardBreak => spans.push(Span::styled(" ", current)),
            Event::End(TagEnd::Paragraph) => spans.push(Span::styled(" ", current)),
            _ => {}
        }
    }
    if spans.last().is_some_and(|s| s.content == " ") {
        spans.pop();
    }
    spans
}

/// A snippet with its matched words in the match style.
pub fn snippet(s: &Snippet, base: Style, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for r in &s.highlights {
        let valid = r.start >= at
            && r.end <= s.text.len()
            && s.text.is_char_boundary(r.start)
            && s.text.is_char_boundary(r.end);
        if !valid {
            continue;
        }
        spans.push(Span::styled(clean(&s.text[at..r.start]), base));
        spans.push(Span::styled(
            clean(&s.text[r.clone()]),
            base.patch(theme.match_),
        ));
        at = r.end;
    }
    spans.push(Span::styled(clean(&s.text[at..]), base));
    spans
}

/// Word-wraps spans to `width` columns, with `indent` before continuation lines.
pub fn wrap(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(indent + 4);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0usize;
    let push_word = |word: &str,
                     style: Style,
                     lines: &mut Vec<Line<'static>>,
                     current: &mut Vec<Span<'static>>,
                     used: &mut usize| {
        let w = word.width();
        if *used + w > width && *used > indent {
            lines.push(Line::from(std::mem::take(current)));
            if indent > 0 {
                current.push(Span::raw(" ".repeat(indent)));
            }
            *used = indent;
            if word.trim().is_empty() {
                return;
            }
        }
        // A word longer than a whole line is cut by characters.
        if w > width.saturating_sub(indent) {
            let mut chunk = String::new();
            for c in word.chars() {
                let cw = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
                if *used + chunk.width() + cw > width {
                    current.push(Span::styled(std::mem::take(&mut chunk), style));
                    lines.push(Line::from(std::mem::take(current)));
                    if indent > 0 {
                        current.push(Span::raw(" ".repeat(indent)));
                    }
                    *used = indent;
                }
                chunk.push(c);
            }
            *used += chunk.width();
            current.push(Span::styled(chunk, style));
            return;
        }
        *used += w;
        current.push(Span::styled(word.to_string(), style));
    };
    for span in spans {
        let style = span.style;
        let text = span.content.into_owned();
        let mut word = String::new();
        for c in text.chars() {
            if c == ' ' {
                if !word.is_empty() {
                    push_word(&word, style, &mut lines, &mut current, &mut used);
                    word.clear();
                }
                push_word(" ", style, &mut lines, &mut current, &mut used);
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            push_word(&word, style, &mut lines, &mut current, &mut used);
        }
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    if lines.is_empty() {
        lines.push(Line::default());
    }
    lines
}

/// The end of `text` that fits in `width` columns: where the cursor of a line being typed
/// is.
pub fn tail(text: &str, width: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

/// Cuts plain text to `width` columns with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    let text = clean(text);
    if text.width() <= width {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_field_is_cut_for_display_and_says_so() {
        let huge = "é".repeat(100_000);
        let shown = clean(&huge);
        assert!(shown.len() < SHOWN_BYTES + 100);
        assert!(shown.ends_with("… [134464 more bytes; `dossier show` prints them all]"));
        assert_eq!(clean("short"), "short");
    }

    #[test]
    fn markdown_markup_becomes_style_not_text() {
        let spans = markdown(
            "**RAG** reads *docs* via `x` [link](https://e.x)",
            Style::new(),
            &Theme::colour(),
        );
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "RAG reads docs via x link");
    }

    #[test]
    fn wrapping_respects_width_for_wide_text() {
        let lines = wrap(
            vec![Span::raw(
                "漢字漢字 emoji 👩‍💻 words that keep going and going",
            )],
            12,
            2,
        );
        for line in &lines {
            assert!(line.width() <= 12, "{line:?}");
        }
        assert!(lines.len() > 3);
    }
}
