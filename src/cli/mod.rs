//! The command line: each command is a thin call into `Library`.

mod capture;
mod inv;
pub mod output;
mod progress;
mod show;
mod team;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dossier::Library;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "A keyboard-driven terminal research notebook of expert clips"
)]
pub struct Cli {
    /// Where the notebook lives (database and index). Default: the platform data dir.
    #[arg(long, global = true, env = "DOSSIER_HOME", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Search clips and pages: words, "phrases", a prefix on the last word, and filters
    /// (speaker: source: topic: kind: page: type: theme: stance:)
    Search {
        /// The query; empty lists the newest clips.
        #[arg(default_value = "")]
        query: String,
        /// How many results to show: 1 to 1000.
        #[arg(long, default_value_t = 20, value_parser = parse_limit, allow_negative_numbers = true)]
        limit: usize,
        /// Print JSON (see docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Show a clip, page, voice, source or theme by id.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List the decision pages.
    Pages {
        #[arg(long)]
        json: bool,
    },
    /// Import a corpus directory or file of your own (all or nothing).
    Import { path: PathBuf },
    /// Check database, index and corpus; exit 1 listing any problems.
    Check {
        /// Also rebuild what is derived (the search index) from the database. Your
        /// investigations, notes and imported records are never touched.
        #[arg(long)]
        repair: bool,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Investigations: your collections of clips, with notes and stances.
    #[command(subcommand)]
    Inv(inv::Inv),
    /// Where voices agree and disagree, over an investigation or a decision page.
    Compare {
        /// The investigation.
        name: Option<String>,
        /// Compare a decision page's clips instead.
        #[arg(long)]
        page: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a clip you heard: `dossier add URL --at 12:34 --voice NAME --gist …`.
    Add(Box<capture::Add>),
    /// Transcripts: import WebVTT or SRT, searchable to the cue.
    #[command(subcommand)]
    Transcript(capture::Transcript),
    /// What was added or changed lately, grouped by page and theme.
    Digest {
        /// The window: 7d, 2w, 12h, or a date such as 2026-11-01.
        #[arg(long, default_value = "7d")]
        since: String,
        #[arg(long)]
        json: bool,
    },
    /// A team library: export your records as corpus files, follow folders of them.
    #[command(subcommand)]
    Corpus(team::Corpus),
    /// Sources: set a link, date or show on any source.
    #[command(subcommand)]
    Source(team::SourceCmd),
    /// Export an investigation as a Markdown research brief (stdout without -o).
    Export {
        name: String,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// `--limit`: a whole number from 1 to the library's maximum, anything else refused
/// with the range (never a panic or a huge allocation).
fn parse_limit(s: &str) -> std::result::Result<usize, String> {
    let max = dossier::library::MAX_SEARCH_LIMIT;
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("give a whole number from 1 to {max}")),
    }
}

/// The data directory: `--data-dir`, then `DOSSIER_HOME`, then the platform's data dir.
pub fn data_dir(cli: &Cli) -> Result<PathBuf> {
    if let Some(dir) = &cli.data_dir {
        return Ok(dir.clone());
    }
    let dirs = directories::ProjectDirs::from("", "", "dossier").context(
        "cannot find a home directory for the notebook: pass --data-dir or set DOSSIER_HOME",
    )?;
    Ok(dirs.data_dir().to_path_buf())
}

/// Prints index-building progress on stderr, on one line when stderr is a terminal. It
/// writes only its own stage names and numbers, so it needs no gate; its carriage
/// return is what keeps the count on one line.
pub struct StderrProgress;

impl dossier::search::Progress for StderrProgress {
    fn update(&self, stage: &str, done: u64, total: u64) {
        if total == 0 {
            // A stage without a count: "waiting for dossier process 123 (importing)".
            output::warn(format_args!("{stage}…"));
            return;
        }
        let mut err = std::io::stderr().lock();
        if std::io::stderr().is_terminal() {
            let _ = write!(err, "\r{stage}: {done}/{total}");
            if done >= total {
                let _ = writeln!(err);
            }
        } else if done >= total || done.is_multiple_of(100_000) {
            let _ = writeln!(err, "{stage}: {done}/{total}");
        }
    }
}

pub fn open(cli: &Cli) -> Result<Library> {
    open_for(cli, true)
}

/// Opens the notebook; `sync_followed` false leaves the followed folders to the command.
pub fn open_for(cli: &Cli, sync_followed: bool) -> Result<Library> {
    let dir = data_dir(cli)?;
    let lib = if sync_followed {
        Library::open(&dir, &StderrProgress)?
    } else {
        Library::open_without_follow(&dir, &StderrProgress)?
    };
    announce(lib, &dir)
}

/// Opens the notebook for a command that only reads the database: the search index is
/// opened when (if ever) the command needs it, not on every start.
pub fn open_reading(cli: &Cli) -> Result<Library> {
    let dir = data_dir(cli)?;
    announce(Library::open_deferred(&dir, &StderrProgress)?, &dir)
}

/// Says what opening the notebook did that the user should know of.
fn announce(lib: Library, dir: &std::path::Path) -> Result<Library> {
    if let Some(reason) = &lib.opened.index_rebuilt
        && dir.join(dossier::library::INDEX_DIR).exists()
        && reason != "no index yet"
    {
        output::warn(format_args!("note: rebuilt the search index ({reason})"));
    }
    if let Some(e) = &lib.opened.follow_error {
        output::warn(format_args!(
            "warning: the followed corpora were not synced; their records are as they were: {}",
            dossier::text::sanitize_multiline(e)
        ));
    }
    if let Some(report) = &lib.opened.followed
        && report.changed + report.retired > 0
    {
        output::warn(format_args!(
            "note: synced followed corpora: {} record(s) added or changed, {} retired",
            report.changed, report.retired
        ));
    }
    team::unavailable_warnings(&lib.opened.unavailable);
    if let Some(holder) = &lib.opened.index_stale {
        output::warn(format_args!(
            "note: {holder} is updating the search index; results may be a few seconds old"
        ));
    }
    Ok(lib)
}

/// Runs a subcommand. Returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> Result<u8> {
    let mut out = output::stdout();
    match command {
        Command::Search { query, limit, json } => {
            let lib = open(cli)?;
            let results = lib.search(query, *limit)?;
            if *json {
                output::json(&mut out, &results)?;
            } else {
                output::search(&mut out, &results)?;
            }
        }
        Command::Show { id, json } => {
            let lib = open_reading(cli)?;
            let record = lib.record(id)?;
            if *json {
                output::json(&mut out, &record)?;
            } else {
                show::record(&mut out, &record)?;
                show::provenance(&mut out, &team::provenance(&lib, &record)?)?;
            }
        }
        Command::Pages { json } => {
            let lib = open_reading(cli)?;
            let pages = lib.pages()?;
            if *json {
                output::json(&mut out, &pages)?;
            } else {
                output::pages(&mut out, &pages)?;
            }
        }
        Command::Import { path } => {
            let mut lib = open(cli)?;
            let report = lib.import_with(path, &progress::ImportLine::new())?;
            writeln!(
                out,
                "imported {} record(s) from {} file(s): {} clip(s), {} page(s), {} voice(s), {} source(s), {} theme(s)",
                report.records,
                report.files,
                report.clips,
                report.pages,
                report.voices,
                report.sources,
                report.themes
            )?;
            if let Some(w) = report.index_warning {
                output::warn(format_args!("warning: {w}"));
            }
        }
        Command::Check { repair } => {
            let mut lib = open(cli)?;
            if let Some(reason) = lib.opened.index_rebuilt.clone()
                && reason != "no index yet"
            {
                writeln!(
                    out,
                    "repaired: search index ({}); rebuilt from the database",
                    dossier::text::sanitize(&reason)
                )?;
            }
            if *repair {
                lib.reindex(&StderrProgress)?;
                writeln!(out, "repaired: search index rebuilt from the database")?;
            }
            let problems = lib.check()?;
            if problems.is_empty() {
                writeln!(
                    out,
                    "ok: database, search index and built-in corpus are sound"
                )?;
            } else {
                for p in &problems {
                    writeln!(out, "problem: {}", dossier::text::sanitize(p))?;
                }
                return Ok(1);
            }
        }
        Command::Inv(command) => {
            let mut lib = open_reading(cli)?;
            inv::run(&mut lib, command, &mut out)?;
        }
        Command::Compare { name, page, json } => {
            let lib = open_reading(cli)?;
            inv::compare(&lib, name.as_deref(), page.as_deref(), *json, &mut out)?;
        }
        Command::Export {
            name,
            output,
            force,
        } => {
            let lib = open_reading(cli)?;
            inv::export(&lib, name, output.as_deref(), *force, &mut out)?;
        }
        Command::Add(add) => {
            let mut lib = open(cli)?;
            capture::add(&mut lib, add, &mut out)?;
        }
        Command::Corpus(command) => {
            let mut lib = open_for(cli, !team::syncs_itself(command))?;
            team::corpus(&mut lib, command, &mut out)?;
        }
        Command::Source(command) => {
            let mut lib = open(cli)?;
            team::source(&mut lib, command, &mut out)?;
        }
        Command::Transcript(command) => {
            let mut lib = open(cli)?;
            capture::transcript(&mut lib, command, &mut out)?;
        }
        Command::Digest { since, json } => {
            let since = dossier::capture::digest::parse_since(since, chrono::Utc::now())
                .map_err(anyhow::Error::msg)?;
            let lib = open_reading(cli)?;
            let digest = lib.digest(since)?;
            capture::digest(&digest, *json, &mut out)?;
        }
        Command::Reindex => {
            let mut lib = open(cli)?;
            lib.reindex(&StderrProgress)?;
            writeln!(
                out,
                "search index rebuilt in {}",
                lib.data_dir().join(dossier::library::INDEX_DIR).display()
            )?;
        }
    }
    Ok(0)
}
