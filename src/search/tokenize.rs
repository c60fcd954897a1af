//! Analyzers: stemmed words for ranking, and word edge n-grams for prefixes. Both also
//! emit the joined form of hyphenated compounds ("fine-tuning" gives "fine", "tuning" and
//! "finetuning"), so hyphenated, spaced and joined spellings meet.

use super::stopwords::as_stopword;
use tantivy::Index;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

pub const STEM_TOKENIZER: &str = "dossier_stem";
pub const EDGE_TOKENIZER: &str = "dossier_edge";
pub const GRAM_TOKENIZER: &str = "dossier_gram";

/// Prefixes longer than this are cut to it, at index and query time alike.
pub const MAX_PREFIX_CHARS: usize = 16;

pub fn register(index: &Index) {
    index.tokenizers().register(STEM_TOKENIZER, stem_analyzer());
    index.tokenizers().register(
        EDGE_TOKENIZER,
        TextAnalyzer::from(EdgeNgramTokenizer::default()),
    );
    index.tokenizers().register(
        GRAM_TOKENIZER,
        TextAnalyzer::from(StopGramTokenizer::default()),
    );
}

/// Two neighbouring stopwords as one term ("of the"), the way the grams field stores
/// them: lowercased, one space between.
pub fn stop_gram(a: &str, b: &str) -> Option<String> {
    Some(format!("{} {}", as_stopword(a)?, as_stopword(b)?))
}

/// Every pair of neighbouring stopwords, as one term at the first one's position. A
/// phrase of stopwords only (`"of the"`) is looked up as these few terms instead of
/// checking the positions of two words that most documents hold (common grams).
#[derive(Clone, Default)]
pub struct StopGramTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for StopGramTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        // The word before, when it is a stopword: where it starts, and as listed.
        let mut previous: Option<(usize, &str)> = None;
        for (position, (start, word)) in words(text).enumerate() {
            let stop = as_stopword(word);
            if let (Some((from, before)), Some(this)) = (previous, stop) {
                self.tokens.push(Token {
                    offset_from: from,
                    offset_to: start + word.len(),
                    position: position - 1,
                    text: format!("{before} {this}"),
                    position_length: 1,
                });
            }
            previous = stop.map(|s| (start, s));
        }
        VecTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

pub fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(CompoundTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Words: alphanumeric runs, the way `SimpleTokenizer` splits.
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

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// A word of `text` as the analyzers see it: its byte range and position. Joined
/// compounds share the position of their first part, so phrases still match the parts.
#[derive(Debug, PartialEq, Eq)]
pub struct WordToken<'a> {
    pub start: usize,
    pub end: usize,
    pub position: usize,
    /// The word itself, or for a compound its parts joined without hyphens.
    pub text: std::borrow::Cow<'a, str>,
}

/// Every word, and after the first part of each hyphenated compound ("fine-tuning",
/// "re-embed", "state-of-the-art") the whole compound joined.
pub fn word_tokens(text: &str) -> Vec<WordToken<'_>> {
    let parts: Vec<(usize, &str)> = words(text).collect();
    let mut out = Vec::with_capacity(parts.len() + 2);
    let mut i = 0;
    while i < parts.len() {
        let (start, word) = parts[i];
        out.push(WordToken {
            start,
            end: start + word.len(),
            position: i,
            text: word.into(),
        });
        // Does a compound start here? (Only at a word not itself inside one.)
        let continues_previous =
            i > 0 && is_hyphen(&text[parts[i - 1].0 + parts[i - 1].1.len()..start]);
        if !continues_previous {
            let mut last = i;
            while last + 1 < parts.len()
                && is_hyphen(&text[parts[last].0 + parts[last].1.len()..parts[last + 1].0])
            {
                last += 1;
            }
            if last > i {
                let joined: String = parts[i..=last].iter().map(|(_, w)| *w).collect();
                out.push(WordToken {
                    start,
                    end: parts[last].0 + parts[last].1.len(),
                    position: i,
                    text: joined.into(),
                });
            }
        }
        i += 1;
    }
    out
}

/// Words and joined compounds, unchanged (filters lowercase and stem them).
#[derive(Clone, Default)]
pub struct CompoundTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for CompoundTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        for w in word_tokens(text) {
            self.tokens.push(Token {
                offset_from: w.start,
                offset_to: w.end,
                position: w.position,
                text: w.text.into_owned(),
                position_length: 1,
            });
        }
        VecTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// The prefix of `word` that the edge field stores: lowercased, at most `MAX_PREFIX_CHARS`.
pub fn prefix_term(word: &str) -> String {
    word.to_lowercase().chars().take(MAX_PREFIX_CHARS).collect()
}

/// Emits every prefix (1..=MAX_PREFIX_CHARS chars) of every word and joined compound,
/// lowercased. Most of the index's terms are these: one token is reused for all of them
/// rather than a string made for each.
#[derive(Clone, Default)]
pub struct EdgeNgramTokenizer {
    token: Token,
}

/// Tokens prepared in a vector, handed out in order.
pub struct VecTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for EdgeNgramTokenizer {
    type TokenStream<'a> = EdgeNgramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EdgeNgramStream<'a> {
        EdgeNgramStream {
            words: word_tokens(text),
            next_word: 0,
            lower: String::new(),
            ends: Vec::with_capacity(MAX_PREFIX_CHARS),
            emitted: 0,
            token: &mut self.token,
        }
    }
}

/// The prefixes of one word after another.
pub struct EdgeNgramStream<'a> {
    words: Vec<WordToken<'a>>,
    next_word: usize,
    /// The current word, lowercased, and the byte end of each of its prefixes.
    lower: String,
    ends: Vec<usize>,
    emitted: usize,
    token: &'a mut Token,
}

impl TokenStream for EdgeNgramStream<'_> {
    fn advance(&mut self) -> bool {
        while self.emitted == self.ends.len() {
            let Some(w) = self.words.get(self.next_word) else {
                return false;
            };
            self.next_word += 1;
            self.lower = w.text.to_lowercase();
            self.ends.clear();
            self.ends.extend(
                self.lower
                    .char_indices()
                    .take(MAX_PREFIX_CHARS)
                    .map(|(at, c)| at + c.len_utf8()),
            );
            self.emitted = 0;
            self.token.offset_from = w.start;
            self.token.offset_to = w.end;
            self.token.position = w.position;
            self.token.position_length = 1;
        }
        self.token.text.clear();
        self.token
            .text
            .push_str(&self.lower[..self.ends[self.emitted]]);
        self.emitted += 1;
        true
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl TokenStream for VecTokenStream<'_> {
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

/// The stemmed terms of `text`, in order (joined compounds included).
#[cfg(test)]
pub fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    analyze(analyzer, text)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_ngrams_cover_every_word_prefix_and_joined_compounds() {
        let mut a = TextAnalyzer::from(EdgeNgramTokenizer::default());
        let terms: Vec<String> = analyze(&mut a, "RAG, fine-tune")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            terms,
            [
                "r", "ra", "rag", "f", "fi", "fin", "fine", "f", "fi", "fin", "fine", "finet",
                "finetu", "finetun", "finetune", "t", "tu", "tun", "tune"
            ]
        );
    }

    #[test]
    fn neighbouring_stopwords_make_grams_at_the_first_ones_position() {
        let mut a = TextAnalyzer::from(StopGramTokenizer::default());
        let mut stream = a.token_stream("Most of the time, it is in a cache");
        let mut grams = Vec::new();
        while stream.advance() {
            grams.push((stream.token().text.clone(), stream.token().position));
        }
        assert_eq!(
            grams,
            [
                ("of the".to_string(), 1),
                ("it is".to_string(), 4),
                ("is in".to_string(), 5),
                ("in a".to_string(), 6)
            ]
        );
    }

    #[test]
    fn words_split_on_non_alphanumerics() {
        let w: Vec<_> = words("re-embed: 漢字 ok").collect();
        assert_eq!(w, [(0, "re"), (3, "embed"), (10, "漢字"), (17, "ok")]);
    }

    #[test]
    fn hyphenated_spaced_and_joined_spellings_share_stems() {
        let mut a = stem_analyzer();
        assert_eq!(stems(&mut a, "fine-tuning"), ["fine", "finetun", "tune"]);
        assert_eq!(stems(&mut a, "finetuning"), ["finetun"]);
        assert_eq!(stems(&mut a, "finetune"), ["finetun"]);
        assert_eq!(stems(&mut a, "Re-embedding"), ["re", "reembed", "embed"]);
        assert_eq!(stems(&mut a, "reembedding"), ["reembed"]);
        // A hyphen with spaces around it joins nothing.
        assert_eq!(stems(&mut a, "rag - tuning"), ["rag", "tune"]);
    }

    #[test]
    fn compounds_keep_the_first_parts_position_and_span() {
        let t = word_tokens("state-of-the-art search");
        let joined = t.iter().find(|w| w.text == "stateoftheart").unwrap();
        assert_eq!((joined.start, joined.end, joined.position), (0, 16, 0));
        assert_eq!(t.last().unwrap().position, 4);
    }
}
