//! Compare: themes (rows) by voices (columns), each cell the stances a voice takes; below,
//! the selected cell's clips, or two marked voices side by side.

use super::investigations::{stance_mark, stance_style};
use super::{block, scroll_to};
use crate::tui::app::{App, CompareState};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;
use dossier::compare::{Cell, ThemeClass};
use dossier::model::{ClipId, Stance, StanceBy};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const THEME_COLUMN: usize = 30;
const VOICE_COLUMN: usize = 9;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(state) = &app.compare else {
        frame.render_widget(
            Paragraph::new(Span::styled("Comparing…", theme.dim))
                .block(block("Compare", true, theme)),
            area,
        );
        return;
    };
    let [matrix_area, detail_area] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(6)]).areas(area);
    render_matrix(frame, matrix_area, state, theme);
    render_detail(frame, detail_area, state, theme);
}

fn class_mark(class: ThemeClass) -> &'static str {
    match class {
        ThemeClass::Consensus => "agree",
        ThemeClass::Contested => "split",
        ThemeClass::SingleVoice => "one",
        ThemeClass::NoEvidence => "none",
    }
}

/// Stances as marks: `+`, or `+2` for two clips taking it.
fn marks(stances: &[(Stance, Vec<ClipId>)]) -> String {
    stances
        .iter()
        .map(|(s, clips)| match clips.len() {
            1 => stance_mark(*s).to_string(),
            n => format!("{}{n}", stance_mark(*s)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The experts' stances in a cell (`·` for none), then the user's reading, marked `you`.
fn cell_spans(cell: &Cell, lead: &str, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let experts = if cell.stances.is_empty() {
        "·".to_string()
    } else {
        marks(&cell.stances)
    };
    let mut spans = vec![Span::styled(format!("{lead}{experts}"), style)];
    if !cell.yours.is_empty() {
        spans.push(Span::styled(
            format!(" you{}", marks(&cell.yours)),
            theme.yours(style),
        ));
    }
    spans
}

fn width_of(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| s.width()).sum()
}

fn render_matrix(frame: &mut Frame<'_>, area: Rect, state: &CompareState, theme: &Theme) {
    let title = format!("Compare · {}", clean(&state.title));
    let b = block(&title, !state.focus_clips, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let m = &state.comparison.matrix;
    if m.voices.is_empty() || m.themes.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "Nothing to compare: no clip here takes a stance on a theme.",
                theme.dim,
            )),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let theme_col = THEME_COLUMN.min(width / 2);
    // Columns widen to share the room when there are few voices.
    let voice_col = ((width - theme_col) / m.voices.len().max(1)).clamp(VOICE_COLUMN, 24);
    let fit = ((width - theme_col) / voice_col).max(1);
    let first_col = scroll_to(state.col, fit);
    let voices: Vec<usize> = (first_col..m.voices.len()).take(fit).collect();

    let mut header = vec![Span::styled(
        format!("{:<theme_col$}", "theme · class"),
        theme.dim,
    )];
    for &v in &voices {
        let mark = if state.marked.contains(&v) { "•" } else { "" };
        let name = truncate(&format!("{mark}{}", m.voices[v]), voice_col - 1);
        let style = if v == state.col {
            theme.heading
        } else {
            theme.accent
        };
        header.push(Span::styled(pad(&name, voice_col), style));
    }
    let mut lines = vec![Line::from(header)];
    let rows = usize::from(inner.height).saturating_sub(2).max(1);
    let first_row = scroll_to(state.row, rows);
    for (t, id) in m.themes.iter().enumerate().skip(first_row).take(rows) {
        let class = state
            .comparison
            .findings
            .get(t)
            .map_or("", |f| class_mark(f.class));
        let label = pad(
            &truncate(id, theme_col.saturating_sub(7)),
            theme_col.saturating_sub(6),
        );
        let row_style = if t == state.row {
            theme.title
        } else {
            theme.text
        };
        let mut spans = vec![Span::styled(
            pad(&format!("{label}{class}"), theme_col),
            row_style,
        )];
        for &v in &voices {
            let cell = &m.cells[v][t];
            let style = if t == state.row && v == state.col {
                theme.selected
            } else {
                match cell.stances.as_slice() {
                    [] => theme.dim,
                    [(s, _)] => stance_style(*s, theme),
                    _ => theme.match_,
                }
            };
            let cell = cell_spans(cell, " ", style, theme);
            let used = width_of(&cell);
            spans.extend(cell);
            spans.push(Span::styled(
                " ".repeat(voice_col.saturating_sub(used)),
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    let more = m.voices.len().saturating_sub(voices.len());
    let yours = if state
        .comparison
        .findings
        .iter()
        .any(|f| !f.your_readings.is_empty())
    {
        "  you: your reading, not counted in the class"
    } else {
        ""
    };
    if more > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                "{more} more voices: h/l or ←/→ to scroll · + supports − opposes ~ nuanced{yours}"
            ),
            theme.dim,
        )));
    } else {
        lines.push(Line::from(Span::styled(
            format!("+ supports  − opposes  ~ nuanced  · no stance{yours}"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

fn render_detail(frame: &mut Frame<'_>, area: Rect, state: &CompareState, theme: &Theme) {
    let m = &state.comparison.matrix;
    if state.marked.len() == 2 && !state.focus_clips {
        return render_side_by_side(frame, area, state, theme);
    }
    let voice = m.voices.get(state.col).map_or("", String::as_str);
    let b = block(
        &format!("Cell · {}", clean(voice)),
        state.focus_clips,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if let Some(f) = state.comparison.findings.get(state.row) {
        lines.extend(wrap(
            vec![
                Span::styled(format!("{}: ", f.class.label()), theme.heading),
                Span::styled(clean(&f.theme.claim), theme.text),
            ],
            width,
            2,
        ));
        let clarity = f
            .mean_clarity
            .map_or(String::new(), |c| format!(" · mean clarity {c:.1}"));
        let count = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{n} {what}s"),
        };
        lines.push(Line::from(Span::styled(
            format!(
                "evidence: {} · {}{clarity}",
                count(f.distinct_voices, "voice"),
                count(f.distinct_sources, "source")
            ),
            theme.dim,
        )));
        if !f.your_readings.is_empty() {
            let readings: Vec<String> = f
                .your_readings
                .iter()
                .map(|s| format!("{} ({})", s.stance, clean(&s.voices.join(", "))))
                .collect();
            lines.extend(wrap(
                vec![
                    Span::styled("your reading: ", theme.yours(theme.heading)),
                    Span::styled(readings.join(" · "), theme.text),
                    Span::styled(" · not counted in the class", theme.dim),
                ],
                width,
                2,
            ));
        }
    }
    let clips = state.cell_clips();
    if clips.is_empty() {
        lines.push(Line::from(Span::styled(
            "This voice takes no stance on this theme here.",
            theme.dim,
        )));
    }
    let first = scroll_to(
        state.clip_selected,
        usize::from(inner.height).saturating_sub(lines.len()),
    );
    for (i, (stance, by, c)) in clips.iter().enumerate().skip(first) {
        let selected = state.focus_clips && i == state.clip_selected;
        let style = if selected { theme.selected } else { theme.text };
        let whose = match by {
            StanceBy::Corpus => "",
            StanceBy::User => "your reading: ",
        };
        let text = format!(
            "{} {whose}{} · {} · {}",
            stance_mark(*stance),
            c.clip.record.gist,
            c.source.title,
            c.time_range
        );
        let style = match by {
            StanceBy::User if !selected => theme.yours(style),
            _ => style,
        };
        lines.push(Line::from(Span::styled(truncate(&text, width), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_side_by_side(frame: &mut Frame<'_>, area: Rect, state: &CompareState, theme: &Theme) {
    let m = &state.comparison.matrix;
    let (a, b) = (&m.voices[state.marked[0]], &m.voices[state.marked[1]]);
    let title = format!("Side by side · {} | {}", clean(a), clean(b));
    let blk = block(&title, false, theme);
    let inner = blk.inner(area);
    frame.render_widget(blk, area);
    let width = usize::from(inner.width);
    let half = width.saturating_sub(THEME_COLUMN.min(width / 2)) / 2;
    let theme_col = width.saturating_sub(half * 2);
    let mut lines = Vec::new();
    let rows = dossier::compare::side_by_side(m, a, b).unwrap_or_default();
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "Neither voice takes a stance on these themes.",
            theme.dim,
        )));
    }
    for (t, ca, cb) in rows {
        // Whether the experts differ: the user's readings never count.
        let differ = ca.stances.first().map(|s| s.0) != cb.stances.first().map(|s| s.0);
        let mut spans = vec![Span::styled(
            pad(&truncate(t, theme_col.saturating_sub(1)), theme_col),
            theme.text,
        )];
        for (cell, style) in [
            (ca, theme.accent),
            (cb, if differ { theme.match_ } else { theme.accent }),
        ] {
            let cell = cell_spans(cell, "", style, theme);
            let used = width_of(&cell);
            spans.extend(cell);
            spans.push(Span::raw(" ".repeat(half.saturating_sub(used))));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        "v on a marked voice unmarks it",
        theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}
