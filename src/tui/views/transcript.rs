//! A transcript: every cue with its time and speaker; a selected range to cut a clip from.
//! It scrolls by line through all its cues (the selection follows what comes into view),
//! with its position in the title.

use crate::tui::app::{App, TranscriptState};
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;
use dossier::model::format_time;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The transcript's text at a width, and the line where each cue starts.
pub struct TranscriptLines {
    pub lines: Vec<Line<'static>>,
    pub cue_starts: Vec<usize>,
}

/// The transcript's lines and the rows it shows, as `render` lays them out at the app's
/// size: what the update scrolls by.
pub fn layout(app: &App) -> Option<(TranscriptLines, usize)> {
    let t = app.transcript.as_ref()?;
    let width = usize::from(app.width.saturating_sub(2)).max(1);
    // The status line and the block's two borders.
    let height = usize::from(app.height.saturating_sub(3)).max(1);
    Some((transcript_lines(t, width, &Theme::monochrome()), height))
}

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
    let kept = if t.anchor.is_some() {
        let range = t.range();
        format!(
            " · {} cue(s) selected · c cuts a clip",
            range.end() - range.start() + 1
        )
    } else {
        format!(" · transcript, {} cues", t.cues.len())
    };
    let shown = usize::from(area.height.saturating_sub(2)).max(1);
    let TranscriptLines { lines, .. } =
        transcript_lines(t, usize::from(area.width.saturating_sub(2)).max(1), theme);
    let total = lines.len();
    let scroll = t.scroll.min(total.saturating_sub(shown));
    let title = super::fit_position_title(
        &clean(&t.info.title),
        &kept,
        (scroll, shown, total),
        area.width,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .block(super::block(&title, true, theme))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}

fn transcript_lines(t: &TranscriptState, width: usize, theme: &Theme) -> TranscriptLines {
    let selecting = t.anchor.is_some();
    let range = t.range();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cue_starts = Vec::with_capacity(t.cues.len());
    for (i, cue) in t.cues.iter().enumerate() {
        cue_starts.push(lines.len());
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
    TranscriptLines { lines, cue_starts }
}
