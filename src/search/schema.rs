//! The tantivy schema, defined once. Bump `SCHEMA_VERSION` whenever fields or analyzers
//! change: an index built with another version is rebuilt on open.

use super::tokenize::{EDGE_TOKENIZER, STEM_TOKENIZER};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub doc_type: Field,
    pub title: Field,
    pub quote: Field,
    pub body: Field,
    pub snippet: Field,
    /// Edge n-grams of every word in title, quote and body: search-as-you-type.
    pub prefix: Field,
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
        let edge = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EDGE_TOKENIZER)
                .set_index_option(IndexRecordOption::Basic),
        );
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            doc_type: b.add_text_field("type", STRING | STORED),
            title: b.add_text_field("title", stemmed(true)),
            quote: b.add_text_field("quote", stemmed(true)),
            body: b.add_text_field("body", stemmed(false)),
            snippet: b.add_text_field("snippet", STORED),
            prefix: b.add_text_field("prefix", edge),
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
