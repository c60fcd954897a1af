//! Snippets with highlight ranges as byte offsets. No styling here: front ends style them.

use super::tokenize::{analyze, stem_analyzer, word_tokens, words};
use std::collections::HashSet;
use std::ops::Range;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight, sorted and disjoint.
    pub highlights: Vec<Range<usize>>,
}

/// Finds the words a query matched: stemmed terms, or words that start with the prefix.
#[derive(Clone)]
pub struct Highlighter {
    terms: HashSet<String>,
    /// The first letter of each term: a word's stem starts with the word's first letter
    /// lowercased, so only words that start with one of these are stemmed.
    first_letters: Vec<char>,
    prefix: Option<String>,
    analyzer: TextAnalyzer,
}

const ELLIPSIS: &str = "…";

impl Highlighter {
    pub fn new(raw_words: &[String], prefix: Option<&str>) -> Self {
        let mut analyzer = stem_analyzer();
        let terms: Vec<String> = raw_words
            .iter()
            .flat_map(|w| analyze(&mut analyzer, w))
            .map(|(_, t)| t)
            .collect();
        Self::from_stems(&terms, prefix)
    }

    /// Highlights these stems (already analyzed) and words starting with `prefix`.
    pub fn from_stems(stems: &[String], prefix: Option<&str>) -> Self {
        let mut first_letters: Vec<char> = stems.iter().filter_map(|t| t.chars().next()).collect();
        first_letters.sort_unstable();
        first_letters.dedup();
        Self {
            terms: stems.iter().cloned().collect(),
            first_letters,
            prefix: prefix.map(str::to_lowercase).filter(|p| !p.is_empty()),
            analyzer: stem_analyzer(),
        }
    }

    pub fn matches(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        // Stemming every word of a long text is most of the cost: a word is stemmed only
        // when it starts the way a term does (and none is read when there is no term,
        // as for a lone prefix being typed).
        let words_to_check = if self.terms.is_empty() {
            Vec::new()
        } else {
            word_tokens(text)
        };
        for word in words_to_check {
            let starts_like_a_term = word
                .text
                .chars()
                .next()
                .and_then(|c| c.to_lowercase().next())
                .is_some_and(|c| self.first_letters.binary_search(&c).is_ok());
            if !starts_like_a_term {
                continue;
            }
            let mut stream = self.analyzer.token_stream(&word.text);
            while stream.advance() {
                if self.terms.contains(&stream.token().text) {
                    out.push(word.start..word.end);
                }
            }
        }
        if let Some(prefix) = &self.prefix {
            out.extend(
                words(text)
                    .filter(|(_, w)| starts_with_lowercased(w, prefix))
                    .map(|(s, w)| s..s + w.len()),
            );
        }
        out.sort_by_key(|r| (r.start, r.end));
        out.dedup_by(|b, a| b.start < a.end);
        out
    }

    /// Cuts a window of about `max_chars` around the first match.
    pub fn snippet(&mut self, text: &str, max_chars: usize) -> Snippet {
        let matches = self.matches(text);
        cut(text, &matches, max_chars)
    }
}

/// Whether `word`, lowercased, starts with `prefix` (lowercase): without a lowercased
/// copy of every word of every snippet.
fn starts_with_lowercased(word: &str, prefix: &str) -> bool {
    let mut lowered = word.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| lowered.next() == Some(p))
}

/// Cuts `text` to a window of about `max_chars` characters that starts a little before the
/// first highlight, on a word boundary, and shifts the highlights into it.
pub fn cut(text: &str, matches: &[Range<usize>], max_chars: usize) -> Snippet {
    let lead = max_chars / 4;
    let first = matches.first().map_or(0, |r| r.start);
    let mut start = if text[..first].chars().count() > lead {
        let back: usize = text[..first]
            .chars()
            .rev()
            .take(lead)
            .map(char::len_utf8)
            .sum();
        first - back
    } else {
        0
    };
    if start > 0
        && let Some(space) = text[start..first].find(char::is_whitespace)
    {
        start += space + 1;
    }
    let len: usize = text[start..]
        .chars()
        .take(max_chars)
        .map(char::len_utf8)
        .sum();
    let mut end = start + len;
    if end < text.len()
        && let Some(space) = text[start..end].rfind(char::is_whitespace)
        && space > len / 2
    {
        end = start + space;
    }
    let prefix = if start > 0 { ELLIPSIS } else { "" };
    let mut out = String::with_capacity(end - start + 8);
    out.push_str(prefix);
    out.push_str(text[start..end].trim_end());
    let body_end = out.len();
    if end < text.len() {
        out.push_str(ELLIPSIS);
    }
    let shift = prefix.len();
    let highlights = matches
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + shift..(r.end - start + shift).min(body_end))
        .filter(|r| r.start < r.end)
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

/// Edit distance (insert, delete, substitute) between two words, in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_stemmed_words_and_prefixes() {
        let mut h = Highlighter::new(&["retrain".to_string()], Some("chunk"));
        let text = "Retraining is slow; chunking is cheap.";
        let s = h.snippet(text, 200);
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["Retraining", "chunking"]);
    }

    #[test]
    fn skipping_words_by_first_letter_highlights_what_stemming_every_word_does() {
        let texts = [
            "Yearly re-embedding of Ünïcode skies: dying lying tying, the news of atlases.",
            "Fine-tuning vs fine tuning vs finetuning; Retrieval-Augmented generation, retrievers.",
            "ÉTAT des lieux — İstanbul, ıdea, ÅNGSTRÖM 42x 7-step state-of-the-art.",
        ];
        for text in texts {
            let mut everything = stem_analyzer();
            let all: Vec<(Range<usize>, String)> = analyze(&mut everything, text);
            let stems: Vec<String> = all.iter().map(|(_, t)| t.clone()).collect();
            // Every stem of the text, as query terms: each word must be found.
            let mut h = Highlighter::from_stems(&stems, None);
            let mut expected: Vec<Range<usize>> = all.into_iter().map(|(r, _)| r).collect();
            expected.sort_by_key(|r| (r.start, r.end));
            expected.dedup_by(|b, a| b.start < a.end);
            assert_eq!(h.matches(text), expected, "{text}");
            for (range, stem) in analyze(&mut stem_analyzer(), text) {
                let word_first = text[range].chars().flat_map(char::to_lowercase).next();
                assert_eq!(stem.chars().next(), word_first, "{stem}");
            }
        }
    }

    #[test]
    fn long_text_is_cut_around_the_match_on_char_boundaries() {
        let text = format!("{} needle {}", "漢字 ".repeat(100), "tail ".repeat(100));
        let mut h = Highlighter::new(&["needle".to_string()], None);
        let s = h.snippet(&text, 60);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(&s.text[s.highlights[0].clone()], "needle");
    }

    #[test]
    fn prefixes_match_words_in_any_case() {
        assert!(starts_with_lowercased("Chunking", "chunk"));
        assert!(starts_with_lowercased("ÉTAT", "éta"));
        assert!(starts_with_lowercased("rag", ""));
        assert!(!starts_with_lowercased("ch", "chunk"));
        assert!(!starts_with_lowercased("Retrieval", "ret1"));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("chunkng", "chunking"), 1);
        assert_eq!(levenshtein("rag", "rag"), 0);
        assert_eq!(levenshtein("", "ab"), 2);
    }
}
