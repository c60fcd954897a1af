//! Escaping for the brief: the only place that decides how corpus and user text is written
//! into Markdown. Text is escaped just enough that it cannot open structure of its own (a
//! heading, list, quote, table, code, HTML, a link or an image, emphasis, Obsidian tags,
//! comments, highlights and math); characters that cannot do that in their place stay
//! as they are, so the brief reads cleanly in a plain editor (`61%`, `~800`, `[Untitled]`).

use crate::text::sanitize;
use crate::web_url::WebUrl;
use std::fmt::Write;

/// Escapes text for Markdown as one line (newlines folded, ends trimmed). Safe at the
/// start of a block: a leading list, heading, quote, table or setext marker is escaped.
/// CommonMark reads a backslash-escaped ASCII punctuation character as a literal.
pub fn escape(text: &str) -> String {
    escape_with(text, false)
}

/// Like [`escape`], for the text of a link (`[text](url)`): every bracket is escaped, so the
/// text cannot end the link early or nest one.
pub fn escape_link_text(text: &str) -> String {
    escape_with(text, true)
}

/// Multi-line text (a conclusion): paragraphs split at blank lines, each line escaped and
/// the lines of a paragraph joined with hard line breaks. Empty when there is no text.
pub fn escape_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = escape(line);
        if line.is_empty() {
            if !lines.is_empty() {
                paragraphs.push(lines.join("\\\n"));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        paragraphs.push(lines.join("\\\n"));
    }
    paragraphs
}

/// Brackets can make a link, image, footnote or wiki link only in these pairings; without
/// one (and no reference definitions in a brief) a bracket is just a bracket.
fn brackets_can_link(text: &str) -> bool {
    ["](", "][", "]:", "[[", "]]", "[^"]
        .iter()
        .any(|pair| text.contains(pair))
}

/// `&name;`, `&#123;` or `&#x1F;` follows: an entity the renderer would replace.
fn entity_follows(rest: &[char]) -> bool {
    let body: Vec<char> = rest
        .iter()
        .take(34)
        .copied()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest.get(body.len()) == Some(&';')
}

fn escape_with(text: &str, all_brackets: bool) -> String {
    let clean = sanitize(text);
    let clean = clean.trim();
    let chars: Vec<char> = clean.chars().collect();
    let count = |wanted: char| chars.iter().filter(|c| **c == wanted).count();
    let brackets = all_brackets || brackets_can_link(clean);
    // Pairs of these mark strikethrough (`~x~`), math (`$x$`): a lone one is plain text.
    let tildes = count('~') >= 2;
    let dollars = count('$') >= 2;
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let at_start = i == 0;
        let needs = match c {
            // Before punctuation a backslash escapes it; at the end it would break the line.
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '`' | '*' | '|' => true,
            // Inside a word an underscore never makes emphasis (`snake_case`).
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '[' | ']' => brackets,
            // HTML tags, comments, processing instructions and autolinks.
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => entity_follows(&chars[i + 1..]),
            '~' => tildes,
            '$' => dollars,
            // Obsidian comments (`%%`) and highlights (`==`).
            '%' => prev == Some('%') || next == Some('%'),
            '=' => at_start || prev == Some('=') || next == Some('='),
            // A heading at the start; an Obsidian tag (`#word`) after a space.
            '#' => {
                at_start
                    || (prev.is_none_or(char::is_whitespace)
                        && next.is_some_and(|n| !n.is_whitespace() && !n.is_ascii_digit()))
            }
            '>' | '+' | '-' | ':' => at_start,
            // `1.` or `1)` would start an ordered list.
            '.' | ')' => digits > 0 && i == digits,
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A YAML double-quoted scalar (JSON strings are valid YAML). The characters that open
/// links, HTML and code are written as `\uXXXX` escapes, so that a renderer that does not
/// know front matter, and shows it as text, finds no link or HTML in it either.
pub fn yaml(text: &str) -> String {
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

/// A link target: a checked http(s) URL (no whitespace, control, bidi or format
/// character), percent-encoding what could end the link.
pub fn link_target(url: &WebUrl) -> String {
    let mut out = String::new();
    for c in url.as_str().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c => out.push(c),
        }
    }
    out
}

/// `[text](url)` for an http(s) URL, otherwise the escaped text alone.
pub fn link(text: &str, url: Option<&WebUrl>) -> String {
    match url.map(link_target) {
        Some(target) => format!("[{}]({target})", escape_link_text(text)),
        None => escape(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(escape("# *a* [b](c) <x>"), "\\# \\*a\\* \\[b\\](c) \\<x>");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. step"), "12\\. step");
        assert_eq!(escape("fine-tuning?"), "fine-tuning?");
        assert_eq!(escape("line\none"), "line one");
        assert_eq!(escape("~~gone~~ and ~x~"), "\\~\\~gone\\~\\~ and \\~x\\~");
        assert_eq!(escape("&amp; &#60; &"), "\\&amp; \\&#60; &");
        assert_eq!(
            escape("%%hidden%% ==mark== #tag"),
            "\\%\\%hidden\\%\\% \\=\\=mark\\=\\= \\#tag"
        );
        assert_eq!(escape("[[wiki]] [^1]"), "\\[\\[wiki\\]\\] \\[^1\\]");
        assert_eq!(escape("__init__ and _em_"), "\\_\\_init\\_\\_ and \\_em\\_");
        assert_eq!(escape("$x$"), "\\$x\\$");
        assert_eq!(escape("ends with \\"), "ends with \\\\");
    }

    #[test]
    fn plain_words_stay_plain() {
        for plain in [
            "61% of answers",
            "about ~800 tokens",
            "[Untitled essay: fine-tuning or RAG]",
            "snake_case and C# and #1 and a < b",
            "costs $5",
            "Q&A, R&D",
            "C:\\Users\\ada",
            "2 + 2 = 4: yes - no > maybe!",
        ] {
            assert_eq!(escape(plain), plain);
        }
    }

    #[test]
    fn link_text_escapes_every_bracket() {
        assert_eq!(escape_link_text("a [b] c"), "a \\[b\\] c");
    }

    #[test]
    fn conclusions_keep_their_paragraphs() {
        assert_eq!(
            escape_paragraphs("First line\n# second\n\n\n- third"),
            ["First line\\\n\\# second", "\\- third"]
        );
        assert!(escape_paragraphs(" \n ").is_empty());
    }

    #[test]
    fn only_http_urls_become_links() {
        // Only a WebUrl links, and `javascript:` or a space is never one.
        assert_eq!(link("x", None), "x");
        assert!(WebUrl::parse("javascript:alert(1)").is_err());
        let url = WebUrl::parse("https://e.x/a(c)<d>").unwrap();
        assert_eq!(link("x", Some(&url)), "[x](https://e.x/a%28c%29%3Cd%3E)");
        assert_eq!(yaml("a\"\n---"), "\"a\\\" ---\"");
    }
}
