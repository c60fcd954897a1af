//! The canonical clip block of a page: the clearest expert explanation, shown right after
//! the short answer with its clarity band, why it was chosen, a lead-in note, its chapter
//! and the keys that act on it.

use crate::tui::action::Action;
use crate::tui::keymap::{Scope, label_for};
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;
use dossier::library::CanonicalView;
use ratatui::text::{Line, Span};

/// The block's first line: clarity, voice, source and time. The page makes it selectable.
pub fn headline(c: &CanonicalView, theme: &Theme) -> Vec<Span<'static>> {
    let mut source = clean(&c.source);
    if let Some(show) = &c.show {
        source.push_str(&format!(" — {}", clean(show)));
    }
    vec![
        Span::styled(
            match (c.clarity, c.clarity_band) {
                (Some(clarity), Some(band)) => format!("{clarity} {band} "),
                _ => "not rated ".to_string(),
            },
            theme.accent,
        ),
        Span::styled(clean(&c.voice), theme.title),
        Span::styled(format!(" · {source} · {}", clean(&c.time_range)), theme.dim),
    ]
}

/// The lines under the headline: why, lead-in, chapter and the keys.
pub fn details(c: &CanonicalView, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (label, value) in [
        ("Why", &c.why),
        ("Lead-in", &c.lead_in),
        ("Chapter", &c.chapter),
    ] {
        if let Some(value) = value {
            lines.extend(wrap(
                vec![
                    Span::styled(format!("  {label}: "), theme.accent),
                    Span::styled(clean(value), theme.text),
                ],
                width,
                4,
            ));
        }
    }
    let keys: Vec<String> = [
        (
            label_for(Scope::Pages, |a| matches!(a, Action::OpenLink)),
            "open",
        ),
        (
            label_for(Scope::Pages, |a| matches!(a, Action::CopyCitation)),
            "copy citation",
        ),
        (
            label_for(Scope::Pages, |a| matches!(a, Action::AddToInvestigation)),
            "add to investigation",
        ),
    ]
    .into_iter()
    .filter_map(|(key, what)| key.map(|k| format!("{k} {what}")))
    .collect();
    lines.extend(wrap(
        vec![Span::styled(format!("  {}", keys.join(" · ")), theme.dim)],
        width,
        4,
    ));
    lines
}
