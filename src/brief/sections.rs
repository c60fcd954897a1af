//! One function per section of the brief, each appending to the output in order.

use super::{BriefInput, BriefItem, escape, escape_paragraphs, link, yaml};
use crate::compare::{Side, ThemeClass, ThemeFinding};
use crate::model::ClipId;
use crate::text::{markdown_to_plain, sanitize};
use std::fmt::Write;

fn cite(item: &BriefItem) -> String {
    let label = format!("{}, {}", item.voice, item.time_range);
    link(&label, item.deep_link.as_ref())
}

/// Each item's citation, written once: a large investigation cites its clips on every
/// side of every theme.
pub(super) struct Citations<'a> {
    text: Vec<String>,
    /// Where each clip is in the investigation.
    position: std::collections::HashMap<&'a ClipId, usize>,
}

impl<'a> Citations<'a> {
    pub(super) fn new(items: &'a [BriefItem]) -> Self {
        Citations {
            text: items.iter().map(cite).collect(),
            position: items
                .iter()
                .enumerate()
                .map(|(n, i)| (&i.clip, n))
                .collect(),
        }
    }

    /// The citations of `clips`, each once, in the investigation's order.
    fn of(&self, clips: &[ClipId]) -> String {
        let mut at: Vec<usize> = clips
            .iter()
            .filter_map(|c| self.position.get(c).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        if at.is_empty() {
            return "no clip in this investigation".into();
        }
        let cited: Vec<&str> = at.iter().map(|&n| self.text[n].as_str()).collect();
        cited.join("; ")
    }

    fn side_line(&self, side: &Side) -> String {
        format!("{}: {}", side.stance, self.of(&side.clips))
    }

    /// The author's readings of a theme, each marked as theirs, as sub-items of its line.
    fn your_readings(&self, out: &mut String, finding: &ThemeFinding) {
        for side in &finding.your_readings {
            let _ = writeln!(out, "  - {} (your reading)", self.side_line(side));
        }
    }
}

fn of_class<'a>(input: &BriefInput<'a>, class: ThemeClass) -> Vec<&'a ThemeFinding> {
    input.findings.iter().filter(|f| f.class == class).collect()
}

/// Every value quoted, so nothing in it can end the block.
pub(super) fn front_matter(out: &mut String, input: &BriefInput<'_>) {
    let mut voices: Vec<String> = input
        .items
        .iter()
        .map(|i| sanitize(&i.voice).into_owned())
        .collect();
    voices.sort();
    voices.dedup();
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml(input.title));
    let _ = writeln!(out, "question: {}", yaml(input.question.unwrap_or("")));
    let _ = writeln!(out, "date: {}", yaml(input.date));
    if voices.is_empty() {
        out.push_str("voices: []\n");
    } else {
        out.push_str("voices:\n");
        for v in &voices {
            let _ = writeln!(out, "  - {}", yaml(v));
        }
    }
    let _ = writeln!(out, "sources: {}", sources_of(input.items).len());
    let _ = writeln!(out, "dossier_version: {}", yaml(input.version));
    out.push_str("---\n\n");
}

pub(super) fn title_and_question(out: &mut String, input: &BriefInput<'_>) {
    let _ = writeln!(out, "# {}\n", escape(input.title));
    out.push_str("## Question\n\n");
    let question = input
        .question
        .map(escape)
        .filter(|q| !q.is_empty())
        .unwrap_or_else(|| "No question was recorded for this investigation.".into());
    let _ = writeln!(out, "{question}\n");
}

/// The author's own answer, under a heading that says whose it is. Left out when none
/// was written.
pub(super) fn conclusion(out: &mut String, input: &BriefInput<'_>) {
    let paragraphs = escape_paragraphs(input.conclusion.unwrap_or(""));
    if paragraphs.is_empty() {
        return;
    }
    out.push_str("## The author's conclusion\n\n");
    for p in paragraphs {
        let _ = writeln!(out, "{p}\n");
    }
}

/// The decision page's answer, labelled as the page's rather than the author's.
pub(super) fn page_answer(out: &mut String, input: &BriefInput<'_>) {
    let Some(page) = input.page else {
        return;
    };
    out.push_str("## What the decision page says\n\n");
    let _ = writeln!(
        out,
        "The decision page “{}” answers, in its own words:\n",
        escape(&page.title)
    );
    let _ = writeln!(
        out,
        "- **Short answer:** {}",
        escape(&markdown_to_plain(&page.short_answer))
    );
    let _ = writeln!(
        out,
        "- **Decision rule:** {}\n",
        escape(&markdown_to_plain(&page.decision_rule))
    );
}

pub(super) fn agreement(out: &mut String, input: &BriefInput<'_>, cites: &Citations<'_>) {
    out.push_str("## Where experts agree\n\n");
    let found = of_class(input, ThemeClass::Consensus);
    for f in &found {
        let clips: Vec<ClipId> = f
            .sides
            .iter()
            .flat_map(|s| s.clips.iter().cloned())
            .collect();
        let _ = writeln!(
            out,
            "- **{}** ({} voices, {} sources{}). {}",
            escape(&f.theme.claim),
            f.distinct_voices,
            f.distinct_sources,
            f.mean_clarity
                .map(|c| format!(", mean clarity {c:.0}"))
                .unwrap_or_default(),
            cites.of(&clips)
        );
        cites.your_readings(out, f);
    }
    if found.is_empty() {
        out.push_str("No theme has two or more voices taking one stance.\n");
    }
    out.push('\n');
}

pub(super) fn disagreement(out: &mut String, input: &BriefInput<'_>, cites: &Citations<'_>) {
    out.push_str("## Where they disagree\n\n");
    let found = of_class(input, ThemeClass::Contested);
    for f in &found {
        let _ = writeln!(
            out,
            "- **{}** ({} voices)",
            escape(&f.theme.claim),
            f.distinct_voices
        );
        for side in &f.sides {
            let _ = writeln!(out, "  - {}", cites.side_line(side));
        }
        cites.your_readings(out, f);
    }
    if found.is_empty() {
        out.push_str("No voices take opposite sides.\n");
    }
    out.push('\n');
}

pub(super) fn single_voice(out: &mut String, input: &BriefInput<'_>, cites: &Citations<'_>) {
    out.push_str("## Single-voice claims\n\n");
    let found = of_class(input, ThemeClass::SingleVoice);
    for f in &found {
        let side = f.sides.first();
        let _ = writeln!(
            out,
            "- **{}** — {}",
            escape(&f.theme.claim),
            side.map(|s| cites.side_line(s)).unwrap_or_default()
        );
        cites.your_readings(out, f);
    }
    if found.is_empty() {
        out.push_str("None.\n");
    }
    out.push('\n');
}

/// Themes only the author reads a stance into: no expert's stance to class them by.
/// Left out when there are none.
pub(super) fn readings_without_experts(
    out: &mut String,
    input: &BriefInput<'_>,
    cites: &Citations<'_>,
) {
    let found: Vec<&ThemeFinding> = of_class(input, ThemeClass::NoEvidence)
        .into_iter()
        .filter(|f| !f.your_readings.is_empty())
        .collect();
    if found.is_empty() {
        return;
    }
    out.push_str("## Your readings where no expert takes a stance\n\n");
    for f in &found {
        let _ = writeln!(out, "- **{}**", escape(&f.theme.claim));
        cites.your_readings(out, f);
    }
    out.push('\n');
}

/// Clip by clip: a verbatim quote as a quotation, the gist as a paraphrase, then the
/// facts, the author's readings and note.
pub(super) fn evidence(out: &mut String, input: &BriefInput<'_>) {
    out.push_str("## Evidence\n\n");
    if input.items.is_empty() {
        out.push_str("This investigation has no clips yet.\n\n");
    }
    for (n, item) in input.items.iter().enumerate() {
        let voice = escape(&item.voice);
        let _ = writeln!(
            out,
            "### {}. {voice} on {}\n",
            n + 1,
            escape(&item.source_title)
        );
        if let Some(q) = item.quote.as_deref().map(escape).filter(|q| !q.is_empty()) {
            let _ = writeln!(out, "{voice} said:\n\n> “{q}”\n");
        }
        let gist = escape(&item.gist);
        if !gist.is_empty() {
            let _ = writeln!(out, "{voice}, paraphrased: {gist}\n");
        }
        let _ = writeln!(out, "- Voice: {}", escape(&item.voice_line));
        let _ = writeln!(out, "- Source: {}", escape(&item.source_line));
        let _ = writeln!(
            out,
            "- Time: {}",
            link(&item.time_range, item.deep_link.as_ref())
        );
        if let Some(clarity) = item.clarity {
            let _ = writeln!(out, "- Clarity: {clarity}/100");
        }
        for (claim, stance) in &item.your_readings {
            let _ = writeln!(out, "- Stance: {stance} “{}” (your reading)", escape(claim));
        }
        if item.retired {
            out.push_str("- Status: retired from the built-in corpus\n");
        }
        let note_lines: Vec<String> = item
            .note
            .lines()
            .map(escape)
            .filter(|l| !l.is_empty())
            .collect();
        if !note_lines.is_empty() {
            let _ = writeln!(out, "- Note: {}", note_lines.join("\\\n  "));
        }
        out.push('\n');
    }
}

/// The items' sources, each once, in the order the clips cite them.
fn sources_of(items: &[BriefItem]) -> Vec<&BriefItem> {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .filter(|i| seen.insert(i.source_id.as_str()))
        .collect()
}

pub(super) fn sources(out: &mut String, input: &BriefInput<'_>) {
    out.push_str("## Sources\n\n");
    let sources = sources_of(input.items);
    if sources.is_empty() {
        out.push_str("None.\n");
    }
    for (n, s) in sources.iter().enumerate() {
        let mut line = s.source_line.clone();
        if let Some(url) = &s.source_url {
            line.push_str(&format!(". {url}"));
        }
        let _ = writeln!(out, "{}. {}", n + 1, escape(&line));
    }
}
