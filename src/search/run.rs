//! Running queries: the strict query, the typo-tolerant fallback, and results with
//! snippets.

use super::index::SearchIndex;
use super::query::{FilterField, ParsedQuery};
use super::snippet::{Highlighter, levenshtein};
use super::tokenize::{analyze, prefix_term, stem_analyzer, words};
use super::{SearchHit, SearchResults};
use crate::error::Result;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

impl SearchIndex {
    /// Runs a parsed, non-empty query. Falls back to typo-tolerant matching when the strict
    /// query finds nothing.
    pub fn search(&self, raw: &str, parsed: &ParsedQuery, limit: usize) -> Result<SearchResults> {
        self.refresh();
        let searcher = self.reader.searcher();
        let strict = self.strict_query(parsed);
        let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
        let (mut top, mut total) = searcher.search(&strict, &collector)?;
        let mut suggestion = None;
        let mut fuzzy = false;
        let mut highlight_words: Vec<String> = parsed
            .words
            .iter()
            .chain(&parsed.phrases)
            .cloned()
            .collect();
        let mut prefix = parsed.prefix.clone();
        if total == 0 && parsed.has_text() {
            let typed = typed_words(parsed);
            let query = self.fuzzy_query(&typed, parsed);
            (top, total) = searcher.search(&query, &collector)?;
            if total > 0 {
                fuzzy = true;
                let texts: Vec<String> = top
                    .iter()
                    .filter_map(|(_, addr)| searcher.doc::<TantivyDocument>(*addr).ok())
                    .map(|d| self.stored_texts(&d))
                    .collect();
                let corrected = correct(&typed, &texts);
                suggestion = Some(corrected.join(" ")).filter(|s| *s != typed.join(" "));
                highlight_words = corrected;
                prefix = None;
            }
        }
        let mut highlighter = Highlighter::new(&highlight_words, prefix.as_deref().map(last_word));
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            hits.push(self.hit(&doc, score, &mut highlighter));
        }
        // Equal scores keep a stable order (by id): the index's own order depends on how
        // indexing threads split the work.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        Ok(SearchResults {
            query: raw.to_string(),
            total,
            hits,
            suggestion,
            fuzzy,
        })
    }

    fn text(&self, doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    }

    fn stored_texts(&self, doc: &TantivyDocument) -> String {
        let f = &self.fields;
        format!(
            "{} {} {}",
            self.text(doc, f.title),
            self.text(doc, f.quote),
            self.text(doc, f.snippet)
        )
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, highlighter: &mut Highlighter) -> SearchHit {
        let f = &self.fields;
        let quote = self.text(doc, f.quote);
        let gist = self.text(doc, f.snippet);
        let quote_snip = highlighter.snippet(&quote, 200);
        let snippet = if !quote_snip.highlights.is_empty() || gist.is_empty() {
            quote_snip
        } else {
            highlighter.snippet(&gist, 200)
        };
        let non_empty = |s: String| Some(s).filter(|s| !s.is_empty());
        let doc_type = self.text(doc, f.doc_type);
        SearchHit {
            id: self.text(doc, f.id),
            title: self.text(doc, f.title),
            voice: non_empty(self.text(doc, f.voice)),
            source: if doc_type != "page" {
                non_empty(self.text(doc, f.title))
            } else {
                None
            },
            time_range: non_empty(self.text(doc, f.span)),
            start_seconds: doc
                .get_first(f.start)
                .and_then(|v| v.as_u64())
                .and_then(|s| u32::try_from(s).ok()),
            doc_type,
            score,
            snippet,
        }
    }

    /// Every complete word, phrase and filter must match; the last word may be a prefix.
    fn strict_query(&self, q: &ParsedQuery) -> BooleanQuery {
        let mut analyzer = stem_analyzer();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for text in q.words.iter().chain(&q.phrases) {
            let terms: Vec<String> = analyze(&mut analyzer, text)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            if let Some(clause) = self.text_clause(&terms) {
                clauses.push((Occur::Must, clause));
            }
        }
        if let Some(prefix) = &q.prefix {
            let parts: Vec<&str> = words(prefix).map(|(_, w)| w).collect();
            if let Some((last, leading)) = parts.split_last() {
                let leading: Vec<String> = leading
                    .iter()
                    .flat_map(|w| analyze(&mut analyzer, w))
                    .map(|(_, t)| t)
                    .collect();
                if let Some(clause) = self.text_clause(&leading) {
                    clauses.push((Occur::Must, clause));
                }
                let term = Term::from_field_text(self.fields.prefix, &prefix_term(last));
                let mut prefix_clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                )];
                // A whole word that matches exactly ranks above words it is only a prefix of.
                let exact: Vec<String> = analyze(&mut analyzer, last)
                    .into_iter()
                    .map(|(_, t)| t)
                    .collect();
                if let Some(clause) = self.text_clause(&exact) {
                    prefix_clauses.push((Occur::Should, clause));
                }
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(prefix_clauses))));
            }
        }
        clauses.extend(self.filter_clauses(q));
        BooleanQuery::new(clauses)
    }

    /// One word (or a phrase of stemmed terms) in title, quote or body, title and quote boosted.
    fn text_clause(&self, terms: &[String]) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let per_field = |field, boost: f32| -> Box<dyn Query> {
            let q: Box<dyn Query> = match terms {
                [one] => Box::new(TermQuery::new(
                    Term::from_field_text(field, one),
                    IndexRecordOption::WithFreqs,
                )),
                many => Box::new(PhraseQuery::new(
                    many.iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                )),
            };
            if boost == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, boost))
            }
        };
        if terms.is_empty() {
            return None;
        }
        Some(Box::new(BooleanQuery::new(vec![
            (Occur::Should, per_field(f.title, 3.0)),
            (Occur::Should, per_field(f.quote, 2.0)),
            (Occur::Should, per_field(f.body, 1.0)),
        ])))
    }

    fn filter_clauses(&self, q: &ParsedQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
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
    fn words_in(&self, field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
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

    /// Every typed word within one edit of some word's prefix; filters still apply.
    fn fuzzy_query(&self, typed: &[String], q: &ParsedQuery) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = typed
            .iter()
            .map(|w| {
                let term = Term::from_field_text(self.fields.prefix, &prefix_term(w));
                (
                    Occur::Must,
                    Box::new(FuzzyTermQuery::new(term, 1, true)) as Box<dyn Query>,
                )
            })
            .collect();
        clauses.extend(self.filter_clauses(q));
        BooleanQuery::new(clauses)
    }
}

fn last_word(prefix: &str) -> &str {
    words(prefix).last().map_or(prefix, |(_, w)| w)
}

/// The words of a query's text, lowercased, in the order typed.
fn typed_words(q: &ParsedQuery) -> Vec<String> {
    q.words
        .iter()
        .chain(&q.phrases)
        .chain(q.prefix.iter())
        .flat_map(|t| words(t).map(|(_, w)| w.to_lowercase()).collect::<Vec<_>>())
        .collect()
}

/// For each typed word, the closest word found in the matched documents.
fn correct(typed: &[String], texts: &[String]) -> Vec<String> {
    typed
        .iter()
        .map(|w| {
            let mut best: Option<(usize, String)> = None;
            for text in texts {
                for (_, candidate) in words(text) {
                    let c = candidate.to_lowercase();
                    let d = levenshtein(w, &c);
                    if d <= 2
                        && best
                            .as_ref()
                            .is_none_or(|(bd, bc)| d < *bd || (d == *bd && c.len() < bc.len()))
                    {
                        best = Some((d, c));
                    }
                }
            }
            best.map_or_else(|| w.clone(), |(_, c)| c)
        })
        .collect()
}
