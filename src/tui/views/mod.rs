//! Views: widgets drawn from borrowed state, one file per screen.

mod clip;
mod compare;
mod compare_detail;
mod dialog;
mod digest;
mod export;
mod form;
pub mod help;
mod hit;
mod investigations;
mod note;
mod page_canonical;
mod page_findings;
mod pages;
mod search;
mod transcript;

pub use hit::{Hit, hit};

use super::app::{App, Screen};
use super::keymap;
use super::text::truncate;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, theme);
        return;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match app.screen {
        Screen::Pages => pages::render(frame, main, app, theme),
        Screen::Search => search::render(frame, main, app, theme),
        Screen::Clip => clip::render(frame, main, app, theme),
        Screen::Investigations => investigations::render(frame, main, app, theme),
        Screen::Compare => compare::render(frame, main, app, theme),
        Screen::Export => export::render(frame, main, app, theme),
        Screen::Transcript => transcript::render(frame, main, app, theme),
        Screen::Digest => digest::render(frame, main, app, theme),
    }
    match &app.modal {
        Some(super::app::Modal::ClipForm(f)) => form::render(frame, main, f, app, theme),
        Some(modal) => dialog::render(frame, main, modal, app, theme),
        None => {}
    }
    status_bar(frame, status, app, theme);
    if app.help {
        help::render(frame, main, app, theme);
    }
}

fn too_small(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let text = format!(
        "Terminal too small: dossier needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    let y = area.height / 2;
    let message = Rect {
        x: area.x,
        y: area.y + y.saturating_sub(1),
        width: area.width,
        height: area.height - y.saturating_sub(1),
    };
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.error)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        message,
    );
}

fn status_bar(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let width = usize::from(area.width);
    let line = match &app.status {
        Some(message) => Line::from(Span::styled(
            truncate(message, width),
            theme.status(message.severity),
        )),
        None => hints(app, width, theme),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The status bar's key hints, from the keymap: search, help and quit always (outside
/// dialogs), then the screen's own keys and the other global ones, in the keymap's order,
/// as many whole hints as fit in the width. A hint is never cut.
fn hints(app: &App, width: usize, theme: &Theme) -> Line<'static> {
    use super::action::Action;
    let pieces: Vec<(&'static str, &str, bool)> = keymap::for_scope(keymap::Scope::current(app))
        .filter(|b| b.hint)
        .map(|b| {
            let required = b.scope == keymap::Scope::Global
                && matches!(
                    b.action,
                    Some(Action::OpenSearch | Action::ToggleHelp | Action::Quit)
                );
            (b.label, short_help(b.help), required)
        })
        .collect();
    let cost = |label: &str, help: &str| {
        unicode_width::UnicodeWidthStr::width(format!("{label} {help}  ").as_str())
    };
    let mut left =
        width.saturating_sub(pieces.iter().filter(|p| p.2).map(|p| cost(p.0, p.1)).sum());
    let mut spans = Vec::new();
    for (label, help, required) in pieces {
        let w = cost(label, help);
        if !required {
            if w > left {
                continue;
            }
            left -= w;
        }
        spans.push(Span::styled(label, theme.accent));
        spans.push(Span::styled(format!(" {help}  "), theme.dim));
    }
    Line::from(spans)
}

/// Where the compare screen's panes, rows and columns are as drawn now.
pub fn compare_geometry(app: &App) -> Option<compare::Geometry> {
    compare::current(app)
}

/// The side-by-side pane's scroll span: the selected theme's top line and the last one.
pub fn side_by_side_span(app: &App) -> Option<(usize, usize)> {
    compare::side_by_side_span(app)
}

/// The page pane's layout as `update` needs it (see `pages::layout`).
pub fn page_layout(app: &App) -> Option<(pages::PageLines, usize)> {
    pages::layout(app)
}

/// A scrolling view's title: its name, and where the view is when not everything fits
/// ("Clip (12–31 of 40)").
pub fn position_title(name: &str, scroll: usize, shown: usize, total: usize) -> String {
    if total > shown {
        format!(
            "{name} ({}–{} of {total})",
            scroll + 1,
            (scroll + shown).min(total)
        )
    } else {
        name.to_string()
    }
}

/// A scrolling view's title cut to fit a block `width` columns wide: `name` gives way,
/// `kept` (what follows it, e.g. the key to press) and the position stay.
pub fn fit_position_title(
    name: &str,
    kept: &str,
    (scroll, shown, total): (usize, usize, usize),
    width: u16,
) -> String {
    fit_title(
        name,
        &format!("{kept}{}", position_title("", scroll, shown, total)),
        width,
    )
}

/// A title cut to fit a block `width` columns wide: `name` gives way, `kept` stays.
pub fn fit_title(name: &str, kept: &str, width: u16) -> String {
    // The block's corners and the spaces around its title.
    let room = usize::from(width)
        .saturating_sub(4)
        .saturating_sub(unicode_width::UnicodeWidthStr::width(kept));
    format!("{}{kept}", truncate(name, room.max(1)))
}

/// The transcript's lines and the rows in view, as drawn at the app's size.
pub fn transcript_layout(app: &App) -> Option<(transcript::TranscriptLines, usize)> {
    transcript::layout(app)
}

/// The first clip the investigation's clips pane draws, at the app's size.
pub fn investigation_clips_first(app: &App) -> usize {
    investigations::clips_first(app)
}

/// The clip screen's lines and the rows in view, as drawn at the app's size.
pub fn clip_layout(app: &App) -> Option<(clip::ClipLines, usize)> {
    clip::layout(app)
}

/// The first words of a binding's description, for the status bar.
fn short_help(help: &str) -> &str {
    help.split([':', ',', '(']).next().unwrap_or(help).trim()
}

/// A bordered block, highlighted when it has the focus. The title is sanitized here, so
/// a name in it shows its stand-ins rather than losing them.
pub fn block(title: &str, focused: bool, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} ", crate::tui::text::clean(title)),
            if focused { theme.heading } else { theme.dim },
        ))
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The first row to draw so that `selected` is visible in `rows` rows.
pub fn scroll_to(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

/// The brief preview's lines and the rows in view, as drawn at the app's size.
pub fn export_layout(app: &App) -> Option<(export::Preview, usize)> {
    export::layout(app)
}
