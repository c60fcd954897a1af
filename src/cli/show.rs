//! `dossier show`: one record, readable in a terminal.

use anyhow::Result;
use dossier::library::{CanonicalView, ClipView, PageView, Record};
use dossier::text::{sanitize, sanitize_multiline};
use std::io::Write;

fn field(out: &mut impl Write, label: &str, value: &str) -> Result<()> {
    writeln!(out, "  {:<9} {}", format!("{label}:"), sanitize(value))?;
    Ok(())
}

fn list(out: &mut impl Write, heading: &str, items: &[String]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{}", sanitize(heading))?;
    for item in items {
        writeln!(out, "  - {}", sanitize(item))?;
    }
    Ok(())
}

/// Where a record's values come from, shown after it: `(label, text)` lines.
pub fn provenance(out: &mut impl Write, lines: &[(String, String)]) -> Result<()> {
    for (label, text) in lines {
        field(out, label, text)?;
    }
    Ok(())
}

pub fn record(out: &mut impl Write, record: &Record) -> Result<()> {
    match record {
        Record::Clip(c) => clip(out, c),
        Record::Page(p) => page(out, p),
        Record::Voice(v) => {
            writeln!(out, "voice  {}", sanitize(v.record.id.as_str()))?;
            field(out, "Name", &v.record.name)?;
            field(
                out,
                "Role",
                v.record.role.as_deref().unwrap_or("(not given)"),
            )?;
            field(
                out,
                "At",
                v.record.affiliation.as_deref().unwrap_or("(not given)"),
            )?;
            Ok(())
        }
        Record::Source(s) => {
            let r = &s.record;
            writeln!(out, "source  {}", sanitize(r.id.as_str()))?;
            field(out, "Title", &r.title)?;
            field(out, "Kind", r.kind.as_str())?;
            field(out, "Show", r.show.as_deref().unwrap_or("(not given)"))?;
            field(
                out,
                "Published",
                r.published.as_deref().unwrap_or("(not given)"),
            )?;
            field(out, "URL", r.url.as_ref().map_or("(none)", |u| u.as_str()))?;
            Ok(())
        }
        Record::Theme(t) => {
            writeln!(
                out,
                "theme  {}  ({})",
                sanitize(t.record.id.as_str()),
                t.record.kind
            )?;
            field(out, "Claim", &t.record.claim)?;
            Ok(())
        }
    }
}

fn clip(out: &mut impl Write, c: &ClipView) -> Result<()> {
    let r = &c.clip.record;
    let retired = if c.clip.retired { "  [retired]" } else { "" };
    writeln!(out, "clip  {}{retired}", sanitize(r.id.as_str()))?;
    // Only the verbatim quote is in quotation marks; the gist is a paraphrase and says so.
    if let Some(q) = &r.quote {
        writeln!(out, "  {} said: “{}”", sanitize(&c.voice.name), sanitize(q))?;
    }
    writeln!(out, "  Paraphrased: {}\n", sanitize(&r.gist))?;
    field(out, "Voice", &c.voice.describe())?;
    field(out, "Source", &c.source.describe())?;
    field(out, "Time", &c.time_range)?;
    match &c.deep_link {
        Some(link) => field(out, "Link", link.as_str())?,
        None => field(out, "Link", "(none: the source has no URL)")?,
    }
    if !r.topics.is_empty() {
        field(out, "Topics", &r.topics.join(", "))?;
    }
    if let Some(clarity) = r.clarity {
        field(out, "Clarity", &format!("{clarity}/100"))?;
    }
    field(out, "Added", &r.added)?;
    for (id, title) in &c.page_titles {
        field(out, "Page", &format!("{title} ({id})"))?;
    }
    for (theme, stance) in &c.themes {
        let yours = if c.is_your_stance(&theme.id) {
            " (your reading)"
        } else {
            ""
        };
        field(
            out,
            "Stance",
            &format!("{stance}{yours}: {} ({})", theme.claim, theme.id),
        )?;
        let why = r
            .stances
            .iter()
            .find(|s| s.theme == theme.id)
            .and_then(|s| s.why.as_deref());
        if let Some(why) = why {
            field(out, "  why", why)?;
        }
    }
    Ok(())
}

/// The canonical clip block, right after the short answer.
fn canonical(out: &mut impl Write, p: &PageView) -> Result<()> {
    let Some(id) = &p.page.record.canonical_clip else {
        return Ok(());
    };
    writeln!(out, "\nCanonical clip: {}", sanitize(id.as_str()))?;
    let Some(c): Option<&CanonicalView> = p.canonical.as_ref() else {
        writeln!(out, "  (not in the notebook)")?;
        return Ok(());
    };
    field(out, "Voice", &c.voice)?;
    let source = match &c.show {
        Some(show) => format!("{}, {show}", c.source),
        None => c.source.clone(),
    };
    field(out, "Source", &source)?;
    field(out, "Time", &c.time_range)?;
    match (c.clarity, c.clarity_band) {
        (Some(clarity), Some(band)) => field(out, "Clarity", &format!("{clarity}/100, {band}"))?,
        _ => field(out, "Clarity", "(not rated)")?,
    }
    for (label, value) in [
        ("Why", &c.why),
        ("Lead-in", &c.lead_in),
        ("Chapter", &c.chapter),
    ] {
        if let Some(value) = value {
            field(out, label, value)?;
        }
    }
    match &c.deep_link {
        Some(link) => field(out, "Link", link.as_str())?,
        None => field(out, "Link", "(none: the source has no URL)")?,
    }
    Ok(())
}

fn page(out: &mut impl Write, v: &PageView) -> Result<()> {
    let p = &v.page.record;
    let retired = if v.page.retired { "  [retired]" } else { "" };
    writeln!(
        out,
        "{}{retired}\n{}",
        sanitize(&p.title),
        "=".repeat(p.title.chars().count().min(80))
    )?;
    writeln!(
        out,
        "page {} · options: {}",
        sanitize(p.id.as_str()),
        sanitize(&p.options.join(" | "))
    )?;
    for (heading, text) in [
        ("Question", &p.question),
        ("Short answer", &p.short_answer),
        ("Decision rule", &p.decision_rule),
    ] {
        writeln!(
            out,
            "\n{heading}\n  {}",
            sanitize_multiline(text).replace('\n', "\n  ")
        )?;
        if heading == "Short answer" {
            canonical(out, v)?;
        }
    }
    for cw in &p.choose_when {
        list(out, &format!("Choose {} when", cw.option), &cw.items)?;
    }
    list(out, "Tradeoffs", &p.tradeoffs)?;
    list(out, "Failure modes", &p.failure_modes)?;
    list(out, "Common mistakes", &p.common_mistakes)?;
    list(out, "When not to use", &p.when_not_to_use)?;
    for extra in &p.extra {
        list(
            out,
            if extra.heading.is_empty() {
                "Notes"
            } else {
                &extra.heading
            },
            &extra.blocks,
        )?;
    }
    list(out, "Related concepts", &p.concepts)?;
    let related: Vec<String> = v
        .related_titles
        .iter()
        .map(|(id, t)| format!("{t} ({id})"))
        .collect();
    list(out, "Related comparisons", &related)?;
    writeln!(out, "\nClips ({})", v.clips.len())?;
    for c in &v.clips {
        writeln!(
            out,
            "  {:<3} {}  {} · {} · {}",
            c.clip
                .record
                .clarity
                .map(|c| c.to_string())
                .unwrap_or_default(),
            sanitize(c.clip.record.id.as_str()),
            sanitize(&c.voice.name),
            sanitize(&c.source.title),
            sanitize(&c.time_range)
        )?;
    }
    Ok(())
}
