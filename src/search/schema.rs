//! The tantivy schema, defined once. Bump `SCHEMA_VERSION` whenever fields or analyzers
//! change: an index built with another version is rebuilt on open.

use super::tokenize::{EDGE_TOKENIZER, GRAM_TOKENIZER, STEM_TOKENIZER};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

pub const SCHEMA_VERSION: u32 = 5;

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
        let stemmed = |stored: bool| {
            let o = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(STEM_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored { o.set_stored() } else { o }
        };
        // Filters match whole words of a value, in order: `speaker:meryem` or `speaker:"meryem arik"`.
        let filter = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
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
                .set_index_option(IndexRecordOption::Basic),
        );
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            doc_type: b.add_text_field("type", STRING | STORED),
            title: b.add_text_field("title", STORED),
            name: b.add_text_field("name", stemmed(false)),
            quote: b.add_text_field("quote", stemmed(true)),
            lead: b.add_text_field("lead", stemmed(false)),
            topics: b.add_text_field("topics", stemmed(false)),
            body: b.add_text_field("body", stemmed(false)),
            about: b.add_text_field("about", stemmed(false)),
            who: b.add_text_field("who", stemmed(false)),
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
            kind: b.add_text_field("kind", STRING),
            stance: b.add_text_field("stance", STRING),
            theme_stance: b.add_text_field("theme_stance", STRING),
            voice: b.add_text_field("voice", STORED),
            span: b.add_text_field("span", STORED),
            start: b.add_u64_field("start", STORED),
            parent: b.add_text_field("parent", STRING),
        };
        (b.build(), fields)
    }
}
