//! `dossier add`, `dossier transcript …` and `dossier digest`.

use super::output::json;
use anyhow::Result;
use clap::{Args, Subcommand};
use dossier::Library;
use dossier::capture::NewClip;
use dossier::library::Digest;
use dossier::model::{SourceKind, format_time};
use dossier::text::sanitize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct Add {
    /// The talk or episode; may carry the time (t=754, t=12m34s, #t=754).
    pub url: String,
    /// Where the moment starts: 12:34, 1:02:05, 754 or 12m34s (default: the URL's time).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Where it ends.
    #[arg(long, value_name = "TIME")]
    pub to: Option<String>,
    /// Who says it (created when new).
    #[arg(long)]
    pub voice: Option<String>,
    /// The source's title (created when new; default: found by URL).
    #[arg(long, value_name = "TITLE")]
    pub source: Option<String>,
    /// A new source's kind: talk, podcast, video, article or paper.
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub quote: Option<String>,
    /// What the moment says, in your words (default: the quote).
    #[arg(long)]
    pub gist: Option<String>,
    /// A topic (repeat the flag, or separate with commas).
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,
    /// How clearly it makes its point, 0-100 (default: not rated).
    #[arg(long, value_name = "0-100")]
    pub clarity: Option<String>,
    /// Your reading of the clip on a theme, e.g. rag-is-obsolete=opposes (repeat the flag);
    /// shown as yours, beside the experts' stances.
    #[arg(long = "stance", value_name = "THEME=STANCE")]
    pub stances: Vec<String>,
    /// A decision page the clip informs (id or title).
    #[arg(long, value_name = "P")]
    pub page: Option<String>,
    /// Also save it into this investigation (created when new).
    #[arg(long = "inv", value_name = "NAME")]
    pub investigation: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum Transcript {
    /// Import a WebVTT or SRT file as a source's transcript (replaces an earlier one).
    Import {
        /// The source: its id, URL or title; an unknown http(s) URL creates it.
        source: String,
        file: PathBuf,
        /// The title of a source created from a URL.
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Print a source's transcript with cue times.
    Show {
        source: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn add(lib: &mut Library, a: &Add, out: &mut impl Write) -> Result<()> {
    let kind = match &a.kind {
        None => None,
        Some(k) => Some(SourceKind::parse(k).ok_or_else(|| {
            anyhow::anyhow!("`{k}` is not a source kind: use {}", SourceKind::choices())
        })?),
    };
    let new = NewClip {
        url: a.url.clone(),
        at: a.at.clone().unwrap_or_default(),
        to: a.to.clone().unwrap_or_default(),
        voice: a.voice.clone().unwrap_or_default(),
        source: a.source.clone().unwrap_or_default(),
        quote: a.quote.clone().unwrap_or_default(),
        gist: a.gist.clone().unwrap_or_default(),
        topics: a.topics.clone(),
        clarity: a.clarity.clone().unwrap_or_default(),
        stances: a.stances.join(","),
        page: a.page.clone().unwrap_or_default(),
        investigation: a.investigation.clone().unwrap_or_default(),
        kind,
    };
    let report = lib.add_clip(&new)?;
    if a.json {
        return json(out, &report);
    }
    if let Some(v) = &report.created_voice {
        writeln!(out, "new voice: {}", sanitize(v))?;
    }
    if let Some(s) = &report.created_source {
        writeln!(out, "new source: {}", sanitize(s))?;
    }
    writeln!(
        out,
        "added clip {} ({})",
        sanitize(report.clip.as_str()),
        report.time_range
    )?;
    if let Some(inv) = &report.investigation {
        let verb = if report.created_investigation {
            "saved into new investigation"
        } else {
            "saved into"
        };
        writeln!(out, "{verb} {}", sanitize(inv))?;
    }
    if let Some(w) = &report.index_warning {
        super::output::warn(format_args!("warning: {w}"));
    }
    Ok(())
}

pub fn transcript(lib: &mut Library, command: &Transcript, out: &mut impl Write) -> Result<()> {
    match command {
        Transcript::Import {
            source,
            file,
            title,
            json: as_json,
        } => {
            let report = lib.import_transcript(source, file, title.as_deref())?;
            if *as_json {
                return json(out, &report);
            }
            if let Some(s) = &report.created_source {
                writeln!(out, "new source: {}", sanitize(s))?;
            }
            for v in &report.created_voices {
                writeln!(out, "new voice: {}", sanitize(v))?;
            }
            write!(
                out,
                "imported {} cue(s) ({}) as the transcript of {} [{}]",
                report.cues,
                report.format,
                sanitize(&report.title),
                sanitize(report.source.as_str())
            )?;
            match report.replaced {
                Some(n) => writeln!(out, ", replacing {n} earlier cue(s)")?,
                None => writeln!(out)?,
            }
            if let Some(w) = &report.index_warning {
                super::output::warn(format_args!("warning: {w}"));
            }
        }
        Transcript::Show {
            source,
            json: as_json,
        } => {
            let source = lib
                .store()
                .find_source(source)?
                .map_or_else(|| source.clone(), |s| s.record.id.0);
            let (info, cues) = lib.transcript(&source)?;
            if *as_json {
                return json(
                    out,
                    &serde_json::json!({ "transcript": info, "cues": cues }),
                );
            }
            writeln!(
                out,
                "{} — {} cue(s) from {}",
                sanitize(&info.title),
                info.cues,
                sanitize(&info.file_name)
            )?;
            for cue in &cues {
                let at = format_time((cue.start_ms / 1000) as u32);
                match &cue.voice {
                    Some(v) => writeln!(out, "{at:>8}  {}: {}", sanitize(v), sanitize(&cue.text))?,
                    None => writeln!(out, "{at:>8}  {}", sanitize(&cue.text))?,
                }
            }
        }
    }
    Ok(())
}

pub fn digest(digest: &Digest, as_json: bool, out: &mut impl Write) -> Result<()> {
    if as_json {
        return json(out, digest);
    }
    let since = digest.since.replace('T', " ").replace('Z', " UTC");
    if digest.is_empty() {
        writeln!(out, "nothing new since {since}")?;
        return Ok(());
    }
    // Yours first, newest first; what the program installed is one line at the end.
    let nothing_of_yours = digest.clip_count == 0
        && digest.pages.is_empty()
        && digest.sources.is_empty()
        && digest.transcripts.is_empty();
    if nothing_of_yours {
        writeln!(out, "nothing new of yours since {since}")?;
    } else {
        writeln!(
            out,
            "since {since}: {} clip(s) of yours, {} page(s), {} source(s), {} transcript(s)",
            digest.clip_count,
            digest.pages.len(),
            digest.sources.len(),
            digest.transcripts.len()
        )?;
    }
    for group in &digest.groups {
        let title = group
            .title
            .as_deref()
            .unwrap_or("Clips on no decision page");
        writeln!(out, "\n## {}", sanitize(title))?;
        for theme in &group.themes {
            match &theme.claim {
                Some(claim) => writeln!(out, "  {}", sanitize(claim))?,
                None if group.themes.len() > 1 => writeln!(out, "  (no theme)")?,
                None => {}
            }
            for c in &theme.clips {
                writeln!(
                    out,
                    "    {}  {} · {} {}  [{}]",
                    sanitize(c.date()),
                    sanitize(&c.voice),
                    sanitize(&c.source),
                    sanitize(&c.time_range),
                    sanitize(&c.id)
                )?;
                writeln!(out, "      {}", sanitize(&c.gist))?;
            }
        }
    }
    for (label, list) in [("Pages", &digest.pages), ("Sources", &digest.sources)] {
        if !list.is_empty() {
            writeln!(out, "\n## {label} added or changed")?;
            for (id, title, at) in list.iter() {
                writeln!(
                    out,
                    "    {}  {}  [{}]",
                    &at[..at.len().min(10)],
                    sanitize(title),
                    sanitize(id)
                )?;
            }
        }
    }
    if !digest.transcripts.is_empty() {
        writeln!(out, "\n## Transcripts imported")?;
        for t in &digest.transcripts {
            writeln!(
                out,
                "    {}  {} ({} cues)  [{}]",
                &t.imported_at[..t.imported_at.len().min(10)],
                sanitize(&t.title),
                t.cues,
                sanitize(&t.source_id)
            )?;
        }
    }
    if !digest.builtin.is_empty() {
        writeln!(out, "\n{}", sanitize(&digest.builtin.line()))?;
    }
    Ok(())
}
