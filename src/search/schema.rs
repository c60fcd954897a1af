//! The tantivy schema, defined once. Bump `SCHEMA_VERSION` whenever fields or analyzers
//! change: an index built with another version is rebuilt on open.

use super::tokenize::{EDGE_TOKENIZER, GRAM_TOKENIZER, STEM_TOKENIZER};
use tantivy::schema::{Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};

pub const SCHEMA_VERSION: u32 = 6;

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub doc_type: Field,
    /// Shown as the result's title: a page's title, a clip's source title. Not searched:
    /// what is searched is split by weight into the fields below.
    pub title: Field,
    /// A page's title.
    pub name: Field,
    /// A clip's quote; a page's short answer. Stored for snippets.
    pub quote: Field,
    /// A clip's gist; a page's question; a transcript cue's text.
    pub lead: Field,
    /// A clip's topics; a page's concepts: what the curator says it is about.
    pub topics: Field,
    /// The rest of a page: decision rule, lists, sections.
    pub body: Field,
    /// What a clip comes from: its source's title and show.
    pub about: Field,
    /// The voice's name, as words: `meryem arik` finds her clips.
    pub who: Field,
    pub snippet: Field,
    /// A page's sections as passages ("Tradeoffs: …"), for the snippet that matched.
    pub passage: Field,
    /// A clip's topics, for a snippet when only a topic matched.
    pub topics_shown: Field,
    /// Edge n-grams of every searched word: search-as-you-type.
    pub prefix: Field,
    /// Neighbouring stopwords of every searched text as one term: `"of the"`.
    pub grams: Field,
    pub speaker: Field,
    pub source: Field,
    pub topic: Field,
    pub page: Field,
    pub theme: Field,
    pub kind: Field,
    pub stance: Field,
    pub theme_stance: Field,
    pub voice: Field,
    pub span: Field,
    pub start: Field,
    /// A transcript cue's source id: every cue of a transcript is deleted by it at once.
    pub parent: Field,
}

impl Fields {
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        // A field's length (one byte per document) is kept only where BM25 reads it:
        // the fields scored by it. Filters, ids and the fields scored as a constant
        // (`Builder::alternative`) never read theirs. A page title is read by nearness.
        let stemmed = |stored: bool, scored: bool| {
            let o = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(STEM_TOKENIZER)
                    .set_fieldnorms(scored)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored { o.set_stored() } else { o }
        };
        let exact = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::Basic),
        );
        // Filters match whole words of a value, in order: `speaker:meryem` or `speaker:"meryem arik"`.
        let filter = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let grams = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(GRAM_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let edge = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EDGE_TOKENIZER)
                // Frequencies let the first stage of ranking a large library prune by
                // block-max scores (`candidates.rs`).
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            id: b.add_text_field("id", exact.clone() | STORED),
            doc_type: b.add_text_field("type", exact.clone() | STORED),
            title: b.add_text_field("title", STORED),
            name: b.add_text_field("name", stemmed(false, true)),
            quote: b.add_text_field("quote", stemmed(true, false)),
            lead: b.add_text_field("lead", stemmed(false, true)),
            topics: b.add_text_field("topics", stemmed(false, true)),
            body: b.add_text_field("body", stemmed(false, false)),
            about: b.add_text_field("about", stemmed(false, true)),
            who: b.add_text_field("who", stemmed(false, true)),
            snippet: b.add_text_field("snippet", STORED),
            passage: b.add_text_field("passage", STORED),
            topics_shown: b.add_text_field("topics_shown", STORED),
            prefix: b.add_text_field("prefix", edge),
            grams: b.add_text_field("grams", grams),
            speaker: b.add_text_field("speaker", filter.clone()),
            source: b.add_text_field("source", filter.clone()),
            topic: b.add_text_field("topic", filter.clone()),
            page: b.add_text_field("page", filter.clone()),
            theme: b.add_text_field("theme", filter),
            kind: b.add_text_field("kind", exact.clone()),
            stance: b.add_text_field("stance", exact.clone()),
            theme_stance: b.add_text_field("theme_stance", exact.clone()),
            voice: b.add_text_field("voice", STORED),
            span: b.add_text_field("span", STORED),
            start: b.add_u64_field("start", STORED),
            parent: b.add_text_field("parent", exact),
        };
        (b.build(), fields)
    }
}
