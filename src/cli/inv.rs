//! `dossier inv …`, `dossier compare` and `dossier export`.

use super::output::json;
use anyhow::Result;
use clap::Subcommand;
use dossier::Library;
use dossier::compare::Comparison;
use dossier::library::{InvestigationView, parse_stance_or_clear};
use dossier::model::ClipId;
use dossier::text::sanitize;
use std::io::Write;
use std::path::Path;

#[derive(Subcommand)]
pub enum Inv {
    /// Create an investigation.
    New {
        name: String,
        #[arg(long)]
        question: Option<String>,
    },
    /// List investigations.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show an investigation's clips with notes and stances.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Add clips (at the end, in order).
    Add {
        name: String,
        #[arg(required = true)]
        clips: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Set the note on a clip.
    Note {
        name: String,
        clip: String,
        text: String,
    },
    /// Remove a clip.
    Rm { name: String, clip: String },
    /// Move a clip to a position (1 is first).
    Move {
        name: String,
        clip: String,
        position: usize,
    },
    /// Set your reading of a clip on a theme (supports, opposes, nuanced, or clear): shown
    /// as yours beside the corpus's stance, never counted in the experts' class.
    Stance {
        name: String,
        clip: String,
        theme: String,
        stance: String,
    },
    /// Write your conclusion (your own answer, opening the brief); "" clears it.
    Conclude { name: String, text: String },
    /// Rename an investigation.
    Rename { old: String, new: String },
    /// Delete an investigation (its clips stay in the notebook).
    Delete { name: String },
}

pub fn run(lib: &mut Library, command: &Inv, out: &mut impl Write) -> Result<()> {
    match command {
        Inv::New { name, question } => {
            let inv = lib.create_investigation(name, question.as_deref())?;
            writeln!(out, "created investigation “{}”", sanitize(&inv.name))?;
        }
        Inv::List { json: as_json } => {
            let list = lib.investigations()?;
            if *as_json {
                return json(out, &list);
            }
            if list.is_empty() {
                writeln!(
                    out,
                    "no investigations yet: `dossier inv new NAME` starts one"
                )?;
            }
            let width = list
                .iter()
                .map(|i| i.name.chars().count())
                .max()
                .unwrap_or(4)
                .clamp(4, 40);
            for i in &list {
                let name: String = sanitize(&i.name).chars().take(width).collect();
                writeln!(
                    out,
                    "{name:<width$}  {:>3} clip(s)  changed {}",
                    i.clip_count, &i.updated_at
                )?;
            }
        }
        Inv::Show {
            name,
            json: as_json,
        } => {
            let view = lib.investigation(name)?;
            if *as_json {
                return json(out, &view);
            }
            show(&view, out)?;
        }
        Inv::Add { name, clips, note } => {
            let ids: Vec<ClipId> = clips.iter().map(ClipId::new).collect();
            let added = lib.add_to_investigation(name, &ids, note.as_deref())?;
            let already = ids.len() - added;
            write!(out, "added {added} clip(s) to “{}”", sanitize(name))?;
            if already > 0 {
                write!(out, " ({already} already there)")?;
            }
            writeln!(out)?;
        }
        Inv::Note { name, clip, text } => {
            lib.set_note(name, clip, text)?;
            writeln!(out, "note saved")?;
        }
        Inv::Rm { name, clip } => {
            lib.remove_from_investigation(name, clip)?;
            writeln!(out, "removed {} from “{}”", sanitize(clip), sanitize(name))?;
        }
        Inv::Move {
            name,
            clip,
            position,
        } => {
            let at = lib.move_in_investigation(name, clip, position.saturating_sub(1))? + 1;
            write!(out, "moved {} to position {at}", sanitize(clip))?;
            if *position == 0 {
                write!(out, ", the first (positions count from 1; you gave 0)")?;
            } else if at < *position {
                write!(
                    out,
                    ", the last (“{}” has {at} clip(s); you gave {position})",
                    sanitize(name)
                )?;
            }
            writeln!(out)?;
        }
        Inv::Stance {
            name,
            clip,
            theme,
            stance,
        } => {
            let parsed = parse_stance_or_clear(stance)?;
            lib.set_investigation_stance(name, clip, theme, parsed)?;
            match parsed {
                Some(s) => writeln!(
                    out,
                    "your reading of {} on {}: {s} (shown beside the corpus's stance)",
                    sanitize(clip),
                    sanitize(theme)
                )?,
                None => writeln!(
                    out,
                    "cleared your reading of {} on {}",
                    sanitize(clip),
                    sanitize(theme)
                )?,
            }
        }
        Inv::Conclude { name, text } => {
            lib.set_conclusion(name, text)?;
            if text.trim().is_empty() {
                writeln!(out, "cleared your conclusion on “{}”", sanitize(name))?;
            } else {
                writeln!(out, "conclusion saved on “{}”", sanitize(name))?;
            }
        }
        Inv::Rename { old, new } => {
            lib.rename_investigation(old, new)?;
            writeln!(out, "renamed “{}” to “{}”", sanitize(old), sanitize(new))?;
        }
        Inv::Delete { name } => {
            lib.delete_investigation(name)?;
            writeln!(out, "deleted “{}”", sanitize(name))?;
        }
    }
    Ok(())
}

fn show(view: &InvestigationView, out: &mut impl Write) -> Result<()> {
    let inv = &view.investigation;
    writeln!(out, "{}", sanitize(&inv.name))?;
    if let Some(q) = &inv.question {
        writeln!(out, "  question: {}", sanitize(q))?;
    }
    if let Some(conclusion) = &inv.conclusion {
        for (i, line) in conclusion.lines().enumerate() {
            let label = if i == 0 { "your conclusion:" } else { "" };
            writeln!(out, "  {label:<16} {}", sanitize(line))?;
        }
    }
    writeln!(
        out,
        "  {} clip(s), changed {}",
        view.items.len(),
        inv.updated_at
    )?;
    for item in &view.items {
        let c = &item.clip;
        let retired = if c.clip.retired { " [retired]" } else { "" };
        writeln!(
            out,
            "\n{:>3}. {}{retired}\n     {} · {} · {}",
            item.position + 1,
            sanitize(c.clip.record.id.as_str()),
            sanitize(&c.voice.name),
            sanitize(&c.source.title),
            sanitize(&c.time_range)
        )?;
        for line in item.note.lines() {
            writeln!(out, "     note: {}", sanitize(line))?;
        }
        for (theme, stance) in &item.stances {
            let mine = if item.is_yours(theme) { " (yours)" } else { "" };
            let expert = c
                .clip
                .record
                .stances
                .iter()
                .find(|s| &s.theme == theme && s.by.is_corpus())
                .filter(|_| item.overridden.contains(theme))
                .map(|s| format!("; the corpus reads {}", s.stance))
                .unwrap_or_default();
            writeln!(
                out,
                "     {stance}{mine}: {}{expert}",
                sanitize(theme.as_str())
            )?;
        }
    }
    Ok(())
}

pub fn compare(
    lib: &Library,
    name: Option<&str>,
    page: Option<&str>,
    as_json: bool,
    out: &mut impl Write,
) -> Result<()> {
    let comparison: Comparison = match (name, page) {
        (_, Some(page)) => lib.compare_page(page)?,
        (Some(name), None) => lib.compare_investigation(name)?,
        (None, None) => anyhow::bail!("name an investigation, or pass --page PAGE"),
    };
    if as_json {
        return json(out, &comparison);
    }
    // The class and the sides are the experts' (the corpus's stances); the user's readings
    // follow, each marked as theirs.
    for f in &comparison.findings {
        writeln!(out, "{:<13} {}", f.class.label(), sanitize(&f.theme.claim))?;
        if f.distinct_voices > 0 {
            let clarity = f
                .mean_clarity
                .map(|c| format!(", mean clarity {c:.0}"))
                .unwrap_or_default();
            writeln!(
                out,
                "              {} voice(s), {} source(s){clarity}",
                f.distinct_voices, f.distinct_sources,
            )?;
        }
        let names = |side: &dossier::compare::Side| {
            side.voices
                .iter()
                .map(|v| sanitize(v).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for side in &f.sides {
            writeln!(out, "              {}: {}", side.stance, names(side))?;
        }
        for side in &f.your_readings {
            writeln!(
                out,
                "              your reading: {} (of {}'s clip(s); not the expert's stance)",
                side.stance,
                names(side)
            )?;
        }
    }
    Ok(())
}

pub fn export(
    lib: &Library,
    name: &str,
    path: Option<&Path>,
    force: bool,
    out: &mut impl Write,
) -> Result<()> {
    match path {
        Some(path) => {
            lib.export(name, path, force)?;
            writeln!(out, "wrote {}", path.display())?;
        }
        None => out.write_all(lib.brief(name)?.as_bytes())?,
    }
    Ok(())
}
