//! The index's vocabulary, as the query plan asks about it: which stems and prefixes
//! exist, and the closest known word to a misspelled one.

use super::index::SearchIndex;
use super::near::{WithinEdits, osa_distance};
use super::plan::Dictionary;
use super::tokenize::prefix_term;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// How a correction candidate ranks: fewest edits, then the length closest to what was
/// typed, then the most documents.
type Rank = (usize, usize, std::cmp::Reverse<u64>);

/// The index's vocabulary, as the query plan asks about it.
pub struct Vocabulary<'a> {
    index: &'a SearchIndex,
    searcher: &'a Searcher,
}

impl<'a> Vocabulary<'a> {
    pub fn new(index: &'a SearchIndex, searcher: &'a Searcher) -> Self {
        Vocabulary { index, searcher }
    }

    fn doc_freq(&self, field: Field, text: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(field, text))
            .unwrap_or(0)
    }

    fn is_word(&self, word: &str) -> bool {
        let mut analyzer = super::tokenize::stem_analyzer();
        self.has_stem(&super::synonyms::stem_word(&mut analyzer, word))
    }
}

impl Dictionary for Vocabulary<'_> {
    fn has_stem(&self, stem: &str) -> bool {
        let f = &self.index.fields;
        [f.name, f.quote, f.lead, f.topics, f.who, f.body, f.about]
            .into_iter()
            .any(|field| self.doc_freq(field, stem) > 0)
    }

    fn has_prefix(&self, prefix: &str) -> bool {
        self.doc_freq(self.index.fields.prefix, prefix) > 0
    }

    /// Walks the edge-n-gram terms that start with the word's first letter (a typo in the
    /// first letter is rare) and are within reach of it ([`WithinEdits`]): fewest edits,
    /// then the length closest to what was typed, then the most documents.
    fn closest(&self, word: &str, as_prefix: bool) -> Option<String> {
        let word = prefix_term(word);
        let first = word.chars().next()?;
        let len = word.chars().count();
        let max = super::correct::max_edits(&word);
        let mut next = first.to_string();
        next.push(char::MAX);
        let within = WithinEdits::new(&word, max);
        let mut best: Option<(Rank, String)> = None;
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.index.fields.prefix) else {
                continue;
            };
            let Ok(mut stream) = inverted
                .terms()
                .search(&within)
                .ge(first.to_string().as_bytes())
                .lt(next.as_bytes())
                .into_stream()
            else {
                continue;
            };
            while stream.advance() {
                let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                // The walk yields only terms within `max` edits; the word itself is no
                // correction.
                let edits = osa_distance(&word, candidate);
                if edits == 0 {
                    continue;
                }
                let key = (
                    edits,
                    candidate.chars().count().abs_diff(len),
                    std::cmp::Reverse(u64::from(stream.value().doc_freq)),
                );
                if best.as_ref().is_some_and(|(k, _)| *k <= key) {
                    continue;
                }
                if !as_prefix && !self.is_word(candidate) {
                    continue;
                }
                best = Some((key, candidate.to_string()));
            }
        }
        best.map(|(_, c)| c)
    }
}
