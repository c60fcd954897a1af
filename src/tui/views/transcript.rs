//! A transcript: every cue with its time and speaker; a selected range to cut a clip from.

use crate::tui::app::App;
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;
use dossier::model::format_time;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(t) = &app.transcript else {
        frame.render_widget(
            Paragraph::new(Span::styled("loading the transcript…", theme.dim)).block(super::block(
                "Transcript",
                true,
                theme,
            )),
            area,
        );
        return;
    };
    let selecting = t.anchor.is_some();
    let title = if selecting {
        let range = t.range();
        format!(
            "{} · {} cue(s) selected · c cuts a clip",
            clean(&t.info.title),
            range.end() - range.start() + 1
        )
    } else {
        format!(
            "{} · transcript, {} cues",
            clean(&t.info.title),
            t.cues.len()
        )
    };
    let b = super::block(
        &truncate(&title, usize::from(area.width).saturating_sub(4)),
        true,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    // Each cue takes its wrapped lines; keep the selected cue in view, a little below the top.
    let range = t.range();
    let first = t.selected.saturating_sub(rows / 3);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, cue) in t.cues.iter().enumerate().skip(first) {
        if lines.len() >= rows {
            break;
        }
        let in_range = selecting && range.contains(&i);
        let current = i == t.selected;
        let bar = match (current, in_range) {
            (true, _) => Span::styled("▌", theme.selected),
            (false, true) => Span::styled("┃", theme.accent),
            _ => Span::raw(" "),
        };
        let time = format_time(u32::try_from(cue.start_ms / 1000).unwrap_or(u32::MAX));
        let text_style = if current || in_range {
            theme.selected
        } else {
            theme.text
        };
        let mut spans = vec![Span::styled(format!("{time:>8}  "), theme.dim)];
        if let Some(v) = &cue.voice {
            spans.push(Span::styled(format!("{}: ", clean(v)), theme.accent));
        }
        spans.push(Span::styled(clean(&cue.text), text_style));
        for (n, line) in wrap(spans, width.saturating_sub(2), 10)
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 { bar.clone() } else { Span::raw(" ") };
            let mut all = vec![lead, Span::raw(" ")];
            all.extend(line.spans);
            lines.push(Line::from(all));
        }
    }
    lines.truncate(rows);
    frame.render_widget(Paragraph::new(lines), inner);
}
