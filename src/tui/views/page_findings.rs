//! The page's "what experts agree / disagree on" sections, from the comparison's findings.

use super::pages::Builder;
use crate::tui::text::{clean, wrap};
use dossier::compare::ThemeClass;
use dossier::library::PageView;
use ratatui::text::{Line, Span};

pub(super) fn findings(b: &mut Builder<'_>, view: &PageView) {
    let theme = b.theme;
    let of = |class: ThemeClass| view.findings.iter().filter(move |f| f.class == class);
    b.heading("What experts agree on");
    let mut any = false;
    for f in of(ThemeClass::Consensus) {
        any = true;
        let voices: Vec<String> = f
            .sides
            .iter()
            .flat_map(|s| s.voices.iter().map(|v| clean(v)))
            .collect();
        b.lines.extend(wrap(
            vec![
                Span::styled("✓ ", theme.agree),
                Span::styled(clean(&f.theme.claim), theme.text),
            ],
            b.width,
            2,
        ));
        b.lines.extend(wrap(
            vec![
                Span::raw("  "),
                Span::styled(dedup(voices).join(", "), theme.dim),
            ],
            b.width,
            2,
        ));
    }
    if !any {
        b.lines.push(Line::from(Span::styled(
            "No theme has two or more voices taking one stance yet.",
            theme.dim,
        )));
    }
    b.heading("What experts disagree on");
    let mut any = false;
    for f in of(ThemeClass::Contested) {
        any = true;
        b.lines.extend(wrap(
            vec![
                Span::styled("± ", theme.disagree),
                Span::styled(clean(&f.theme.claim), theme.text),
            ],
            b.width,
            2,
        ));
        for side in &f.sides {
            b.lines.extend(wrap(
                vec![
                    Span::styled(format!("  {}: ", side.stance), theme.accent),
                    Span::styled(side.voices.join(", "), theme.dim),
                ],
                b.width,
                4,
            ));
        }
    }
    if !any {
        b.lines.push(Line::from(Span::styled(
            "No voices on opposite sides among this page's clips.",
            theme.dim,
        )));
    }
    let single: Vec<_> = of(ThemeClass::SingleVoice).collect();
    if !single.is_empty() {
        b.heading("Single-voice claims");
        for f in single {
            let who = f
                .sides
                .iter()
                .flat_map(|s| s.voices.iter())
                .next()
                .cloned()
                .unwrap_or_default();
            let stance = f.stance.map(|s| s.to_string()).unwrap_or_default();
            b.lines.extend(wrap(
                vec![
                    Span::styled("· ", theme.accent),
                    Span::styled(clean(&f.theme.claim), theme.text),
                    Span::styled(format!(" — {} ({stance})", clean(&who)), theme.dim),
                ],
                b.width,
                2,
            ));
        }
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}
