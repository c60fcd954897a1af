//! The compare screen's hints say what the keys do in the focused pane: in the
//! side-by-side pane Enter opens nothing (it says how to open a clip), so the status line
//! does not offer "Enter open" there, and help describes Enter as it is. The reading
//! there shows where it is scrolled to.

mod common;

use dossier::tui::headless::Headless;
use dossier::tui::keymap::{Scope, for_scope};
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc, Tab};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn status_line(h: &Headless) -> String {
    h.render().lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_side_by_side_pane_does_not_offer_enter_open() {
    for (w, hgt) in SIZES {
        let tmp = tempfile::tempdir().unwrap();
        let mut h = Headless::new(common::open(tmp.path()), w, hgt);
        let target = h
            .app
            .pages
            .iter()
            .position(|p| p.id.as_str() == "rag-vs-fine-tuning")
            .unwrap();
        while h.app.page_selected < target {
            h.key(Down);
        }
        h.key(Char('c'));
        // The matrix focused: Enter opens the cell's clips, and the hint says so.
        assert_eq!(Scope::current(&h.app), Scope::Compare);
        let matrix_hints = status_line(&h);
        assert!(
            matrix_hints.contains("Enter open"),
            "{w}x{hgt}: {matrix_hints}"
        );
        // Two voices side by side, the pane focused.
        h.key(Char('v'));
        h.key(Char('l'));
        h.key(Char('v'));
        h.key(Tab);
        assert_eq!(Scope::current(&h.app), Scope::SideBySide, "{w}x{hgt}");
        let hints = status_line(&h);
        assert!(
            !hints.contains("Enter"),
            "{w}x{hgt}: no Enter hint: {hints}"
        );
        assert!(hints.contains("Tab to the matrix"), "{w}x{hgt}: {hints}");
        assert!(hints.contains("q quit"), "{w}x{hgt}: {hints}");
        // The reading is longer than the pane: its frame says where the view is, and j
        // moves it.
        let position = |h: &Headless| {
            let screen = h.render();
            let title = screen
                .lines()
                .find(|l| l.contains("Side by side · voices"))
                .unwrap_or_default()
                .to_string();
            let start = title.find(" (").map(|i| i + 2).unwrap_or(title.len());
            title[start..].split('–').next().unwrap_or("").to_string()
        };
        let before = position(&h);
        assert!(
            !before.is_empty(),
            "{w}x{hgt}: position shown\n{}",
            h.render()
        );
        h.key(Char('j'));
        assert_ne!(position(&h), before, "{w}x{hgt}: j scrolls the reading");
        h.key(Char('k'));
        assert_eq!(position(&h), before, "{w}x{hgt}");
        // Help describes Enter here as what it does.
        let enter: Vec<_> = for_scope(Scope::SideBySide)
            .filter(|b| b.keys.iter().any(|(k, _)| *k == Enter))
            .collect();
        assert_eq!(enter.len(), 1, "one meaning for Enter");
        assert!(enter[0].help.starts_with("opens nothing here"));
        h.key(Char('?'));
        let help = h.render();
        assert!(help.contains("side by side"), "{w}x{hgt}: {help}");
        assert!(help.contains("opens nothing here"), "{w}x{hgt}: {help}");
        h.key(Esc);
        // The compare screen's other keys still work from the pane: v unmarks, Esc goes back.
        h.key(Enter);
        assert!(
            h.app
                .status
                .as_deref()
                .is_some_and(|s| s.contains("Tab to the matrix")),
            "{w}x{hgt}"
        );
        h.key(Char('v'));
        assert_eq!(h.app.compare.as_ref().unwrap().marked.len(), 1, "{w}x{hgt}");
        assert_eq!(Scope::current(&h.app), Scope::Compare, "{w}x{hgt}");
        h.key(Tab);
        h.key(Esc);
        assert_ne!(
            h.app.screen,
            dossier::tui::app::Screen::Compare,
            "{w}x{hgt}"
        );
    }
}
