//! Compare: themes (rows, grouped by class, contested first) by voices (numbered columns,
//! each number's full name in the legend under the matrix); below, the selected cell's
//! clips, or two marked voices side by side (`compare_detail`).

use super::investigations::{stance_mark, stance_style};
use super::{block, compare_detail, scroll_to};
use crate::tui::app::{App, CompareState};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;
use dossier::compare::{Cell, Matrix, ThemeClass};
use dossier::model::{ClipId, Stance};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

const THEME_COLUMN: usize = 30;
/// Wide enough for "single voice", the longest class name.
const CLASS_COLUMN: usize = 14;
/// The fewest rows the lower pane keeps, so that what a voice said can be read.
const DETAIL_ROWS: u16 = 9;

/// Where everything on the compare screen is, for drawing and for the mouse.
pub struct Geometry {
    pub matrix: Rect,
    pub detail: Rect,
    pub theme_col: usize,
    pub voice_col: usize,
    /// The first voice column shown, and how many show.
    pub first_col: usize,
    pub fit: usize,
    /// The first theme row shown, and how many rows show.
    pub first_row: usize,
    pub rows: usize,
}

impl Geometry {
    /// The theme and voice under a screen position in the matrix, when there is one.
    pub fn cell_at(&self, x: u16, y: u16) -> (Option<usize>, Option<usize>) {
        let inner_x = self.matrix.x + 1;
        // The header row is the block's first inner row; themes follow.
        let first = self.matrix.y + 2;
        let row = (y >= first && usize::from(y - first) < self.rows)
            .then(|| self.first_row + usize::from(y - first));
        let offset = usize::from(x.saturating_sub(inner_x));
        let col = (x >= inner_x && offset >= self.theme_col + CLASS_COLUMN)
            .then(|| (offset - self.theme_col - CLASS_COLUMN) / self.voice_col.max(1))
            .filter(|c| *c < self.fit)
            .map(|c| self.first_col + c);
        (row, col)
    }
}

pub fn geometry(area: Rect, state: &CompareState) -> Geometry {
    let m = &state.comparison.matrix;
    let width = usize::from(area.width.saturating_sub(2));
    let theme_col = THEME_COLUMN.min(width / 3);
    let widest = m
        .cells
        .iter()
        .flatten()
        .map(|c| cell_text(c).width())
        .max()
        .unwrap_or(1);
    let voice_col = (widest + 2).max(4);
    let room = width.saturating_sub(theme_col + CLASS_COLUMN);
    let fit = (room / voice_col).max(1);
    let first_col = scroll_to(state.col, fit);
    // Side by side names its two voices in full and wants the room: on a short screen
    // the matrix leaves its legend out then (and shows it again when a voice is unmarked).
    let side_by_side = state.marked.len() == 2;
    let legend = if side_by_side && area.height < 30 {
        0
    } else {
        voice_legend(m, state, width, &Theme::monochrome()).len()
    };
    // Borders (the legends of signs and columns in the bottom one), the header, the
    // themes and the voices' names.
    let wanted = 2 + 1 + m.themes.len() + legend;
    let detail_rows = if side_by_side {
        DETAIL_ROWS.max(area.height * 3 / 5)
    } else {
        DETAIL_ROWS
    };
    let most = area
        .height
        .saturating_sub(detail_rows)
        .max(area.height * 2 / 5);
    let height = u16::try_from(wanted).unwrap_or(u16::MAX).min(most);
    let matrix = Rect { height, ..area };
    let detail = Rect {
        y: area.y + height,
        height: area.height - height,
        ..area
    };
    let rows = usize::from(height).saturating_sub(2 + 1 + legend).max(1);
    Geometry {
        matrix,
        detail,
        theme_col,
        voice_col,
        first_col,
        fit,
        first_row: scroll_to(state.row, rows),
        rows,
    }
}

/// The geometry of the compare screen as it is drawn now (None when nothing is compared).
pub fn current(app: &App) -> Option<Geometry> {
    let state = app.compare.as_ref()?;
    let area = Rect::new(0, 0, app.width, app.height.saturating_sub(1));
    Some(geometry(area, state))
}

/// How far side by side scrolls as drawn now (see `compare_detail::side_by_side_span`).
pub fn side_by_side_span(app: &App) -> Option<(usize, usize)> {
    let state = app.compare.as_ref()?;
    compare_detail::side_by_side_span(state, current(app)?.detail)
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(state) = &app.compare else {
        frame.render_widget(
            Paragraph::new(Span::styled("Comparing…", theme.dim))
                .block(block("Compare", true, theme)),
            area,
        );
        return;
    };
    let g = geometry(area, state);
    render_matrix(frame, &g, state, theme);
    compare_detail::render(frame, g.detail, state, theme);
}

/// Stances as marks: `+`, or `+2` for two clips taking it.
pub fn marks(stances: &[(Stance, Vec<ClipId>)]) -> String {
    stances
        .iter()
        .map(|(s, clips)| match clips.len() {
            1 => stance_mark(*s).to_string(),
            n => format!("{}{n}", stance_mark(*s)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A cell as text: the experts' marks (`·` for none), then ` you` and the user's.
fn cell_text(cell: &Cell) -> String {
    let experts = if cell.stances.is_empty() {
        "·".to_string()
    } else {
        marks(&cell.stances)
    };
    if cell.yours.is_empty() {
        experts
    } else {
        format!("{experts} you{}", marks(&cell.yours))
    }
}

/// The experts' stances in a cell (`·` for none), then the user's reading, marked `you`.
fn cell_spans(cell: &Cell, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let experts = if cell.stances.is_empty() {
        "·".to_string()
    } else {
        marks(&cell.stances)
    };
    let mut spans = vec![Span::styled(format!(" {experts}"), style)];
    if !cell.yours.is_empty() {
        spans.push(Span::styled(
            format!(" you{}", marks(&cell.yours)),
            theme.yours(style),
        ));
    }
    spans
}

/// The voices' numbers and full names, wrapped: the columns are labelled by number.
fn voice_legend(
    m: &Matrix,
    state: &CompareState,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut spans = vec![Span::styled("voices: ", theme.dim)];
    for (v, name) in m.voices.iter().enumerate() {
        let mark = if state.marked.contains(&v) { "•" } else { "" };
        let style = if v == state.col {
            theme.heading
        } else {
            theme.accent
        };
        spans.push(Span::styled(format!("{mark}{} ", v + 1), style));
        let sep = if v + 1 < m.voices.len() { " · " } else { "" };
        spans.push(Span::styled(format!("{}{sep}", clean(name)), theme.text));
    }
    wrap(spans, width, 2)
}

/// The legend of the signs, in the matrix's bottom border.
fn signs(state: &CompareState) -> String {
    let yours = if state
        .comparison
        .findings
        .iter()
        .any(|f| !f.your_readings.is_empty())
    {
        " · you+ yours, not counted"
    } else {
        ""
    };
    format!(" + supports − opposes ~ nuanced · no stance +2 two clips{yours} ")
}

/// Which voices the columns show, when not all fit: in the bottom border, right.
fn columns(m: &Matrix, g: &Geometry) -> String {
    if m.voices.len() <= g.fit {
        return String::new();
    }
    let last = (g.first_col + g.fit).min(m.voices.len());
    let before = if g.first_col > 0 { "←" } else { "" };
    let after = if last < m.voices.len() { "→" } else { "" };
    format!(
        " {before}voices {}–{last} of {}{after} ",
        g.first_col + 1,
        m.voices.len()
    )
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn render_matrix(frame: &mut Frame<'_>, g: &Geometry, state: &CompareState, theme: &Theme) {
    let title = format!("Compare · {}", clean(&state.title));
    let m = &state.comparison.matrix;
    let b = block(&title, !state.focus_clips, theme)
        .title_bottom(Line::from(Span::styled(signs(state), theme.dim)))
        .title_bottom(Line::from(Span::styled(columns(m, g), theme.dim)).right_aligned());
    let inner = b.inner(g.matrix);
    frame.render_widget(b, g.matrix);
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
    let voices: Vec<usize> = (g.first_col..m.voices.len()).take(g.fit).collect();
    let mut header = vec![
        Span::styled(pad("theme", g.theme_col), theme.dim),
        Span::styled(pad("class", CLASS_COLUMN), theme.dim),
    ];
    for &v in &voices {
        let mark = if state.marked.contains(&v) { "•" } else { "" };
        let style = if v == state.col {
            theme.heading
        } else {
            theme.accent
        };
        header.push(Span::styled(
            pad(&format!(" {mark}{}", v + 1), g.voice_col),
            style,
        ));
    }
    let mut lines = vec![Line::from(header)];
    let class_of = |t: usize| state.comparison.findings.get(t).map(|f| f.class);
    for (t, id) in m.themes.iter().enumerate().skip(g.first_row).take(g.rows) {
        let row_style = if t == state.row {
            theme.title
        } else {
            theme.text
        };
        // A class is named where its group starts (or where the view does).
        let class = class_of(t);
        let starts = t == g.first_row || t == 0 || class_of(t - 1) != class;
        let label = match class {
            Some(c) if starts => c.label(),
            _ => "",
        };
        let class_style = match class {
            Some(ThemeClass::Contested) => theme.disagree,
            Some(ThemeClass::Consensus) => theme.agree,
            _ => theme.dim,
        };
        let mut spans = vec![
            Span::styled(
                pad(&truncate(id, g.theme_col.saturating_sub(1)), g.theme_col),
                row_style,
            ),
            Span::styled(pad(label, CLASS_COLUMN), class_style),
        ];
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
            let cell = cell_spans(cell, style, theme);
            let used: usize = cell.iter().map(|s| s.width()).sum();
            spans.extend(cell);
            spans.push(Span::styled(
                " ".repeat(g.voice_col.saturating_sub(used)),
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    while lines.len() < 1 + g.rows {
        lines.push(Line::default());
    }
    lines.truncate(1 + g.rows);
    if usize::from(inner.height) > lines.len() {
        lines.extend(voice_legend(m, state, width, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
