//! `dossier corpus …` (export, follow, list, unfollow, sync) and `dossier source set`.

use super::output::{json, warn};
use anyhow::Result;
use clap::Subcommand;
use dossier::Library;
use dossier::corpus::export::SourceOverlay;
use dossier::model::SourceId;
use dossier::store::FollowReport;
use dossier::text::sanitize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum Corpus {
    /// Write your clips, sources, voices, themes, pages, transcripts and source links as
    /// corpus files in DIR (the same notebook gives the same bytes; see
    /// docs/corpus-format.md).
    Export {
        dir: PathBuf,
        /// Also the built-in records.
        #[arg(long)]
        all: bool,
        /// Also your investigations (investigations.toml).
        #[arg(long)]
        investigations: bool,
    },
    /// Follow a folder of corpus files (a checkout of your team's library): synced on
    /// every start and by `dossier corpus sync`.
    Follow { dir: PathBuf },
    /// List the followed folders.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Stop following a folder; its records are retired (investigations keep them).
    Unfollow { dir: PathBuf },
    /// Sync the followed folders now.
    Sync {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum SourceCmd {
    /// Set a source's link, date or show (any source, built-in ones included): yours,
    /// kept through every sync, and exported by `corpus export`.
    Set {
        /// The source's id, URL or title.
        source: String,
        #[arg(long)]
        url: Option<String>,
        /// When it was published: YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The show or conference it belongs to.
        #[arg(long)]
        show: Option<String>,
    },
}

/// Whether the command syncs the followed folders itself (so opening should not).
pub fn syncs_itself(command: &Corpus) -> bool {
    matches!(
        command,
        Corpus::Follow { .. } | Corpus::Sync { .. } | Corpus::Unfollow { .. }
    )
}

pub fn corpus(lib: &mut Library, command: &Corpus, out: &mut impl Write) -> Result<()> {
    match command {
        Corpus::Export {
            dir,
            all,
            investigations,
        } => {
            let r = lib.export_corpus(dir, *all, *investigations)?;
            writeln!(
                out,
                "exported {} clip(s), {} source(s), {} voice(s), {} theme(s), {} page(s), {} transcript(s), {} source link(s), {} investigation(s) to {}",
                r.clips,
                r.sources,
                r.voices,
                r.themes,
                r.pages,
                r.transcripts,
                r.overlays,
                r.investigations,
                sanitize(&r.dir.display().to_string())
            )?;
            writeln!(
                out,
                "{} file(s) written, {} unchanged, {} removed",
                r.written, r.unchanged, r.removed
            )?;
        }
        Corpus::Follow { dir } => {
            let (dir, report) = lib.follow(dir, &super::StderrProgress)?;
            writeln!(out, "following {}", sanitize(&dir))?;
            sync_report(&report, out)?;
        }
        Corpus::List { json: as_json } => {
            let list = lib.store().followed()?;
            if *as_json {
                json(out, &list)?;
            } else if list.is_empty() {
                writeln!(
                    out,
                    "no followed corpora: `dossier corpus follow DIR` follows a folder of corpus files"
                )?;
            }
            if !*as_json {
                for c in &list {
                    let state = if c.available { "" } else { "  UNAVAILABLE" };
                    writeln!(
                        out,
                        "{}  {} clip(s), {} record(s) in {} file(s), synced {}{state}",
                        sanitize(&c.dir),
                        c.clips,
                        c.records,
                        c.files,
                        c.synced_at.as_deref().unwrap_or("never")
                    )?;
                }
            }
        }
        Corpus::Unfollow { dir } => match lib.unfollow(dir)? {
            Some(retired) => writeln!(
                out,
                "no longer following {}; {retired} record(s) it brought retired (investigations keep them)",
                sanitize(&dir.display().to_string())
            )?,
            None => anyhow::bail!(
                "{} is not followed (`dossier corpus list` shows the followed folders)",
                sanitize(&dir.display().to_string())
            ),
        },
        Corpus::Sync { json: as_json } => {
            let report = lib.sync_followed(&super::StderrProgress)?;
            if *as_json {
                json(out, &report)?;
            } else {
                sync_report(&report, out)?;
            }
        }
    }
    Ok(())
}

fn sync_report(r: &FollowReport, out: &mut impl Write) -> Result<()> {
    if r.ran {
        writeln!(
            out,
            "synced: {} record(s) added or changed, {} retired, from {} file(s) read",
            r.changed, r.retired, r.files_read
        )?;
    } else {
        writeln!(out, "synced: nothing changed")?;
    }
    unavailable_warnings(
        &r.unavailable
            .iter()
            .map(|(d, w)| format!("{d}: {w}"))
            .collect::<Vec<_>>(),
    );
    if !r.kept_yours.is_empty() {
        warn(format_args!(
            "note: {} record(s) in followed folders are your own records (your export, or the same id); your copy is kept: {}",
            r.kept_yours.len(),
            sanitize(
                &r.kept_yours
                    .iter()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        ));
    }
    if r.investigations_skipped > 0 {
        warn(format_args!(
            "note: {} investigation(s) in followed corpora were not applied (a sync never touches your investigations; `dossier import` adds them)",
            r.investigations_skipped
        ));
    }
    Ok(())
}

/// Warns about followed folders that cannot be read (`folder: why` each).
pub fn unavailable_warnings(lines: &[String]) {
    for line in lines {
        warn(format_args!(
            "warning: followed corpus unavailable, its records are kept as they were: {}",
            sanitize(line)
        ));
    }
}

pub fn source(lib: &mut Library, command: &SourceCmd, out: &mut impl Write) -> Result<()> {
    match command {
        SourceCmd::Set {
            source,
            url,
            date,
            show,
        } => {
            let s = lib.set_source(SourceOverlay {
                source: SourceId(source.clone()),
                url: url.clone(),
                published: date.clone(),
                show: show.clone(),
            })?;
            writeln!(out, "set on source {} ({}); now:", s.id, sanitize(&s.title))?;
            if let Some(u) = &s.url {
                writeln!(out, "  url: {}", sanitize(u.as_str()))?;
            }
            if let Some(d) = &s.published {
                writeln!(out, "  published: {}", sanitize(d))?;
            }
            if let Some(sh) = &s.show {
                writeln!(out, "  show: {}", sanitize(sh))?;
            }
        }
    }
    Ok(())
}

/// Where a shown record's values come from: a followed corpus's file, values set over
/// its source (yours, or a followed corpus's).
pub fn provenance(
    lib: &Library,
    record: &dossier::library::Record,
) -> Result<Vec<(String, String)>> {
    use dossier::library::Record;
    let (kind, id, source) = match record {
        Record::Clip(c) => (
            "clip",
            c.clip.record.id.0.clone(),
            Some(c.clip.record.source.0.clone()),
        ),
        Record::Source(s) => ("source", s.record.id.0.clone(), Some(s.record.id.0.clone())),
        Record::Page(p) => ("page", p.page.record.id.0.clone(), None),
        Record::Voice(v) => ("voice", v.record.id.0.clone(), None),
        Record::Theme(t) => ("theme", t.record.id.0.clone(), None),
    };
    let mut lines = Vec::new();
    if let Some(source) = source
        && let Some(o) = lib.store().overlay(&source)?
    {
        let fields: Vec<&str> = [
            o.url.as_ref().map(|_| "url"),
            o.published.as_ref().map(|_| "date"),
            o.show.as_ref().map(|_| "show"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let by = match (&o.by_user, &o.corpus) {
            (true, _) => "you".to_string(),
            (false, Some(dir)) => format!("the followed corpus {dir}"),
            (false, None) => "you".to_string(),
        };
        lines.push((
            "Set by".to_string(),
            format!("{by}: the source's {}", fields.join(", ")),
        ));
    }
    if let Some((dir, path, line)) = lib.store().record_corpus(kind, &id)? {
        let state = if lib.store().unavailable_corpora()?.contains(&dir) {
            " (unavailable now; kept as last synced)"
        } else {
            ""
        };
        lines.push(("From".to_string(), format!("{dir}/{path}:{line}{state}")));
    }
    Ok(lines)
}
