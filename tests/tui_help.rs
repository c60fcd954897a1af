//! The help overlay at the sizes people use: every key of the screen can be brought into
//! view (it scrolls, with its position in the title), and it opens at the top.

mod common;

use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, End, PageDown};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (160, 48)];

#[test]
fn every_key_of_the_help_comes_into_view() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = Headless::new(common::open(tmp.path()), 80, 24);
    for (w, hgt) in SIZES {
        h.resize(w, hgt);
        h.key(Char('?'));
        let first = h.render();
        assert!(first.contains("Keys · "), "{w}x{hgt}: help opens\n{first}");
        let scope = dossier::tui::keymap::Scope::current(&h.app);
        let labels: Vec<&str> = dossier::tui::keymap::for_scope(scope)
            .map(|b| b.help)
            .collect();
        // j to the end, one row at a time: every description is seen in some frame.
        let mut frames = vec![first.clone()];
        for _ in 0..200 {
            h.key(Char('j'));
            frames.push(h.render());
        }
        for help in &labels {
            // Long descriptions wrap: look for their first few words.
            let start: String = help.chars().take(24).collect();
            assert!(
                frames.iter().any(|f| f.contains(start.as_str())),
                "{w}x{hgt}: {help:?} never came into view"
            );
        }
        let last = frames.last().unwrap();
        assert!(
            last.contains("? or Esc closes this help"),
            "{w}x{hgt}\n{last}"
        );
        // g back to the top; G and PgDn reach the end too.
        h.key(Char('g'));
        assert_eq!(h.render(), first, "{w}x{hgt}: g is the top again");
        h.key(End);
        assert!(h.render().contains("? or Esc closes this help"));
        h.key(Char('g'));
        for _ in 0..10 {
            h.key(PageDown);
        }
        assert!(h.render().contains("? or Esc closes this help"));
        // When the keys do not fit, the title says where the view is.
        if !first.contains("? or Esc closes this help") {
            assert!(first.contains(" of "), "{w}x{hgt}: position shown\n{first}");
        }
        // Closed and opened again: at the top.
        h.key(Char('?'));
        h.key(Char('?'));
        assert_eq!(h.render(), first, "{w}x{hgt}: reopens at the top");
        h.key(Char('?'));
    }
}
