//! The compare screen's lower pane: what the selected voice says on the selected theme
//! (its clips), or two marked voices side by side, theme by theme, each stance with what
//! was said and when. The user's readings are marked as theirs, never shown as a voice's.

use super::block;
use super::investigations::{stance_mark, stance_style};
use crate::tui::app::CompareState;
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;
use dossier::compare::Cell;
use dossier::library::ClipView;
use dossier::model::{Stance, StanceBy};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &CompareState, theme: &Theme) {
    if state.marked.len() == 2 {
        render_side_by_side(frame, area, state, theme);
    } else {
        render_cell(frame, area, state, theme);
    }
}

/// What a clip says: its quote (the voice's own words) when it has one, marked as a quote;
/// otherwise the gist, a paraphrase, never in quotation marks.
fn said(c: &ClipView, theme: &Theme) -> Span<'static> {
    match &c.clip.record.quote {
        Some(q) => Span::styled(
            format!("“{}”", clean(q)),
            theme.text.add_modifier(Modifier::ITALIC),
        ),
        None => Span::styled(clean(&c.clip.record.gist), theme.text),
    }
}

fn stance_line(stance: Stance, c: &ClipView, by: StanceBy, theme: &Theme) -> Vec<Span<'static>> {
    let whose = match by {
        StanceBy::Corpus => "",
        StanceBy::User => " your reading:",
    };
    let style = match by {
        StanceBy::Corpus => stance_style(stance, theme),
        StanceBy::User => theme.yours(stance_style(stance, theme)),
    };
    vec![
        Span::styled(format!("{}{whose} {stance}", stance_mark(stance)), style),
        Span::styled(format!(" · {}", clean(&c.time_range)), theme.dim),
    ]
}

fn clip<'s>(state: &'s CompareState, id: &dossier::model::ClipId) -> Option<&'s ClipView> {
    state.clips.iter().find(|c| &c.clip.record.id == id)
}

fn render_cell(frame: &mut Frame<'_>, area: Rect, state: &CompareState, theme: &Theme) {
    let m = &state.comparison.matrix;
    let voice = m.voices.get(state.col).map_or("", String::as_str);
    let b = block(
        &format!("Cell · voice {}", state.col + 1),
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
    lines.extend(wrap(
        vec![
            Span::styled(format!("voice {}: ", state.col + 1), theme.dim),
            Span::styled(clean(voice), theme.accent),
        ],
        width,
        2,
    ));
    let clips = state.cell_clips();
    if clips.is_empty() {
        lines.push(Line::from(Span::styled(
            "This voice takes no stance on this theme here.",
            theme.dim,
        )));
    }
    let mut starts = Vec::new();
    for (i, (stance, by, c)) in clips.iter().enumerate() {
        starts.push(lines.len());
        let selected = state.focus_clips && i == state.clip_selected;
        let mut first = stance_line(*stance, c, *by, theme);
        first.push(Span::styled(
            format!(" · {}", clean(&c.source.title)),
            theme.dim,
        ));
        if selected {
            first = first
                .into_iter()
                .map(|s| Span::styled(s.content, theme.selected))
                .collect();
        }
        lines.extend(wrap(first, width, 2));
        // What the clip says, once: a reading of a clip shown above points back to it.
        let shown = clips[..i]
            .iter()
            .any(|(_, _, o)| o.clip.record.id == c.clip.record.id);
        if !shown {
            lines.extend(wrap(vec![Span::raw("  "), said(c, theme)], width, 2));
        }
    }
    // Scrolled so that the selected clip shows from its first line.
    let height = usize::from(inner.height);
    let top = match starts.get(state.clip_selected) {
        Some(&start) if state.focus_clips => {
            let end = starts
                .get(state.clip_selected + 1)
                .copied()
                .unwrap_or(lines.len());
            if end <= height { 0 } else { start }
        }
        _ => 0,
    };
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(top).unwrap_or(u16::MAX), 0)),
        inner,
    );
}

/// One voice's column for one theme: each stance with its time range and what was said.
fn column(state: &CompareState, cell: &Cell, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if cell.stances.is_empty() {
        lines.push(Line::from(Span::styled("· no stance", theme.dim)));
    }
    let corpus = cell.stances.iter().map(|s| (s, StanceBy::Corpus));
    let yours = cell.yours.iter().map(|s| (s, StanceBy::User));
    for ((stance, ids), by) in corpus.chain(yours) {
        for c in ids.iter().filter_map(|id| clip(state, id)) {
            lines.extend(wrap(stance_line(*stance, c, by, theme), width, 2));
            // What the clip says, once: the user's reading of a clip shown above does
            // not repeat it.
            let shown = by == StanceBy::User
                && cell
                    .stances
                    .iter()
                    .any(|(_, ids)| ids.contains(&c.clip.record.id));
            if !shown {
                lines.extend(wrap(vec![said(c, theme)], width, 0));
            }
        }
    }
    lines
}

/// The side-by-side text: the themes either voice speaks to, in the matrix's order, and
/// the line each theme starts on.
fn side_by_side(
    state: &CompareState,
    a: usize,
    b: usize,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let m = &state.comparison.matrix;
    let half = width.saturating_sub(3) / 2;
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for (t, _) in m.themes.iter().enumerate() {
        let (ca, cb) = (&m.cells[a][t], &m.cells[b][t]);
        if ca.is_empty() && cb.is_empty() {
            continue;
        }
        let Some(f) = state.comparison.findings.get(t) else {
            continue;
        };
        starts.push((t, lines.len()));
        lines.extend(wrap(
            vec![
                Span::styled(format!("{} · ", f.class.label()), theme.heading),
                Span::styled(clean(&f.theme.claim), theme.title),
            ],
            width,
            2,
        ));
        lines.extend(beside(
            column(state, ca, half, theme),
            column(state, cb, half, theme),
            half,
            theme,
        ));
        lines.push(Line::default());
    }
    (lines, starts)
}

/// Two columns of lines as one, `│` between them.
fn beside(
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
    half: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let rows = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    (0..rows)
        .map(|_| {
            let l = left.next().unwrap_or_default();
            let used = l.width();
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(half.saturating_sub(used))));
            spans.push(Span::styled(" │ ", theme.dim));
            spans.extend(right.next().unwrap_or_default().spans);
            Line::from(spans)
        })
        .collect()
}

/// The first line of the side-by-side text to show: the selected theme's (or the next
/// one either voice speaks to), moved by what the reader scrolled.
pub fn side_by_side_top(starts: &[(usize, usize)], row: usize, scroll: isize) -> usize {
    let base = starts
        .iter()
        .find(|(t, _)| *t >= row)
        .or(starts.last())
        .map_or(0, |(_, line)| *line);
    base.saturating_add_signed(scroll)
}

/// The two voices' full names, each over its column.
fn names(state: &CompareState, half: usize, theme: &Theme) -> Vec<Line<'static>> {
    let m = &state.comparison.matrix;
    let name = |v: usize| {
        let voice = m.voices.get(v).map_or("", String::as_str);
        wrap(
            vec![Span::styled(
                format!("{} {}", v + 1, clean(voice)),
                theme.heading,
            )],
            half,
            2,
        )
    };
    beside(name(state.marked[0]), name(state.marked[1]), half, theme)
}

/// How far the side-by-side text in the pane `area` scrolls: the top line the selected
/// theme gives (before the reader's own scrolling) and the last top line there is.
pub fn side_by_side_span(state: &CompareState, area: Rect) -> Option<(usize, usize)> {
    let [a, b] = state.marked[..] else {
        return None;
    };
    let theme = Theme::monochrome();
    let width = usize::from(area.width.saturating_sub(2));
    let half = width.saturating_sub(3) / 2;
    let header = names(state, half, &theme).len() + 1;
    let (lines, starts) = side_by_side(state, a, b, width, &theme);
    let body = usize::from(area.height.saturating_sub(2)).saturating_sub(header);
    let max = lines.len().saturating_sub(body);
    Some((side_by_side_top(&starts, state.row, 0).min(max), max))
}

fn render_side_by_side(frame: &mut Frame<'_>, area: Rect, state: &CompareState, theme: &Theme) {
    let (a, b) = (state.marked[0], state.marked[1]);
    let inner = block("", false, theme).inner(area);
    let width = usize::from(inner.width);
    let half = width.saturating_sub(3) / 2;
    let mut header = names(state, half, theme);
    header.push(Line::from(Span::styled("─".repeat(width), theme.dim)));
    let (lines, starts) = side_by_side(state, a, b, width, theme);
    let body = usize::from(inner.height).saturating_sub(header.len());
    if lines.is_empty() {
        header.push(Line::from(Span::styled(
            "Neither voice takes a stance on these themes.",
            theme.dim,
        )));
    }
    let total = lines.len();
    let max = total.saturating_sub(body);
    let top = side_by_side_top(&starts, state.row, state.detail_scroll).min(max);
    // Where the reading is, in the frame's title.
    let title = super::position_title(
        &format!("Side by side · voices {} and {}", a + 1, b + 1),
        top,
        body,
        total,
    );
    let blk = block(&title, state.focus_clips, theme).title_bottom(
        Line::from(Span::styled(" v on a marked voice unmarks it ", theme.dim)).right_aligned(),
    );
    frame.render_widget(blk, area);
    header.extend(lines.into_iter().skip(top).take(body));
    frame.render_widget(Paragraph::new(header), inner);
}

/// Whether a column's text is wider than it should be (for tests of the layout).
#[cfg(test)]
fn widest(lines: &[Line<'_>]) -> usize {
    lines.iter().map(|l| l.width()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_sit_side_by_side_within_their_halves() {
        let theme = Theme::monochrome();
        let left = wrap(vec![Span::raw("a long left column ".repeat(4))], 20, 0);
        let right = wrap(vec![Span::raw("right")], 20, 0);
        let rows = beside(left.clone(), right, 20, &theme);
        assert_eq!(rows.len(), left.len());
        assert!(widest(&rows) <= 43, "{}", widest(&rows));
        let text: String = rows[0].spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(text.ends_with(" │ right"), "{text}");
        assert_eq!(side_by_side_top(&[(0, 0), (3, 7)], 2, 0), 7);
        assert_eq!(side_by_side_top(&[(0, 0), (3, 7)], 5, 2), 9);
    }
}
