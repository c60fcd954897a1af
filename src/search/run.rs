//! Running queries: every unit required first; when that fills less than a page, the
//! documents that match most of the units follow. Results carry snippets and what the
//! query changed or dropped.

use super::build::Builder;
use super::candidates::{Candidates, Coverage};
use super::index::SearchIndex;
use super::letters::LoneLetters;
use super::plan::{self, Plan};
use super::query::{FilterField, ParsedQuery};
use super::snippet::{Highlighter, Snippet};
use super::stop::{StopWhen, Stoppable};
use super::tokenize::words;
use super::vocabulary::Vocabulary;
use super::{Correction, SearchHit, SearchResults};
use crate::error::Result;
use tantivy::collector::Collector;
use tantivy::query::{BooleanQuery, EnableScoring, Query};
use tantivy::schema::{Field, Value};
use tantivy::{Executor, Searcher, TantivyDocument};

/// From this many documents in more than one segment, a query's segments are searched on
/// threads of their own: a large library has a few big segments, and a keystroke then
/// waits for the slowest rather than for all in turn. Below it, starting the threads
/// costs more than they save (a CLI call on the built-in corpus would spend a quarter
/// of its time on them).
pub(super) const PARALLEL_FROM_DOCS: u64 = 50_000;

/// The threads a large index is searched (and rebuilt) on: one per core, up to four.
pub(super) fn search_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

impl SearchIndex {
    /// The threads a query's per-segment work runs on: one per core (up to four) when
    /// the index is large, else none (this thread).
    pub(super) fn executor(&self, searcher: &Searcher) -> Option<&Executor> {
        let large =
            searcher.segment_readers().len() > 1 && searcher.num_docs() >= PARALLEL_FROM_DOCS;
        large
            .then(|| {
                self.parallel.get_or_init(|| {
                    let threads = search_threads();
                    (threads > 1)
                        .then(|| Executor::multi_thread(threads, "dossier-search-").ok())
                        .flatten()
                })
            })
            .and_then(Option::as_ref)
    }

    /// Runs `query` on every segment, on [`Self::executor`]'s threads when there are some.
    pub(super) fn run<C: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
    ) -> Result<C::Fruit> {
        Ok(match self.executor(searcher) {
            Some(executor) => searcher.search_with_executor(
                query,
                collector,
                executor,
                EnableScoring::enabled_from_searcher(searcher),
            )?,
            None => searcher.search(query, collector)?,
        })
    }

    /// Runs a parsed, non-empty query.
    pub fn search(&self, raw: &str, parsed: &ParsedQuery, limit: usize) -> Result<SearchResults> {
        Ok(self
            .search_until(raw, parsed, limit, None)?
            .unwrap_or_default())
    }

    /// Like [`Self::search`], but ends early with `None` once `stop` is asked.
    pub fn search_until(
        &self,
        raw: &str,
        parsed: &ParsedQuery,
        limit: usize,
        stop: Option<&StopWhen>,
    ) -> Result<Option<SearchResults>> {
        self.refresh();
        let searcher = self.reader.searcher();
        let limit = limit.max(1);
        let plan = plan::build(parsed, &self.synonyms, &Vocabulary::new(self, &searcher));
        let build = Builder {
            index: self,
            searcher: &searcher,
            seekable: false,
        };
        let filters = build.filter_clauses(parsed);
        let mut results = SearchResults {
            query: raw.to_string(),
            unmatched: plan.unmatched.clone(),
            unknown_filters: parsed.unknown_filters.clone(),
            ..SearchResults::default()
        };
        if plan.units.is_empty() && plan.phrases.is_empty() && filters.is_empty() {
            return Ok(Some(results));
        }
        let stoppable = |query: BooleanQuery| -> Box<dyn Query> {
            match stop {
                Some(stop) => Box::new(Stoppable {
                    inner: Box::new(query),
                    stop: stop.clone(),
                }),
                None => Box::new(query),
            }
        };
        let stopped = || stop.is_some_and(StopWhen::asked);
        let candidates = Candidates::of(self, &searcher, &plan, &filters);
        let seekable = Builder {
            seekable: true,
            ..build
        };
        let worth_it = |coverage| {
            candidates
                .as_ref()
                .filter(|c| c.worth_it(coverage, self.exact_up_to))
        };
        let mut ranked = match LoneLetters::of(self, &searcher, &plan, !filters.is_empty()) {
            Some(letters) => self.rank_letters(
                &searcher,
                &letters,
                &seekable.all_units(&plan, &filters),
                limit,
            )?,
            None => {
                let all = stoppable(build.all_units(&plan, &filters));
                let all_seekable =
                    worth_it(Coverage::All).map(|c| (c, seekable.all_units(&plan, &filters)));
                self.rank(
                    &searcher,
                    all.as_ref(),
                    all_seekable.as_ref().map(|(c, q)| (*c, q as &dyn Query)),
                    Coverage::All,
                    limit,
                )?
            }
        };
        if ranked.top.len() < limit
            && plan.units.iter().filter(|u| !u.bonus).count() >= 2
            && !stopped()
        {
            let most = stoppable(build.most_units(&plan, &filters));
            let most_seekable =
                worth_it(Coverage::Most).map(|c| (c, seekable.most_units(&plan, &filters)));
            ranked = self.rank(
                &searcher,
                most.as_ref(),
                most_seekable.as_ref().map(|(c, q)| (*c, q as &dyn Query)),
                Coverage::Most,
                limit,
            )?;
        }
        if stopped() {
            return Ok(None);
        }
        let highlighter =
            Highlighter::from_stems(&plan.highlight, plan.highlight_prefix.as_deref());
        let corrected = !plan.corrections.is_empty();
        // Reading a result's stored fields and cutting its snippets is a third of a
        // keystroke's time at a million clips: a large library's results are made on the
        // search threads.
        let make = |(score, addr): (f32, tantivy::DocAddress)| {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let hit = self.hit(&doc, score, &mut highlighter.clone());
            // The result's texts, where a corrected word is looked for as written.
            let text = corrected.then(|| {
                format!(
                    "{}\n{}\n{}",
                    hit.title,
                    hit.snippet.text,
                    self.text(&doc, self.fields.quote)
                )
            });
            Ok((hit, text))
        };
        let made = match self.executor(&searcher) {
            Some(executor) if ranked.top.len() > 1 => executor.map(make, ranked.top.into_iter())?,
            _ => ranked
                .top
                .into_iter()
                .map(make)
                .collect::<tantivy::Result<Vec<_>>>()?,
        };
        let mut texts = Vec::new();
        for (hit, text) in made {
            texts.extend(text);
            results.hits.push(hit);
        }
        // Equal scores keep a stable order (by id): the index's own order depends on how
        // indexing threads split the work.
        results
            .hits
            .sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        results.total = ranked.total;
        results.total_at_least = ranked.at_least;
        results.corrections = plan
            .corrections
            .iter()
            .map(|(from, to)| Correction {
                from: from.clone(),
                to: plan::surface_in(to, &texts).unwrap_or_else(|| to.clone()),
            })
            .collect();
        if !results.corrections.is_empty() {
            results.fuzzy = true;
            results.suggestion = Some(
                results
                    .corrections
                    .iter()
                    .map(|c| c.to.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        results.speaker_hint = speaker_hint(&plan, parsed, &results.hits);
        Ok(Some(results))
    }

    pub(super) fn text(&self, doc: &TantivyDocument, field: Field) -> String {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    }

    fn texts(&self, doc: &TantivyDocument, field: Field) -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, highlighter: &mut Highlighter) -> SearchHit {
        let f = &self.fields;
        let doc_type = self.text(doc, f.doc_type);
        let snippet = self.best_snippet(doc, &doc_type, highlighter);
        let non_empty = |s: String| Some(s).filter(|s| !s.is_empty());
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

    /// The passage that shows why a document matched: a clip's quote, gist or topics; a
    /// page's short answer, question or the section with the most matched words.
    fn best_snippet(&self, doc: &TantivyDocument, doc_type: &str, h: &mut Highlighter) -> Snippet {
        let f = &self.fields;
        let quote = self.text(doc, f.quote);
        let lead = self.text(doc, f.snippet);
        let mut candidates = vec![quote, lead.clone()];
        if doc_type == "page" {
            candidates.extend(self.texts(doc, f.passage));
        } else {
            let topics = self.texts(doc, f.topics_shown);
            if !topics.is_empty() {
                candidates.push(format!("Topics: {}", topics.join(" · ")));
            }
        }
        let mut best: Option<(usize, Snippet)> = None;
        for text in candidates.iter().filter(|t| !t.is_empty()) {
            let snippet = h.snippet(text, 200);
            let n = snippet.highlights.len();
            if n > 0 && best.as_ref().is_none_or(|(m, _)| n > *m) {
                best = Some((n, snippet));
            }
        }
        best.map_or_else(|| h.snippet(&lead, 200), |(_, s)| s)
    }
}

/// When every word of the query is in a result's voice name, the `speaker:` filter that
/// would show only that voice.
fn speaker_hint(plan: &Plan, parsed: &ParsedQuery, hits: &[SearchHit]) -> Option<String> {
    // One or two letters typed start some voice's name by chance: no hint for that.
    let letters_only = matches!(plan.units.as_slice(), [u] if u.is_short_prefix());
    if plan.units.is_empty()
        || letters_only
        || parsed
            .filters
            .iter()
            .any(|(f, _)| *f == FilterField::Speaker)
    {
        return None;
    }
    hits.iter()
        .filter_map(|h| h.voice.as_deref())
        .find_map(|voice| {
            let names: Vec<String> = words(voice).map(|(_, w)| w.to_lowercase()).collect();
            plan.units
                .iter()
                .flat_map(|u| {
                    words(&u.typed)
                        .map(|(_, w)| w.to_string())
                        .collect::<Vec<_>>()
                })
                .all(|w| {
                    names.iter().any(|n| {
                        *n == w
                            || (plan.highlight_prefix.as_deref() == Some(w.as_str())
                                && n.starts_with(&w))
                    })
                })
                .then(|| format!("speaker:\"{voice}\""))
        })
}
