//! From a parsed query to what must and may match: the words as units (a word, a
//! hyphenated or joined compound, a synonym group's member), typo corrections, and words
//! that match nothing. Pure: the index is reached only through [`Dictionary`].

use super::query::ParsedQuery;
use super::stopwords::is_stopword;
use super::synonyms::{Synonyms, stem_word, word_stems};
use super::tokenize::{prefix_term, stem_analyzer, stop_gram, word_tokens, words};

/// What the plan asks of the index's vocabulary.
pub trait Dictionary {
    /// Some searched text holds a word with this stem.
    fn has_stem(&self, stem: &str) -> bool;
    /// Some searched word starts with this (lowercased, cut) prefix.
    fn has_prefix(&self, prefix: &str) -> bool;
    /// The closest known word (or, for a prefix, the closest known prefix) within a small
    /// edit distance, lowercased.
    fn closest(&self, word: &str, as_prefix: bool) -> Option<String>;
}

/// One way a unit can match: a single stemmed term, or a phrase of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub stems: Vec<String>,
    /// 1 for what was typed; less for synonyms.
    pub weight: f32,
}

/// Something the query asks for that a document matches or not as a whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// As typed (after correction), for messages.
    pub typed: String,
    pub alternatives: Vec<Alternative>,
    /// An edge-n-gram term: the last word, still being typed.
    pub prefix: Option<String>,
    /// Ranks documents that match it higher, but is never required and does not count
    /// as a word matched: a synonym of words that are all stopwords ("what is" →
    /// definition).
    pub bonus: bool,
}

impl Unit {
    /// A prefix of one or two letters that is no known word: too wide to stand alone
    /// when documents may match some of the words only.
    pub fn is_short_prefix(&self) -> bool {
        self.prefix.as_ref().is_some_and(|p| p.chars().count() < 3)
    }
}

/// A quoted phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub stems: Vec<String>,
    /// For a phrase of stopwords only, its neighbouring pairs as the grams field holds
    /// them; otherwise empty.
    pub grams: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub units: Vec<Unit>,
    /// Quoted phrases: always required, stopwords included.
    pub phrases: Vec<Phrase>,
    /// (as typed, corrected) for each word the typo fallback changed.
    pub corrections: Vec<(String, String)>,
    /// Words that match nothing and have no close word: dropped, and said so.
    pub unmatched: Vec<String>,
    /// Stems to highlight (every alternative and phrase) and the prefix being typed.
    pub highlight: Vec<String>,
    pub highlight_prefix: Option<String>,
    /// Neighbouring words of the query ("house style", "wrong answers"): documents that
    /// also write them close together rank higher.
    pub near: Vec<[String; 2]>,
}

pub const SYNONYM_WEIGHT: f32 = 0.6;

/// A word of the query as typed.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub(super) text: String,
    pub(super) stem: String,
    pub(super) stop: bool,
    /// The last word, still being typed.
    pub(super) prefix: bool,
    /// Index of the typed token (a run without spaces) it came from.
    pub(super) token: usize,
}

pub fn build(parsed: &ParsedQuery, synonyms: &Synonyms, dict: &dyn Dictionary) -> Plan {
    let mut analyzer = stem_analyzer();
    let mut plan = Plan::default();
    let mut tokens: Vec<(&str, bool)> = parsed.words.iter().map(|w| (w.as_str(), false)).collect();
    if let Some(p) = &parsed.prefix {
        tokens.push((p, true));
    }
    let mut seq: Vec<Word> = Vec::new();
    for (t, (token, is_prefix)) in tokens.iter().enumerate() {
        let parts: Vec<&str> = words(token).map(|(_, w)| w).collect();
        for (i, part) in parts.iter().enumerate() {
            let lower = part.to_lowercase();
            seq.push(Word {
                stem: stem_word(&mut analyzer, part),
                stop: is_stopword(&lower),
                prefix: *is_prefix && i + 1 == parts.len(),
                text: lower,
                token: t,
            });
        }
    }
    if seq.iter().all(|w| w.stop) {
        // "the", "of the": nothing else to go on, so the stopwords are the query.
        for w in &mut seq {
            w.stop = false;
        }
    }
    super::correct::correct(&mut seq, &mut plan, synonyms, dict, &mut analyzer);
    let stems: Vec<String> = seq.iter().map(|w| w.stem.clone()).collect();
    let mut i = 0;
    while i < seq.len() {
        let (unit, used) = unit_at(&seq, &stems, i, synonyms, dict, &mut analyzer);
        if let Some(unit) = unit {
            plan.units.push(unit);
        }
        i += used.max(1);
    }
    for phrase in &parsed.phrases {
        let stems = word_stems(&mut analyzer, phrase);
        if !stems.is_empty() {
            let typed: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
            let grams: Option<Vec<String>> = typed
                .windows(2)
                .map(|pair| stop_gram(pair[0], pair[1]))
                .collect();
            plan.phrases.push(Phrase {
                stems,
                grams: grams.unwrap_or_default(),
            });
        }
    }
    let single = |u: &Unit| match u.alternatives.first() {
        Some(a) if a.stems.len() == 1 && !u.bonus => Some(a.stems[0].clone()),
        _ => None,
    };
    plan.near = plan
        .units
        .windows(2)
        .filter_map(|pair| Some([single(&pair[0])?, single(&pair[1])?]))
        .collect();
    for unit in &plan.units {
        for alt in &unit.alternatives {
            plan.highlight.extend(alt.stems.iter().cloned());
        }
    }
    plan.highlight
        .extend(plan.phrases.iter().flat_map(|p| p.stems.iter().cloned()));
    plan.highlight_prefix = seq
        .last()
        .filter(|w| w.prefix && !w.stop)
        .map(|w| w.text.clone());
    plan
}

/// The unit starting at `seq[i]`, and how many words it covers.
fn unit_at(
    seq: &[Word],
    stems: &[String],
    i: usize,
    synonyms: &Synonyms,
    dict: &dyn Dictionary,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> (Option<Unit>, usize) {
    let w = &seq[i];
    // A synonym group's member ("up to date", "llm"), stopwords included.
    if let Some((len, g, m)) = synonyms.longest_match(stems, i)
        && !(len == 1 && w.stop)
    {
        let span = &seq[i..i + len];
        let bonus = span.iter().all(|w| w.stop);
        let mut alternatives = Vec::new();
        if !bonus {
            alternatives.push(Alternative {
                stems: stems[i..i + len].to_vec(),
                weight: 1.0,
            });
        }
        alternatives.extend(synonyms.others(g, m).map(|o| Alternative {
            stems: o.stems.clone(),
            weight: SYNONYM_WEIGHT,
        }));
        let last = &span[len - 1];
        let unit = Unit {
            typed: typed(span),
            alternatives,
            prefix: (len == 1 && last.prefix && !bonus).then(|| prefix_term(&last.text)),
            bonus,
        };
        return (Some(unit), len);
    }
    // A hyphenated compound as typed ("fine-tune"): its parts in order, or joined.
    let compound_len = seq[i..].iter().take_while(|o| o.token == w.token).count();
    let starts_token = i == 0 || seq[i - 1].token != w.token;
    if starts_token && compound_len > 1 {
        let span = &seq[i..i + compound_len];
        return (Some(joined_unit(span, stems, i, analyzer)), compound_len);
    }
    if w.stop {
        return (None, 1);
    }
    // Two words that the corpus also writes as one ("fine tuning" and "finetuning").
    if let Some(next) = seq.get(i + 1)
        && !next.stop
        && next.token != w.token
        && dict.has_stem(&stem_word(analyzer, &format!("{}{}", w.text, next.text)))
    {
        return (Some(joined_unit(&seq[i..i + 2], stems, i, analyzer)), 2);
    }
    let mut alternatives = vec![Alternative {
        stems: vec![w.stem.clone()],
        weight: 1.0,
    }];
    // One word that the corpus may also write as two ("finetune": "fine-tune", "fine
    // tune"): its parts in order match too.
    if starts_token && compound_len == 1 {
        alternatives.extend(
            split_known(&w.text, dict, analyzer).map(|stems| Alternative { stems, weight: 1.0 }),
        );
    }
    let unit = Unit {
        typed: w.text.clone(),
        alternatives,
        prefix: w.prefix.then(|| prefix_term(&w.text)),
        bonus: false,
    };
    (Some(unit), 1)
}

/// The stems of two known words that `word` is made of ("finetuning" → fine, tune),
/// each of at least three letters and neither a stopword.
fn split_known(
    word: &str,
    dict: &dyn Dictionary,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> Option<Vec<String>> {
    const MIN_PART: usize = 3;
    if !word.is_ascii() || word.len() < 2 * MIN_PART + 1 {
        return None;
    }
    (MIN_PART..=word.len() - MIN_PART).find_map(|k| {
        let (left, right) = word.split_at(k);
        if is_stopword(left) || is_stopword(right) {
            return None;
        }
        let left = stem_word(analyzer, left);
        if !dict.has_stem(&left) {
            return None;
        }
        let right = stem_word(analyzer, right);
        dict.has_stem(&right).then(|| vec![left, right])
    })
}

/// Words matched in order as a phrase, or as the one word they make joined.
fn joined_unit(
    span: &[Word],
    stems: &[String],
    i: usize,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> Unit {
    let joined: String = span.iter().map(|o| o.text.as_str()).collect();
    let is_prefix = span.last().is_some_and(|o| o.prefix);
    Unit {
        typed: typed(span),
        alternatives: vec![
            Alternative {
                stems: stems[i..i + span.len()].to_vec(),
                weight: 1.0,
            },
            Alternative {
                stems: vec![stem_word(analyzer, &joined)],
                weight: 1.0,
            },
        ],
        prefix: is_prefix.then(|| prefix_term(&joined)),
        bonus: false,
    }
}

fn typed(span: &[Word]) -> String {
    let mut out = String::new();
    for (k, w) in span.iter().enumerate() {
        if k > 0 {
            out.push(if span[k - 1].token == w.token {
                '-'
            } else {
                ' '
            });
        }
        out.push_str(&w.text);
    }
    out
}

/// The surface form a corrected word takes in `texts` ("fine-tuning" for "finetuning"),
/// when one of them writes it.
pub fn surface_in(candidate: &str, texts: &[String]) -> Option<String> {
    texts.iter().find_map(|text| {
        word_tokens(text)
            .into_iter()
            .find(|t| t.text.to_lowercase() == candidate)
            .map(|t| text[t.start..t.end].to_lowercase())
    })
}

#[cfg(test)]
mod tests;
