//! English stemming with a memory of the words already stemmed. A library's words follow
//! a steep curve (a few thousand make up most of its text), so nearly every word an index
//! build meets was stemmed before: a table lookup replaces running the Snowball algorithm
//! on it again. Same stems as tantivy's `Stemmer` filter (the same algorithm, from the
//! same crate); each analyzer clone (one per indexing thread) keeps its own table.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Past this many words the table is emptied and starts again: a bound on its memory
/// (about 2 MB) for text of unusual variety, far above a real library's common words.
const REMEMBERED_WORDS: usize = 32_768;
/// Longer words are stemmed every time: they are rare and would crowd the table.
const REMEMBERED_BYTES: usize = 24;

/// The filter: English stems, remembered.
#[derive(Clone, Copy, Default)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: FxHashMap::default(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    /// Word (lowercased, as it comes) → its stem.
    stems: FxHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut FxHashMap<String, String>,
}

/// The Snowball English stem of a lowercased word.
fn english_stem(word: &str) -> std::borrow::Cow<'_, str> {
    frostem::Stemmer::new(frostem::Algorithm::English).stem(word)
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = english_stem(&token.text).into_owned();
        if token.text.len() <= REMEMBERED_BYTES {
            if self.stems.len() >= REMEMBERED_WORDS {
                self.stems.clear();
            }
            self.stems
                .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        } else {
            token.text = stem;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn stems_of(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn remembered_stems_are_tantivys_stems() {
        let text = "Running runners ran; retrieval retrieving retrieved RETRIEVAL \
                    embeddings embedding embedded generalization generalizations \
                    internationalizationalizationally running";
        let mut tantivy_stems = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let expected = stems_of(&mut tantivy_stems, text);
        // Twice: the second pass is answered from the table.
        assert_eq!(stems_of(&mut cached, text), expected);
        assert_eq!(stems_of(&mut cached, text), expected);
        assert_eq!(expected[0], "run");
    }

    #[test]
    fn a_full_table_starts_again_without_changing_a_stem() {
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedEnglishStemmer)
            .build();
        let words: Vec<String> = (0..REMEMBERED_WORDS + 10)
            .map(|i| format!("w{i}ings"))
            .collect();
        let stems = stems_of(&mut cached, &words.join(" "));
        assert_eq!(stems.len(), words.len());
        assert_eq!(
            stems[REMEMBERED_WORDS + 5],
            format!("w{}ing", REMEMBERED_WORDS + 5)
        );
        assert_eq!(stems_of(&mut cached, "runnings"), ["run"]);
    }
}
