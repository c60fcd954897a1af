//! Ranking a large library in two stages (candidates by one field, then the full
//! ranking): the same results as scoring every match whenever the candidates hold every
//! match, and a total said to be "at least" once counting stops. The threshold is
//! lowered so that the small libraries here take the large library's path.

mod common;

use dossier::Library;
use dossier::search::SearchResults;

/// Queries of every shape the first stage takes: one word, words, a word typed halfway,
/// one or two letters (alone: a path of their own), filters, a name, stopwords, synonyms, a misspelling, a joined word.
const QUERIES: &[&str] = &[
    "fine tuning",
    "fine tuning ",
    "retrieval",
    "retrieval l",
    "retrieval la",
    "when should I fine tune",
    "cost of hosting a model",
    "meryem arik",
    "the ",
    "hallucination",
    "chunk",
    "rag or fine-tuning",
    "finetunning",
    "split documents into chunks",
    "r",
    "re",
    "a",
    "ai",
    "db",
    "vector databases in anger",
    "kind:podcast fine tuning",
    "type:clip retrieval l",
    "speaker:arik fine tun",
    "topic:rag cost",
];

fn outcome(r: &SearchResults) -> (Vec<(String, String)>, usize, bool) {
    let hits = r
        .hits
        .iter()
        .map(|h| (h.id.clone(), format!("{:.3}", h.score)))
        .collect();
    (hits, r.total, r.total_at_least)
}

#[test]
fn two_stages_rank_as_scoring_every_match_when_the_candidates_hold_them_all() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib: Library = common::open_with_user_corpus(tmp.path());
    for query in QUERIES {
        for limit in [3, 20] {
            lib.set_exact_search_up_to(u64::MAX);
            let exact = lib.search(query, limit).unwrap();
            lib.set_exact_search_up_to(0);
            let staged = lib.search(query, limit).unwrap();
            assert_eq!(
                outcome(&staged),
                outcome(&exact),
                "{query:?} (limit {limit}) ranks differently in two stages"
            );
            assert_eq!(staged.corrections, exact.corrections, "{query:?}");
        }
    }
}

/// A corpus of `n` clips that all say "zebrafish", one of them far more than the rest, and
/// one (`zebra-7`) with a topic of its own.
fn many_zebrafish(n: usize) -> String {
    let mut out = String::from(
        "[[voice]]\nid = \"zed\"\nname = \"Zed Example\"\n\n\
         [[source]]\nid = \"zed-talk\"\nkind = \"talk\"\ntitle = \"Aquarium notes\"\nvoices = [\"zed\"]\n\n",
    );
    for i in 0..n {
        let gist = if i == n / 2 {
            "Zebrafish, zebrafish: zebrafish tanks.".to_string()
        } else {
            // Lengths vary, so that scores do.
            format!(
                "Clip {i} mentions zebrafish once{}.",
                " among other things".repeat(i % 5)
            )
        };
        let topics = match i {
            _ if i == n / 2 => "[\"zebrafish\"]",
            // Far from the best "zebrafish" clips (a longer gist): found through a filter.
            7 => "[\"reef\"]",
            _ => "[]",
        };
        out.push_str(&format!(
            "[[clip]]\nid = \"zebra-{i}\"\nsource = \"zed-talk\"\nvoice = \"zed\"\n\
             at = \"0:{:02}\"\ngist = \"{gist}\"\ntopics = {topics}\nclarity = 50\n\n",
            i % 60
        ));
    }
    out
}

#[test]
fn beyond_the_candidates_the_best_is_still_found_and_the_total_is_a_lower_bound() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let files = common::write_files(
        &tmp.path().join("user"),
        &[("zebrafish.toml", &many_zebrafish(1_300))],
    );
    lib.import(&files).unwrap();

    lib.set_exact_search_up_to(u64::MAX);
    let exact = lib.search("zebrafish", 5).unwrap();
    assert_eq!((exact.total, exact.total_at_least), (1_300, false));

    lib.set_exact_search_up_to(0);
    for query in ["zebrafish", "zebrafish ", "zebraf"] {
        let staged = lib.search(query, 5).unwrap();
        assert_eq!(staged.hits.len(), 5, "{query:?}");
        assert_eq!(
            staged.hits[0].id, "zebra-650",
            "{query:?}: the clip most about it"
        );
        assert!(
            staged.total_at_least && staged.total == 1_000,
            "{query:?}: counted up to the cap, said to be at least: {} {}",
            staged.total,
            staged.total_at_least
        );
    }
    assert_eq!(
        lib.search("zebrafish", 5).unwrap().hits[0].score,
        exact.hits[0].score
    );

    // A filter narrows the first stage too: the one clip it lets through is found though
    // hundreds of clips say "zebrafish" more.
    let filtered = lib.search("topic:reef zebrafish", 5).unwrap();
    assert_eq!((filtered.total, filtered.total_at_least), (1, false));
    assert_eq!(filtered.hits[0].id, "zebra-7");

    // One or two letters alone: every clip starts a word with them and scores the same,
    // so the first ones in index order, as scoring every match ranks them; counted up to
    // the cap.
    for query in ["z", "ze"] {
        lib.set_exact_search_up_to(u64::MAX);
        let exact = lib.search(query, 5).unwrap();
        assert_eq!((exact.total, exact.total_at_least), (1_300, false));
        lib.set_exact_search_up_to(0);
        let staged = lib.search(query, 5).unwrap();
        assert_eq!(outcome(&staged).0, outcome(&exact).0, "{query:?}");
        assert_eq!((staged.total, staged.total_at_least), (1_000, true));
    }

    // Fewer matches than candidates: every one was found, so the total is exact. (One
    // result asked for: with more, the clips that match some of the words would follow.)
    let few = lib.search("zebrafish tanks", 1).unwrap();
    assert_eq!((few.total, few.total_at_least), (1, false));
    assert_eq!(few.hits[0].id, "zebra-650");
}

/// More decision pages than are scored one by one beside the candidates
/// (`pages_to_score`): the best pages for the query are still found by the full query.
#[test]
fn with_hundreds_of_pages_the_page_titled_for_the_query_still_comes_first() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let filler = "Tanks, filters and feeding schedules differ between labs. ".repeat(12);
    let pages: Vec<(String, String)> = (0..520)
        .map(|i| {
            // The page titled for the query says it nowhere else and is the longest: the
            // first stage ranks it last of all.
            let (title, answer) = if i == 257 {
                ("Zebrafish tanks".to_string(), filler.repeat(3))
            } else {
                (
                    format!("Aquarium plan {i}"),
                    format!("{filler} Zebrafish need care."),
                )
            };
            let text = format!(
                "+++\nid = \"aquarium-{i}\"\ntitle = \"{title}\"\noptions = [\"A\", \"B\"]\n+++\n\n\
                 ## Question\n\nWhich setup for case {i}?\n\n\
                 ## Short answer\n\n{answer}\n\n\
                 ## Decision rule\n\nPick A for case {i}.\n"
            );
            (format!("pages/aquarium-{i}.md"), text)
        })
        .collect();
    let files: Vec<(&str, &str)> = pages
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    lib.import(&common::write_files(&tmp.path().join("user"), &files))
        .unwrap();

    lib.set_exact_search_up_to(u64::MAX);
    let exact = lib.search("zebrafish", 5).unwrap();
    assert_eq!(exact.hits[0].id, "aquarium-257", "the page titled for it");
    lib.set_exact_search_up_to(0);
    let staged = lib.search("zebrafish", 5).unwrap();
    assert_eq!(staged.hits[0].id, "aquarium-257");
    assert_eq!(staged.hits[0].score, exact.hits[0].score);
    assert_eq!((staged.total, staged.total_at_least), (520, false));
}
