//! The flattened records the search index is built from, streamed out of SQLite.

use super::Store;
use super::read::parse_json;
use crate::error::Result;
use crate::model::*;

impl Store {
    /// Streams every searchable record (or only `ids`, when given) to `sink`.
    pub fn for_each_index_record(
        &self,
        only: Option<(&[ClipId], &[PageId])>,
        mut sink: impl FnMut(IndexRecord) -> Result<()>,
    ) -> Result<()> {
        let (clip_filter, page_filter, clip_ids, page_ids) = match only {
            None => ("", "", String::from("[]"), String::from("[]")),
            Some((clips, pages)) => (
                " AND c.id IN (SELECT value FROM json_each(?1))",
                " AND p.id IN (SELECT value FROM json_each(?1))",
                serde_json::to_string(clips).unwrap_or_default(),
                serde_json::to_string(pages).unwrap_or_default(),
            ),
        };
        let clip_sql = format!(
            "SELECT c.id, c.start_s, c.end_s, c.section, c.quote, c.gist, c.topics, c.added,
                    v.name, v.id, s.title, s.id, s.kind,
                    (SELECT group_concat(page_id, ' ') FROM clip_pages WHERE clip_id = c.id),
                    (SELECT group_concat(theme_id || '=' || stance, ' ') FROM clip_stances WHERE clip_id = c.id)
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
            let pages: Option<String> = r.get(13)?;
            let stances: Option<String> = r.get(14)?;
            sink(IndexRecord {
                id: r.get(0)?,
                doc_type: "clip",
                title: r.get(10)?,
                quote: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                body: format!("{gist}\n{}", topics.join(" ")),
                snippet: gist,
                voice: r.get(8)?,
                voice_id: r.get(9)?,
                source: r.get(10)?,
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
        Ok(())
    }
}

fn page_record(page: Page, updated: String) -> IndexRecord {
    use crate::text::markdown_to_plain as plain;
    let mut body = vec![page.question.clone(), page.decision_rule.clone()];
    for cw in &page.choose_when {
        body.extend(cw.items.iter().cloned());
    }
    for list in [
        &page.tradeoffs,
        &page.failure_modes,
        &page.common_mistakes,
        &page.when_not_to_use,
        &page.concepts,
    ] {
        body.extend(list.iter().cloned());
    }
    for extra in &page.extra {
        body.push(extra.heading.clone());
        body.extend(extra.blocks.iter().cloned());
    }
    IndexRecord {
        id: page.id.0.clone(),
        doc_type: "page",
        title: page.title.clone(),
        quote: plain(&page.short_answer),
        snippet: plain(&page.question),
        body: plain(&body.join("\n\n")),
        span: String::new(),
        topics: page.concepts.clone(),
        pages: vec![page.id.0.clone()],
        stances: Vec::new(),
        added: updated,
        ..IndexRecord::default()
    }
}
