//! Dialogs drawn over the screen: the investigation picker, a line of text, yes/no, the
//! note editor and the stance picker.

use super::centered;
use super::investigations::{stance_mark, stance_style};
use crate::tui::app::{App, ConfirmFor, Modal, PromptFor};
use crate::tui::text::{clean, tail, truncate};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn render(frame: &mut Frame<'_>, area: Rect, modal: &Modal, app: &App, theme: &Theme) {
    match modal {
        Modal::Picker { selected, .. } => picker(frame, area, *selected, app, theme),
        Modal::Prompt {
            purpose,
            input,
            error,
        } => prompt(frame, area, purpose, input, error.as_deref(), theme),
        Modal::Confirm { purpose } => confirm(frame, area, purpose, theme),
        Modal::Link { url } => link(frame, area, url.as_str(), theme),
        Modal::Note(note) => super::note::render(frame, area, note, theme),
        Modal::SaveNoteInto { note, selected } => {
            super::note::save_into(frame, area, note, *selected, app, theme)
        }
        // Drawn by views::form.
        Modal::ClipForm(_) => {}
        Modal::Stance { rows, selected, .. } => {
            let popup = centered(area, 76, (rows.len() as u16 + 4).max(7));
            let b = super::block("Your stance · s/o/n set · c clears · Esc done", true, theme);
            let inner = b.inner(popup);
            frame.render_widget(Clear, popup);
            frame.render_widget(b, popup);
            let width = usize::from(inner.width);
            let mut lines = Vec::new();
            if rows.is_empty() {
                lines.push(Line::from(Span::styled(
                    "No themes in this investigation yet.",
                    theme.dim,
                )));
            }
            let visible = usize::from(inner.height).max(1);
            let first = super::scroll_to(*selected, visible);
            for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
                let style = if i == *selected {
                    theme.selected
                } else {
                    theme.text
                };
                let (mark, mark_style) = match row.stance {
                    Some(s) => (stance_mark(s), stance_style(s, theme)),
                    None => ("·", theme.dim),
                };
                let whose = if row.overridden { "yours " } else { "corpus" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{mark} "), mark_style),
                    Span::styled(format!("{whose} "), theme.dim),
                    Span::styled(truncate(&row.claim, width.saturating_sub(10)), style),
                ]));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}

fn picker(frame: &mut Frame<'_>, area: Rect, selected: usize, app: &App, theme: &Theme) {
    let names: Vec<String> = std::iter::once("+ new investigation…".to_string())
        .chain(
            app.inv
                .list
                .iter()
                .map(|i| format!("{} ({} clips)", i.name, i.clip_count)),
        )
        .collect();
    let popup = centered(area, 60, (names.len() as u16 + 2).clamp(5, 16));
    let b = super::block("Add to investigation", true, theme);
    let inner = b.inner(popup);
    frame.render_widget(Clear, popup);
    let visible = usize::from(inner.height).max(1);
    let first = super::scroll_to(selected, visible);
    let width = usize::from(inner.width);
    let lines: Vec<Line<'_>> = names
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, n)| {
            let style = if i == selected {
                theme.selected
            } else if i == 0 {
                theme.accent
            } else {
                theme.text
            };
            Line::from(Span::styled(truncate(&format!(" {n}"), width), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(b), popup);
}

fn prompt(
    frame: &mut Frame<'_>,
    area: Rect,
    purpose: &PromptFor,
    input: &str,
    error: Option<&str>,
    theme: &Theme,
) {
    let (title, help) = match purpose {
        PromptFor::NewInvestigation { add: Some(_) } => (
            "New investigation",
            "A name for it; the clip goes in. Enter creates, Esc cancels.",
        ),
        PromptFor::NewInvestigation { add: None } => (
            "New investigation",
            "A name for it. Enter creates, Esc cancels.",
        ),
        PromptFor::Question { .. } => (
            "The question it answers",
            "Optional, e.g. “RAG or fine-tuning for our support bot?”. Enter saves (empty skips), Esc cancels.",
        ),
        PromptFor::Rename { .. } => ("Rename", "The new name. Enter renames, Esc cancels."),
        PromptFor::ExportPath { .. } => (
            "Write the brief to",
            "A file path (relative to where dossier started; ~/ for home). Enter writes, Esc cancels.",
        ),
    };
    let popup = centered(area, 70, if error.is_some() { 10 } else { 7 });
    let b = super::block(title, true, theme);
    let inner = b.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(b, popup);
    let width = usize::from(inner.width).saturating_sub(3);
    let shown = tail(&clean(input), width);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("> ", theme.accent),
            Span::styled(shown.clone(), theme.text),
        ]),
        Line::default(),
    ];
    if let Some(error) = error {
        // Why the last try failed; the input above is kept to fix.
        lines.push(Line::from(Span::styled(clean(error), theme.error)));
    }
    lines.push(Line::from(Span::styled(help, theme.dim)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    let x = unicode_width::UnicodeWidthStr::width(shown.as_str()) as u16;
    frame.set_cursor_position(Position::new(inner.x + 2 + x, inner.y));
}

fn confirm(frame: &mut Frame<'_>, area: Rect, purpose: &ConfirmFor, theme: &Theme) {
    let question = match purpose {
        ConfirmFor::Delete { investigation } => format!(
            "Delete the investigation “{}” with its notes? This cannot be undone.",
            clean(investigation)
        ),
        ConfirmFor::Overwrite { path, .. } => {
            format!("{} already exists. Replace it?", clean(path))
        }
        ConfirmFor::Discard(_) => {
            "Discard your changes to this note? n goes back to it.".to_string()
        }
    };
    let popup = centered(area, 64, 7);
    let b = super::block("Confirm", true, theme);
    frame.render_widget(Clear, popup);
    let lines = vec![
        Line::from(Span::styled(question, theme.text)),
        Line::default(),
        Line::from(vec![
            Span::styled("y", theme.accent),
            Span::styled(" yes   ", theme.dim),
            Span::styled("n Esc", theme.accent),
            Span::styled(" no", theme.dim),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(b),
        popup,
    );
}

/// A link no browser could open: in full, broken across lines where it must be, with the
/// keys to copy it or close.
fn link(frame: &mut Frame<'_>, area: Rect, url: &str, theme: &Theme) {
    let width = area.width.saturating_sub(4).min(80);
    let text_width = usize::from(width.saturating_sub(2)).max(10);
    let url = clean(url);
    let chars: Vec<char> = url.chars().collect();
    let mut lines = vec![
        Line::from(Span::styled(
            "No browser could be opened here. The link is:",
            theme.text,
        )),
        Line::default(),
    ];
    lines.extend(
        chars
            .chunks(text_width)
            .map(|part| Line::from(Span::styled(part.iter().collect::<String>(), theme.link))),
    );
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", theme.accent),
        Span::styled(" copy the link   ", theme.dim),
        Span::styled("Esc", theme.accent),
        Span::styled(" close", theme.dim),
    ]));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(super::block("Link", true, theme)),
        popup,
    );
}
