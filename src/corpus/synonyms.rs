//! `[[synonyms]]` groups: terms a search treats as the same idea ("hallucination",
//! "grounded", "faithful"). Any corpus TOML file may hold them, the built-in
//! `corpus/synonyms.toml` and a user's import alike.

use super::problem::Problems;
use crate::model::SynonymGroup;
use serde::Deserialize;

/// The most terms one group may hold, and the longest term: synonyms expand every
/// query, so a group stays small.
pub const MAX_TERMS: usize = 24;
pub const MAX_TERM_CHARS: usize = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonymGroup {
    terms: Option<Vec<String>>,
}

pub fn group(
    problems: &mut Problems,
    file: &str,
    line: usize,
    raw: RawSynonymGroup,
) -> Option<SynonymGroup> {
    let Some(terms) = raw.terms else {
        problems.push(
            file,
            line,
            "synonyms group has no `terms`: add terms = [\"a\", \"b\"]",
        );
        return None;
    };
    let mut clean: Vec<String> = Vec::new();
    for t in terms {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() || !t.chars().any(char::is_alphanumeric) {
            problems.push(
                file,
                line,
                "a synonym term is empty or has no letters: remove it",
            );
            return None;
        }
        if t.chars().count() > MAX_TERM_CHARS {
            problems.push(
                file,
                line,
                format!("synonym term longer than {MAX_TERM_CHARS} characters: shorten it"),
            );
            return None;
        }
        if !clean.iter().any(|c| c.eq_ignore_ascii_case(&t)) {
            clean.push(t);
        }
    }
    if clean.len() < 2 {
        problems.push(
            file,
            line,
            "a synonyms group needs at least two different terms",
        );
        return None;
    }
    if clean.len() > MAX_TERMS {
        problems.push(
            file,
            line,
            format!("a synonyms group may hold at most {MAX_TERMS} terms: split it"),
        );
        return None;
    }
    Some(SynonymGroup { terms: clean })
}
