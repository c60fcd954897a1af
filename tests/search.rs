//! Search through the `Library`, over the embedded corpus plus a small user import,
//! with a real SQLite file and a real tantivy index in a temp dir.

mod common;

use dossier::Library;
use dossier::search::SearchResults;

fn library() -> (tempfile::TempDir, Library) {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open_with_user_corpus(tmp.path());
    (tmp, lib)
}

fn ids(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn documents_matching_every_word_rank_first_and_are_highlighted() {
    let (_t, lib) = library();
    let r = lib.search("re-embedding documentation ", 20).unwrap();
    assert_eq!(ids(&r)[0], "arik-reembed-instead-of-retrain");
    let hit = &r.hits[0];
    let marked: Vec<&str> = hit
        .snippet
        .highlights
        .iter()
        .map(|h| &hit.snippet.text[h.clone()])
        .collect();
    assert!(marked.contains(&"documentation"), "{marked:?}");
    assert_eq!(hit.voice.as_deref(), Some("Meryem Arik"));
    assert_eq!(hit.time_range.as_deref(), Some("40:46–46:42"));
    assert!(
        !hit.snippet.text.contains('\u{1b}'),
        "no ANSI codes in core results"
    );
}

#[test]
fn title_matches_rank_above_body_matches() {
    let (_t, lib) = library();
    let r = lib.search("graph ", 10).unwrap();
    assert_eq!(r.hits[0].id, "graph-rag-vs-vector-rag", "{:?}", ids(&r));
}

#[test]
fn phrases_match_words_in_order() {
    let (_t, lib) = library();
    let r = lib.search("\"gold questions\"", 20).unwrap();
    assert!(ids(&r).contains(&"bowne-anderson-gold-tests"));
    assert!(!r.fuzzy);
    let reversed = lib.search("\"questions gold\"", 20).unwrap();
    assert!(
        reversed.hits.is_empty() && !reversed.fuzzy,
        "a phrase matches its words in order only, and is never \"corrected\": {:?}",
        ids(&reversed)
    );
}

#[test]
fn the_last_word_is_a_prefix_while_typing() {
    let (_t, lib) = library();
    let r = lib.search("zebraf", 20).unwrap();
    assert_eq!(ids(&r), ["ada-hnsw-recall"]);
    let hit = &r.hits[0];
    assert_eq!(
        &hit.snippet.text[hit.snippet.highlights[0].clone()],
        "Zebrafish"
    );
    // A finished word that is no word but starts one is still read as a prefix, not
    // "corrected".
    let finished = lib.search("zebraf ", 20).unwrap();
    assert_eq!(ids(&finished), ["ada-hnsw-recall"]);
    assert!(!finished.fuzzy && finished.corrections.is_empty());
}

#[test]
fn every_filter_narrows_results() {
    let (_t, lib) = library();
    let all_clips = |q: &str| lib.search(q, 200).unwrap();
    let speaker = all_clips("speaker:\"Meryem Arik\"");
    assert_eq!(speaker.total, 5);
    assert!(
        speaker
            .hits
            .iter()
            .all(|h| h.voice.as_deref() == Some("Meryem Arik"))
    );
    assert_eq!(all_clips("speaker:meryem-arik").total, 5);
    assert!(
        all_clips("source:\"Modern Search Systems\"")
            .hits
            .iter()
            .all(|h| h.id.starts_with("arora-"))
    );
    assert_eq!(
        ids(&all_clips("topic:\"vector search\"")),
        ["ada-hnsw-recall"]
    );
    assert!(
        all_clips("kind:article").hits.iter().all(|h| h
            .time_range
            .as_deref()
            .unwrap_or("")
            .starts_with('§'))
    );
    let graph_page = all_clips("page:graph-rag-vs-vector-rag type:clip");
    assert_eq!(graph_page.total, 3);
    assert!(
        all_clips("type:page")
            .hits
            .iter()
            .all(|h| h.doc_type == "page")
    );
    assert_eq!(all_clips("type:page").total, 4);
    assert_eq!(
        ids(&all_clips("theme:graphs-for-relationships")),
        ["pakiman-graph-relations-vs-chunks"]
    );
    assert_eq!(
        ids(&all_clips("theme:rag-is-obsolete stance:opposes")),
        ["kulkarni-rag-not-dead"]
    );
    assert_eq!(all_clips("theme:rag-is-obsolete stance:supports").total, 0);
    let nuanced = all_clips("stance:nuanced");
    assert!(nuanced.total >= 2 && nuanced.hits.iter().all(|h| h.doc_type == "clip"));
    // Filters combine with words.
    assert_eq!(
        ids(&all_clips("speaker:meryem latency")),
        ["arik-latency-and-cost", "arik-serving-tradeoffs"]
    );
}

#[test]
fn typo_fallback_names_its_suggestion() {
    let (_t, lib) = library();
    let r = lib.search("chunkng ", 20).unwrap();
    assert!(r.fuzzy && r.total > 0);
    assert_eq!(r.suggestion.as_deref(), Some("chunking"));
    let none = lib.search("qqqqqqqq", 20).unwrap();
    assert_eq!((none.total, none.suggestion), (0, None));
}

#[test]
fn the_empty_query_lists_the_newest_clips() {
    let (_t, lib) = library();
    let r = lib.search("   ", 5).unwrap();
    assert_eq!(r.hits.len(), 5);
    assert!(r.hits.iter().all(|h| h.doc_type == "clip"));
    // The imported clips carry no date, so they were added today: newest of all.
    let today = chrono::Local::now().date_naive().to_string();
    assert!(today.as_str() >= "2026-11-22");
    assert!(ids(&r).contains(&"ada-hnsw-recall"));
}

#[test]
fn malformed_queries_never_fail() {
    let (_t, lib) = library();
    for q in [
        "\"",
        "speaker:",
        "speaker:\"unclosed",
        "((",
        "type:",
        "::::",
        "\"\"",
        "-",
        "*",
        "a\u{0}b",
        "stance:bogus theme:",
    ] {
        lib.search(q, 10)
            .unwrap_or_else(|e| panic!("{q:?} failed: {e}"));
    }
}

#[test]
fn the_index_is_rebuilt_after_deletion_or_a_corrupt_meta_json() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open(tmp.path());
    let before = lib.search("chunking ", 50).unwrap().total;
    drop(lib);
    let index = tmp.path().join("index");

    std::fs::remove_dir_all(&index).unwrap();
    let lib = common::open(tmp.path());
    assert!(lib.opened.index_rebuilt.is_some());
    assert_eq!(lib.search("chunking ", 50).unwrap().total, before);
    drop(lib);

    std::fs::write(index.join("meta.json"), b"{ not json").unwrap();
    let lib = common::open(tmp.path());
    assert!(
        lib.opened
            .index_rebuilt
            .as_deref()
            .unwrap()
            .contains("could not be read")
    );
    assert_eq!(lib.search("chunking ", 50).unwrap().total, before);
    assert!(lib.check().unwrap().is_empty());
    drop(lib);

    let lib = common::open(tmp.path());
    assert_eq!(
        lib.opened.index_rebuilt, None,
        "a sound index is not rebuilt"
    );
}

#[test]
fn an_index_behind_the_database_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    drop(common::open(tmp.path()));
    {
        let mut store = dossier::store::Store::open(&tmp.path().join("dossier.db")).unwrap();
        store
            .write(|tx| dossier::store::bump_generation(tx).map(|_| ()))
            .unwrap();
    }
    let lib = common::open(tmp.path());
    assert!(
        lib.opened
            .index_rebuilt
            .as_deref()
            .unwrap()
            .contains("generation")
    );
}

#[test]
fn import_is_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let bad = common::write_files(
        &tmp.path().join("bad"),
        &[
            ("good.toml", common::USER_CORPUS),
            (
                "broken.toml",
                "[[clip]]\nid = \"x\"\nsource = \"yt-talk\"\nvoice = \"ada-example\"\nat = \"9:99\"\ngist = \"g\"\nclarity = 1\n",
            ),
        ],
    );
    let Err(failure) = lib.import(&bad) else {
        panic!("refused")
    };
    let err = failure;
    let problems = match &err {
        dossier::Error::Corpus(c) => c.problems().to_vec(),
        other => panic!("{other}"),
    };
    assert!(
        problems
            .iter()
            .any(|p| p.file.ends_with("broken.toml") && p.line == 5)
    );
    assert!(
        lib.store().clip("ada-hnsw-recall").unwrap().is_none(),
        "nothing from the good file was written"
    );
    assert_eq!(lib.search("zebrafish", 5).unwrap().total, 0);

    let clash = common::write_files(
        &tmp.path().join("clash"),
        &[(
            "c.toml",
            "[[voice]]\nid = \"meryem-arik\"\nname = \"Someone else\"\n",
        )],
    );
    let Err(failure) = lib.import(&clash) else {
        panic!("refused")
    };
    let err = failure.to_string();
    assert!(err.contains("already used by the built-in corpus"), "{err}");
}

#[test]
fn imported_records_are_searchable_at_once() {
    let (_t, lib) = library();
    assert_eq!(
        ids(&lib.search("quokka", 5).unwrap()),
        ["ada-podcast-moment"]
    );
    assert!(
        lib.check().unwrap().is_empty(),
        "index and database agree after an incremental update"
    );
}

/// A clip is about the claims it takes a side on: searching a claim's words finds the
/// clips for and against it, the snippet still shows the clip's own gist, and a changed
/// claim is searched at once.
#[test]
fn clips_are_found_by_the_claims_they_take_a_side_on() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let corpus = |claim: &str| {
        format!(
            "{}\n[[theme]]\nid = \"okapi-theme\"\nkind = \"debate\"\nclaim = \"{claim}\"\n\n\
             [[clip]]\nid = \"ada-on-okapis\"\nsource = \"yt-talk\"\nvoice = \"ada-example\"\n\
             at = \"1:00\"\ngist = \"Measure before you decide.\"\nclarity = 60\n\
             stances = {{ okapi-theme = \"opposes\" }}\n",
            common::USER_CORPUS
        )
    };
    let dir = tmp.path().join("user");
    let files = common::write_files(
        &dir,
        &[("mine.toml", &corpus("Okapis make indexes obsolete."))],
    );
    lib.import(&files).unwrap();
    let r = lib.search("okapis", 5).unwrap();
    assert_eq!(ids(&r), ["ada-on-okapis"]);
    assert_eq!(r.hits[0].snippet.text, "Measure before you decide.");

    let files = common::write_files(
        &dir,
        &[("mine.toml", &corpus("Narwhals make indexes obsolete."))],
    );
    lib.import(&files).unwrap();
    assert!(lib.search("okapis", 5).unwrap().hits.is_empty());
    assert_eq!(ids(&lib.search("narwhals", 5).unwrap()), ["ada-on-okapis"]);
    assert!(lib.check().unwrap().is_empty());
}

#[test]
fn phrases_of_stopwords_only_match_those_words_side_by_side() {
    let (tmp, mut lib) = library();
    let more = common::write_files(
        &tmp.path().join("stopwords"),
        &[(
            "more.toml",
            r#"
[[clip]]
id = "side-by-side"
source = "yt-talk"
voice = "ada-example"
at = "1:00"
gist = "Most of the time the quokka cache is warm, and it is in memory."
clarity = 50

[[clip]]
id = "apart"
source = "yt-talk"
voice = "ada-example"
at = "2:00"
gist = "The quokka cost of it: memory is in short supply."
clarity = 50
"#,
        )],
    );
    lib.import(&more).unwrap();
    let r = lib.search("\"of the\" quokka", 20).unwrap();
    assert_eq!(ids(&r), ["side-by-side"]);
    let r = lib.search("\"it is in\" quokka", 20).unwrap();
    assert_eq!(ids(&r), ["side-by-side"]);
    let r = lib.search("\"is in\" quokka", 20).unwrap();
    let mut both = ids(&r);
    both.sort_unstable();
    assert_eq!(both, ["apart", "side-by-side"]);
}
