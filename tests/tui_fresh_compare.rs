//! The compare and what's-new screens show what another process writes, keeping their
//! place (issue 16, item 6): the headless app over a real library, the other process the
//! real binary.

mod common;

use dossier::tui::app::Screen;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, Tab};

fn run_ok(dir: &std::path::Path, args: &[&str]) {
    let out = common::run(dir, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_comparison_in_view_takes_in_clips_added_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    lib.create_investigation("Support bot", None).unwrap();
    lib.add_to_investigation(
        "Support bot",
        &[dossier::model::ClipId::new(
            "arik-reembed-instead-of-retrain",
        )],
        None,
    )
    .unwrap();
    let mut h = Headless::new(lib, 120, 40);
    h.key(Char('i'));
    while h.app.inv.selected_name() != Some("Support bot") {
        h.key(Char('j'));
    }
    h.key(Char('c'));
    assert_eq!(h.app.screen, Screen::Compare);
    let voices = |h: &Headless| {
        h.app
            .compare
            .as_ref()
            .unwrap()
            .comparison
            .matrix
            .voices
            .clone()
    };
    assert_eq!(voices(&h), ["Meryem Arik"]);
    h.key(Tab);
    let focus = h.app.compare.as_ref().unwrap().focus_clips;

    // Another process adds a clip by another voice to the investigation.
    run_ok(
        tmp.path(),
        &["inv", "add", "Support bot", "kulkarni-rag-not-dead"],
    );
    h.check_for_changes();
    assert_eq!(h.app.screen, Screen::Compare);
    assert!(
        voices(&h).iter().any(|v| v == "Ranjitha Kulkarni"),
        "{:?}\n{}",
        voices(&h),
        h.render()
    );
    assert!(h.render().contains("Ranjitha Kulkarni"), "{}", h.render());
    assert_eq!(
        h.app.compare.as_ref().unwrap().focus_clips,
        focus,
        "the place is kept"
    );
}

#[test]
fn whats_new_in_view_takes_in_clips_imported_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = Headless::new(common::open(tmp.path()), 120, 40);
    h.key(Char('N'));
    assert_eq!(h.app.screen, Screen::Digest);
    assert!(!h.render().contains("Zebrafish"));
    let user = common::write_files(
        &tmp.path().join("user"),
        &[("mine.toml", common::USER_CORPUS)],
    );
    run_ok(tmp.path(), &["import", user.to_str().unwrap()]);
    h.check_for_changes();
    assert_eq!(h.app.screen, Screen::Digest);
    assert!(h.render().contains("Zebrafish"), "{}", h.render());
}
