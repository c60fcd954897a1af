//! Display sanitizing: text from the corpus or the user never reaches a terminal as a
//! control sequence. Controls and bidi overrides become visible stand-ins.

use std::borrow::Cow;

/// True for characters that must never be written to a terminal as they are: controls
/// (C0, DEL, C1), line and paragraph separators, every Unicode format character
/// (category Cf: bidi marks, overrides and isolates, Arabic number signs, deprecated
/// format characters…) other than the joiners and the invisible ones [`sanitize`] drops,
/// and noncharacters (U+FFFE, U+FFFF, U+FDD0–FDEF, the last two of every plane).
pub fn is_dangerous(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '\u{2028}' | '\u{2029}')
        || (is_format(c) && !is_invisible(c) && !is_joiner(c))
        || is_noncharacter(c)
}

/// Unicode general category Cf (format characters), as of Unicode 15.1.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{600}'..='\u{605}'
            | '\u{61C}'
            | '\u{6DD}'
            | '\u{70F}'
            | '\u{890}'..='\u{891}'
            | '\u{8E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Noncharacters: never text, and not printable in YAML or XML.
pub fn is_noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// The zero-width joiner and non-joiner: emoji sequences and many scripts need them to
/// draw right, and they change no text direction, so they are kept.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Invisible format characters that terminals disagree about: some draw a glyph a column
/// wide where the layout counted none, which shifts the rest of the line and leaves stale
/// cells behind. They carry no visible text, so they are dropped. (Zero-width joiners and
/// variation selectors stay: emoji need them.)
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{180E}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
    ) || matches!(c, '\u{E0000}'..='\u{E007F}')
}

/// Printable ASCII only (most text): nothing in it needs care, and bytes are quicker to
/// look at than characters.
fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// True for what [`sanitize`] changes: a dangerous character (shown as a stand-in) or an
/// invisible one (dropped).
pub fn needs_care(c: char) -> bool {
    is_dangerous(c) || is_invisible(c)
}

fn stand_in(c: char, out: &mut String) {
    match c {
        '\t' => out.push(' '),
        '\u{1b}' => out.push('␛'),
        c @ '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\u{7f}' => out.push('␡'),
        c => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// One line of display text: newlines become spaces, every other control or bidi
/// override a visible stand-in (`␛`, `␍`, `<U+202E>`). Idempotent.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if printable_ascii(text) || !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            c if is_invisible(c) => {}
            c if is_dangerous(c) => stand_in(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], but keeps line breaks (`\n`; a `\r\n` pair becomes `\n`).
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_care(c)) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            c if is_invisible(c) => {}
            c if is_dangerous(c) => stand_in(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text with every character [`sanitize`] would change written as a `\uXXXX`
/// escape. serde_json escapes C0 controls only; C1 controls, DEL, bidi and other format
/// characters would reach a terminal that shows the JSON, and the output gate would
/// otherwise change the data. Outside strings JSON is ASCII punctuation and whitespace, so each
/// such character is inside a string, where the escape means the same character.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    let escaped = |c: char| !c.is_ascii_control() && needs_care(c) || c == '\u{7f}';
    if !json.chars().any(escaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if escaped(c) {
            // Outside the Basic Multilingual Plane, JSON writes a surrogate pair.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04X}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_its_meaning_without_dangerous_characters() {
        let value = "a\u{9b}b\u{202E}c\u{7f}d\u{1b}e\u{2028}";
        let json = serde_json::to_string(value).unwrap();
        let safe = json_for_terminal(&json);
        assert!(
            !safe.chars().any(|c| is_dangerous(c) && c != '\n'),
            "{safe}"
        );
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn escapes_and_bidi_become_visible() {
        let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{1b}[2Jc\u{202E}d\re\u{85}";
        let clean = sanitize(hostile);
        assert_eq!(clean, "a␛]52;c;ZXZpbA==␇b␛[2Jc<U+202E>d␍e<U+0085>");
        assert!(!clean.chars().any(is_dangerous));
        assert_eq!(sanitize(&clean), clean);
    }

    #[test]
    fn invisible_format_characters_are_dropped() {
        assert_eq!(
            sanitize("zero\u{200B}width\u{FEFF}\u{FFF9}a\u{E0041}"),
            "zerowidtha"
        );
        assert_eq!(sanitize("👩\u{200D}💻☃\u{FE0F}"), "👩\u{200D}💻☃\u{FE0F}");
    }

    #[test]
    fn every_format_character_and_noncharacter_is_shown_or_dropped() {
        let hostile =
            "\u{600}1\u{6DD}\u{206A}x\u{FFFE}\u{FFFF}\u{FDD0}\u{1FFFF}\u{E0001}soft\u{AD}y";
        assert_eq!(
            sanitize(hostile),
            "<U+0600>1<U+06DD><U+206A>x<U+FFFE><U+FFFF><U+FDD0><U+1FFFF>softy"
        );
        // Every Cf character but the joiners is changed.
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_format(c))
        {
            assert_eq!(
                needs_care(c),
                !matches!(c, '\u{200C}' | '\u{200D}'),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(sanitize_multiline("a\r\nb\u{1b}c"), "a\nb␛c");
        assert_eq!(sanitize("a\nb"), "a b");
    }
}

/// Markup is read in the first 64 KiB of a field; the rest of a longer one (a pasted dump,
/// not prose) is taken as text. This bounds the parse of hostile input: a megabyte of
/// unclosed links takes pulldown-cmark about 100 ms.
const MARKUP_BYTES: usize = 64 * 1024;

/// Markdown inline text as plain text: emphasis, code and link markup removed, link text kept.
pub fn markdown_to_plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut cut = markdown.len().min(MARKUP_BYTES);
    while !markdown.is_char_boundary(cut) {
        cut -= 1;
    }
    let (markdown, rest) = markdown.split_at(cut);
    let mut out = String::with_capacity(markdown.len() + rest.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => out.push('\n'),
            _ => {}
        }
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

#[cfg(test)]
mod markdown_tests {
    #[test]
    fn strips_inline_markup() {
        assert_eq!(
            super::markdown_to_plain("**RAG** reads *docs*, see [the `guide`](https://x.y)"),
            "RAG reads docs, see the guide"
        );
    }

    #[test]
    fn beyond_64_kib_markup_is_text() {
        let long = format!("**bold** {}", "[a](".repeat(100_000));
        let plain = super::markdown_to_plain(&long);
        assert!(plain.starts_with("bold [a]("));
        assert!(plain.ends_with("[a]([a]("), "the tail is kept as it is");
    }
}

/// The candidates close to `wanted`, closest first (at most `limit`): the same text in
/// another case, one that begins with what was typed (3 characters or more), or one a few
/// edits away (about one edit per four characters, at most three). Compared without
/// regard to case. Nothing merely related is suggested.
pub fn close_matches<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let wanted: Vec<char> = wanted.trim().to_lowercase().chars().collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let budget = (wanted.len() / 4).clamp(1, 3);
    let mut found: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let lower: Vec<char> = c.to_lowercase().chars().collect();
            if lower.len() >= wanted.len() && wanted.len() >= 3 && lower.starts_with(&wanted) {
                return Some((lower.len() - wanted.len(), c));
            }
            if lower.len().abs_diff(wanted.len()) > budget {
                return None;
            }
            let d = edit_distance(&wanted, &lower);
            (d <= budget).then_some((d, c))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    found.dedup_by(|a, b| a.1 == b.1);
    found.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// Levenshtein distance between two character sequences.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            row[j + 1] = substitute.min(prev[j + 1] + 1).min(row[j] + 1);
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod close_tests {
    use super::close_matches;

    #[test]
    fn only_close_names_are_suggested() {
        let names = ["Support Bot", "Evals reading", "Other"];
        assert_eq!(close_matches("support bot", names, 3), vec!["Support Bot"]);
        assert_eq!(close_matches("Suport bot", names, 3), vec!["Support Bot"]);
        assert_eq!(close_matches("eval", names, 3), vec!["Evals reading"]);
        assert!(close_matches("Nope", names, 3).is_empty());
        assert!(
            close_matches("nope-id", ["arik-serving-cost", "rag-vs-fine-tuning"], 3).is_empty()
        );
    }
}
