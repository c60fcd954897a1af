//! The new-clip form: a label and a line per field, the completion ghosted after what is
//! typed, each field's problem under it.

use super::centered;
use crate::tui::form::ClipForm;
use crate::tui::text::{clean, tail, truncate};
use crate::tui::theme::Theme;
use dossier::capture::Field;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

const LABEL: usize = 15;

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    form: &ClipForm,
    app: &crate::tui::app::App,
    theme: &Theme,
) {
    let errors = form.visible_errors();
    let extra = errors.len() + usize::from(form.refused.is_some() || form.confirm_discard);
    let height = (Field::ALL.len() + extra + 4) as u16;
    let popup = centered(area, 84, height);
    let b = super::block(
        "New clip · Tab next field · → completes · Enter saves · Esc cancels",
        true,
        theme,
    );
    let inner = b.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(b, popup);
    let width = usize::from(inner.width);
    let room = width.saturating_sub(LABEL + 1);
    let mut lines = Vec::new();
    let mut cursor = None;
    for field in Field::ALL {
        let focused = field == form.field();
        let value = clean(form.value(field));
        let shown = if focused {
            tail(&value, room.saturating_sub(1))
        } else {
            truncate(&value, room)
        };
        let label_style = if focused { theme.heading } else { theme.dim };
        let required = matches!(field, Field::Url | Field::Voice | Field::Gist);
        let label = format!("{}{}", field.label(), if required { " *" } else { "" });
        let mut spans = vec![
            Span::styled(format!("{label:>width$} ", width = LABEL - 1), label_style),
            Span::styled(
                shown.clone(),
                if focused { theme.selected } else { theme.text },
            ),
        ];
        if focused {
            let used = unicode_width::UnicodeWidthStr::width(shown.as_str());
            cursor = Some((LABEL + used, lines.len()));
            if let Some(name) = form.completion(&app.names) {
                let typed = form.completing().trim();
                let rest = if name.to_lowercase().starts_with(&typed.to_lowercase()) {
                    name.get(typed.len()..).unwrap_or("").to_string()
                } else {
                    format!("  → {name}")
                };
                spans.push(Span::styled(
                    truncate(&clean(&rest), room.saturating_sub(used)),
                    theme.dim,
                ));
            } else if value.is_empty() {
                spans.push(Span::styled(placeholder(field), theme.dim));
            }
        }
        lines.push(Line::from(spans));
        for e in errors.iter().filter(|e| e.field == field) {
            lines.push(Line::from(Span::styled(
                truncate(&format!("{:LABEL$}↑ {}", "", clean(&e.message)), width),
                theme.error,
            )));
        }
    }
    lines.push(Line::default());
    if let Some(reason) = &form.refused {
        lines.push(Line::from(Span::styled(
            truncate(&clean(reason), width),
            theme.error,
        )));
    } else if form.confirm_discard {
        lines.push(Line::from(Span::styled(
            "Discard this clip? Esc again discards; any other key keeps editing.",
            theme.error,
        )));
    }
    lines.push(Line::from(Span::styled(
        "* needed · a t=754 in the URL sets the start · new names are created",
        theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = cursor {
        let x = (x as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(inner.x + x, inner.y + y as u16));
    }
}

fn placeholder(field: Field) -> &'static str {
    match field {
        Field::Url => "https://… (a t=754 in it sets the start)",
        Field::At => "12:34",
        Field::To => "optional, e.g. 13:10",
        Field::Voice => "who says it",
        Field::Source => "optional: found by URL",
        Field::Quote => "optional: their words",
        Field::Gist => "what the moment says, in your words",
        Field::Topics => "optional, comma separated",
        Field::Clarity => "optional: 0-100, how clearly it makes its point",
        Field::Stances => "optional: theme=supports, … (your reading; → completes)",
        Field::Page => "optional: the decision page it informs",
        Field::Investigation => "optional: save into it (created if new)",
    }
}
