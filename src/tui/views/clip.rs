//! Clip detail: quote, gist, voice, source, time, link, topics, stances, pages and other
//! clips on the same themes.

use crate::tui::app::App;
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let block = super::block("Clip", true, theme);
    let inner = block.inner(area);
    let Some(state) = &app.clip else {
        frame.render_widget(
            Paragraph::new(Span::styled("Loading…", theme.dim)).block(block),
            area,
        );
        return;
    };
    let width = usize::from(inner.width);
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
    let first_related = lines.len();
    for (i, c) in state.related.iter().enumerate() {
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
    let height = usize::from(inner.height);
    let target = first_related + state.selected;
    let scroll = if state.related.is_empty() || target < height {
        0
    } else {
        target + 2 - height
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
