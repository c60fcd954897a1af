//! Human and JSON output. Every string from the corpus or the user is sanitized.

use anyhow::Result;
use dossier::search::{SearchResults, Snippet};
use dossier::store::PageSummary;
use dossier::text::sanitize;
use std::io::{IsTerminal, Write};

/// Pretty JSON, the stable machine interface (docs/json.md).
pub fn json<T: serde::Serialize>(out: &mut impl Write, value: &T) -> Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    writeln!(out, "{}", dossier::text::json_for_terminal(&json))?;
    Ok(())
}

/// Bold for highlights, only on a terminal and never when NO_COLOR is set.
pub fn styled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A snippet with its highlights: bold on a terminal, plain otherwise.
pub fn snippet(s: &Snippet, styled: bool) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in &s.highlights {
        if r.start < at
            || r.end > s.text.len()
            || !s.text.is_char_boundary(r.start)
            || !s.text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&sanitize(&s.text[at..r.start]));
        let word = sanitize(&s.text[r.clone()]);
        if styled {
            out.push_str(&format!("\u{1b}[1;33m{word}\u{1b}[0m"));
        } else {
            out.push_str(&word);
        }
        at = r.end;
    }
    out.push_str(&sanitize(&s.text[at..]));
    out
}

pub fn search(out: &mut impl Write, results: &SearchResults) -> Result<()> {
    let styled = styled();
    if results.hits.is_empty() {
        writeln!(out, "no results for \"{}\"", sanitize(&results.query))?;
        return Ok(());
    }
    if let Some(suggestion) = &results.suggestion {
        writeln!(
            out,
            "no exact matches for \"{}\"; showing matches for \"{}\"",
            sanitize(&results.query),
            sanitize(suggestion)
        )?;
    }
    let heading = if results.query.trim().is_empty() {
        format!("{} newest clip(s)", results.hits.len())
    } else {
        format!(
            "{} result(s), showing {}",
            results.total,
            results.hits.len()
        )
    };
    writeln!(out, "{heading}")?;
    for (i, hit) in results.hits.iter().enumerate() {
        let mut meta = Vec::new();
        if let Some(v) = &hit.voice {
            meta.push(sanitize(v).into_owned());
        }
        meta.push(sanitize(&hit.title).into_owned());
        if let Some(t) = &hit.time_range {
            meta.push(sanitize(t).into_owned());
        }
        writeln!(
            out,
            "{:>3}. {:<4}  {}",
            i + 1,
            hit.doc_type,
            sanitize(&hit.id)
        )?;
        writeln!(out, "      {}", meta.join(" · "))?;
        if !hit.snippet.text.is_empty() {
            writeln!(out, "      {}", snippet(&hit.snippet, styled))?;
        }
    }
    Ok(())
}

pub fn pages(out: &mut impl Write, pages: &[PageSummary]) -> Result<()> {
    if pages.is_empty() {
        writeln!(out, "no decision pages")?;
        return Ok(());
    }
    let id_width = pages
        .iter()
        .map(|p| p.id.as_str().chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let title_width = pages
        .iter()
        .map(|p| p.title.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 48);
    writeln!(
        out,
        "{:<id_width$}  {:<title_width$}  {:>5}  UPDATED",
        "ID", "TITLE", "CLIPS"
    )?;
    for p in pages {
        let title: String = sanitize(&p.title).chars().take(title_width).collect();
        let updated = p.updated_at.get(..10).unwrap_or(&p.updated_at);
        writeln!(
            out,
            "{:<id_width$}  {:<title_width$}  {:>5}  {}",
            sanitize(p.id.as_str()),
            title,
            p.clip_count,
            updated
        )?;
    }
    Ok(())
}
