//! A search stops when its result is no longer wanted (someone typed on): the TUI asks
//! `Library::search_until` with a signal that turns once a newer search is sent.

mod common;

use dossier::search::StopWhen;
use std::fmt::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A notebook with `clips` clips whose gists all hold the word "lantern".
fn notebook_of_lanterns(dir: &std::path::Path, clips: usize) -> dossier::Library {
    let mut corpus = String::from(
        "[[voice]]\nid = \"lamp-voice\"\nname = \"Lamp Voice\"\n\n[[source]]\nid = \"lamp-talk\"\nkind = \"talk\"\ntitle = \"Lamps\"\n\n",
    );
    for n in 0..clips {
        let _ = write!(
            corpus,
            "[[clip]]\nid = \"lamp-{n}\"\nsource = \"lamp-talk\"\nvoice = \"lamp-voice\"\nat = \"1:00\"\ngist = \"A lantern, number {n}.\"\nclarity = 50\n\n"
        );
    }
    let mut lib = common::open(dir);
    let files = common::write_files(&dir.join("user"), &[("lamps.toml", &corpus)]);
    lib.import(&files).expect("the lanterns import");
    lib
}

#[test]
fn a_search_asked_to_stop_ends_early_and_returns_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = notebook_of_lanterns(tmp.path(), 6_000);
    let full = lib.search("lantern", 20).unwrap();
    assert_eq!(full.total, 6_000);

    // Never asked: the same results as a plain search.
    let kept = lib
        .search_until("lantern", 20, &StopWhen::new(|| false))
        .unwrap()
        .expect("a search not asked to stop finishes");
    let ids = |r: &dossier::search::SearchResults| -> Vec<String> {
        r.hits.iter().map(|h| h.id.clone()).collect()
    };
    assert_eq!(ids(&kept), ids(&full));
    assert_eq!(kept.total, full.total);

    // Asked from the start: it looks at the signal while it scores the 6,000 matches
    // (every 1,024 documents of a segment), not only when it is done, and returns nothing.
    let looks = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&looks);
    let stopped = lib
        .search_until(
            "lantern",
            20,
            &StopWhen::new(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                true
            }),
        )
        .unwrap();
    assert!(stopped.is_none(), "a stopped search has no results");
    assert!(
        looks.load(Ordering::SeqCst) >= 2,
        "the signal is looked at during scoring as well as after it"
    );
}

#[test]
fn the_empty_query_is_answered_whatever_the_signal() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open(tmp.path());
    let newest = lib
        .search_until("", 5, &StopWhen::new(|| true))
        .unwrap()
        .expect("the newest clips come from SQLite at once");
    assert!(!newest.hits.is_empty());
}
