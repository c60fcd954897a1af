//! Escaping for the brief: the only place that decides how corpus and user text is written
//! into Markdown. Text is escaped just enough that it cannot open structure of its own (a
//! heading, list, quote, table, code, HTML, a link or an image, emphasis, Obsidian tags,
//! comments, highlights and math); characters that cannot do that in their place stay
//! as they are, so the brief reads cleanly in a plain editor (`61%`, `~800`, `[Untitled]`).

use super::autolink::{code_span, linkable_ranges};
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

/// Text that [`escape_with`] would leave as it is, told quickly (most gists and names):
/// none of the characters that can need a backslash, no marker at the start, and nothing
/// a linkifier could take for an address (every form [`linkable`](super::autolink::linkable) knows has a `/`, `@` or
/// `:`, or a `.` with a letter or digit after it).
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let special = |b: &u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'|'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'&'
                | b'~'
                | b'$'
                | b'%'
                | b'='
                | b'#'
                | b'/'
                | b'@'
                | b':'
        )
    };
    let dot_inside = bytes
        .windows(2)
        .any(|w| w[0] == b'.' && (w[1].is_ascii_alphanumeric() || !w[1].is_ascii()));
    !bytes.iter().any(special)
        && !dot_inside
        && !matches!(bytes.first(), Some(b'>' | b'+' | b'-') | Some(b'0'..=b'9'))
}

fn escape_with(text: &str, all_brackets: bool) -> String {
    let clean = sanitize(text);
    let clean = clean.trim();
    if is_plain(clean) {
        return clean.to_string();
    }
    escape_each(clean, all_brackets)
}

/// [`escape_with`] character by character, on sanitized and trimmed text.
fn escape_each(clean: &str, all_brackets: bool) -> String {
    let chars: Vec<char> = clean.chars().collect();
    // A bare URL, `www.` host or e-mail address would become a link in GitHub-flavoured
    // and linkifying renderers, though the brief made none: each is set as code instead.
    let mut linkables = linkable_ranges(&chars).into_iter().peekable();
    let count = |wanted: char| chars.iter().filter(|c| **c == wanted).count();
    let brackets = all_brackets || brackets_can_link(clean);
    // Pairs of these mark strikethrough (`~x~`), math (`$x$`): a lone one is plain text.
    let tildes = count('~') >= 2;
    let dollars = count('$') >= 2;
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(clean.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if let Some(&(start, end)) = linkables.peek()
            && start == i
        {
            linkables.next();
            out.push_str(&code_span(&chars[start..end].iter().collect::<String>()));
            i = end;
            continue;
        }
        let c = chars[i];
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
        i += 1;
    }
    out
}

/// YAML 1.2's printable characters (production [1] c-printable): the only ones a YAML
/// stream may hold as they are. Anything else must be written as an escape.
pub fn yaml_printable(c: char) -> bool {
    matches!(
        c as u32,
        0x9 | 0xA | 0xD | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF
    )
}

/// A YAML double-quoted scalar. Every character YAML 1.2 does not allow as it is (and any
/// control) is written as a `\uXXXX` escape, and so are the characters that open links,
/// HTML and code, and the `.`, `:`, `/` and `@` of an address a linkifier would find, so
/// that a renderer that does not know front matter, and shows it as text, finds no link
/// or HTML in it either. A YAML reader gets the text back unchanged.
pub fn yaml(text: &str) -> String {
    let clean = sanitize(text);
    let chars: Vec<char> = clean.trim().chars().collect();
    let ranges = linkable_ranges(&chars);
    let in_address = |i: usize| ranges.iter().any(|&(a, b)| a <= i && i < b);
    let mut out = String::with_capacity(chars.len() + 8);
    out.push('"');
    for (i, &c) in chars.iter().enumerate() {
        let escaped = !yaml_printable(c)
            || c.is_control()
            || matches!(c, '[' | ']' | '<' | '>' | '`')
            || (in_address(i) && matches!(c, '.' | ':' | '/' | '@'));
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if escaped && (c as u32) > 0xFFFF => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
            c if escaped => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
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
    fn text_told_plain_is_what_escaping_leaves_unchanged() {
        // Every string of up to three characters from a set that holds each character
        // escaping looks at, with letters, digits, spaces and a non-ASCII letter around.
        let alphabet: Vec<char> = "a1 .:/@\\`*|_[]<&~$%=#>+-)(;!é".chars().collect();
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        for core in texts {
            for text in [
                core.clone(),
                format!("x{core}y"),
                format!("1{core}"),
                format!("see {core}.com"),
            ] {
                let clean = text.trim();
                for all_brackets in [false, true] {
                    if is_plain(clean) {
                        assert_eq!(escape_each(clean, all_brackets), clean, "{text:?}");
                    }
                }
            }
        }
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
    fn bare_addresses_are_set_as_code_so_no_renderer_links_them() {
        assert_eq!(
            escape("see https://evil.example/a_b, www.evil.com or mallory@evil.example."),
            "see `https://evil.example/a_b`, `www.evil.com` or `mallory@evil.example`."
        );
        assert_eq!(escape("(example.com)"), "(`example.com`)");
        assert_eq!(escape("x`y https://e.x/``z"), "x\\`y ```https://e.x/``z```");
        assert_eq!(escape("`https://e.x`"), "`` `https://e.x` ``");
        for plain in [
            "e.g. this",
            "GPT 3.5 turbo",
            "i.e. U.S.",
            "C# and 61%",
            "a@ b",
        ] {
            assert_eq!(escape(plain), plain, "{plain}");
        }
    }

    #[test]
    fn front_matter_holds_only_yaml_printable_characters_and_no_address() {
        let y = yaml("a\u{FFFE}b\u{FFFF}c\u{85}d\u{1F600} www.evil.com x@y.org");
        assert!(y.chars().all(yaml_printable), "{y}");
        assert!(!y.contains("www.") && !y.contains('@'), "{y}");
        assert!(y.contains("www\\u002Eevil\\u002Ecom"), "{y}");
        assert!(y.contains('😀'), "printable beyond the BMP stays: {y}");
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
