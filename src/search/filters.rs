//! Filters (`speaker:`, `kind:`, `stance:` …) as required clauses that do not score.

use super::build::Builder;
use super::query::{FilterField, ParsedQuery};
use super::tokenize::words;
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

impl Builder<'_> {
    pub fn filter_clauses(&self, q: &ParsedQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.index.fields;
        let themes: Vec<&str> = q
            .filters
            .iter()
            .filter(|(k, _)| *k == FilterField::Theme)
            .map(|(_, v)| v.as_str())
            .collect();
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, value) in &q.filters {
            let raw = |field, text: String| -> Box<dyn Query> {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &text),
                    IndexRecordOption::Basic,
                ))
            };
            let query: Box<dyn Query> = match field {
                FilterField::Type => raw(f.doc_type, value.to_lowercase()),
                FilterField::Kind => raw(f.kind, value.to_lowercase()),
                FilterField::Stance if !themes.is_empty() => Box::new(BooleanQuery::new(
                    themes
                        .iter()
                        .map(|t| {
                            (
                                Occur::Should,
                                raw(
                                    f.theme_stance,
                                    format!("{}={}", t.to_lowercase(), value.to_lowercase()),
                                ),
                            )
                        })
                        .collect(),
                )),
                FilterField::Stance => raw(f.stance, value.to_lowercase()),
                FilterField::Speaker => self.words_in(f.speaker, value),
                FilterField::Source => self.words_in(f.source, value),
                FilterField::Topic => self.words_in(f.topic, value),
                FilterField::Page => self.words_in(f.page, value),
                FilterField::Theme => self.words_in(f.theme, value),
            };
            out.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
        }
        out
    }

    /// The value's words, in order, in a filter field.
    fn words_in(&self, field: Field, value: &str) -> Box<dyn Query> {
        let terms: Vec<Term> = words(value)
            .map(|(_, w)| Term::from_field_text(field, &w.to_lowercase()))
            .collect();
        match terms.len() {
            0 => Box::new(TermQuery::new(
                Term::from_field_text(field, ""),
                IndexRecordOption::Basic,
            )),
            1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new(terms)),
        }
    }
}
