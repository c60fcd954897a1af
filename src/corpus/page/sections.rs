//! A page's Markdown body, split into sections at its level-2 headings: each section's
//! paragraphs and list items, folded onto one line each, with the line it starts on.

use super::super::problem::LineIndex;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub(super) struct RawSection {
    pub(super) heading: String,
    pub(super) line: usize,
    /// Paragraphs and list items, as Markdown inline text.
    pub(super) blocks: Vec<String>,
}

/// Strips a list marker (`- `, `* `, `+ `, `1. `, `1) `) and folds the item onto one line.
fn clean_item(source: &str) -> String {
    let trimmed = source.trim_start();
    let without_marker = if let Some(rest) = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
        .or_else(|| trimmed.strip_prefix("+ "))
    {
        rest
    } else {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &trimmed[digits..];
        match rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            Some(r) if digits > 0 => r,
            _ => trimmed,
        }
    };
    fold_lines(without_marker)
}

fn fold_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits the Markdown body into sections at level-2 headings.
pub(super) fn sections(body: &str, lines: &LineIndex) -> Vec<RawSection> {
    let mut out: Vec<RawSection> = Vec::new();
    let mut list_depth = 0usize;
    let mut quote_depth = 0usize;
    let mut heading: Option<(String, usize)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        let top_level = list_depth == 0 && quote_depth == 0;
        match event {
            Event::Start(Tag::Heading { level, .. })
                if top_level && level == pulldown_cmark::HeadingLevel::H2 =>
            {
                heading = Some((String::new(), lines.line(range.start)));
            }
            Event::End(TagEnd::Heading(_)) if heading.is_some() => {
                if let Some((text, line)) = heading.take() {
                    out.push(RawSection {
                        heading: text.trim().to_string(),
                        line,
                        blocks: Vec::new(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((text, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if list_depth == 1 && quote_depth == 0 => {
                push_block(
                    &mut out,
                    clean_item(&body[range.clone()]),
                    lines.line(range.start),
                );
            }
            Event::Start(Tag::BlockQuote(_)) => {
                if top_level {
                    push_block(
                        &mut out,
                        body[range.clone()].trim().to_string(),
                        lines.line(range.start),
                    );
                }
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) if top_level => {
                push_block(
                    &mut out,
                    fold_lines(&body[range.clone()]),
                    lines.line(range.start),
                );
            }
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::Table(_))
            | Event::Start(Tag::HtmlBlock)
                if top_level =>
            {
                push_block(
                    &mut out,
                    body[range.clone()].trim_end().to_string(),
                    lines.line(range.start),
                );
            }
            Event::Start(Tag::Heading { .. }) if top_level => {
                // Level 1 and 3+ headings inside a section are kept as blocks of their own.
                push_block(
                    &mut out,
                    fold_lines(&body[range.clone()]),
                    lines.line(range.start),
                );
            }
            _ => {}
        }
    }
    out
}

fn push_block(out: &mut Vec<RawSection>, text: String, line: usize) {
    // `line` places an untitled leading section; sections keep their heading's line.
    if text.is_empty() {
        return;
    }
    if out.is_empty() {
        // Text before the first `##` heading: kept as an untitled section.
        out.push(RawSection {
            heading: String::new(),
            line,
            blocks: Vec::new(),
        });
    }
    if let Some(section) = out.last_mut() {
        section.blocks.push(text);
    }
}
