//! Export: the research brief as it will be written, rendered for reading, before the
//! user confirms where to write it.

use super::block;
use crate::tui::app::App;
use crate::tui::text::{clean, markdown, wrap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(state) = &app.export else {
        frame.render_widget(
            Paragraph::new(Span::styled("Writing the brief…", theme.dim))
                .block(block("Export", true, theme)),
            area,
        );
        return;
    };
    let title = format!(
        "Brief · {} · preview (w writes it to a file)",
        clean(&state.investigation)
    );
    let b = block(&title, true, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line<'static>> = preview(&state.markdown, width, theme)
        .into_iter()
        .skip(state.scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The brief's Markdown, line by line: front matter dimmed, headings styled, quotes
/// indented, inline markup shown as style. Each source line starts a row, so scrolling by
/// source line keeps the view steady.
pub fn preview(md: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut in_front_matter = false;
    for (i, line) in md.lines().enumerate() {
        if line == "---" && (i == 0 || in_front_matter) {
            in_front_matter = i == 0;
            out.push(Line::from(Span::styled("───", theme.dim)));
            continue;
        }
        if in_front_matter {
            out.extend(wrap(vec![Span::styled(clean(line), theme.dim)], width, 2));
            continue;
        }
        let level = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&level) && line[level..].starts_with(' ') {
            let style = if level == 1 {
                theme.title.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.heading
            };
            out.extend(wrap(markdown(line[level..].trim(), style, theme), width, 0));
        } else if let Some(quote) = line.strip_prefix('>') {
            let mut spans = vec![Span::styled("│ ", theme.dim)];
            spans.extend(markdown(
                quote.trim_start(),
                theme.text.add_modifier(Modifier::ITALIC),
                theme,
            ));
            out.extend(wrap(spans, width, 2));
        } else if line.trim().is_empty() {
            out.push(Line::default());
        } else {
            let indent = line.len() - line.trim_start().len();
            let body = line.trim_start();
            let (bullet, rest) = match body.split_once(' ') {
                Some((b, rest)) if b == "-" || b == "*" => ("• ".to_string(), rest),
                Some((b, rest))
                    if b.ends_with('.') && b[..b.len() - 1].chars().all(|c| c.is_ascii_digit()) =>
                {
                    (format!("{b} "), rest)
                }
                _ => (String::new(), body),
            };
            let mut spans = vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(bullet.clone(), theme.accent),
            ];
            spans.extend(markdown(rest, theme.text, theme));
            out.extend(wrap(spans, width, indent + bullet.chars().count()));
        }
    }
    out
}
