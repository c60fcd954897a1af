//! Display sanitizing: text from the corpus or the user never reaches a terminal as a
//! control sequence. Controls and bidi overrides become visible stand-ins.

use std::borrow::Cow;

/// True for characters that must never be written to a terminal as they are.
fn is_dangerous(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{2028}' | '\u{2029}')
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
    if !text.chars().any(is_dangerous) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            c if is_dangerous(c) => stand_in(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], but keeps line breaks (`\n`; a `\r\n` pair becomes `\n`).
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_dangerous(c)) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            c if is_dangerous(c) => stand_in(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_become_visible() {
        let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{1b}[2Jc\u{202E}d\re\u{85}";
        let clean = sanitize(hostile);
        assert_eq!(clean, "a␛]52;c;ZXZpbA==␇b␛[2Jc<U+202E>d␍e<U+0085>");
        assert!(!clean.chars().any(is_dangerous));
        assert_eq!(sanitize(&clean), clean);
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(sanitize_multiline("a\r\nb\u{1b}c"), "a\nb␛c");
        assert_eq!(sanitize("a\nb"), "a b");
    }
}

/// Markdown inline text as plain text: emphasis, code and link markup removed, link text kept.
pub fn markdown_to_plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
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
}
