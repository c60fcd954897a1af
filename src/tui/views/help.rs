//! `?`: every key of the current screen, generated from the keymap. Scrolls when the keys
//! do not fit (j/k, PgUp/PgDn, g/G, the wheel), with a position indicator.

use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Keys on the help itself, shown in its last line.
const FOOTER: &str = "j/k PgUp/PgDn g/G scroll · ? or Esc closes this help";

/// The help's text: one row per binding, then the footer. Plain strings, so that the
/// update can count rows the way the view draws them.
fn rows(app: &App) -> Vec<(String, &'static str)> {
    let scope = keymap::Scope::current(app);
    let bindings: Vec<_> = keymap::for_scope(scope).collect();
    let label_width = bindings
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(4)
        + 2;
    bindings
        .iter()
        .map(|b| (format!("{:<label_width$}", b.label), b.help))
        .collect()
}

/// Where the help sits in `area`, and how many text rows it has in all and in view.
fn geometry(rows: &[(String, &str)], area: Rect) -> (Rect, usize, usize) {
    let width = area.width.saturating_sub(4).min(90);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let wrapped = |chars: usize| chars.div_ceil(inner).max(1);
    let total = rows
        .iter()
        .map(|(label, help)| wrapped(label.chars().count() + help.chars().count()))
        .sum::<usize>()
        + 1
        + wrapped(FOOTER.chars().count());
    let height = (total as u16 + 2).min(area.height.saturating_sub(2));
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    (popup, total, usize::from(height.saturating_sub(2)))
}

/// The furthest the help scrolls on a terminal of the app's size (the status line is
/// not part of the area it is drawn in).
pub fn max_scroll(app: &App) -> usize {
    let area = Rect::new(0, 0, app.width, app.height.saturating_sub(1));
    let (_, total, shown) = geometry(&rows(app), area);
    total.saturating_sub(shown)
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let name = keymap::Scope::current(app).title();
    let rows = rows(app);
    let (popup, total, shown) = geometry(&rows, area);
    let mut lines: Vec<Line<'_>> = rows
        .into_iter()
        .map(|(label, help)| {
            Line::from(vec![
                Span::styled(label, theme.accent),
                Span::styled(help, theme.text),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(FOOTER, theme.dim)));
    let scroll = app.help_scroll.min(total.saturating_sub(shown));
    let title = super::position_title(&format!("Keys · {name}"), scroll, shown, total);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(super::block(&title, true, theme)),
        popup,
    );
}
