//! The query language: free words (all must match), `"phrases"`, a prefix match on the
//! last word while typing, and field filters. Parsing never fails: whatever cannot be
//! read as syntax is read as words.

/// Fields a query can filter on, as `field:value` or `field:"a value"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterField {
    Speaker,
    Source,
    Topic,
    Kind,
    Page,
    Type,
    Theme,
    Stance,
}

impl FilterField {
    pub const ALL: &'static [(&'static str, FilterField)] = &[
        ("speaker", FilterField::Speaker),
        ("source", FilterField::Source),
        ("topic", FilterField::Topic),
        ("kind", FilterField::Kind),
        ("page", FilterField::Page),
        ("type", FilterField::Type),
        ("theme", FilterField::Theme),
        ("stance", FilterField::Stance),
    ];

    fn parse(name: &str) -> Option<FilterField> {
        Self::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, f)| *f)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Complete words, as typed.
    pub words: Vec<String>,
    /// Quoted phrases, as typed (without quotes).
    pub phrases: Vec<String>,
    /// The last word while it is still being typed (no space after it yet).
    pub prefix: Option<String>,
    pub filters: Vec<(FilterField, String)>,
    /// `name:value` where `name` is no filter: the value is searched as words, and the
    /// name is reported.
    pub unknown_filters: Vec<String>,
}

impl ParsedQuery {
    /// True when there is nothing to match on text (filters alone may remain).
    pub fn has_text(&self) -> bool {
        !self.words.is_empty() || !self.phrases.is_empty() || self.prefix.is_some()
    }
    pub fn is_empty(&self) -> bool {
        !self.has_text() && self.filters.is_empty()
    }
}

/// Reads a quoted run starting after an opening `"`; an unclosed quote runs to the end.
fn read_quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut out = String::new();
    for c in chars.by_ref() {
        if c == '"' {
            break;
        }
        out.push(c);
    }
    out
}

/// A word before `:` that a user may have meant as a filter (not `https` or a time).
fn looks_like_a_filter_name(token: &str) -> bool {
    (2..=12).contains(&token.len())
        && token.chars().all(|c| c.is_ascii_alphabetic())
        && !token.eq_ignore_ascii_case("http")
        && !token.eq_ignore_ascii_case("https")
}

pub fn parse(input: &str) -> ParsedQuery {
    let mut q = ParsedQuery::default();
    let mut chars = input.chars().peekable();
    let mut last_bare: Option<String> = None;
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        if first == '"' {
            chars.next();
            let phrase = read_quoted(&mut chars);
            if let Some(prev) = last_bare.take() {
                q.words.push(prev);
            }
            if !phrase.trim().is_empty() {
                q.phrases.push(phrase.trim().to_string());
            }
            continue;
        }
        let mut token = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == ':'
                && let Some(field) = FilterField::parse(&token)
            {
                let value = if chars.peek() == Some(&'"') {
                    chars.next();
                    read_quoted(&mut chars)
                } else {
                    let mut v = String::new();
                    while let Some(&c) = chars.peek() {
                        if c.is_whitespace() {
                            break;
                        }
                        v.push(c);
                        chars.next();
                    }
                    v
                };
                if !value.trim().is_empty() {
                    q.filters.push((field, value.trim().to_string()));
                }
                token.clear();
                break;
            }
            if c == ':'
                && looks_like_a_filter_name(&token)
                && chars
                    .peek()
                    .is_some_and(|n| !n.is_whitespace() && *n != '/')
            {
                q.unknown_filters.push(token.to_lowercase());
            }
            token.push(c);
        }
        if let Some(prev) = last_bare.take() {
            q.words.push(prev);
        }
        if !token.is_empty() {
            last_bare = Some(token);
        }
    }
    if let Some(last) = last_bare {
        if input.ends_with(char::is_whitespace) {
            q.words.push(last);
        } else {
            q.prefix = Some(last);
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_phrases_prefix_and_filters() {
        let q = parse(r#"rag "fresh index" speaker:"Meryem Arik" type:clip chunk"#);
        assert_eq!(q.words, ["rag"]);
        assert_eq!(q.phrases, ["fresh index"]);
        assert_eq!(q.prefix.as_deref(), Some("chunk"));
        assert_eq!(
            q.filters,
            [
                (FilterField::Speaker, "Meryem Arik".to_string()),
                (FilterField::Type, "clip".to_string())
            ]
        );
    }

    #[test]
    fn a_trailing_space_completes_the_last_word() {
        let q = parse("chunking ");
        assert_eq!(q.words, ["chunking"]);
        assert_eq!(q.prefix, None);
    }

    #[test]
    fn malformed_input_becomes_words() {
        let q = parse(r#"unknown:field "unclosed phrase"#);
        assert_eq!(q.words, ["unknown:field"]);
        assert_eq!(q.unknown_filters, ["unknown"]);
        assert!(parse("https://example.com").unknown_filters.is_empty());
        assert_eq!(q.prefix, None);
        assert_eq!(q.phrases, ["unclosed phrase"]);
        assert_eq!(parse("speaker:").filters, []);
        assert!(parse("   ").is_empty());
    }
}
