use super::query::{FilterField, ParsedQuery};
use super::schema::{Fields, SCHEMA_VERSION};
use super::snippet::{Highlighter, levenshtein};
use super::tokenize::{analyze, prefix_term, register, stem_analyzer, words};
use super::{Progress, SearchHit, SearchResults};
use crate::error::{Error, Result};
use crate::model::{ClipId, IndexRecord, PageId};
use crate::store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// What the index commit payload records: which SQLite state the index reflects.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq, Eq)]
struct Payload {
    schema: u32,
    generation: u64,
}

/// Why an index was (or was not) rebuilt on open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexState {
    Fresh,
    Rebuilt(String),
}

pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

const WRITER_HEAP: usize = 64 * 1024 * 1024;
/// How long to wait for another process's index writer before reporting busy.
const WRITER_WAIT: Duration = Duration::from_secs(10);

impl SearchIndex {
    /// Opens the index in `dir`, rebuilding it from `store` when it is missing, from
    /// another schema version, behind the database, or unreadable.
    pub fn open(
        dir: &Path,
        store: &Store,
        progress: &dyn Progress,
    ) -> Result<(SearchIndex, IndexState)> {
        match Self::open_existing(dir)
            .and_then(|idx| idx.verify(store).map(|problem| (idx, problem)))
        {
            Ok((idx, None)) => Ok((idx, IndexState::Fresh)),
            Ok((idx, Some(reason))) => {
                drop(idx);
                let idx = Self::rebuild(dir, store, progress)?;
                Ok((idx, IndexState::Rebuilt(reason)))
            }
            Err(e) => {
                let reason = if dir.join("meta.json").exists() {
                    format!("the index could not be read ({e})")
                } else {
                    "no index yet".to_string()
                };
                let idx = Self::rebuild(dir, store, progress)?;
                Ok((idx, IndexState::Rebuilt(reason)))
            }
        }
    }

    fn open_existing(dir: &Path) -> Result<SearchIndex> {
        let index = Index::open_in_dir(dir)?;
        Self::from_index(dir, index)
    }

    fn from_index(dir: &Path, index: Index) -> Result<SearchIndex> {
        let (_, fields) = Fields::build();
        register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
        })
    }

    /// Checks that the index reflects the database. `Some(reason)` when it must be rebuilt.
    pub fn verify(&self, store: &Store) -> Result<Option<String>> {
        let (schema, _) = Fields::build();
        if self.index.schema() != schema {
            return Ok(Some("the index was built with another schema".into()));
        }
        let metas = self.index.load_metas()?;
        let payload: Option<Payload> = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok());
        let generation = store.generation()?;
        match payload {
            None => return Ok(Some("the index records no database state".into())),
            Some(p) if p.schema != SCHEMA_VERSION => {
                return Ok(Some(format!(
                    "index schema version {} (this build uses {SCHEMA_VERSION})",
                    p.schema
                )));
            }
            Some(p) if p.generation != generation => {
                return Ok(Some(format!(
                    "the index reflects database generation {} but the database is at {generation}",
                    p.generation
                )));
            }
            Some(_) => {}
        }
        // Touch every segment so that a missing or truncated file shows up now, not mid-search.
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.prefix)?;
            let _ = inverted.terms().num_terms();
            let store_reader = segment
                .get_store_reader(1)
                .map_err(|e| Error::Index(e.to_string()))?;
            if segment.max_doc() > 0 {
                store_reader.get::<TantivyDocument>(segment.max_doc() - 1)?;
            }
        }
        let expected = store.searchable_count()?;
        if searcher.num_docs() != expected {
            return Ok(Some(format!(
                "the index holds {} documents, the database {expected}",
                searcher.num_docs()
            )));
        }
        Ok(None)
    }

    /// Builds a new index from SQLite beside the old one, then swaps it into place.
    pub fn rebuild(dir: &Path, store: &Store, progress: &dyn Progress) -> Result<SearchIndex> {
        let tmp = dir.with_extension("building");
        let old = dir.with_extension("old");
        for d in [&tmp, &old] {
            if d.exists() {
                std::fs::remove_dir_all(d).map_err(|e| Error::Io {
                    path: d.clone(),
                    source: e,
                })?;
            }
        }
        std::fs::create_dir_all(&tmp).map_err(|e| Error::Io {
            path: tmp.clone(),
            source: e,
        })?;
        let (schema, _) = Fields::build();
        let index = Index::create_in_dir(&tmp, schema)?;
        let built = Self::from_index(&tmp, index)?;
        let total = store.searchable_count()?;
        let generation = store.generation()?;
        {
            let threads = std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(4);
            let mut writer: IndexWriter = built
                .index
                .writer_with_num_threads(threads, WRITER_HEAP * threads)?;
            let mut done = 0u64;
            let started = Instant::now();
            store.for_each_index_record(None, |rec| {
                writer.add_document(built.document(&rec))?;
                done += 1;
                if done.is_multiple_of(10_000) && started.elapsed() > Duration::from_millis(500) {
                    progress.update("indexing", done, total);
                }
                Ok(())
            })?;
            commit_with_payload(&mut writer, generation)?;
            writer.wait_merging_threads()?;
            if started.elapsed() > Duration::from_millis(500) {
                progress.update("indexing", done, total);
            }
        }
        drop(built);
        if dir.exists() {
            std::fs::rename(dir, &old).map_err(|e| Error::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        std::fs::rename(&tmp, dir).map_err(|e| Error::Io {
            path: tmp.clone(),
            source: e,
        })?;
        if old.exists() {
            let _ = std::fs::remove_dir_all(&old);
        }
        Self::open_existing(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Takes the index writer for one batch: waits while another process holds it.
    fn writer(&self) -> Result<IndexWriter> {
        let started = Instant::now();
        loop {
            match self.index.writer_with_num_threads(1, WRITER_HEAP) {
                Ok(w) => return Ok(w),
                Err(tantivy::TantivyError::LockFailure(..)) if started.elapsed() < WRITER_WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(tantivy::TantivyError::LockFailure(..)) => return Err(Error::Busy),
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Re-indexes the given records from SQLite (deleting those no longer searchable) and
    /// records `generation`. The writer is released when this returns.
    pub fn update(
        &self,
        store: &Store,
        clips: &[ClipId],
        pages: &[PageId],
        generation: u64,
    ) -> Result<()> {
        let mut writer = self.writer()?;
        for id in clips
            .iter()
            .map(ClipId::as_str)
            .chain(pages.iter().map(PageId::as_str))
        {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        store.for_each_index_record(Some((clips, pages)), |rec| {
            writer.add_document(self.document(&rec))?;
            Ok(())
        })?;
        commit_with_payload(&mut writer, generation)?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    fn document(&self, r: &IndexRecord) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &r.id);
        doc.add_text(f.doc_type, r.doc_type);
        doc.add_text(f.title, &r.title);
        doc.add_text(f.quote, &r.quote);
        doc.add_text(f.body, &r.body);
        doc.add_text(f.snippet, &r.snippet);
        for text in [&r.title, &r.quote, &r.body] {
            doc.add_text(f.prefix, text);
        }
        if !r.voice.is_empty() {
            doc.add_text(f.voice, &r.voice);
            doc.add_text(f.speaker, &r.voice);
            doc.add_text(f.speaker, &r.voice_id);
        }
        if !r.source_id.is_empty() {
            doc.add_text(f.source, &r.source);
            doc.add_text(f.source, &r.source_id);
            doc.add_text(f.kind, r.source_kind.to_lowercase());
        }
        for t in &r.topics {
            doc.add_text(f.topic, t);
        }
        for p in &r.pages {
            doc.add_text(f.page, p);
        }
        for (theme, stance) in &r.stances {
            doc.add_text(f.theme, theme);
            doc.add_text(f.stance, stance);
            doc.add_text(f.theme_stance, format!("{theme}={stance}"));
        }
        doc.add_text(f.span, &r.span);
        if let Some(start) = r.start {
            doc.add_u64(f.start, u64::from(start));
        }
        doc
    }

    /// Runs a parsed, non-empty query. Falls back to typo-tolerant matching when the strict
    /// query finds nothing.
    pub fn search(&self, raw: &str, parsed: &ParsedQuery, limit: usize) -> Result<SearchResults> {
        self.reader.reload()?;
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
            source: if doc_type == "clip" {
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

fn commit_with_payload(writer: &mut IndexWriter, generation: u64) -> Result<()> {
    let payload = serde_json::to_string(&Payload {
        schema: SCHEMA_VERSION,
        generation,
    })
    .map_err(|e| Error::Index(e.to_string()))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
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
