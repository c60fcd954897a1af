//! The note editor: titled with the clip the note is on (or the investigation whose
//! conclusion it is), the text wrapped at word boundaries with the cursor where the next
//! character goes; when the note cannot be saved where it belongs, why, above the text.

use super::{block, centered, scroll_to};
use crate::tui::app::{App, NoteDraft};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(frame: &mut Frame<'_>, area: Rect, note: &NoteDraft, theme: &Theme) {
    let popup = centered(area, 76, 16);
    let title = match &note.clip {
        Some(_) => format!("Note on {}", note.about),
        None => format!(
            "Your conclusion on “{}”: your own answer, opening the brief",
            note.about
        ),
    };
    let width = usize::from(popup.width.saturating_sub(4));
    let b = block(&truncate(&title, width), true, theme);
    let inner = b.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(b, popup);
    let mut text_area = inner;
    if let Some(problem) = &note.problem {
        let lines = wrap(
            vec![Span::styled(clean(problem), theme.error)],
            usize::from(inner.width),
            0,
        );
        let rows = u16::try_from(lines.len() + 1)
            .unwrap_or(u16::MAX)
            .min(inner.height / 2);
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: rows,
                ..inner
            },
        );
        text_area.y += rows;
        text_area.height -= rows;
    }
    // One column is left free at the right for the cursor after a full row.
    let (lines, x, y) = note
        .editor
        .layout(usize::from(text_area.width).saturating_sub(1));
    let rows = usize::from(text_area.height).max(1);
    let first = y.saturating_sub(rows.saturating_sub(1));
    let shown: Vec<Line<'_>> = lines
        .into_iter()
        .skip(first)
        .take(rows)
        .map(|l| Line::from(Span::styled(l, theme.text)))
        .collect();
    frame.render_widget(Paragraph::new(shown), text_area);
    if text_area.height > 0 {
        frame.set_cursor_position(Position::new(
            text_area.x + u16::try_from(x).unwrap_or(0),
            text_area.y + u16::try_from(y - first).unwrap_or(0),
        ));
    }
}

/// The investigations a note whose own is gone can be saved into.
pub fn save_into(
    frame: &mut Frame<'_>,
    area: Rect,
    note: &NoteDraft,
    selected: usize,
    app: &App,
    theme: &Theme,
) {
    let popup = centered(area, 64, (app.inv.list.len() as u16 + 4).clamp(6, 16));
    let b = block("Save the note into", true, theme);
    let inner = b.inner(popup);
    frame.render_widget(Clear, popup);
    let width = usize::from(inner.width);
    let what = match &note.clip {
        Some(_) => format!(" The clip goes in too: {}", note.about),
        None => " It goes after that investigation's conclusion.".to_string(),
    };
    let mut lines = vec![Line::from(Span::styled(truncate(&what, width), theme.dim))];
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    let first = scroll_to(selected, visible);
    for (i, inv) in app.inv.list.iter().enumerate().skip(first).take(visible) {
        let style = if i == selected {
            theme.selected
        } else {
            theme.text
        };
        let text = format!(" {} ({} clips)", inv.name, inv.clip_count);
        lines.push(Line::from(Span::styled(truncate(&text, width), style)));
    }
    frame.render_widget(Paragraph::new(lines).block(b), popup);
}
