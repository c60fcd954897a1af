//! The flattened records the search index is built from, streamed out of SQLite.

use super::Store;
use super::read::parse_json;
use crate::error::Result;
use crate::model::*;

/// Which records to stream: some clips, pages and transcripts (by source).
#[derive(Default, Clone, Copy)]
pub struct IndexScope<'a> {
    pub clips: &'a [ClipId],
    pub pages: &'a [PageId],
    pub transcripts: &'a [SourceId],
}

impl Store {
    /// Streams every searchable record (or only those in scope, when given) to `sink`.
    pub fn for_each_index_record(
        &self,
        only: Option<IndexScope<'_>>,
        mut sink: impl FnMut(IndexRecord) -> Result<()>,
    ) -> Result<()> {
        let (clip_filter, page_filter, clip_ids, page_ids) = match only {
            None => ("", "", String::from("[]"), String::from("[]")),
            Some(scope) => (
                " AND c.id IN (SELECT value FROM json_each(?1))",
                " AND p.id IN (SELECT value FROM json_each(?1))",
                serde_json::to_string(scope.clips).unwrap_or_default(),
                serde_json::to_string(scope.pages).unwrap_or_default(),
            ),
        };
        let clip_sql = format!(
            "SELECT c.id, c.start_s, c.end_s, c.section, c.quote, c.gist, c.topics, c.added,
                    v.name, v.id, s.title, s.id, s.kind, coalesce(s.show, ''),
                    (SELECT group_concat(page_id, ' ') FROM clip_pages WHERE clip_id = c.id),
                    (SELECT group_concat(theme_id || '=' || stance, ' ') FROM clip_stances WHERE clip_id = c.id),
                    (SELECT group_concat(t.claim, char(10)) FROM clip_stances cs JOIN themes t ON t.id = cs.theme_id
                      WHERE cs.clip_id = c.id AND t.retired = 0)
             FROM clips c JOIN voices v ON v.id = c.voice_id JOIN sources s ON s.id = c.source_id
             WHERE c.retired = 0{clip_filter}"
        );
        let mut stmt = self.conn().prepare(&clip_sql)?;
        let mut rows = if only.is_some() {
            stmt.query([&clip_ids])?
        } else {
            stmt.query([])?
        };
        while let Some(r) = rows.next()? {
            let start: Option<u32> = r.get(1)?;
            let span = ClipSpan::from_columns(start, r.get(2)?, r.get(3)?);
            let topics: Vec<String> = parse_json(6, r.get(6)?)?;
            let gist: String = r.get(5)?;
            let pages: Option<String> = r.get(14)?;
            let stances: Option<String> = r.get(15)?;
            let title: String = r.get(10)?;
            let show: String = r.get(13)?;
            let claims: Option<String> = r.get(16)?;
            sink(IndexRecord {
                id: r.get(0)?,
                doc_type: "clip",
                quote: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                // An article's section heading says what the clip is about, as its
                // author put it.
                lead: match r.get::<_, Option<String>>(3)? {
                    Some(section) => format!("{section}\n{gist}"),
                    None => gist.clone(),
                },
                // What the clip is about also shows in the claims it takes a side on (for
                // or against): the corpus's framing, searched but never shown as the
                // voice's words.
                about: format!("{title}\n{show}"),
                snippet: gist,
                voice: r.get(8)?,
                voice_id: r.get(9)?,
                source: title.clone(),
                title,
                name: String::new(),
                body: claims.unwrap_or_default(),
                passages: Vec::new(),
                source_id: r.get(11)?,
                source_kind: r.get(12)?,
                span: span.label(),
                start,
                topics,
                pages: pages
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(String::from)
                    .collect(),
                stances: stances
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|s| {
                        s.split_once('=')
                            .map(|(t, st)| (t.to_string(), st.to_string()))
                    })
                    .collect(),
                added: r.get(7)?,
                parent: String::new(),
            })?;
        }
        drop(rows);
        let page_sql =
            format!("SELECT p.body, p.updated_at FROM pages p WHERE p.retired = 0{page_filter}");
        let mut stmt = self.conn().prepare(&page_sql)?;
        let mut rows = if only.is_some() {
            stmt.query([&page_ids])?
        } else {
            stmt.query([])?
        };
        while let Some(r) = rows.next()? {
            let page: Page = parse_json(0, r.get(0)?)?;
            sink(page_record(page, r.get(1)?))?;
        }
        drop(rows);
        self.for_each_cue_record(only.map(|s| s.transcripts), &mut sink)
    }

    /// Streams transcript cues, one search document each (all, or those of `sources`).
    fn for_each_cue_record(
        &self,
        sources: Option<&[SourceId]>,
        sink: &mut impl FnMut(IndexRecord) -> Result<()>,
    ) -> Result<()> {
        if sources.is_some_and(<[SourceId]>::is_empty) {
            return Ok(());
        }
        let filter = if sources.is_some() {
            " WHERE q.source_id IN (SELECT value FROM json_each(?1))"
        } else {
            ""
        };
        let sql = format!(
            "SELECT q.source_id, q.seq, q.start_ms, q.text, coalesce(v.name, ''), coalesce(v.id, ''),
                    s.title, s.kind, t.imported_at
             FROM transcript_cues q JOIN transcripts t ON t.source_id = q.source_id
             JOIN sources s ON s.id = q.source_id LEFT JOIN voices v ON v.id = q.voice_id{filter}"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let ids = serde_json::to_string(&sources.unwrap_or_default()).unwrap_or_default();
        let mut rows = if sources.is_some() {
            stmt.query([&ids])?
        } else {
            stmt.query([])?
        };
        while let Some(r) = rows.next()? {
            let source_id: String = r.get(0)?;
            let seq: i64 = r.get(1)?;
            let start_ms: i64 = r.get(2)?;
            let start = u32::try_from(start_ms / 1000).unwrap_or(u32::MAX);
            let text: String = r.get(3)?;
            let title: String = r.get(6)?;
            sink(IndexRecord {
                id: cue_id(&source_id, seq),
                doc_type: "transcript",
                about: title.clone(),
                title: title.clone(),
                lead: text.clone(),
                snippet: text,
                voice: r.get(4)?,
                voice_id: r.get(5)?,
                source: title,
                source_id: source_id.clone(),
                source_kind: r.get(7)?,
                span: format_time(start),
                start: Some(start),
                added: r.get(8)?,
                parent: source_id,
                ..IndexRecord::default()
            })?;
        }
        Ok(())
    }
}

/// The search id of a transcript cue: `source@seq`.
pub fn cue_id(source: &str, seq: i64) -> String {
    format!("{source}@{seq}")
}

/// The source and position a cue's search id names.
pub fn parse_cue_id(id: &str) -> Option<(&str, usize)> {
    let (source, seq) = id.rsplit_once('@')?;
    Some((source, seq.parse().ok()?))
}

fn page_record(page: Page, updated: String) -> IndexRecord {
    use crate::text::markdown_to_plain as plain;
    let mut passages = Vec::new();
    let mut section = |heading: &str, items: &[String]| {
        let text: Vec<String> = items
            .iter()
            .map(|i| plain(i))
            .filter(|i| !i.trim().is_empty())
            .collect();
        if !text.is_empty() {
            passages.push(format!("{heading}: {}", text.join(" · ")));
        }
    };
    section("Decision rule", std::slice::from_ref(&page.decision_rule));
    for cw in &page.choose_when {
        section(&format!("Choose {} when", cw.option), &cw.items);
    }
    section("Tradeoffs", &page.tradeoffs);
    section("Failure modes", &page.failure_modes);
    section("Common mistakes", &page.common_mistakes);
    section("When not to use", &page.when_not_to_use);
    section("Concepts", &page.concepts);
    for extra in &page.extra {
        section(&extra.heading, &extra.blocks);
    }
    IndexRecord {
        id: page.id.0.clone(),
        doc_type: "page",
        title: page.title.clone(),
        name: page.title.clone(),
        quote: plain(&page.short_answer),
        lead: plain(&page.question),
        snippet: plain(&page.question),
        body: passages.join("\n\n"),
        passages,
        span: String::new(),
        topics: page.concepts.clone(),
        pages: vec![page.id.0.clone()],
        stances: Vec::new(),
        added: updated,
        ..IndexRecord::default()
    }
}
