//! The note editor and fresh screens, as key sequences over a real library (issue 16
//! items 5 and 6): the title names the clip, words wrap whole, the cursor is where the
//! next character goes, Esc saves and Ctrl-X discards (asking when the text changed),
//! `w` means one thing, a failed export keeps its path in its prompt; a write by another
//! process shows on every open screen, and a note whose investigation is deleted
//! elsewhere is kept and can be saved into another.

mod common;

use dossier::tui::action::Action;
use dossier::tui::app::{ConfirmFor, Modal, Screen};
use dossier::tui::headless::Headless;
use dossier::tui::keymap::{Scope, bindings};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Home, Tab};

const CLIP: &str = "arik-reembed-instead-of-retrain";

/// A notebook with "Support bot" (one clip) and "Other" (empty), on the investigations
/// screen with the clip selected.
fn app(width: u16, height: u16) -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    lib.create_investigation("Support bot", None).unwrap();
    lib.create_investigation("Other", None).unwrap();
    lib.add_to_investigation("Support bot", &[dossier::model::ClipId::new(CLIP)], None)
        .unwrap();
    let mut h = Headless::new(lib, width, height);
    h.key(Char('i'));
    while h.app.inv.selected_name() != Some("Support bot") {
        h.key(Char('j'));
    }
    h.key(Tab);
    (tmp, h)
}

fn note(h: &Headless) -> &dossier::tui::app::NoteDraft {
    match &h.app.modal {
        Some(Modal::Note(note)) => note,
        other => panic!("the note editor should be open, not {other:?}"),
    }
}

fn stored_note(h: &Headless, investigation: &str) -> Option<String> {
    h.lib
        .investigation(investigation)
        .unwrap()
        .items
        .iter()
        .find(|i| i.clip.clip.record.id.as_str() == CLIP)
        .map(|i| i.note.clone())
}

/// The screen's row `y` as characters, so that columns can be counted.
fn row(h: &Headless, y: u16) -> Vec<char> {
    let screen = h.render();
    let line = screen.lines().nth(usize::from(y)).unwrap_or_default();
    line.trim_start_matches('"').chars().collect()
}

#[test]
fn the_editor_names_the_clip_wraps_words_and_puts_the_cursor_after_the_text() {
    for (w, hgt) in [(80, 24), (120, 40)] {
        let (_t, mut h) = app(w, hgt);
        h.key(Char('w'));
        let screen = h.render();
        assert!(
            screen.contains("Note on Meryem Arik · Deploying LLMs"),
            "{w}x{hgt}: the title names the clip:\n{screen}"
        );
        h.type_text("hello world");
        let (x, y) = h.cursor().expect("a cursor in the editor");
        let line = row(&h, y);
        let start = line
            .windows(11)
            .position(|s| s.iter().collect::<String>() == "hello world")
            .expect("the text on the cursor's row");
        assert_eq!(usize::from(x), start + 11, "{w}x{hgt}: just after the text");
        h.key(Home);
        assert_eq!(
            h.cursor().unwrap(),
            (x - 11, y),
            "{w}x{hgt}: on the first letter"
        );

        // A long note wraps between words, never inside one.
        let words = "retrieval keeps answers current while tuning shapes tone ".repeat(6);
        let words = format!("hello world {}", words.trim_end());
        h.ctrl('x');
        h.key(Char('y'));
        h.key(Char('w'));
        h.type_text(&words);
        let Some(Modal::Note(draft)) = &h.app.modal else {
            panic!("editor open")
        };
        let width = usize::from(w.min(76) - 3);
        let (lines, ..) = draft.editor.layout(width);
        assert!(lines.len() > 2, "{w}x{hgt}: wrapped");
        for l in &lines {
            for word in l.split_whitespace() {
                assert!(
                    words.split_whitespace().any(|x| x == word),
                    "cut word {word:?}"
                );
            }
        }
        let (x, y) = h.cursor().unwrap();
        let line = row(&h, y);
        let last = lines.last().unwrap();
        let drawn: String = line.iter().collect();
        assert!(drawn.contains(last.trim_end()), "{w}x{hgt}: {drawn:?}");
        let start = drawn.find(last.trim_end()).unwrap();
        let start = drawn[..start].chars().count();
        assert_eq!(usize::from(x), start + last.chars().count());
    }
}

#[test]
fn esc_saves_ctrl_x_discards_and_asks_when_the_text_changed() {
    let (_t, mut h) = app(120, 40);
    h.key(Char('w'));
    h.type_text("Cost decides it.");
    h.key(Esc);
    assert!(h.app.modal.is_none());
    assert_eq!(stored_note(&h, "Support bot").unwrap(), "Cost decides it.");

    // Unchanged: Ctrl-X closes at once.
    h.key(Char('w'));
    h.ctrl('x');
    assert!(h.app.modal.is_none());

    // Changed: Ctrl-X asks; n goes back to the text, y drops the change.
    h.key(Char('w'));
    h.type_text(" Or not.");
    h.ctrl('x');
    assert!(matches!(
        h.app.modal,
        Some(Modal::Confirm {
            purpose: ConfirmFor::Discard(_)
        })
    ));
    assert!(h.render().contains("Discard your changes"));
    h.key(Char('n'));
    assert_eq!(note(&h).editor.text(), "Cost decides it. Or not.");
    h.ctrl('x');
    h.key(Char('y'));
    assert!(h.app.modal.is_none());
    assert_eq!(stored_note(&h, "Support bot").unwrap(), "Cost decides it.");

    // Help names both keys, from the keymap.
    h.key(Char('w'));
    h.key(Char('?'));
    let help = h.render();
    assert!(help.contains("Ctrl-X"), "{help}");
    assert!(help.contains("discard"), "{help}");
}

#[test]
fn each_key_means_one_thing_on_a_screen_and_w_always_writes_a_note() {
    for scope in [
        Scope::Pages,
        Scope::Search,
        Scope::Clip,
        Scope::Investigations,
        Scope::Compare,
        Scope::SideBySide,
        Scope::Export,
        Scope::Transcript,
        Scope::Digest,
        Scope::Note,
        Scope::Prompt,
        Scope::Picker,
        Scope::SaveInto,
    ] {
        let mut seen: Vec<(String, String)> = Vec::new();
        for b in dossier::tui::keymap::for_scope(scope) {
            let Some(action) = &b.action else { continue };
            for key in &b.keys {
                let key = format!("{key:?}");
                let action = format!("{action:?}");
                if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                    // The screen's own binding shadows a global one: still one meaning.
                    assert!(
                        b.scope == Scope::Global,
                        "{scope:?}: {key} is both {other} and {action}"
                    );
                } else {
                    seen.push((key, action));
                }
            }
        }
    }
    let w: Vec<String> = bindings()
        .iter()
        .filter(|b| b.keys.iter().any(|(k, _)| *k == Char('w')))
        .map(|b| format!("{:?}", b.action))
        .collect();
    assert!(
        w.iter().all(|a| a == "Some(EditNote)"),
        "w only writes a note: {w:?}"
    );
}

#[test]
fn a_failed_export_keeps_the_path_in_its_prompt_and_nothing_leaks_into_a_note() {
    let (_t, mut h) = app(120, 40);
    h.key(Esc);
    h.key(Char('e'));
    assert_eq!(h.app.screen, Screen::Export);
    h.key(Char('e'));
    h.ctrl('u');
    let missing = tempfile::tempdir().unwrap();
    let path = missing.path().join("no/such/folder/brief.md");
    let path = path.to_str().unwrap().to_string();
    h.type_text(&path);
    h.key(Enter);
    let Some(Modal::Prompt { input, error, .. }) = &h.app.modal else {
        panic!("the prompt stays open: {:?}", h.app.modal);
    };
    assert_eq!(input, &path, "the path as typed");
    assert!(
        error.as_deref().unwrap().contains("No such file"),
        "{error:?}"
    );
    assert!(h.render().contains("No such file or directory"));
    h.key(Esc);
    assert!(h.app.modal.is_none());
    // Typing on the export screen after that opens no note and writes nothing.
    h.type_text("was-a-typo.md");
    assert!(!matches!(h.app.modal, Some(Modal::Note(_))));
    h.key(Esc);
    assert_eq!(h.app.screen, Screen::Investigations);
    assert_eq!(stored_note(&h, "Support bot").unwrap(), "");
}

#[test]
fn a_note_whose_investigation_is_deleted_elsewhere_is_kept_and_saved_into_another() {
    let (tmp, mut h) = app(120, 40);
    h.key(Char('w'));
    h.type_text("Nothing typed is lost.");
    // Another process deletes the investigation.
    delete_elsewhere(tmp.path(), "Support bot");
    h.check_for_changes();
    let screen = h.render();
    assert!(screen.contains("no longer exists"), "{screen}");
    assert!(screen.contains("Ctrl-O"), "{screen}");
    assert_eq!(note(&h).editor.text(), "Nothing typed is lost.");
    // Esc cannot save it there: the editor stays, with the text.
    h.key(Esc);
    assert_eq!(note(&h).editor.text(), "Nothing typed is lost.");
    assert!(h.render().contains("no longer exists"));
    // Ctrl-O: into "Other", the clip with it.
    h.ctrl('o');
    assert!(matches!(h.app.modal, Some(Modal::SaveNoteInto { .. })));
    assert!(h.render().contains("Save the note into"));
    h.key(Enter);
    assert!(h.app.modal.is_none(), "{:?}", h.app.status);
    assert_eq!(
        stored_note(&h, "Other").as_deref(),
        Some("Nothing typed is lost.")
    );
    assert!(h.app.status.as_deref().unwrap().contains("“Other”"));
}

#[test]
fn open_screens_show_what_another_process_writes() {
    let (tmp, mut h) = app(120, 40);
    // The investigations list and the selected one's clips.
    let out = common::run(
        tmp.path(),
        &[
            "inv",
            "add",
            "Support bot",
            "avichala-retrieval-quality-gates",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::run(tmp.path(), &["inv", "new", "Third"]);
    h.check_for_changes();
    assert!(
        h.render().contains("Support bot · 2 clips"),
        "{}",
        h.render()
    );
    assert!(h.app.inv.list.iter().any(|i| i.name == "Third"));

    // The empty query's newest clips and a page's clip count.
    h.key(Esc);
    h.key(Esc);
    h.key(Char('/'));
    let before = h.app.search.results.as_ref().unwrap().hits.len();
    let page = h.app.pages[h.app.page_selected].clone();
    let corpus = common::write_files(
        &tmp.path().join("mine"),
        &[("mine.toml", common::USER_CORPUS)],
    );
    let import = common::run(tmp.path(), &["import", corpus.to_str().unwrap()]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    h.check_for_changes();
    let after = h.app.search.results.as_ref().unwrap().hits.len();
    assert!(after > before || after == dossier::tui::update::SEARCH_LIMIT);
    assert_eq!(h.app.search.input, "", "nothing retyped");
    let reloaded = h.lib.pages().unwrap();
    let now = reloaded.iter().find(|p| p.id == page.id).unwrap();
    let shown = h.app.pages.iter().find(|p| p.id == page.id).unwrap();
    assert_eq!(
        format!("{now:?}"),
        format!("{shown:?}"),
        "the list is current"
    );
    // Nothing changed since: no reload.
    h.act(Action::Status("x".into()));
    h.check_for_changes();
    assert_eq!(h.app.status.as_deref(), Some("x"));
}

#[test]
fn a_note_left_on_a_deleted_investigation_at_quit_is_kept_in_a_file() {
    let (tmp, mut h) = app(80, 24);
    h.key(Char('w'));
    h.type_text("Typed, then the window closed.");
    delete_elsewhere(tmp.path(), "Support bot");
    h.check_for_changes();
    h.ctrl('c');
    assert!(h.app.quit);
    let kept =
        std::fs::read_to_string(h.lib.data_dir().join(dossier::tui::driver::RECOVERED_NOTES))
            .expect("the note is kept in a file");
    assert!(kept.contains("Typed, then the window closed."), "{kept}");
    assert!(kept.contains("“Support bot”"), "{kept}");
    assert!(kept.contains(CLIP), "{kept}");
}

#[test]
fn the_brief_preview_shows_a_note_written_elsewhere_and_keeps_its_place() {
    let (tmp, mut h) = app(120, 40);
    h.key(Char('e'));
    assert_eq!(h.app.screen, Screen::Export);
    h.key(Char('j'));
    let out = common::run(
        tmp.path(),
        &[
            "inv",
            "note",
            "Support bot",
            CLIP,
            "Written in another terminal.",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    h.check_for_changes();
    let export = h.app.export.as_ref().unwrap();
    assert!(export.markdown.contains("Written in another terminal."));
    assert_eq!(export.scroll, 1, "the preview keeps its place");
}

#[test]
fn with_no_other_investigation_the_note_goes_into_a_new_one() {
    let (tmp, mut h) = app(120, 40);
    h.key(Char('w'));
    h.type_text("Still here.");
    for name in ["Support bot", "Other"] {
        delete_elsewhere(tmp.path(), name);
    }
    h.check_for_changes();
    h.ctrl('o');
    assert!(h.app.modal.is_none(), "{:?}", h.app.status);
    assert_eq!(
        stored_note(&h, "Support bot (recovered)").as_deref(),
        Some("Still here.")
    );
}

/// Another process (the real binary) deletes an investigation.
fn delete_elsewhere(dir: &std::path::Path, name: &str) {
    let out = common::run(dir, &["inv", "delete", name]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
