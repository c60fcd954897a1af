//! The mouse on the investigations screen, at the sizes people use: a click on a clip in
//! the clips pane focuses the pane and selects that clip (wherever the pane is scrolled);
//! a click on an investigation selects it. Rows are found in the drawn screen, so the test
//! holds whatever the layout's arithmetic.

mod common;

use dossier::tui::action::{Action, MouseKind};
use dossier::tui::app::Screen;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, Tab};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Two investigations; the second ("Support bot") holds a dozen clips, more than a screen.
fn app(width: u16, height: u16) -> (tempfile::TempDir, Headless, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let ids: Vec<_> = lib
        .search("", 12)
        .unwrap()
        .hits
        .iter()
        .filter(|h| h.doc_type == "clip")
        .map(|h| dossier::model::ClipId(h.id.clone()))
        .collect();
    assert!(ids.len() >= 8, "enough clips to scroll");
    lib.create_investigation("Another", None).unwrap();
    lib.create_investigation("Support bot", Some("RAG or fine-tuning?"))
        .unwrap();
    lib.add_to_investigation("Support bot", &ids, None).unwrap();
    lib.add_to_investigation("Another", &ids[..1], None)
        .unwrap();
    let mut h = Headless::new(lib, width, height);
    h.key(Char('i'));
    assert_eq!(h.app.screen, Screen::Investigations);
    let n = ids.len();
    (tmp, h, n)
}

fn click(h: &mut Headless, x: u16, y: u16) {
    h.act(Action::Mouse {
        kind: MouseKind::Click,
        x,
        y,
    });
}

/// The screen row of clip `n`'s heading line (`" 3. voice · …"`), if it is drawn.
fn clip_row(h: &Headless, n: usize) -> Option<u16> {
    let screen = h.render();
    let head = format!("│{:>2}. ", n + 1);
    let row = screen.lines().position(|l| l.contains(&head))?;
    u16::try_from(row).ok()
}

fn select_investigation(h: &mut Headless, name: &str) {
    h.app.inv.focus_clips = false;
    h.key(Char('g'));
    for _ in 0..h.app.inv.list.len() {
        if h.app.inv.selected_name() == Some(name) {
            return;
        }
        h.key(Char('j'));
    }
    assert_eq!(h.app.inv.selected_name(), Some(name));
}

#[test]
fn a_click_on_a_clip_selects_it_wherever_the_pane_is_scrolled() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h, n) = app(w, hgt);
        select_investigation(&mut h, "Support bot");
        assert!(!h.app.inv.focus_clips);
        let x = w * 2 / 3;
        // Each clip in view, clicked on its heading and on the line under it.
        // Clips whose heading and the line under it are in the pane.
        let whole = |h: &Headless, i: usize| clip_row(h, i).is_some_and(|r| r + 1 < hgt - 2);
        let shown: Vec<usize> = (0..n).filter(|&i| whole(&h, i)).collect();
        assert!(shown.len() >= 2, "{w}x{hgt}: clips in view\n{}", h.render());
        for &i in &shown {
            let row = clip_row(&h, i).unwrap();
            // Whole in the pane when the next clip's heading is drawn under it.
            let whole = clip_row(&h, i + 1).is_some();
            click(&mut h, x, row + 1);
            assert!(
                h.app.inv.focus_clips,
                "{w}x{hgt}: the click focuses the clips"
            );
            assert_eq!(h.app.inv.clip_selected, i, "{w}x{hgt}: clip {i} clicked");
            // A clip shown whole stays where it was: nothing moves under the pointer; one
            // cut by the pane's edge comes into view.
            if whole {
                assert_eq!(clip_row(&h, i), Some(row), "{w}x{hgt}: clip {i} stays put");
            }
            let row = clip_row(&h, i).unwrap();
            // Back to the list, then a click on the clip's heading line.
            h.key(Tab);
            assert!(!h.app.inv.focus_clips, "{w}x{hgt}");
            click(&mut h, x, row);
            assert!(h.app.inv.focus_clips, "{w}x{hgt}");
            assert_eq!(h.app.inv.clip_selected, i, "{w}x{hgt}: heading of {i}");
        }
        // The pane scrolled to the last clip: the clips now in view are clicked.
        h.key(Char('G'));
        assert_eq!(h.app.inv.clip_selected, n - 1);
        let shown: Vec<usize> = (0..n).filter(|&i| whole(&h, i)).collect();
        assert!(!shown.contains(&0), "{w}x{hgt}: the pane scrolled");
        for &i in &shown {
            let row = clip_row(&h, i).unwrap();
            click(&mut h, x, row + 1);
            assert_eq!(h.app.inv.clip_selected, i, "{w}x{hgt}: scrolled, clip {i}");
            assert_eq!(clip_row(&h, i), Some(row), "{w}x{hgt}: clip {i} stays put");
        }
        // Below the last clip's lines (or on the question), nothing new is selected.
        let before = h.app.inv.clip_selected;
        click(&mut h, x, hgt - 2);
        assert_eq!(h.app.inv.clip_selected, before, "{w}x{hgt}: the border row");
    }
}

#[test]
fn a_click_on_the_question_focuses_the_clips_but_keeps_the_selection() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h, _) = app(w, hgt);
        select_investigation(&mut h, "Support bot");
        h.key(Tab);
        h.key(Char('j'));
        h.key(Tab);
        assert_eq!(h.app.inv.clip_selected, 1);
        assert!(!h.app.inv.focus_clips);
        // Row 1 is the question's line, above the clips.
        click(&mut h, w * 2 / 3, 1);
        assert!(h.app.inv.focus_clips, "{w}x{hgt}");
        assert_eq!(h.app.inv.clip_selected, 1, "{w}x{hgt}");
    }
}

#[test]
fn a_long_name_gives_way_in_the_clips_title_and_the_count_stays() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h, n) = app(w, hgt);
        let long =
            "A very long investigation name about retrieval and fine tuning for our support bot";
        h.lib.rename_investigation("Support bot", long).unwrap();
        // As when another process renames it: the screen reloads.
        h.act(Action::DataChanged);
        select_investigation(&mut h, long);
        let screen = h.render();
        let title = screen.lines().next().unwrap_or_default();
        assert!(
            title.contains(&format!("… · {n} clips")),
            "{w}x{hgt}: {title}"
        );
    }
}
