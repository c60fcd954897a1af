//! Investigations: the list beside the selected investigation's clips, each with its
//! note, the corpus's stances and your readings beside them (marked `you`).

use super::hit::inner_row;
use super::{block, scroll_to};
use crate::tui::app::App;
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;
use dossier::model::Stance;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A stance as one character, for lists and the matrix.
pub fn stance_mark(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "+",
        Stance::Opposes => "−",
        Stance::Nuanced => "~",
    }
}

pub fn stance_style(stance: Stance, theme: &Theme) -> Style {
    match stance {
        Stance::Supports => theme.agree,
        Stance::Opposes => theme.disagree,
        Stance::Nuanced => theme.accent,
    }
}

fn clips(n: usize) -> String {
    match n {
        1 => "1 clip".to_string(),
        n => format!("{n} clips"),
    }
}

/// Where the investigations screen's panes are and what their rows show, as drawn at the
/// app's size: render and the mouse both work from it.
pub struct Geometry {
    pub list: Rect,
    pub clips: Rect,
    /// The first investigation in view; each takes two rows.
    pub list_first: usize,
    /// The clips in view: each one's index and its rows inside the clips pane.
    pub clip_rows: Vec<(usize, std::ops::Range<usize>)>,
}

/// Rows an investigation takes in the list.
const LIST_ROWS: usize = 2;

impl Geometry {
    /// The investigation at screen row `y` of the list, if one is drawn there.
    pub fn investigation_at(&self, app: &App, y: u16) -> Option<usize> {
        inner_row(self.list, y)
            .map(|r| self.list_first + r / LIST_ROWS)
            .filter(|i| *i < app.inv.list.len())
    }

    /// The clip at screen row `y` of the clips pane, if one is drawn there.
    pub fn clip_at(&self, y: u16) -> Option<usize> {
        let row = inner_row(self.clips, y)?;
        self.clip_rows
            .iter()
            .find(|(_, rows)| rows.contains(&row))
            .map(|(i, _)| *i)
    }
}

/// The screen laid out in `area` (the terminal but the status line).
pub fn geometry(app: &App, area: Rect) -> Geometry {
    let [list, clips] =
        Layout::horizontal([Constraint::Percentage(32), Constraint::Min(20)]).areas(area);
    let list_first = scroll_to(app.inv.selected, list_shown(list));
    let mut clip_rows = Vec::new();
    if let Some(view) = app.inv.current() {
        let inner = block("", false, &Theme::monochrome()).inner(clips);
        let text = clips_text(app, view, usize::from(inner.width), &Theme::monochrome());
        let mut row = text.header.len();
        for (i, b) in text
            .blocks
            .iter()
            .enumerate()
            .skip(text.first(inner.height))
        {
            clip_rows.push((i, row..row + b.len()));
            row += b.len();
        }
    }
    Geometry {
        list,
        clips,
        list_first,
        clip_rows,
    }
}

/// The first clip the clips pane draws at the app's size.
pub fn clips_first(app: &App) -> usize {
    let area = Rect::new(0, 0, app.width, app.height.saturating_sub(1));
    let g = geometry(app, area);
    g.clip_rows.first().map_or(0, |(i, _)| *i)
}

/// How many investigations the list shows at once.
fn list_shown(list: Rect) -> usize {
    (usize::from(list.height.saturating_sub(2)) / LIST_ROWS).max(1)
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let g = geometry(app, area);
    render_list(frame, &g, app, theme);
    render_clips(frame, g.clips, app, theme);
}

fn render_list(frame: &mut Frame<'_>, g: &Geometry, app: &App, theme: &Theme) {
    let b = block("Investigations", !app.inv.focus_clips, theme);
    let inner = b.inner(g.list);
    frame.render_widget(b, g.list);
    let width = usize::from(inner.width);
    if app.inv.list.is_empty() {
        let text = vec![
            Line::from(Span::styled("No investigations yet.", theme.text)),
            Line::default(),
            Line::from(Span::styled(
                "Press n to start one, or a on any clip to add it to a new one.",
                theme.dim,
            )),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let rows = list_shown(g.list);
    let mut lines = Vec::new();
    for (i, inv) in app
        .inv
        .list
        .iter()
        .enumerate()
        .skip(g.list_first)
        .take(rows)
    {
        let selected = i == app.inv.selected;
        let style = if selected {
            theme.selected
        } else {
            theme.title
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!(" {}", inv.name), width),
            style,
        )));
        let clips = clips(inv.clip_count);
        let changed = inv.updated_at.get(..10).unwrap_or(&inv.updated_at);
        lines.push(Line::from(Span::styled(
            truncate(&format!("   {clips} · {changed}"), width),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The clips pane's text: the question and answer above, then each clip as a block of
/// lines.
struct ClipsText {
    header: Vec<Line<'static>>,
    blocks: Vec<Vec<Line<'static>>>,
    selected: usize,
    /// The first clip drawn before: kept while the selected one shows.
    was_first: usize,
}

impl ClipsText {
    /// The first clip to draw in `height` rows so that the selected one is in view: the
    /// one drawn first before, unless the selection went above it or below the pane.
    fn first(&self, height: u16) -> usize {
        let budget = usize::from(height).saturating_sub(self.header.len());
        let last = self.selected.min(self.blocks.len().saturating_sub(1));
        let mut first = self.was_first.min(last);
        while first < last
            && self.blocks[first..=last]
                .iter()
                .map(Vec::len)
                .sum::<usize>()
                > budget
        {
            first += 1;
        }
        first
    }
}

fn clips_text(
    app: &App,
    view: &dossier::library::InvestigationView,
    width: usize,
    theme: &Theme,
) -> ClipsText {
    let mut header = Vec::new();
    if let Some(q) = &view.investigation.question {
        header.extend(wrap(
            vec![
                Span::styled("Question ", theme.accent),
                Span::styled(clean(q), theme.text),
            ],
            width,
            9,
        ));
        header.push(Line::default());
    }
    if let Some(conclusion) = &view.investigation.conclusion {
        for (i, line) in conclusion.lines().enumerate() {
            let label = if i == 0 {
                "Your answer "
            } else {
                "            "
            };
            header.extend(wrap(
                vec![
                    Span::styled(label, theme.accent),
                    Span::styled(clean(line), theme.text),
                ],
                width,
                12,
            ));
        }
        header.push(Line::default());
    }
    if view.items.is_empty() {
        header.push(Line::from(Span::styled(
            "No clips yet: press a on a search result, a clip or a page's clip to add one.",
            theme.dim,
        )));
    }
    let blocks = view
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            clip_lines(
                i,
                item,
                i == app.inv.clip_selected && app.inv.focus_clips,
                width,
                theme,
            )
        })
        .collect();
    ClipsText {
        header,
        blocks,
        selected: app.inv.clip_selected,
        was_first: app.inv.clips_first,
    }
}

fn render_clips(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(view) = app.inv.current() else {
        let b = block("Clips", app.inv.focus_clips, theme);
        let message = if app.inv.list.is_empty() {
            ""
        } else {
            "Loading…"
        };
        frame.render_widget(
            Paragraph::new(Span::styled(message, theme.dim)).block(b),
            area,
        );
        return;
    };
    let title = super::fit_title(
        &clean(&view.investigation.name),
        &format!(" · {}", clips(view.items.len())),
        area.width,
    );
    let b = block(&title, app.inv.focus_clips, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    // Each clip is a block of lines; scroll so the selected one is in view.
    let text = clips_text(app, view, usize::from(inner.width), theme);
    let first = text.first(inner.height);
    let mut lines = text.header;
    for b in text.blocks.into_iter().skip(first) {
        lines.extend(b);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn clip_lines(
    index: usize,
    item: &dossier::library::ItemView,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let c = &item.clip;
    let r = &c.clip.record;
    let style = if selected {
        theme.selected
    } else {
        theme.title
    };
    let mut head = format!(
        "{:>2}. {} · {} · {}",
        index + 1,
        c.voice.name,
        c.source.title,
        c.time_range
    );
    if c.clip.retired {
        head.push_str(" · retired");
    }
    let mut lines = vec![Line::from(Span::styled(truncate(&head, width), style))];
    for line in wrap(
        vec![Span::styled(clean(&r.gist), theme.text)],
        width.saturating_sub(4),
        0,
    )
    .into_iter()
    .take(2)
    {
        let mut spans = vec![Span::raw("    ")];
        spans.extend(line.spans);
        lines.push(Line::from(spans));
    }
    if !item.stances.is_empty() {
        let mut spans = vec![Span::raw("    ")];
        // The corpus's stance as it is; the user's reading beside it, marked `you`.
        for (t, s) in &item.stances {
            let corpus = item
                .clip
                .clip
                .record
                .stances
                .iter()
                .find(|c| &c.theme == t && c.by.is_corpus())
                .map(|c| c.stance);
            let yours = item.is_yours(t).then_some(*s);
            if let Some(c) = corpus {
                spans.push(Span::styled(stance_mark(c), stance_style(c, theme)));
            }
            spans.push(Span::styled(clean(t.as_str()), theme.dim));
            if let Some(y) = yours {
                spans.push(Span::styled(
                    format!(" you{}", stance_mark(y)),
                    theme.yours(stance_style(y, theme)),
                ));
            }
            spans.push(Span::raw(" "));
        }
        lines.extend(wrap(spans, width, 4).into_iter().take(2));
    }
    if !item.note.is_empty() {
        let note = item.note.replace('\n', " ⏎ ");
        for line in wrap(
            vec![
                Span::styled("note ", theme.accent),
                Span::styled(clean(&note), theme.text),
            ],
            width.saturating_sub(4),
            5,
        )
        .into_iter()
        .take(3)
        {
            let mut spans = vec![Span::raw("    ")];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::default());
    lines
}
