//! Export: the research brief as it will be written, rendered for reading, before the
//! user confirms where to write it.

use super::block;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::text::{clean, markdown, wrap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The brief as drawn, and the line of each of its headings (for `[` and `]`).
pub struct Preview {
    pub lines: Vec<Line<'static>>,
    pub headings: Vec<usize>,
}

/// The preview's lines and the rows it shows, as `render` lays them out at the app's
/// size: what the update scrolls by.
pub fn layout(app: &App) -> Option<(Preview, usize)> {
    let state = app.export.as_ref()?;
    let width = usize::from(app.width.saturating_sub(2)).max(1);
    // The status line and the block's two borders.
    let height = usize::from(app.height.saturating_sub(3)).max(1);
    Some((
        preview(&state.markdown, width, &Theme::monochrome()),
        height,
    ))
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(state) = &app.export else {
        frame.render_widget(
            Paragraph::new(Span::styled("Writing the brief…", theme.dim))
                .block(block("Export", true, theme)),
            area,
        );
        return;
    };
    // The key that writes the brief, as the keymap has it.
    let key = keymap::label_for(keymap::Scope::Export, |a| matches!(a, Action::Export))
        .and_then(|label| label.split(' ').next())
        .unwrap_or("e");
    let name = format!("Brief · {}", clean(&state.investigation));
    let kept = format!(" · preview ({key} writes it to a file)");
    let shown = usize::from(area.height.saturating_sub(2)).max(1);
    let Preview { lines, .. } = preview(
        &state.markdown,
        usize::from(area.width.saturating_sub(2)).max(1),
        theme,
    );
    let total = lines.len();
    let scroll = state.scroll.min(total.saturating_sub(shown));
    let title = super::fit_position_title(&name, &kept, (scroll, shown, total), area.width);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(&title, true, theme))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}

/// The brief's Markdown, line by line: front matter dimmed, headings styled, quotes
/// indented, inline markup shown as style. Each source line starts a row, so scrolling by
/// source line keeps the view steady.
pub fn preview(md: &str, width: usize, theme: &Theme) -> Preview {
    let mut out = Vec::new();
    let mut headings = Vec::new();
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
            headings.push(out.len());
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
    Preview {
        lines: out,
        headings,
    }
}
