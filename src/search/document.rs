//! A search document from one flattened record: each text in its weighed field and in the
//! prefix field, filters, and what a result shows.

use super::index::SearchIndex;
use crate::model::IndexRecord;
use tantivy::TantivyDocument;

impl SearchIndex {
    pub(super) fn document(&self, r: &IndexRecord) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &r.id);
        doc.add_text(f.doc_type, r.doc_type);
        doc.add_text(f.title, &r.title);
        doc.add_text(f.snippet, &r.snippet);
        for (field, text) in [
            (f.name, &r.name),
            (f.quote, &r.quote),
            (f.lead, &r.lead),
            (f.body, &r.body),
            (f.about, &r.about),
            (f.who, &r.voice),
        ] {
            if !text.is_empty() {
                doc.add_text(field, text);
                doc.add_text(f.prefix, text);
                doc.add_text(f.grams, text);
            }
        }
        for passage in &r.passages {
            doc.add_text(f.passage, passage);
        }
        for topic in &r.topics {
            doc.add_text(f.topics, topic);
            doc.add_text(f.prefix, topic);
            doc.add_text(f.grams, topic);
            if r.doc_type == "clip" {
                doc.add_text(f.topics_shown, topic);
            }
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
        if !r.parent.is_empty() {
            doc.add_text(f.parent, &r.parent);
        }
        doc.add_text(f.span, &r.span);
        if let Some(start) = r.start {
            doc.add_u64(f.start, u64::from(start));
        }
        doc
    }
}
