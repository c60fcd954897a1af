//! Search: the query box, the hit count, and results with matched words highlighted.

use crate::tui::app::App;
use crate::tui::text::{clean, snippet, tail, truncate, wrap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines each result takes: its header, two of snippet, a blank.
const HIT_LINES: usize = 4;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    // What the search did with the query (corrections, words left out) is wrapped, not
    // cut: the info line grows to three rows at most.
    let notice_width: usize = app.search.results.as_ref().map_or(0, |r| {
        r.notices()
            .iter()
            .map(|n| unicode_width::UnicodeWidthStr::width(&*clean(n)) + 3)
            .sum()
    });
    let info_rows = (notice_width + 14)
        .div_ceil(usize::from(area.width.max(1)))
        .clamp(1, 3);
    let [input_area, info_area, results_area] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(info_rows as u16),
        Constraint::Min(1),
    ])
    .areas(area);
    let input_block = super::block("Search", true, theme);
    let inner = input_block.inner(input_area);
    let query = clean(&app.search.input);
    let visible = tail(&query, usize::from(inner.width.saturating_sub(3)));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("/ ", theme.accent),
            Span::styled(visible.clone(), theme.text),
        ]))
        .block(input_block),
        input_area,
    );
    let cursor_x = inner.x + 2 + unicode_width::UnicodeWidthStr::width(visible.as_str()) as u16;
    frame.set_cursor_position(Position::new(
        cursor_x.min(inner.right().saturating_sub(1)),
        inner.y,
    ));

    let width = usize::from(results_area.width);
    let info = match &app.search.results {
        None => Line::from(Span::styled("searching…", theme.dim)),
        Some(r) if r.hits.is_empty() => {
            let mut text = format!("no results for “{}”", clean(&r.query));
            for notice in r.notices() {
                text.push_str(" · ");
                text.push_str(&clean(&notice));
            }
            Line::from(Span::styled(text, theme.error))
        }
        Some(r) => {
            let mut spans = Vec::new();
            for notice in r.notices() {
                spans.push(Span::styled(format!("{} · ", clean(&notice)), theme.match_));
            }
            let count = if r.query.trim().is_empty() {
                format!("{} newest clips", r.hits.len())
            } else {
                match (r.total, r.total_at_least) {
                    (n, true) => format!("{n}+ results"),
                    (1, false) => "1 result".to_string(),
                    (n, false) => format!("{n} results"),
                }
            };
            spans.push(Span::styled(count, theme.dim));
            if app.search.pending {
                spans.push(Span::styled(" · searching…", theme.dim));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(
        Paragraph::new(info).wrap(ratatui::widgets::Wrap { trim: true }),
        info_area,
    );

    let Some(results) = &app.search.results else {
        return;
    };
    let per_screen = (usize::from(results_area.height) / HIT_LINES).max(1);
    let first = app
        .search
        .selected
        .saturating_sub(per_screen.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, hit) in results
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(per_screen + 1)
    {
        let selected = i == app.search.selected;
        let marker = match hit.doc_type.as_str() {
            "page" => "PAGE",
            "transcript" => "CUE",
            _ => "CLIP",
        };
        let mut header = vec![
            Span::styled(if selected { "▌" } else { " " }, theme.selected),
            Span::styled(format!("{marker:<4} "), theme.accent),
        ];
        if app.new_ids.contains(&hit.id) {
            header.push(Span::styled("new ", theme.match_));
        }
        let mut meta = Vec::new();
        if let Some(v) = &hit.voice {
            meta.push(clean(v));
        }
        if hit.doc_type == "page" || hit.voice.is_none() {
            meta.push(clean(&hit.title));
        } else if let Some(s) = &hit.source {
            meta.push(clean(s));
        }
        if let Some(t) = &hit.time_range {
            meta.push(clean(t));
        }
        let title_style = if selected {
            theme.selected
        } else {
            theme.title
        };
        header.push(Span::styled(
            truncate(&meta.join(" · "), width.saturating_sub(7)),
            title_style,
        ));
        lines.push(Line::from(header));
        let mut body = wrap(
            snippet(&hit.snippet, theme.text, theme),
            width.saturating_sub(6),
            0,
        );
        body.truncate(2);
        for line in body {
            let mut spans = vec![Span::raw("      ")];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), results_area);
}
