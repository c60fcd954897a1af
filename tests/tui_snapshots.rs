//! Whole-screen snapshots (insta over ratatui's TestBackend) of every screen at 80x24 and
//! 160x48, the too-small message, a very long clip and wide text.

mod common;

use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Tab};

fn app(width: u16, height: u16) -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let extra = common::write_files(
        &tmp.path().join("extra"),
        &[("awkward.toml", &common::awkward_corpus())],
    );
    lib.import(&extra).unwrap();
    (tmp, Headless::new(lib, width, height))
}

fn goto_page(h: &mut Headless, id: &str) {
    let index = h
        .app
        .pages
        .iter()
        .position(|p| p.id.as_str() == id)
        .unwrap();
    for _ in 0..index {
        h.key(Down);
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snap(name: &str, w: u16, hgt: u16, screen: String) {
    assert!(
        !screen.contains('\u{1b}'),
        "no escape character in any cell"
    );
    insta::assert_snapshot!(format!("{name}_{w}x{hgt}"), screen);
}

#[test]
fn comparisons_list() {
    for (w, hgt) in SIZES {
        let (_t, h) = app(w, hgt);
        snap("comparisons", w, hgt, h.render());
    }
}

#[test]
fn comparison_detail_focused() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        goto_page(&mut h, "rag-vs-fine-tuning");
        h.key(Tab);
        snap("comparison_detail", w, hgt, h.render());
        // Scrolled down to the end: related comparisons, concepts and references.
        h.key(ratatui::crossterm::event::KeyCode::Char('G'));
        snap("comparison_detail_scrolled", w, hgt, h.render());
    }
}

/// The canonical block right after the short answer: clarity band, why, lead-in,
/// chapter and the keys that act on it.
#[test]
fn page_canonical_block() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        // At 160x48 the list keeps focus (o, y and a act on the canonical clip from
        // there); at 80x24 the block is below the fold: Tab focuses the page, and `]`
        // brings section headings to the top until the block's is there. Its clip is
        // then the selected item.
        goto_page(&mut h, "rag-vs-fine-tuning");
        if w < 100 {
            h.key(Tab);
            for _ in 0..3 {
                h.key(ratatui::crossterm::event::KeyCode::Char(']'));
            }
            assert_eq!(h.app.item_selected, 0, "the canonical clip is selected");
        }
        let screen = h.render();
        for needle in ["50 weak", "Jerry Liu", "2:56", "o open"] {
            assert!(screen.contains(needle), "{needle:?} in\n{screen}");
        }
        snap("page_canonical", w, hgt, screen);
    }
}

#[test]
fn search_results() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        h.type_text("/chunking");
        snap("search_results", w, hgt, h.render());
        h.type_text(" speaker:\"Atita Arora\"");
        snap("search_filtered", w, hgt, h.render());
    }
}

#[test]
fn search_typo_fallback_and_no_results() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        h.type_text("/chunkng ");
        snap("search_typo", w, hgt, h.render());
        h.ctrl('u');
        h.type_text("qqqqxz");
        snap("search_none", w, hgt, h.render());
    }
}

#[test]
fn clip_detail() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        h.type_text("/speaker:meryem re-embedding");
        h.key(Enter);
        snap("clip_detail", w, hgt, h.render());
    }
}

#[test]
fn help_overlay() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        h.type_text("?");
        snap("help_comparisons", w, hgt, h.render());
        h.type_text("?/zebra");
        h.key(Enter);
        h.type_text("?");
        snap("help_clip", w, hgt, h.render());
    }
}

#[test]
fn too_small() {
    let (_t, mut h) = app(80, 24);
    h.resize(40, 10);
    snap("too_small", 40, 10, h.render());
}

#[test]
fn a_very_long_clip() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        h.type_text("/retrieval budgets");
        h.key(Enter);
        snap("long_clip", w, hgt, h.render());
    }
}

#[test]
fn wide_text_and_hostile_text() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        h.type_text("/aardvark");
        snap("wide_search", w, hgt, h.render());
        h.key(Enter);
        snap("wide_clip", w, hgt, h.render());
        h.key(ratatui::crossterm::event::KeyCode::Esc);
        h.key(ratatui::crossterm::event::KeyCode::Esc);
        h.type_text("/zebra");
        h.key(Enter);
        let screen = h.render();
        assert!(
            screen.contains('␛') && screen.contains("<U+202E>"),
            "escapes are shown as visible symbols: {screen}"
        );
        snap("hostile_clip", w, hgt, screen);
    }
}
