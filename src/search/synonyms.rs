//! Domain synonyms, from the corpus's `[[synonyms]]` groups: a query term that is a member
//! of a group also matches the group's other members, ranked below exact matches.

use super::tokenize::{stem_analyzer, words};
use tantivy::tokenizer::TextAnalyzer;

/// One member of a group: "language model" as typed and as the stems of its words.
#[derive(Clone, Debug)]
pub struct Member {
    pub surface: String,
    pub stems: Vec<String>,
}

/// Every group, analyzed once when the library opens.
#[derive(Clone, Debug, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Member>>,
}

/// The stem of one word (the first token the analyzer gives; the word lowercased when
/// it gives none).
pub fn stem_word(analyzer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = analyzer.token_stream(word);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        word.to_lowercase()
    }
}

/// The stems of a text's words, one per word (compounds split into their parts).
pub fn word_stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    words(text).map(|(_, w)| stem_word(analyzer, w)).collect()
}

impl Synonyms {
    /// Groups of terms ("hallucination", "grounded", "faithful"); groups with fewer than
    /// two usable members are ignored.
    pub fn new(groups: &[Vec<String>]) -> Synonyms {
        let mut analyzer = stem_analyzer();
        let groups = groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|t| Member {
                        surface: t.trim().to_lowercase(),
                        stems: word_stems(&mut analyzer, t),
                    })
                    .filter(|m| !m.stems.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|g| g.len() >= 2)
            .collect();
        Synonyms { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The longest member of any group that `stems[at..]` starts with: its length in
    /// words, and the group and member that matched.
    pub fn longest_match(&self, stems: &[String], at: usize) -> Option<(usize, usize, usize)> {
        let rest = stems.get(at..)?;
        let mut best: Option<(usize, usize, usize)> = None;
        for (g, group) in self.groups.iter().enumerate() {
            for (m, member) in group.iter().enumerate() {
                let n = member.stems.len();
                if n <= rest.len()
                    && rest[..n] == member.stems[..]
                    && best.is_none_or(|(len, _, _)| n > len)
                {
                    best = Some((n, g, m));
                }
            }
        }
        best
    }

    /// The members of group `g` other than member `except`.
    pub fn others(&self, g: usize, except: usize) -> impl Iterator<Item = &Member> {
        self.groups
            .get(g)
            .into_iter()
            .flatten()
            .enumerate()
            .filter(move |(i, _)| *i != except)
            .map(|(_, m)| m)
    }

    /// True when one word (by its stem) is a member of some group.
    pub fn knows(&self, stem: &str) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|m| m.stems.len() == 1 && m.stems[0] == stem)
    }

    /// Single-word members, as typed: candidates for correcting a misspelled word.
    pub fn single_words(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flatten()
            .filter(|m| m.stems.len() == 1 && !m.surface.contains(char::is_whitespace))
            .map(|m| m.surface.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> Synonyms {
        Synonyms::new(&[
            vec!["up to date".into(), "fresh".into(), "stale".into()],
            vec!["LLM".into(), "language model".into()],
        ])
    }

    #[test]
    fn finds_the_longest_member_at_a_position() {
        let s = groups();
        let mut a = stem_analyzer();
        let q = word_stems(&mut a, "keep answers up to date");
        assert_eq!(s.longest_match(&q, 2), Some((3, 0, 0)));
        assert_eq!(s.longest_match(&q, 0), None);
        let others: Vec<&str> = s.others(0, 0).map(|m| m.surface.as_str()).collect();
        assert_eq!(others, ["fresh", "stale"]);
        let q = word_stems(&mut a, "large language models");
        assert_eq!(s.longest_match(&q, 1), Some((2, 1, 1)));
    }

    #[test]
    fn one_word_members_are_known_and_offered_for_corrections() {
        let s = groups();
        assert!(s.knows("fresh") && s.knows("llm") && !s.knows("date"));
        assert!(s.single_words().any(|w| w == "stale"));
    }
}
