//! A clip the user adds is first-class (issue 15), through the real binary: no invented
//! clarity anywhere (it shows none and sorts after rated clips), an optional clarity, and
//! stances per theme that are the user's reading, beside the experts'.

mod common;

use common::{run_fails as fails, run_json as json, run_ok as ok};

fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn a_clip_added_without_clarity_shows_none_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let added = json(
        d,
        &[
            "add",
            "https://example.com/ep?t=754",
            "--voice",
            "Ada Lovelace",
            "--gist",
            "Measure recall before tuning anything.",
            "--page",
            "rag-vs-fine-tuning",
            "--inv",
            "mine",
            "--json",
        ],
    );
    let id = added["clip"].as_str().unwrap().to_string();

    let shown = json(d, &["show", &id, "--json"]);
    assert!(shown["clarity"].is_null(), "{shown}");
    let shown = ok(d, &["show", &id]);
    assert!(!shown.contains("Clarity"), "{shown}");
    assert!(!shown.contains("50"), "no invented 50: {shown}");

    // On its page it comes after every rated clip, with no number.
    let page = ok(d, &["show", "rag-vs-fine-tuning"]);
    let clips: Vec<&str> = page
        .split("\nClips (")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mine = clips.iter().position(|l| l.contains(&id)).unwrap();
    assert_eq!(mine, clips.len() - 1, "{clips:#?}");
    assert!(
        clips[mine].trim_start().starts_with(&id),
        "{:?}",
        clips[mine]
    );
    let page_json = json(d, &["show", "rag-vs-fine-tuning", "--json"]);
    let last = page_json["clips"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["id"], id.as_str());
    assert!(last["clarity"].is_null());

    let brief = ok(d, &["export", "mine"]);
    let evidence = brief.split("## Evidence").nth(1).unwrap();
    assert!(!evidence.contains("Clarity"), "{evidence}");
    assert!(
        evidence.contains("Ada Lovelace, paraphrased: Measure recall"),
        "{evidence}"
    );
    let inv = json(d, &["inv", "show", "mine", "--json"]);
    assert!(inv["items"][0]["clip"]["clarity"].is_null());
}

#[test]
fn clarity_and_stances_given_when_adding_are_the_users() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["inv", "new", "bot"]);
    ok(d, &["inv", "add", "bot", "kulkarni-rag-not-dead"]);
    let added = json(
        d,
        &[
            "add",
            "https://example.com/ep2",
            "--at",
            "1:00",
            "--voice",
            "Ada Lovelace",
            "--gist",
            "Long context did not replace retrieval for us.",
            "--clarity",
            "70",
            "--stance",
            "rag-is-obsolete=opposes",
            "--stance",
            "evaluate-each-layer=supports",
            "--inv",
            "bot",
            "--json",
        ],
    );
    let id = added["clip"].as_str().unwrap().to_string();
    let shown = ok(d, &["show", &id]);
    assert!(
        shown.contains("Clarity   70/100") || shown.contains("70/100"),
        "{shown}"
    );
    assert_eq!(
        lines_with(&shown, "(your reading)").len(),
        2,
        "both stances marked as the user's: {shown}"
    );
    let shown = json(d, &["show", &id, "--json"]);
    assert_eq!(shown["clarity"], 70);
    assert!(
        shown["stances"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["by"] == "user"),
        "{shown}"
    );

    // In compare the user's stance is their reading: Kulkarni's (the expert's) opposition
    // stays a single voice; Ada's stance sits beside it and is not a second voice.
    let compare = json(d, &["compare", "bot", "--json"]);
    let obsolete = compare["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["theme"]["id"] == "rag-is-obsolete")
        .unwrap();
    assert_eq!(obsolete["class"], "single_voice", "{obsolete}");
    assert_eq!(obsolete["distinct_voices"], 1);
    assert_eq!(obsolete["your_readings"][0]["by"], "user");
    assert_eq!(obsolete["your_readings"][0]["voices"][0], "Ada Lovelace");
    assert_eq!(obsolete["your_readings"][0]["clips"][0], id.as_str());
    let brief = ok(d, &["export", "bot"]);
    let ada = lines_with(&brief, "opposes: [Ada Lovelace, 1:00](");
    assert_eq!(ada.len(), 1, "{brief}");
    assert!(ada[0].ends_with("(your reading)"), "{brief}");
}

#[test]
fn bad_clarity_or_stances_are_refused_with_what_to_type() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let base = [
        "add",
        "https://example.com/ep?t=10",
        "--voice",
        "Ada",
        "--gist",
        "g",
    ];
    let with = |extra: &[&str]| -> Vec<String> {
        base.iter().chain(extra).map(|s| s.to_string()).collect()
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails(d, &args)
    };
    assert!(run(with(&["--clarity", "101"])).contains("clarity is a number from 0 to 100"));
    assert!(run(with(&["--stance", "rag-is-obsolete"])).contains("THEME=STANCE"));
    assert!(run(with(&["--stance", "rag-is-obsolete=maybe"])).contains("not a stance"));
    let unknown = run(with(&["--stance", "no-such-theme=supports"]));
    assert!(unknown.contains("no-such-theme"), "{unknown}");
    let search = ok(d, &["search", "", "--limit", "50"]);
    assert!(
        !search.contains("example.com"),
        "nothing was added: {search}"
    );
}
