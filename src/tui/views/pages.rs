//! Comparisons: the list of decision pages beside the selected page in full.

use super::{page_canonical, page_findings};
use crate::tui::app::{App, Pane};
use crate::tui::text::{clean, markdown, truncate, wrap};
use crate::tui::theme::Theme;
use dossier::library::{ClipView, PageView};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let list_width = (area.width / 3).clamp(28, 46);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(area);
    render_list(frame, left, app, theme);
    render_detail(frame, right, app, theme);
}

fn render_list(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let inner = usize::from(area.width.saturating_sub(4));
    let items: Vec<ListItem<'_>> = app
        .pages
        .iter()
        .map(|p| {
            let updated = p.updated_at.get(..10).unwrap_or(&p.updated_at);
            ListItem::new(vec![
                Line::from(Span::styled(truncate(&p.title, inner), theme.title)),
                Line::from(Span::styled(
                    truncate(&p.options.join(" · "), inner),
                    theme.text,
                )),
                Line::from(Span::styled(
                    truncate(&format!("{} clips · {updated}", p.clip_count), inner),
                    theme.dim,
                )),
            ])
        })
        .collect();
    let mut state =
        ListState::default().with_selected((!app.pages.is_empty()).then_some(app.page_selected));
    let list = List::new(items)
        .block(super::block(
            &format!("Comparisons ({})", app.pages.len()),
            app.focus == Pane::List,
            theme,
        ))
        .highlight_style(theme.selected)
        .highlight_symbol("▌");
    frame.render_stateful_widget(list, area, &mut state);
}

fn render_detail(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Detail;
    let block = super::block("Page", focused, theme);
    let inner = block.inner(area);
    let Some(view) = &app.page else {
        frame.render_widget(
            Paragraph::new(Span::styled("Loading…", theme.dim)).block(block),
            area,
        );
        return;
    };
    let selected = focused.then_some(app.item_selected);
    let page = page_lines(view, usize::from(inner.width), theme, selected);
    let height = usize::from(inner.height);
    let total = page.lines.len();
    let max = total.saturating_sub(height);
    let scroll = app.page_scroll.min(max);
    let block = block.title_bottom(
        Line::from(Span::styled(
            format!(" {} ", position(scroll, max)),
            theme.dim,
        ))
        .right_aligned(),
    );
    frame.render_widget(
        Paragraph::new(page.lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}

/// Where the view is in the page: "all" when it fits, else how far down, like a pager.
fn position(scroll: usize, max: usize) -> String {
    match (scroll, max) {
        (_, 0) => "all".into(),
        (0, _) => "top".into(),
        (s, m) if s >= m => "end".into(),
        (s, m) => format!("{}%", s * 100 / m),
    }
}

/// The detail pane's geometry for `update`: the page laid out at the pane's width and
/// how many rows show. Must match `render`'s layout.
pub fn layout(app: &App) -> Option<(PageLines, usize)> {
    let view = app.page.as_ref()?;
    let width = app.width;
    let list_width = (width / 3).clamp(28, 46);
    let inner_width = width.saturating_sub(list_width).max(20).saturating_sub(2);
    // The status line and the block's two borders.
    let height = usize::from(app.height.saturating_sub(3)).max(1);
    let page = page_lines(view, usize::from(inner_width), &Theme::monochrome(), None);
    Some((page, height))
}

pub(super) struct Builder<'t> {
    pub(super) lines: Vec<Line<'static>>,
    items: Vec<usize>,
    /// The line after each actionable item's last.
    item_ends: Vec<usize>,
    /// The line of each section heading, for `[` and `]`.
    headings: Vec<usize>,
    pub(super) width: usize,
    pub(super) theme: &'t Theme,
    selected: Option<usize>,
}

impl Builder<'_> {
    /// A heading; its text may come from the page (an extra section's heading, decoded
    /// from entities by the Markdown parser), so it is sanitized like any text.
    pub(super) fn heading(&mut self, text: &str) {
        self.lines.push(Line::default());
        self.headings.push(self.lines.len());
        self.lines
            .push(Line::from(Span::styled(clean(text), self.theme.heading)));
    }
    fn markdown(&mut self, md: &str) {
        let spans = markdown(md, self.theme.text, self.theme);
        self.lines.extend(wrap(spans, self.width, 0));
    }
    fn bullets(&mut self, items: &[String]) {
        for item in items {
            let mut spans = vec![Span::styled("• ", self.theme.accent)];
            spans.extend(markdown(item, self.theme.text, self.theme));
            self.lines.extend(wrap(spans, self.width, 2));
        }
    }
    /// An actionable line: marked and highlighted when selected.
    fn item(&mut self, spans: Vec<Span<'static>>) {
        let index = self.items.len();
        self.items.push(self.lines.len());
        let selected = self.selected == Some(index);
        let marker = if selected {
            Span::styled("▶ ", self.theme.selected)
        } else {
            Span::raw("  ")
        };
        let mut all = vec![marker];
        if selected {
            all.extend(
                spans
                    .into_iter()
                    .map(|s| Span::styled(s.content, s.style.patch(self.theme.selected))),
            );
        } else {
            all.extend(spans);
        }
        self.lines.extend(wrap(all, self.width, 2));
        self.item_ends.push(self.lines.len());
    }
    fn clip(&mut self, c: &ClipView) {
        let r = &c.clip.record;
        self.item(vec![
            Span::styled(
                format!(
                    "{:>3} ",
                    r.clarity.map(|c| c.to_string()).unwrap_or_default()
                ),
                self.theme.accent,
            ),
            Span::styled(clean(&c.voice.name), self.theme.title),
            Span::styled(
                format!(" · {} · {}", clean(&c.source.title), clean(&c.time_range)),
                self.theme.dim,
            ),
        ]);
    }
}

/// A page laid out as lines: where each actionable item starts (in the order of
/// `App::page_items`) and where each section heading is.
pub struct PageLines {
    pub lines: Vec<Line<'static>>,
    pub items: Vec<usize>,
    /// The line after each item's last (for the mouse).
    pub item_ends: Vec<usize>,
    pub headings: Vec<usize>,
}

pub fn page_lines(
    view: &PageView,
    width: usize,
    theme: &Theme,
    selected: Option<usize>,
) -> PageLines {
    let p = &view.page.record;
    let mut b = Builder {
        lines: Vec::new(),
        items: Vec::new(),
        item_ends: Vec::new(),
        headings: Vec::new(),
        width: width.max(10),
        theme,
        selected,
    };
    b.lines.extend(wrap(
        vec![Span::styled(clean(&p.title), theme.title)],
        b.width,
        0,
    ));
    let mut sub = clean(&p.options.join(" vs "));
    if view.page.retired {
        sub.push_str(" · retired");
    }
    if let Some(updated) = &p.updated {
        sub.push_str(&format!(" · updated {}", clean(updated)));
    }
    b.lines.push(Line::from(Span::styled(sub, theme.dim)));
    for (heading, text) in [
        ("Question", &p.question),
        ("Short answer", &p.short_answer),
        ("Decision rule", &p.decision_rule),
    ] {
        b.heading(heading);
        b.markdown(text);
        if heading == "Short answer" {
            canonical(&mut b, view);
        }
    }
    choose_when(&mut b, view);
    for (heading, items) in [
        ("Tradeoffs", &p.tradeoffs),
        ("Failure modes", &p.failure_modes),
        ("Common mistakes", &p.common_mistakes),
        ("When not to use", &p.when_not_to_use),
    ] {
        if !items.is_empty() {
            b.heading(heading);
            b.bullets(items);
        }
    }
    for extra in &p.extra {
        b.heading(if extra.heading.is_empty() {
            "Notes"
        } else {
            &extra.heading
        });
        b.bullets(&extra.blocks);
    }
    page_findings::findings(&mut b, view);

    let others: Vec<&ClipView> = view
        .clips
        .iter()
        .filter(|c| Some(&c.clip.record.id) != p.canonical_clip.as_ref())
        .collect();
    b.heading(&format!("Clips ({})", view.clips.len()));
    for c in others {
        b.clip(c);
    }
    if !view.related_titles.is_empty() {
        b.heading("Related comparisons");
        for (_, title) in &view.related_titles {
            b.item(vec![Span::styled(clean(title), theme.link)]);
        }
    }
    if !p.concepts.is_empty() {
        b.heading("Related concepts (Enter searches)");
        for concept in &p.concepts {
            b.item(vec![Span::styled(clean(concept), theme.link)]);
        }
    }
    if !p.references.is_empty() {
        b.heading("References");
        for r in &p.references {
            let mut text = clean(&r.title);
            if let Some(publisher) = &r.publisher {
                text.push_str(&format!(" — {}", clean(publisher)));
            }
            if let Some(why) = &r.why {
                text.push_str(&format!(": {}", clean(why)));
            }
            if let Some(url) = &r.url {
                text.push_str(&format!(" <{}>", clean(url.as_str())));
            }
            b.lines.extend(wrap(
                vec![
                    Span::styled("• ", theme.accent),
                    Span::styled(text, theme.text),
                ],
                b.width,
                2,
            ));
        }
    }
    PageLines {
        lines: b.lines,
        items: b.items,
        item_ends: b.item_ends,
        headings: b.headings,
    }
}

/// The canonical clip, first of the page's selectable items.
fn canonical(b: &mut Builder<'_>, view: &PageView) {
    let Some(id) = &view.page.record.canonical_clip else {
        return;
    };
    b.heading("Best expert explanation (canonical clip)");
    match &view.canonical {
        Some(c) => {
            b.item(page_canonical::headline(c, b.theme));
            let details = page_canonical::details(c, b.width, b.theme);
            b.lines.extend(details);
        }
        None => b.item(vec![Span::styled(
            format!("{} (not in the notebook)", clean(id.as_str())),
            b.theme.dim,
        )]),
    }
}

/// Choose-when lists, side by side when there is room for two columns.
fn choose_when(b: &mut Builder<'_>, view: &PageView) {
    let lists = &view.page.record.choose_when;
    if lists.is_empty() {
        return;
    }
    let column = b.width.saturating_sub(3) / 2;
    if lists.len() == 2 && b.width >= 90 {
        let render = |i: usize| -> Vec<Line<'static>> {
            let cw = &lists[i];
            let mut lines = vec![Line::from(Span::styled(
                format!("Choose {} when", clean(&cw.option)),
                b.theme.heading,
            ))];
            for item in &cw.items {
                let mut spans = vec![Span::styled("• ", b.theme.accent)];
                spans.extend(markdown(item, b.theme.text, b.theme));
                lines.extend(wrap(spans, column, 2));
            }
            lines
        };
        let (left, right) = (render(0), render(1));
        b.lines.push(Line::default());
        b.headings.push(b.lines.len());
        for i in 0..left.len().max(right.len()) {
            let l = left.get(i).cloned().unwrap_or_default();
            let pad = column.saturating_sub(l.width()) + 3;
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.extend(right.get(i).cloned().unwrap_or_default().spans);
            b.lines.push(Line::from(spans));
        }
    } else {
        for cw in lists {
            b.heading(&format!("Choose {} when", clean(&cw.option)));
            b.bullets(&cw.items);
        }
    }
}
