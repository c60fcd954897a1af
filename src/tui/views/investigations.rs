//! Investigations: the list beside the selected investigation's clips, each with its
//! note, the corpus's stances and your readings beside them (marked `you`).

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

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let [list_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(32), Constraint::Min(20)]).areas(area);
    render_list(frame, list_area, app, theme);
    render_clips(frame, detail_area, app, theme);
}

fn render_list(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = block("Investigations", !app.inv.focus_clips, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
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
    let rows = usize::from(inner.height) / 2;
    let first = scroll_to(app.inv.selected, rows.max(1));
    let mut lines = Vec::new();
    for (i, inv) in app.inv.list.iter().enumerate().skip(first).take(rows) {
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
    let title = format!(
        "{} · {}",
        clean(&view.investigation.name),
        clips(view.items.len())
    );
    let b = block(&title, app.inv.focus_clips, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
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
    // Each clip is a block of lines; scroll so the selected one is in view.
    let blocks: Vec<Vec<Line<'static>>> = view
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
    let budget = usize::from(inner.height).saturating_sub(header.len());
    let mut first = 0;
    while first < app.inv.clip_selected
        && blocks[first..=app.inv.clip_selected.min(blocks.len() - 1)]
            .iter()
            .map(Vec::len)
            .sum::<usize>()
            > budget
    {
        first += 1;
    }
    let mut lines = header;
    for b in blocks.into_iter().skip(first) {
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
