//! Whose stance (issue 15) on the compare screen: the user's reading beside the experts',
//! marked as theirs, never counted in the theme's class. Headless app over a real library.

mod common;

use dossier::compare::ThemeClass;
use dossier::model::{ClipId, Stance};
use dossier::tui::app::Screen;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc, Left, Right, Tab};

fn snap(name: &str, h: &Headless) {
    let mut screen = h.render();
    for inv in h.lib.investigations().unwrap() {
        screen = screen.replace(&inv.updated_at[..10], "YYYY-MM-DD");
    }
    assert!(!screen.contains('\u{1b}'));
    insta::assert_snapshot!(format!("{name}_{}x{}", h.app.width, h.app.height), screen);
}

#[test]
fn compare_shows_the_users_reading_beside_the_experts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    lib.create_investigation("Support bot", None).unwrap();
    let clips = [
        "kulkarni-rag-not-dead",
        "kulkarni-testing-agents",
        "bowne-anderson-failure-analysis",
    ];
    let ids: Vec<ClipId> = clips.iter().map(|c| ClipId::new(*c)).collect();
    lib.add_to_investigation("Support bot", &ids, None).unwrap();
    lib.set_investigation_stance(
        "Support bot",
        "kulkarni-testing-agents",
        "evaluate-each-layer",
        Some(Stance::Opposes),
    )
    .unwrap();
    let mut h = Headless::new(lib, 120, 40);
    h.key(Char('i'));
    h.key(Char('c'));
    assert_eq!(h.app.screen, Screen::Compare);
    let state = h.app.compare.as_ref().unwrap();
    let m = &state.comparison.matrix;
    let t = m
        .themes
        .iter()
        .position(|t| t == "evaluate-each-layer")
        .unwrap();
    let v = m
        .voices
        .iter()
        .position(|v| v == "Ranjitha Kulkarni")
        .unwrap();
    assert_eq!(
        state.comparison.findings[t].class,
        ThemeClass::Consensus,
        "the experts still agree"
    );
    for _ in 0..t {
        h.key(Down);
    }
    for _ in 0..v {
        h.key(Right);
    }
    let screen = h.render();
    assert!(
        screen.contains("your reading: opposes (Ranjitha Kulkarni)"),
        "{screen}"
    );
    assert!(
        screen.contains("you−"),
        "the cell marks the user's reading: {screen}"
    );
    snap("compare_your_reading", &h);

    // The cell's clips: the expert's stance, then the user's reading, marked.
    h.key(Tab);
    let cell = h.app.compare.as_ref().unwrap().cell_clips();
    assert_eq!(cell.len(), 2);
    assert_eq!(cell[0].0, Stance::Supports);
    assert_eq!(cell[1].0, Stance::Opposes);
    assert!(h.render().contains("− your reading: "), "{}", h.render());
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip);

    // Side by side: the user's reading rides with Kulkarni's stance, marked.
    h.key(Esc);
    h.key(Esc);
    h.key(Char('v'));
    h.key(Left);
    h.key(Char('v'));
    let screen = h.render();
    assert!(screen.contains("Side by side"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("evaluate-each-layer") && !l.contains("agree"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("+ you−"), "{row}");
}
