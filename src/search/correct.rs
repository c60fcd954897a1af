//! The typo fallback: only words the index does not know, longer than 3 letters, are
//! corrected; a word with no close known word is dropped and named.

use super::plan::{Dictionary, Plan, Word};
use super::synonyms::{Synonyms, stem_word};
use super::tokenize::prefix_term;

/// Replaces misspelled words (not known, longer than 3 characters) by the closest known
/// word; drops words that match nothing and have no close word.
pub(super) fn correct(
    seq: &mut Vec<Word>,
    plan: &mut Plan,
    synonyms: &Synonyms,
    dict: &dyn Dictionary,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) {
    let mut keep = Vec::with_capacity(seq.len());
    for (i, w) in seq.iter().enumerate() {
        let in_compound = seq
            .iter()
            .enumerate()
            .any(|(j, o)| j != i && o.token == w.token);
        let stem_known = dict.has_stem(&w.stem) || synonyms.knows(&w.stem);
        let surface_known = dict.has_prefix(&prefix_term(&w.text));
        let known = w.stop
            || in_compound
            || (stem_known && (surface_known || w.text.chars().count() <= 3))
            || (w.prefix && surface_known);
        if known {
            keep.push(w.clone());
            continue;
        }
        // A finished word that only starts known words ("zebraf "): read it as a prefix
        // rather than as a misspelling.
        if surface_known && !stem_known {
            keep.push(Word {
                prefix: true,
                ..w.clone()
            });
            continue;
        }
        // Stemming can hide a misspelling ("finetunning" stems like "finetuning"): the
        // results are right, but say which word it is when one differs mid-word.
        if stem_known {
            if let Some(c) = dict
                .closest(&w.text, false)
                .filter(|c| stem_word(analyzer, c) == w.stem && differs_mid_word(&w.text, c))
            {
                plan.corrections.push((w.text.clone(), c));
            }
            keep.push(w.clone());
            continue;
        }
        // A word being typed that only a synonym starts with ("hallu"): complete it.
        if w.prefix
            && let Some(full) = synonyms.single_words().find(|s| s.starts_with(&w.text))
        {
            keep.push(Word {
                stem: stem_word(analyzer, full),
                text: full.to_string(),
                prefix: false,
                ..w.clone()
            });
            continue;
        }
        let fixed = if w.text.chars().count() > 3 {
            dict.closest(&w.text, w.prefix)
                .or_else(|| closest_synonym(&w.text, synonyms))
        } else {
            None
        };
        match fixed {
            Some(c) => {
                plan.corrections.push((w.text.clone(), c.clone()));
                keep.push(Word {
                    stem: stem_word(analyzer, &c),
                    text: c,
                    ..w.clone()
                });
            }
            None => plan.unmatched.push(w.text.clone()),
        }
    }
    *seq = keep;
}

/// True when two spellings part before their last two letters: a typo ("finetunning"),
/// not an ending ("tuned" and "tune").
pub(super) fn differs_mid_word(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common + 2 < a.chars().count().min(b.chars().count())
}

fn closest_synonym(word: &str, synonyms: &Synonyms) -> Option<String> {
    synonyms
        .single_words()
        .map(|s| (super::snippet::levenshtein(word, s), s))
        .filter(|(d, s)| *d <= max_edits(word) && s.chars().next() == word.chars().next())
        .min_by_key(|(d, s)| (*d, s.len()))
        .map(|(_, s)| s.to_string())
}

/// How many edits a correction may make to a word of this length.
pub fn max_edits(word: &str) -> usize {
    if word.chars().count() <= 5 { 1 } else { 2 }
}
