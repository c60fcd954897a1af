//! The investigations, compare and export screens, driven by key sequences on a headless
//! app over a real library; whole-screen snapshots of each.

mod common;

use dossier::tui::app::{Modal, Screen};
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Backspace, Char, Down, Enter, Esc, Right, Tab};

fn app(width: u16, height: u16) -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open(tmp.path());
    (tmp, Headless::new(lib, width, height))
}

/// Selects the `n`th clip (0-based) among the results of `query` on the search screen.
fn select_clip_hit(h: &mut Headless, query: &str, n: usize) -> String {
    h.key(Char('/'));
    h.type_text(query);
    let hits = &h.app.search.results.as_ref().unwrap().hits;
    let at = hits
        .iter()
        .enumerate()
        .filter(|(_, hit)| hit.doc_type == "clip")
        .nth(n)
        .map(|(i, _)| i)
        .expect("enough clip hits");
    let id = hits[at].id.clone();
    for _ in 0..at {
        h.key(Down);
    }
    id
}

/// Screens mention today's date (an investigation's last change); the snapshot says
/// `YYYY-MM-DD` instead, so it holds on any day.
fn snap(name: &str, h: &Headless) {
    let mut screen = h.render();
    for inv in h.lib.investigations().unwrap() {
        screen = screen.replace(&inv.updated_at[..10], "YYYY-MM-DD");
    }
    assert!(!screen.contains('\u{1b}'));
    insta::assert_snapshot!(format!("{name}_{}x{}", h.app.width, h.app.height), screen);
}

/// Builds "Support bot" with three clips the way a user would: from search, `Ctrl-A`, the
/// picker's "new investigation…", a name and a question; then two more into it.
fn build(h: &mut Headless) -> Vec<String> {
    let mut ids = Vec::new();
    ids.push(select_clip_hit(h, "fine tuning", 0));
    h.ctrl('a');
    assert!(matches!(h.app.modal, Some(Modal::Picker { .. })));
    h.key(Enter); // "new investigation…"
    h.type_text("Support bot");
    h.key(Enter);
    h.type_text("RAG or fine-tuning for our support bot?");
    h.key(Enter);
    assert!(h.app.modal.is_none());
    for (query, n) in [("fine tuning", 1), ("chunking", 0)] {
        h.key(Esc);
        ids.push(select_clip_hit(h, query, n));
        h.ctrl('a');
        h.key(Down); // the existing investigation
        h.key(Enter);
    }
    h.key(Esc);
    ids
}

fn order(h: &Headless) -> Vec<String> {
    h.lib
        .investigation("Support bot")
        .unwrap()
        .items
        .iter()
        .map(|i| i.clip.clip.record.id.0.clone())
        .collect()
}

#[test]
fn add_from_search_into_a_new_investigation_then_more() {
    let (_t, mut h) = app(120, 40);
    let ids = build(&mut h);
    let inv = h.lib.investigation("Support bot").unwrap();
    assert_eq!(
        inv.investigation.question.as_deref(),
        Some("RAG or fine-tuning for our support bot?")
    );
    assert_eq!(order(&h), ids);
    // Adding one already there says so and adds nothing.
    select_clip_hit(&mut h, "fine tuning", 0);
    h.ctrl('a');
    h.key(Down);
    h.key(Enter);
    assert!(h.app.status.as_deref().unwrap().contains("already in"));
    assert_eq!(order(&h).len(), 3);
}

#[test]
fn add_from_clip_detail_and_from_a_page() {
    let (_t, mut h) = app(120, 40);
    // On the pages screen, `a` with the list focused offers the page's canonical clip.
    h.key(Char('a'));
    let Some(Modal::Picker { clip, .. }) = h.app.modal.clone() else {
        panic!("picker expected");
    };
    let canonical = h
        .app
        .page
        .as_ref()
        .unwrap()
        .page
        .record
        .canonical_clip
        .clone();
    assert_eq!(Some(clip.as_str()), canonical.as_ref().map(|c| c.as_str()));
    h.key(Enter);
    h.type_text("From pages");
    h.key(Enter);
    h.key(Enter); // no question
    assert_eq!(h.lib.investigation("From pages").unwrap().items.len(), 1);
    // From a clip's detail screen.
    let id = select_clip_hit(&mut h, "chunking", 0);
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip);
    h.key(Char('a'));
    h.key(Down);
    h.key(Enter);
    let items = h.lib.investigation("From pages").unwrap().items;
    assert_eq!(items.last().unwrap().clip.clip.record.id.as_str(), id);
    // Esc in the picker adds nothing.
    h.key(Char('a'));
    h.key(Esc);
    assert!(h.app.modal.is_none());
    assert_eq!(h.lib.investigation("From pages").unwrap().items.len(), 2);
}

#[test]
fn notes_are_multi_line_and_saved_on_esc() {
    let (_t, mut h) = app(120, 40);
    build(&mut h);
    h.key(Char('i'));
    assert_eq!(h.app.screen, Screen::Investigations);
    h.key(Tab);
    h.key(Down);
    h.key(Char('w'));
    h.type_text("Cheap to undo.");
    h.key(Enter);
    h.type_text("Check: q and / are text here");
    snap("note_editor", &h);
    h.key(Esc);
    let items = h.lib.investigation("Support bot").unwrap().items;
    assert_eq!(
        items[1].note,
        "Cheap to undo.\nCheck: q and / are text here"
    );
    assert!(!h.app.quit);
    // Editing again starts from the saved note; Backspace joins lines.
    h.key(Char('w'));
    for _ in 0.."Check: q and / are text here".len() + 1 {
        h.key(Backspace);
    }
    h.key(Esc);
    let items = h.lib.investigation("Support bot").unwrap().items;
    assert_eq!(items[1].note, "Cheap to undo.");
}

#[test]
fn quitting_while_writing_a_note_keeps_it() {
    let (_t, mut h) = app(120, 40);
    build(&mut h);
    h.key(Char('i'));
    h.key(Tab);
    h.key(Char('w'));
    h.type_text("half a thought");
    h.ctrl('c');
    assert!(h.app.quit);
    let items = h.lib.investigation("Support bot").unwrap().items;
    assert_eq!(items[0].note, "half a thought");
}

#[test]
fn remove_undo_and_reorder() {
    let (_t, mut h) = app(120, 40);
    let ids = build(&mut h);
    h.key(Char('i'));
    h.key(Tab);
    h.key(Down);
    h.key(Char('x'));
    assert_eq!(order(&h), vec![ids[0].clone(), ids[2].clone()]);
    h.key(Char('u'));
    assert_eq!(order(&h), ids, "undo puts it back where it was");
    h.key(Char('u'));
    assert_eq!(h.app.status.as_deref(), Some("nothing to undo"));
    // J moves the selected clip down, K up; the selection follows it.
    h.key(Char('g'));
    h.key(Char('J'));
    assert_eq!(
        order(&h),
        vec![ids[1].clone(), ids[0].clone(), ids[2].clone()]
    );
    h.key(Char('J'));
    assert_eq!(
        order(&h),
        vec![ids[1].clone(), ids[2].clone(), ids[0].clone()]
    );
    h.key(Char('J'));
    assert_eq!(
        order(&h),
        vec![ids[1].clone(), ids[2].clone(), ids[0].clone()]
    );
    h.key(Char('K'));
    assert_eq!(
        order(&h),
        vec![ids[1].clone(), ids[0].clone(), ids[2].clone()]
    );
    assert_eq!(h.app.inv.clip_selected, 1);
}

#[test]
fn your_stance_overrides_the_corpus() {
    let (_t, mut h) = app(120, 40);
    build(&mut h);
    h.key(Char('i'));
    h.key(Tab);
    h.key(Char('s'));
    let Some(Modal::Stance { rows, .. }) = h.app.modal.clone() else {
        panic!("stance picker expected");
    };
    let theme = rows[0].theme.clone();
    let before = rows[0].stance;
    snap("stance_picker", &h);
    h.key(Char('o'));
    h.key(Esc);
    let item = &h.lib.investigation("Support bot").unwrap().items[0];
    assert!(item.overridden.iter().any(|t| t.as_str() == theme));
    assert!(
        item.stances
            .iter()
            .any(|(t, s)| t.as_str() == theme && *s == dossier::model::Stance::Opposes)
    );
    // Clearing brings the corpus's stance back.
    h.key(Char('s'));
    h.key(Char('c'));
    h.key(Esc);
    let item = &h.lib.investigation("Support bot").unwrap().items[0];
    assert!(item.overridden.is_empty());
    assert_eq!(
        item.stances
            .iter()
            .find(|(t, _)| t.as_str() == theme)
            .map(|(_, s)| *s),
        before
    );
}

#[test]
fn rename_and_delete_with_confirmation() {
    let (_t, mut h) = app(120, 40);
    build(&mut h);
    h.key(Char('i'));
    h.key(Char('r'));
    h.ctrl('u');
    h.type_text("Support bot v2");
    h.key(Enter);
    assert_eq!(h.app.inv.selected_name(), Some("Support bot v2"));
    h.key(Char('D'));
    assert!(matches!(h.app.modal, Some(Modal::Confirm { .. })));
    h.key(Char('n'));
    assert_eq!(h.lib.investigations().unwrap().len(), 1, "n keeps it");
    h.key(Char('D'));
    h.key(Char('y'));
    assert!(h.lib.investigations().unwrap().is_empty());
    assert!(h.render().contains("No investigations yet"));
    // A new one from the screen itself.
    h.key(Char('n'));
    h.type_text("Empty");
    h.key(Enter);
    h.key(Enter);
    assert_eq!(h.app.inv.selected_name(), Some("Empty"));
    assert!(h.render().contains("No clips yet"));
}

#[test]
fn compare_cells_list_their_clips_and_open_them() {
    let (_t, mut h) = app(120, 40);
    build(&mut h);
    h.key(Char('i'));
    h.key(Char('c'));
    assert_eq!(h.app.screen, Screen::Compare);
    let state = h.app.compare.as_ref().unwrap();
    // Find a cell with evidence and walk to it with the keys.
    let m = &state.comparison.matrix;
    let (v, t) = (0..m.voices.len())
        .flat_map(|v| (0..m.themes.len()).map(move |t| (v, t)))
        .find(|(v, t)| !m.cells[*v][*t].is_empty())
        .expect("some voice takes a stance");
    let expected = m.cells[v][t].stances[0].1[0].clone();
    for _ in 0..t {
        h.key(Down);
    }
    for _ in 0..v {
        h.key(Right);
    }
    snap("compare", &h);
    h.key(Enter);
    assert!(h.app.compare.as_ref().unwrap().focus_clips);
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip);
    assert_eq!(h.app.clip.as_ref().unwrap().view.clip.record.id, expected);
    h.key(Esc);
    assert_eq!(h.app.screen, Screen::Compare);
    // Two voices marked: side by side.
    h.key(Esc);
    h.key(Char('g'));
    h.key(Char('v'));
    h.key(Right);
    h.key(Char('v'));
    assert_eq!(h.app.compare.as_ref().unwrap().marked.len(), 2);
    assert!(h.render().contains("Side by side"));
    snap("compare_side_by_side", &h);
}

#[test]
fn compare_a_page_from_the_pages_screen() {
    let (_t, mut h) = app(120, 40);
    h.key(Char('c'));
    assert_eq!(h.app.screen, Screen::Compare);
    let state = h.app.compare.as_ref().unwrap();
    assert_eq!(state.title, h.app.page.as_ref().unwrap().page.record.title);
    assert!(!state.comparison.matrix.voices.is_empty());
}

#[test]
fn export_previews_then_writes_and_asks_before_replacing() {
    let (_notebook, mut h) = app(120, 40);
    build(&mut h);
    h.key(Char('i'));
    h.key(Char('e'));
    assert_eq!(h.app.screen, Screen::Export);
    let expected = h.lib.brief("Support bot").unwrap();
    assert_eq!(h.app.export.as_ref().unwrap().markdown, expected);
    snap("export_preview", &h);
    h.key(Char('e'));
    let Some(Modal::Prompt { input, .. }) = h.app.modal.clone() else {
        panic!("path prompt expected");
    };
    assert_eq!(
        input, "support-bot.md",
        "a file name from the investigation's"
    );
    // Outside the data folder: a brief is never written inside it.
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("brief.md");
    h.ctrl('u');
    h.type_text(path.to_str().unwrap());
    h.key(Enter);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert!(
        h.app
            .status
            .as_deref()
            .unwrap()
            .starts_with("brief written to")
    );
    // Again: the file is there, so it asks; n leaves it, y replaces it.
    std::fs::write(&path, "mine").unwrap();
    h.key(Char('e'));
    h.ctrl('u');
    h.type_text(path.to_str().unwrap());
    h.key(Enter);
    assert!(matches!(h.app.modal, Some(Modal::Confirm { .. })));
    h.key(Char('n'));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    h.key(Char('e'));
    h.ctrl('u');
    h.type_text(path.to_str().unwrap());
    h.key(Enter);
    h.key(Char('y'));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    // Scrolling reaches the end of the brief.
    h.key(Char('G'));
    assert!(h.render().contains("Sources"));
}

#[test]
fn screens_at_two_sizes() {
    for (w, hgt) in [(80, 24), (160, 48)] {
        let (_t, mut h) = app(w, hgt);
        build(&mut h);
        h.key(Char('i'));
        snap("investigations", &h);
        h.key(Tab);
        h.key(Down);
        snap("investigations_clips", &h);
        h.key(Char('?'));
        snap("investigations_help", &h);
        h.key(Esc);
        h.key(Esc);
        select_clip_hit(&mut h, "chunking", 0);
        h.ctrl('a');
        assert!(matches!(h.app.modal, Some(Modal::Picker { .. })));
        snap("picker", &h);
    }
}

#[test]
fn every_new_screen_survives_tiny_and_huge_terminals() {
    let (_t, mut h) = app(120, 40);
    build(&mut h);
    h.key(Char('i'));
    for keys in [&[][..], &[Char('c')][..], &[Esc, Char('e')][..]] {
        for k in keys {
            h.key(*k);
        }
        for (w, hgt) in [(1, 1), (20, 5), (60, 16), (61, 17), (300, 100)] {
            h.resize(w, hgt);
            let _ = h.render();
        }
        h.resize(120, 40);
    }
}
