//! Analyzers: stemmed words for ranking, and word edge n-grams for prefixes.

use tantivy::Index;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

pub const STEM_TOKENIZER: &str = "dossier_stem";
pub const EDGE_TOKENIZER: &str = "dossier_edge";

/// Prefixes longer than this are cut to it, at index and query time alike.
pub const MAX_PREFIX_CHARS: usize = 16;

pub fn register(index: &Index) {
    index.tokenizers().register(STEM_TOKENIZER, stem_analyzer());
    index.tokenizers().register(
        EDGE_TOKENIZER,
        TextAnalyzer::from(EdgeNgramTokenizer::default()),
    );
}

pub fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Lowercased words: alphanumeric runs, the way `SimpleTokenizer` splits.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.char_indices()
        .filter(|(i, c)| {
            c.is_alphanumeric()
                && !text[..*i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        })
        .map(move |(start, _)| {
            let end = text[start..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(text.len(), |e| start + e);
            (start, &text[start..end])
        })
}

/// The prefix of `word` that the edge field stores: lowercased, at most `MAX_PREFIX_CHARS`.
pub fn prefix_term(word: &str) -> String {
    word.to_lowercase().chars().take(MAX_PREFIX_CHARS).collect()
}

/// Emits every prefix (1..=MAX_PREFIX_CHARS chars) of every word, lowercased.
#[derive(Clone, Default)]
pub struct EdgeNgramTokenizer {
    tokens: Vec<Token>,
}

pub struct EdgeNgramStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for EdgeNgramTokenizer {
    type TokenStream<'a> = EdgeNgramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EdgeNgramStream<'a> {
        self.tokens.clear();
        for (position, (start, word)) in words(text).enumerate() {
            let lower = word.to_lowercase();
            let mut prefix = String::new();
            for c in lower.chars().take(MAX_PREFIX_CHARS) {
                prefix.push(c);
                self.tokens.push(Token {
                    offset_from: start,
                    offset_to: start + word.len(),
                    position,
                    text: prefix.clone(),
                    position_length: 1,
                });
            }
        }
        EdgeNgramStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for EdgeNgramStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Runs an analyzer over `text`: (byte range, term) for every token.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from..t.offset_to, t.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_ngrams_cover_every_word_prefix() {
        let mut a = TextAnalyzer::from(EdgeNgramTokenizer::default());
        let terms: Vec<String> = analyze(&mut a, "RAG, fine-tuning")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            terms,
            [
                "r", "ra", "rag", "f", "fi", "fin", "fine", "t", "tu", "tun", "tuni", "tunin",
                "tuning"
            ]
        );
    }

    #[test]
    fn words_split_on_non_alphanumerics() {
        let w: Vec<_> = words("re-embed: 漢字 ok").collect();
        assert_eq!(w, [(0, "re"), (3, "embed"), (10, "漢字"), (17, "ok")]);
    }
}
