//! The UI driven by key sequences on a headless app over a real library.

mod common;

use dossier::tui::app::{Pane, Screen};
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Backspace, Down, Enter, Esc, Tab};

fn app() -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open(tmp.path());
    (tmp, Headless::new(lib, 120, 40))
}

fn select_page(h: &mut Headless, id: &str) {
    let index = h
        .app
        .pages
        .iter()
        .position(|p| p.id.as_str() == id)
        .expect("page exists");
    h.key(ratatui::crossterm::event::KeyCode::Char('g'));
    for _ in 0..index {
        h.key(Down);
    }
    assert_eq!(h.app.page.as_ref().unwrap().page.record.id.as_str(), id);
}

/// Presses `↓` on the page until the selected item is the one wanted (the page scrolls
/// line by line and items are selected as they come into view).
fn down_to_item(h: &mut Headless, wanted: impl Fn(&dossier::tui::app::PageItem) -> bool) {
    for _ in 0..1000 {
        if h.app
            .page_items()
            .get(h.app.item_selected)
            .is_some_and(&wanted)
        {
            return;
        }
        h.key(Down);
    }
    panic!("the item was never selected by reading down the page");
}

#[test]
fn search_open_and_back() {
    let (_t, mut h) = app();
    h.type_text("/chunking");
    assert_eq!(h.app.screen, Screen::Search);
    let results = h.app.search.results.as_ref().unwrap();
    assert!(results.total > 0);
    assert!(h.render().contains("Atita Arora"));
    // Move to the first clip result and open it.
    let first_clip = results
        .hits
        .iter()
        .position(|hit| hit.doc_type == "clip")
        .unwrap();
    for _ in 0..first_clip {
        h.key(Down);
    }
    let expected = h.app.search.results.as_ref().unwrap().hits[first_clip]
        .id
        .clone();
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip);
    assert_eq!(
        h.app.clip.as_ref().unwrap().view.clip.record.id.as_str(),
        expected
    );
    assert!(h.render().contains("Clarity"));
    h.key(Esc);
    assert_eq!(h.app.screen, Screen::Search);
    assert_eq!(h.app.search.input, "chunking", "the query is kept");
    h.key(Esc);
    assert_eq!(h.app.screen, Screen::Pages);
}

#[test]
fn typing_q_in_search_is_text_not_quit() {
    let (_t, mut h) = app();
    h.type_text("/q");
    assert!(!h.app.quit);
    assert_eq!(h.app.search.input, "q");
    h.key(Backspace);
    h.key(Backspace);
    assert_eq!(
        h.app.screen,
        Screen::Pages,
        "backspace on an empty query goes back"
    );
    h.type_text("q");
    assert!(h.app.quit);
}

#[test]
fn related_page_and_history_back() {
    let (_t, mut h) = app();
    select_page(&mut h, "rag-vs-fine-tuning");
    h.key(Tab);
    assert_eq!(h.app.focus, Pane::Detail);
    // `j` reads down the page; the first related comparison is selected once in view.
    down_to_item(&mut h, |i| {
        matches!(i, dossier::tui::app::PageItem::Related(_))
    });
    h.key(Enter);
    let now = h.app.page.as_ref().unwrap().page.record.id.clone();
    assert_eq!(now.as_str(), "hybrid-vs-single-technique");
    assert_eq!(
        h.app.selected_page_id(),
        Some("hybrid-vs-single-technique"),
        "the list follows"
    );
    h.key(Backspace);
    assert_eq!(
        h.app.page.as_ref().unwrap().page.record.id.as_str(),
        "rag-vs-fine-tuning"
    );
}

#[test]
fn a_related_concept_opens_a_search_for_it() {
    let (_t, mut h) = app();
    select_page(&mut h, "rag-vs-fine-tuning");
    h.key(Tab);
    down_to_item(
        &mut h,
        |i| matches!(i, dossier::tui::app::PageItem::Concept(c) if c == "chunking"),
    );
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Search);
    assert_eq!(h.app.search.input, "chunking");
    assert!(h.app.search.results.as_ref().unwrap().total > 0);
}

#[test]
fn the_canonical_clip_opens_from_the_page() {
    let (_t, mut h) = app();
    select_page(&mut h, "rag-vs-fine-tuning");
    h.key(Tab);
    h.key(Enter);
    assert_eq!(
        h.app.clip.as_ref().unwrap().view.clip.record.id.as_str(),
        "liu-naive-rag-blockers",
        "seed 000's canonical clip"
    );
    h.key(Backspace);
    assert_eq!(h.app.screen, Screen::Pages);

    // A related clip opens from the clip, and Backspace returns to the first.
    h.key(Tab);
    assert_eq!(h.app.focus, Pane::List);
    select_page(&mut h, "hybrid-vs-single-technique");
    h.key(Tab);
    h.key(Enter);
    let canonical = h.app.clip.as_ref().unwrap().view.clip.record.id.clone();
    assert_eq!(canonical.as_str(), "rag-default-hybrid-split");
    h.key(Enter);
    assert_ne!(h.app.clip.as_ref().unwrap().view.clip.record.id, canonical);
    h.key(Backspace);
    assert_eq!(h.app.clip.as_ref().unwrap().view.clip.record.id, canonical);
    h.key(Backspace);
    assert_eq!(h.app.screen, Screen::Pages);
}

#[test]
fn o_y_and_a_act_on_the_canonical_clip_from_the_comparisons_screen() {
    let (_t, mut h) = app();
    select_page(&mut h, "rag-vs-fine-tuning");
    assert_eq!(h.app.focus, Pane::List);
    h.type_text("o");
    assert!(
        h.app.status.as_deref().unwrap().contains("no URL"),
        "{:?}",
        h.app.status
    );
    h.type_text("y");
    let copied = h.outside.iter().find_map(|e| match e {
        dossier::tui::action::Effect::Copy(text) => Some(text.clone()),
        _ => None,
    });
    let text = copied.expect("y copies a citation on the comparisons screen");
    assert!(
        text.contains("Jerry Liu") && text.contains("2:56"),
        "the canonical clip's citation: {text}"
    );
    h.type_text("a");
    match &h.app.modal {
        Some(dossier::tui::app::Modal::Picker { clip, .. }) => {
            assert_eq!(clip, "liu-naive-rag-blockers")
        }
        other => panic!("a opens the picker for the canonical clip: {other:?}"),
    }
}

#[test]
fn help_opens_and_closes() {
    let (_t, mut h) = app();
    h.type_text("?");
    assert!(h.app.help);
    let screen = h.render();
    assert!(screen.contains("Keys · Comparisons"));
    for b in dossier::tui::keymap::for_screen(Screen::Pages) {
        assert!(screen.contains(b.help), "help lists {:?}", b.help);
    }
    h.type_text("j");
    assert!(
        h.app.help,
        "keys other than close are ignored while help is open"
    );
    h.key(Esc);
    assert!(!h.app.help);
}

#[test]
fn a_filter_narrows_results() {
    let (_t, mut h) = app();
    h.type_text("/retrieval");
    let all = h.app.search.results.as_ref().unwrap().total;
    h.type_text(" speaker:\"Atita Arora\"");
    let narrowed = h.app.search.results.as_ref().unwrap();
    assert!(
        narrowed.total > 0 && narrowed.total < all,
        "{} of {all}",
        narrowed.total
    );
    assert!(
        narrowed
            .hits
            .iter()
            .all(|hit| hit.voice.as_deref() == Some("Atita Arora"))
    );
}

#[test]
fn stale_search_results_are_dropped() {
    let (_t, mut h) = app();
    h.type_text("/chunk");
    let old = h.app.search.results.clone().unwrap();
    let seq = h.app.search.seq;
    h.type_text("ing");
    let current = h.app.search.results.clone().unwrap();
    h.act(dossier::tui::action::Action::SearchDone {
        seq: seq - 1,
        results: old,
    });
    assert_eq!(
        h.app.search.results.as_ref().unwrap().query,
        current.query,
        "an older query never replaces a newer one"
    );
}

#[test]
fn open_link_without_url_says_so_and_copy_emits_a_citation() {
    let (_t, mut h) = app();
    h.type_text("/speaker:meryem latency");
    h.key(Enter);
    h.type_text("o");
    assert!(h.app.status.as_deref().unwrap().contains("no URL"));
    h.type_text("y");
    let copied = h.outside.iter().find_map(|e| match e {
        dossier::tui::action::Effect::Copy(text) => Some(text.clone()),
        _ => None,
    });
    let text = copied.expect("a copy effect");
    assert!(
        text.contains("Meryem Arik") && text.contains("Deploying LLMs in Production"),
        "{text}"
    );
}

#[test]
fn copy_quotes_only_a_verbatim_quote_and_frames_a_gist_as_paraphrase() {
    let (_t, mut h) = app();
    let mut copy = |query: &str| {
        h.key(Esc);
        h.key(Esc);
        h.type_text(query);
        h.key(Enter);
        h.outside.clear();
        h.type_text("y");
        h.outside
            .iter()
            .find_map(|e| match e {
                dossier::tui::action::Effect::Copy(text) => Some(text.clone()),
                _ => None,
            })
            .expect("a copy effect")
    };
    // Arik's clip has a gist only: a paraphrase, attributed, never a quotation.
    let gist = copy("/speaker:meryem latency");
    assert!(gist.starts_with("Meryem Arik, paraphrased: "), "{gist}");
    assert!(
        !gist.contains('“') && !gist.lines().any(|l| l.starts_with('>')),
        "{gist}"
    );
    // Liu's clip has the words he said: those are quoted.
    let quote = copy("/speaker:\"Jerry Liu\" naive");
    assert!(
        quote.starts_with("> “what are these challenges with naive rag”"),
        "{quote}"
    );
    assert!(quote.contains("— Jerry Liu, *"), "{quote}");
}

#[test]
fn every_screen_survives_tiny_and_huge_sizes() {
    let (_t, mut h) = app();
    for (w, hgt) in [(1, 1), (20, 5), (40, 10), (59, 15), (80, 24), (300, 100)] {
        h.resize(w, hgt);
        for keys in ["", "/chunk", "\n", "?"] {
            for c in keys.chars() {
                if c == '\n' {
                    h.key(Enter);
                } else {
                    h.type_text(&c.to_string());
                }
            }
            let screen = h.render();
            if w < 60 || hgt < 16 {
                assert!(screen.contains("small") || w < 20, "{w}x{hgt}: {screen}");
            }
        }
        h.key(Esc);
        h.key(Esc);
        h.key(Esc);
    }
}

#[test]
fn slash_starts_a_fresh_query() {
    let (_t, mut h) = app();
    h.type_text("/chunking");
    h.key(Esc);
    h.type_text("/rag");
    assert_eq!(h.app.search.input, "rag");
}
