//! What's new: clips grouped by page and theme, then pages, sources and transcripts.

use crate::tui::app::App;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(state) = &app.digest else {
        frame.render_widget(
            Paragraph::new(Span::styled("gathering what is new…", theme.dim)).block(super::block(
                "What's new",
                true,
                theme,
            )),
            area,
        );
        return;
    };
    let d = &state.digest;
    let since = d.since.get(..16).unwrap_or(&d.since).replace('T', " ");
    let window = if state.since_visit {
        format!("since your last visit ({since} UTC)")
    } else {
        format!("in the last 7 days (since {since} UTC)")
    };
    let b = super::block(&format!("What's new {window}"), true, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_line = 0;
    let nothing_of_yours =
        d.clip_count == 0 && d.pages.is_empty() && d.sources.is_empty() && d.transcripts.is_empty();
    if nothing_of_yours {
        lines.extend(crate::tui::text::wrap(
            vec![Span::styled(
                "Nothing new of yours. Clips you add (Ctrl-N in search, n on a clip) and transcripts you import show up here, newest first.",
                theme.dim,
            )],
            width,
            0,
        ));
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "yours, newest first: {} clip(s) · {} page(s) · {} source(s) · {} transcript(s)",
                d.clip_count,
                d.pages.len(),
                d.sources.len(),
                d.transcripts.len()
            ),
            theme.dim,
        )));
    }
    let mut n = 0;
    for group in &d.groups {
        lines.push(Line::default());
        let title = group.title.as_deref().unwrap_or("On no decision page");
        lines.push(Line::from(Span::styled(
            truncate(&clean(title), width),
            theme.heading,
        )));
        for theme_group in &group.themes {
            if let Some(claim) = &theme_group.claim {
                lines.push(Line::from(Span::styled(
                    truncate(&format!("  {}", clean(claim)), width),
                    theme.title,
                )));
            }
            for c in &theme_group.clips {
                let selected = n == state.selected;
                if selected {
                    selected_line = lines.len();
                }
                n += 1;
                let style = if selected { theme.selected } else { theme.text };
                let head = format!(
                    "{} · {} · {} {}",
                    clean(c.date()),
                    clean(&c.voice),
                    clean(&c.source),
                    clean(&c.time_range)
                );
                lines.push(Line::from(vec![
                    Span::styled(if selected { "▌   " } else { "    " }, theme.selected),
                    Span::styled(truncate(&head, width.saturating_sub(4)), style),
                ]));
                lines.push(Line::from(Span::styled(
                    truncate(&format!("      {}", clean(&c.gist)), width),
                    theme.dim,
                )));
            }
        }
    }
    for (label, list) in [("Pages", &d.pages), ("Sources", &d.sources)] {
        if !list.is_empty() {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!("{label} added or changed"),
                theme.heading,
            )));
            for (_, title, _) in list.iter() {
                lines.push(Line::from(Span::styled(
                    truncate(&format!("    {}", clean(title)), width),
                    theme.text,
                )));
            }
        }
    }
    if !d.transcripts.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Transcripts imported",
            theme.heading,
        )));
        for t in &d.transcripts {
            lines.push(Line::from(Span::styled(
                truncate(&format!("    {} ({} cues)", clean(&t.title), t.cues), width),
                theme.text,
            )));
        }
    }
    if !d.builtin.is_empty() {
        // What the program installed is not the user's news: one line, last.
        lines.push(Line::default());
        lines.extend(crate::tui::text::wrap(
            vec![Span::styled(clean(&d.builtin.line()), theme.dim)],
            width,
            2,
        ));
    }
    let rows = usize::from(inner.height);
    let first = selected_line.saturating_sub(rows.saturating_sub(2));
    let shown: Vec<Line<'static>> = lines.into_iter().skip(first).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
