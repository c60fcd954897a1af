//! Clip detail: quote, gist, voice, source, time, link, topics, stances, pages and other
//! clips on the same themes.

use crate::tui::app::App;
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The clip screen's text at a width, and the line where each related clip starts (so
/// that the view can scroll through all of it and a related clip is chosen as it comes
/// into view).
pub struct ClipLines {
    pub lines: Vec<Line<'static>>,
    pub related_starts: Vec<usize>,
}

/// The clip screen's lines and the rows it shows, as `render` lays them out at the app's
/// size: what the update scrolls by.
pub fn layout(app: &App) -> Option<(ClipLines, usize)> {
    let state = app.clip.as_ref()?;
    let width = usize::from(app.width.saturating_sub(2)).max(1);
    // The status line and the block's two borders.
    let height = usize::from(app.height.saturating_sub(3)).max(1);
    Some((clip_lines(state, width, &Theme::monochrome()), height))
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(state) = &app.clip else {
        let block = super::block("Clip", true, theme);
        frame.render_widget(
            Paragraph::new(Span::styled("Loading…", theme.dim)).block(block),
            area,
        );
        return;
    };
    let inner_height = usize::from(area.height.saturating_sub(2)).max(1);
    let ClipLines { lines, .. } = clip_lines(
        state,
        usize::from(area.width.saturating_sub(2)).max(1),
        theme,
    );
    let total = lines.len();
    let scroll = state.scroll.min(total.saturating_sub(inner_height));
    let title = super::position_title("Clip", scroll, inner_height, total);
    frame.render_widget(
        Paragraph::new(lines)
            .block(super::block(&title, true, theme))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}

fn clip_lines(state: &crate::tui::app::ClipState, width: usize, theme: &Theme) -> ClipLines {
    let v = &state.view;
    let r = &v.clip.record;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(q) = &r.quote {
        lines.extend(wrap(
            vec![Span::styled(
                format!("“{}” — {}", clean(q), clean(&v.voice.name)),
                theme.title.add_modifier(ratatui::style::Modifier::ITALIC),
            )],
            width,
            1,
        ));
        lines.push(Line::default());
    }
    // The gist is a paraphrase (the curator's or yours), never the voice's own words.
    lines.extend(wrap(
        vec![
            Span::styled("Paraphrased: ", theme.accent),
            Span::styled(clean(&r.gist), theme.text),
        ],
        width,
        0,
    ));
    lines.push(Line::default());

    let mut field = |label: &str, value: String, style| {
        let spans = vec![
            Span::styled(format!("{label:<9}"), theme.accent),
            Span::styled(value, style),
        ];
        lines.extend(wrap(spans, width, 9));
    };
    field("Voice", clean(&v.voice.describe()), theme.title);
    let mut source = clean(&v.source.title);
    if let Some(show) = &v.source.show {
        source.push_str(&format!(" — {}", clean(show)));
    }
    source.push_str(&format!(" · {}", v.source.kind));
    source.push_str(&format!(
        " · {}",
        v.source
            .published
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "date not given".into())
    ));
    field("Source", source, theme.text);
    field("Time", clean(&v.time_range), theme.text);
    match &v.deep_link {
        Some(link) => field("Link", clean(link.as_str()), theme.link),
        None => field("Link", "none: the source has no URL".into(), theme.dim),
    }
    if !r.topics.is_empty() {
        field("Topics", clean(&r.topics.join(", ")), theme.text);
    }
    if let Some(clarity) = r.clarity {
        field("Clarity", format!("{clarity}/100"), theme.text);
    }
    if v.clip.retired {
        field(
            "Status",
            "retired from the built-in corpus".into(),
            theme.error,
        );
    }
    for (_, title) in &v.page_titles {
        field("Page", clean(title), theme.text);
    }
    for (t, stance) in &v.themes {
        if v.is_your_stance(&t.id) {
            field(
                "Stance",
                format!("{stance} (your reading): {}", clean(&t.claim)),
                theme.yours(theme.text),
            );
        } else {
            field(
                "Stance",
                format!("{stance}: {}", clean(&t.claim)),
                theme.text,
            );
        }
        let why = r.stances.iter().find(|s| s.theme == t.id);
        if let Some(why) = why.and_then(|s| s.why.as_deref()) {
            field("", format!("why: {}", clean(why)), theme.dim);
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!("Other clips on the same themes ({})", state.related.len()),
        theme.heading,
    )));
    let mut related_starts = Vec::new();
    for (i, c) in state.related.iter().enumerate() {
        related_starts.push(lines.len());
        let selected = i == state.selected;
        let style = if selected { theme.selected } else { theme.text };
        let marker = if selected { "▶ " } else { "  " };
        lines.extend(wrap(
            vec![
                Span::styled(marker, style),
                Span::styled(clean(&c.voice.name), style),
                Span::styled(
                    format!(" · {} · {}", clean(&c.source.title), clean(&c.time_range)),
                    if selected { style } else { theme.dim },
                ),
            ],
            width,
            2,
        ));
    }
    if state.related.is_empty() {
        lines.push(Line::from(Span::styled("  none", theme.dim)));
    }
    ClipLines {
        lines,
        related_starts,
    }
}
