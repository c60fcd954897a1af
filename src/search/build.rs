//! Building tantivy queries from a plan: units, phrases and filters, each field weighed.

use super::any_of::AnyOf;
use super::index::SearchIndex;
use super::plan::{Alternative, Phrase, Plan, Unit};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

mod completions;

/// How much a match in each searched field weighs. A clip's own words (quote, gist,
/// topics) and a page's title, question and short answer carry the weight; where a clip
/// comes from weighs less than what it says.
const NAME: f32 = 3.0;
const QUOTE: f32 = 2.0;
const LEAD: f32 = 2.0;
const TOPICS: f32 = 2.5;
const WHO: f32 = 1.5;
const BODY: f32 = 1.0;
const ABOUT: f32 = 0.7;
/// A page's sections are long and wide-ranging: a word there weighs less than the
/// field weight alone says.
const SPARSE_BODY: f32 = 0.5;
/// Two query words close together in a document: how much that adds, and how far
/// apart ("close") they may be.
const NEAR: f32 = 2.0;
const NEAR_SLOP: u32 = 2;
/// A completion of the word being typed, scored as a word.
const COMPLETION: f32 = 0.8;
/// How much the fields other than the best-matching one add.
const FIELD_TIE_BREAKER: f32 = 0.3;
/// How much the other ways a unit matches add to the best one.
const UNIT_TIE_BREAKER: f32 = 0.3;
/// A word that only starts the one being typed.
const PREFIX: f32 = 0.5;
/// The same for a query of one or two letters and nothing else: below any whole word.
const SHORT_PREFIX_ALONE: f32 = 0.1;
/// Added per unit matched when documents may match some units only, so that matching
/// more of the query always ranks first (BM25 then orders documents that match as many).
const PER_UNIT: f32 = 1000.0;

/// Builds queries against one searcher (term statistics come from it).
pub struct Builder<'a> {
    pub index: &'a SearchIndex,
    pub searcher: &'a Searcher,
    /// Build for scoring a few documents far apart (the second stage of ranking a large
    /// library): the same matches and scores, with disjunctions that seek cheaply.
    pub seekable: bool,
}

impl Builder<'_> {
    /// Every unit, phrase and filter must match.
    pub fn all_units(&self, plan: &Plan, filters: &[(Occur, Box<dyn Query>)]) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let required =
            plan.units.iter().filter(|u| !u.bonus).count() + plan.phrases.len() + filters.len();
        for u in &plan.units {
            match &u.prefix {
                Some(prefix) if u.is_short_prefix() && !u.bonus && required > 1 => {
                    // One or two letters start most words of a large library. Beside
                    // other required words, a bare term is checked by skipping through
                    // one list, where inside the unit's union every document starting
                    // with the letters was scored (a third of the time of `retrieval
                    // l`). The letters as a whole word still add to the score.
                    clauses.push((Occur::Must, self.prefix_term(prefix)));
                    if let Some(word) = self.alternatives(u) {
                        clauses.push((Occur::Should, word));
                    }
                }
                Some(prefix) if u.is_short_prefix() && !u.bonus => {
                    // Alone, one or two letters start most words of a large library
                    // (900,000 of a million clips for `r`): every such document counts
                    // the same, scored without reading its length, and a clip with the
                    // letters as a whole word ranks above them.
                    let starts: Box<dyn Query> = Box::new(ConstScoreQuery::new(
                        self.starting_with(prefix),
                        SHORT_PREFIX_ALONE,
                    ));
                    let mut either = vec![starts];
                    either.extend(self.alternatives(u));
                    clauses.push((Occur::Must, self.any(either)));
                }
                _ => clauses.push((
                    if u.bonus { Occur::Should } else { Occur::Must },
                    self.unit(u),
                )),
            }
        }
        clauses.extend(plan.phrases.iter().map(|p| (Occur::Must, self.phrase(p))));
        clauses.extend(self.nearness(plan));
        clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
        self.boolean(clauses)
    }

    /// At least one unit must match, and documents matching more units rank first;
    /// phrases and filters stay required. A one- or two-letter prefix is left out here:
    /// alone it would match nearly everything.
    pub fn most_units(&self, plan: &Plan, filters: &[(Occur, Box<dyn Query>)]) -> BooleanQuery {
        let coordinated: Vec<Box<dyn Query>> = plan
            .units
            .iter()
            .filter(|u| !u.is_short_prefix())
            .filter(|u| !u.bonus)
            .map(|u| self.any(vec![self.presence(u), self.unit(u)]))
            .collect();
        let mut clauses = vec![(Occur::Must, self.any(coordinated))];
        // A bonus unit adds to the score of documents already found, never finds one.
        clauses.extend(
            plan.units
                .iter()
                .filter(|u| u.bonus)
                .map(|u| (Occur::Should, self.unit(u))),
        );
        clauses.extend(plan.phrases.iter().map(|p| (Occur::Must, self.phrase(p))));
        clauses.extend(self.nearness(plan));
        clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
        self.boolean(clauses)
    }

    /// Documents that match any of `parts`, their scores added.
    fn any(&self, parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        if self.seekable {
            return self.dis_max(parts, 1.0);
        }
        // An empty list matches nothing, as a boolean query of no clauses does.
        let at_least = parts.len().min(1);
        let clauses = parts.into_iter().map(|q| (Occur::Should, q)).collect();
        Box::new(BooleanQuery::with_minimum_required_clauses(
            clauses, at_least,
        ))
    }

    /// The best of `parts` in full, the others times `tie_breaker`.
    fn dis_max(&self, parts: Vec<Box<dyn Query>>, tie_breaker: f32) -> Box<dyn Query> {
        if self.seekable {
            Box::new(AnyOf { parts, tie_breaker })
        } else {
            Box::new(DisjunctionMaxQuery::with_tie_breaker(parts, tie_breaker))
        }
    }

    /// A query of required and optional clauses. Seekable: its optional clauses are one
    /// disjunction, so that a seek does not buffer each of them.
    fn boolean(&self, clauses: Vec<(Occur, Box<dyn Query>)>) -> BooleanQuery {
        if !self.seekable {
            return BooleanQuery::new(clauses);
        }
        let (optional, mut rest): (Vec<_>, Vec<_>) =
            clauses.into_iter().partition(|(o, _)| *o == Occur::Should);
        if !optional.is_empty() {
            let parts = optional.into_iter().map(|(_, q)| q).collect();
            rest.push((Occur::Should, self.any(parts)));
        }
        BooleanQuery::new(rest)
    }

    /// A bonus for each pair of neighbouring query words that a clip's gist or a page's
    /// title also puts within a word or two of each other. Never required.
    fn nearness(&self, plan: &Plan) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.index.fields;
        plan.near
            .iter()
            .map(|[a, b]| {
                let near_in = |field: Field, weight: f32| -> Box<dyn Query> {
                    let terms = vec![
                        (0, Term::from_field_text(field, a)),
                        (1, Term::from_field_text(field, b)),
                    ];
                    Box::new(BoostQuery::new(
                        Box::new(PhraseQuery::new_with_offset_and_slop(terms, NEAR_SLOP)),
                        weight,
                    ))
                };
                let q = self.dis_max(
                    vec![
                        near_in(f.lead, NEAR),
                        near_in(f.topics, NEAR),
                        near_in(f.name, NEAR),
                    ],
                    0.0,
                );
                (Occur::Should, q)
            })
            .collect()
    }

    /// `PER_UNIT` when the unit matches a document's own words; half of it when only a
    /// page's long sections mention it, so that a page does not outrank a clip about the
    /// question just by touching more of its words.
    fn presence(&self, unit: &Unit) -> Box<dyn Query> {
        let f = &self.index.fields;
        let own = [f.name, f.quote, f.lead, f.topics, f.who, f.about];
        let mut in_own: Vec<Box<dyn Query>> = Vec::new();
        for alt in &unit.alternatives {
            for field in own {
                in_own.push(self.matching(field, &alt.stems, false));
            }
        }
        if let Some(prefix) = &unit.prefix {
            in_own.push(self.starting_with(prefix));
        }
        let in_body: Vec<Box<dyn Query>> = unit
            .alternatives
            .iter()
            .map(|alt| self.matching(f.body, &alt.stems, false))
            .collect();
        self.dis_max(
            vec![
                Box::new(ConstScoreQuery::new(self.any(in_own), PER_UNIT)),
                Box::new(ConstScoreQuery::new(self.any(in_body), PER_UNIT * 0.5)),
            ],
            0.0,
        )
    }

    /// The documents with a word that starts with `prefix` (its edge-n-gram term).
    fn starting_with(&self, prefix: &str) -> Box<dyn Query> {
        let term = Term::from_field_text(self.index.fields.prefix, prefix);
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    /// The edge-n-gram term of the word being typed, weighed as a prefix.
    fn prefix_term(&self, prefix: &str) -> Box<dyn Query> {
        Box::new(BoostQuery::new(self.starting_with(prefix), PREFIX))
    }

    /// The unit's alternatives (not its prefix), as [`Self::one_of`] them.
    fn alternatives(&self, unit: &Unit) -> Option<Box<dyn Query>> {
        let parts: Vec<Box<dyn Query>> = unit
            .alternatives
            .iter()
            .map(|alt| self.alternative(alt))
            .collect();
        (!parts.is_empty()).then(|| self.one_of(parts))
    }

    fn unit(&self, unit: &Unit) -> Box<dyn Query> {
        let mut parts: Vec<Box<dyn Query>> = unit
            .alternatives
            .iter()
            .map(|alt| self.alternative(alt))
            .collect();
        if let Some(prefix) = &unit.prefix {
            parts.push(self.prefix_term(prefix));
            // The prefix matches, but says nothing of how much a document is about the
            // word: its likeliest completions are scored as words.
            for stem in self.completions(prefix, unit) {
                parts.push(self.alternative(&Alternative {
                    stems: vec![stem],
                    weight: COMPLETION,
                }));
            }
        }
        self.one_of(parts)
    }

    /// The ways one unit matches are often the same words seen twice ("fine-tuned" is
    /// the stem, the joined compound and the prefix typed): the best one counts, the
    /// others add a little, so a word written one way does not outscore another.
    fn one_of(&self, parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        self.dis_max(parts, UNIT_TIE_BREAKER)
    }

    /// One term or phrase in every searched field, each weighed by its field.
    fn alternative(&self, alt: &Alternative) -> Box<dyn Query> {
        let f = &self.index.fields;
        // Fields that every clip has are scored by BM25. Fields that few documents have
        // (a page's title, short answer and sections; the rare verbatim quote) would be
        // judged against an average length taken over every document, most of which lack
        // them, and a match there would count for almost nothing: a match in one of them
        // counts as the term's rarity (idf) times the field's weight instead.
        let scored = [
            (f.lead, LEAD),
            (f.topics, TOPICS),
            (f.who, WHO),
            (f.about, ABOUT),
        ];
        let sparse = [
            (f.name, NAME),
            (f.quote, QUOTE),
            (f.body, BODY * SPARSE_BODY),
        ];
        let idf = self.idf(&alt.stems);
        let mut disjuncts: Vec<Box<dyn Query>> = Vec::with_capacity(scored.len() + sparse.len());
        for (field, weight) in scored {
            disjuncts.push(Box::new(BoostQuery::new(
                self.matching(field, &alt.stems, true),
                weight * alt.weight,
            )));
        }
        for (field, weight) in sparse {
            disjuncts.push(Box::new(ConstScoreQuery::new(
                self.matching(field, &alt.stems, false),
                weight * alt.weight * idf,
            )));
        }
        // The best field counts in full, the others a little: a word a page repeats in
        // its title, question and sections is not three times as relevant.
        self.dis_max(disjuncts, FIELD_TIE_BREAKER)
    }

    /// A term, or a phrase of terms, in one field.
    fn matching(&self, field: Field, stems: &[String], freqs: bool) -> Box<dyn Query> {
        match stems {
            [one] => Box::new(TermQuery::new(
                Term::from_field_text(field, one),
                if freqs {
                    IndexRecordOption::WithFreqs
                } else {
                    IndexRecordOption::Basic
                },
            )),
            many => Box::new(PhraseQuery::new(
                many.iter()
                    .map(|t| Term::from_field_text(field, t))
                    .collect(),
            )),
        }
    }

    /// BM25's idf of the terms (summed for a phrase), from their document frequency in
    /// the gist field, which every clip has.
    fn idf(&self, stems: &[String]) -> f32 {
        let n = self.searcher.num_docs() as f32;
        stems
            .iter()
            .map(|t| {
                let df = self
                    .searcher
                    .doc_freq(&Term::from_field_text(self.index.fields.lead, t))
                    .unwrap_or(0) as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .sum()
    }

    fn phrase(&self, phrase: &Phrase) -> Box<dyn Query> {
        let grams = &self.index.fields.grams;
        match phrase.grams.as_slice() {
            [] => self.alternative(&Alternative {
                stems: phrase.stems.clone(),
                weight: 1.0,
            }),
            // Stopwords only: their pairs, each one term (see `StopGramTokenizer`).
            [one] => Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(*grams, one),
                    IndexRecordOption::WithFreqs,
                )),
                LEAD,
            )),
            many => Box::new(BoostQuery::new(
                Box::new(PhraseQuery::new(
                    many.iter()
                        .map(|g| Term::from_field_text(*grams, g))
                        .collect(),
                )),
                LEAD,
            )),
        }
    }
}
