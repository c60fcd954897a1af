//! Capture in the TUI as key sequences over a real library: cut a clip from a transcript
//! cue range into an investigation; the new-clip form's inline checks and completion;
//! the digest and "new" marks. Whole-screen snapshots of each.

mod common;

use dossier::capture::Field;
use dossier::tui::app::{Modal, Screen};
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Backspace, Char, Down, Enter, Esc, Right, Tab};

const VTT: &str = "WEBVTT\n\n00:10:00.000 --> 00:10:04.000\n<v Ada Lovelace>Before anything else we wrote an eval set.\n\n00:10:04.000 --> 00:10:09.200\n<v Ada Lovelace>The axolotl benchmark showed retrieval was the weak part.\n\n00:10:09.200 --> 00:10:15.000\n<v Ada Lovelace>So we fixed chunking before we touched the weights.\n\n00:10:15.000 --> 00:10:20.000\n<v Grace Hopper>And tuning came last, for tone.\n";

fn app(width: u16, height: u16) -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let file = tmp.path().join("talk.vtt");
    std::fs::write(&file, VTT).unwrap();
    lib.import_transcript(
        "https://youtu.be/evals101",
        &file,
        Some("Evals first (meetup talk)"),
    )
    .unwrap();
    (tmp, Headless::new(lib, width, height))
}

fn snap(name: &str, h: &Headless) {
    let screen = h.render();
    assert!(!screen.contains('\u{1b}'));
    insta::assert_snapshot!(format!("{name}_{}x{}", h.app.width, h.app.height), screen);
}

fn form(h: &Headless) -> &dossier::tui::form::ClipForm {
    match &h.app.modal {
        Some(Modal::ClipForm(f)) => f,
        other => panic!("the form should be open, not {other:?}"),
    }
}

fn go_to(h: &mut Headless, field: Field) {
    while form(h).field() != field {
        h.key(Tab);
    }
}

#[test]
fn cut_a_clip_from_a_cue_range_into_an_investigation() {
    let (_tmp, mut h) = app(100, 32);
    h.key(Char('/'));
    h.type_text("axolotl");
    let hit = &h.app.search.results.as_ref().unwrap().hits[0];
    assert_eq!(hit.doc_type, "transcript");
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Transcript);
    let t = h.app.transcript.as_ref().unwrap();
    assert_eq!(t.selected, 1, "opens at the cue the search found");
    h.key(Char('v'));
    h.key(Char('j'));
    snap("transcript_selection", &h);
    h.key(Char('c'));
    let f = form(&h);
    assert_eq!(f.value(Field::At), "10:04");
    assert_eq!(
        f.value(Field::To),
        "10:15",
        "the end rounds up to the last cue's end"
    );
    assert_eq!(f.value(Field::Voice), "Ada Lovelace");
    assert_eq!(
        f.value(Field::Url),
        "https://www.youtube.com/watch?v=evals101"
    );
    assert!(f.value(Field::Quote).starts_with("The axolotl benchmark"));
    assert!(f.value(Field::Quote).ends_with("touched the weights."));
    assert_eq!(f.field(), Field::Gist, "the gist is what is left to type");
    h.type_text("Fix retrieval (chunking) before tuning weights.");
    go_to(&mut h, Field::Investigation);
    h.type_text("Evals reading");
    snap("form_cut_from_transcript", &h);
    h.key(Enter);
    assert!(h.app.modal.is_none(), "saved: {:?}", h.app.status);
    let status = h.app.status.clone().unwrap();
    assert!(
        status.contains("added clip") && status.contains("“Evals reading”"),
        "{status}"
    );

    let inv = h.lib.investigation("Evals reading").unwrap();
    assert_eq!(inv.items.len(), 1);
    let clip = &inv.items[0].clip;
    assert_eq!(clip.time_range, "10:04–10:15");
    assert_eq!(clip.voice.name, "Ada Lovelace");
    assert_eq!(clip.source.title, "Evals first (meetup talk)");
    assert!(
        clip.clip
            .record
            .quote
            .as_deref()
            .unwrap()
            .contains("axolotl")
    );
    // Searchable at once.
    let found = h.lib.search("fix retrieval chunking tuning", 5).unwrap();
    assert_eq!(found.hits[0].id, clip.clip.record.id.0);
    // The selection is gone after the save.
    assert!(h.app.transcript.as_ref().unwrap().anchor.is_none());
}

#[test]
fn the_form_checks_fields_as_you_go_and_completes_names() {
    let (_tmp, mut h) = app(100, 32);
    h.key(Char('/'));
    h.ctrl('n');
    assert_eq!(form(&h).field(), Field::Url);
    h.type_text("youtube.com/watch?v=x");
    h.key(Tab);
    let errors = form(&h).visible_errors();
    assert_eq!(errors.len(), 1, "only the field left so far: {errors:?}");
    assert!(
        h.render().contains("is not a URL"),
        "shown beside the field"
    );
    h.key(Tab); // leave Start empty for now
    h.key(Tab);
    h.type_text("mer");
    h.key(Right);
    assert_eq!(
        form(&h).value(Field::Voice),
        "Meryem Arik",
        "completed from the notebook"
    );
    h.key(Enter);
    assert_eq!(
        form(&h).field(),
        Field::Url,
        "Enter goes to the first problem"
    );
    snap("form_problems", &h);
    h.ctrl('u');
    h.type_text("https://youtu.be/x?t=95");
    go_to(&mut h, Field::To);
    h.type_text("1:00");
    h.key(Enter);
    assert!(h.render().contains("must come after the start (1:35)"));
    h.ctrl('u');
    h.type_text("2:10");
    go_to(&mut h, Field::Page);
    h.type_text("no such page");
    h.key(Enter);
    assert!(
        form(&h)
            .visible_errors()
            .iter()
            .any(|e| e.field == Field::Gist)
    );
    go_to(&mut h, Field::Gist);
    h.type_text("Keep the eval set fixed while comparing.");
    h.key(Enter);
    // The library refuses the unknown page; the form stays open with everything typed.
    let f = form(&h);
    assert!(
        f.refused.as_deref().unwrap_or("").contains("no page"),
        "{:?}",
        f.refused
    );
    assert_eq!(
        f.value(Field::Gist),
        "Keep the eval set fixed while comparing."
    );
    go_to(&mut h, Field::Page);
    h.ctrl('u');
    h.type_text("rag vs");
    h.key(Right);
    assert_eq!(form(&h).value(Field::Page), "RAG vs fine-tuning");
    h.key(Enter);
    assert!(h.app.modal.is_none(), "{:?}", h.app.status);
    let page = h.lib.page("rag-vs-fine-tuning").unwrap();
    assert!(
        page.clips
            .iter()
            .any(|c| c.clip.record.gist.starts_with("Keep the eval set"))
    );
}

#[test]
fn esc_asks_before_dropping_what_was_typed() {
    let (_tmp, mut h) = app(100, 32);
    h.key(Char('/'));
    h.type_text("type:clip chunking");
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip);
    h.key(Char('n'));
    let f = form(&h);
    assert!(
        !f.value(Field::Voice).is_empty(),
        "prefilled from the open clip"
    );
    let first_gap = if f.value(Field::Url).is_empty() {
        Field::Url
    } else {
        Field::At
    };
    assert_eq!(
        f.field(),
        first_gap,
        "starts at the first field left to fill"
    );
    h.key(Esc);
    assert!(h.app.modal.is_none(), "nothing typed: Esc closes at once");
    h.key(Char('n'));
    h.type_text("3:");
    h.key(Esc);
    assert!(form(&h).confirm_discard);
    h.key(Backspace);
    assert!(!form(&h).confirm_discard, "another key keeps editing");
    h.key(Esc);
    h.key(Esc);
    assert!(h.app.modal.is_none());
}

#[test]
fn digest_lists_what_is_new_and_search_marks_it() {
    let (_tmp, mut h) = app(100, 32);
    // A first visit, then a clip added from the CLI side, then the next visit.
    assert!(h.lib.begin_visit().unwrap().is_none());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let added = h
        .lib
        .add_clip(&dossier::capture::NewClip {
            url: "https://example.com/ep7".into(),
            at: "4:00".into(),
            voice: "Meryem Arik".into(),
            gist: "Narwhal latency budgets decide the model size.".into(),
            page: "rag-vs-fine-tuning".into(),
            ..Default::default()
        })
        .unwrap();
    h.begin_visit();
    assert!(h.app.new_ids.contains(added.clip.as_str()));
    h.key(Char('N'));
    assert_eq!(h.app.screen, Screen::Digest);
    let d = h.app.digest.as_ref().unwrap();
    assert!(d.since_visit);
    assert_eq!(d.clip_ids(), vec![added.clip.as_str()]);
    let screen = h.render();
    assert!(screen.contains("since your last visit"), "{screen}");
    assert!(screen.contains("RAG vs fine-tuning"));
    assert!(screen.contains("Narwhal latency budgets"));
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip);
    assert_eq!(h.app.clip.as_ref().unwrap().view.clip.record.id, added.clip);
    h.key(Char('/'));
    h.type_text("narwhal");
    assert!(h.render().contains("CLIP new "), "search marks new clips");
}

#[test]
fn capture_screens_fit_every_size() {
    for (w, h_) in [(1, 1), (20, 5), (40, 10), (80, 24), (300, 100)] {
        let (_tmp, mut h) = app(w, h_);
        h.key(Char('/'));
        h.type_text("axolotl");
        h.key(Enter);
        h.key(Char('v'));
        h.key(Down);
        let _ = h.render();
        h.key(Char('c'));
        let _ = h.render();
        h.key(Esc);
        h.key(Esc);
        h.key(Char('N'));
        let _ = h.render();
    }
}
