//! Whose words, whose stance (issue 15), through the real binary: the author's conclusion
//! and the page's answer apart in the brief, quotes set as quotations and gists as
//! paraphrases.

mod common;

use common::{run_fails, run_ok as ok};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The brief's blocks as (h2 heading above, kind, text): kind is `quote` for text inside
/// a blockquote, `para` for a paragraph, `item` for a list item.
fn blocks(md: &str) -> Vec<(String, &'static str, String)> {
    let body = md.splitn(3, "---\n").nth(2).unwrap_or("");
    let mut out = Vec::new();
    let (mut h2, mut in_h2, mut quote_depth) = (String::new(), false, 0);
    let mut stack: Vec<(&'static str, String)> = Vec::new();
    // Every extension a renderer might enable, but quotes kept as typed.
    let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                in_h2 = true;
                h2.clear();
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => in_h2 = false,
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth -= 1,
            Event::Start(Tag::Paragraph) => {
                let kind = if quote_depth > 0 { "quote" } else { "para" };
                stack.push((kind, String::new()));
            }
            Event::Start(Tag::Item) => stack.push(("item", String::new())),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                if let Some((kind, text)) = stack.pop()
                    && !text.trim().is_empty()
                {
                    out.push((h2.clone(), kind, text));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if in_h2 {
                    h2.push_str(&t);
                } else if let Some((_, text)) = stack.last_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = stack.last_mut() {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    out
}

fn h2s(md: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for (h, _, _) in blocks(md) {
        if seen.last() != Some(&h) {
            seen.push(h);
        }
    }
    seen
}

#[test]
fn the_brief_opens_with_the_authors_conclusion_then_the_pages_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(
        d,
        &["inv", "new", "Support bot", "--question", "RAG or tune?"],
    );
    ok(
        d,
        &[
            "inv",
            "add",
            "Support bot",
            "arik-reembed-instead-of-retrain",
            "kulkarni-rag-not-dead",
        ],
    );
    let before = ok(d, &["export", "Support bot"]);
    assert!(
        !before.contains("conclusion"),
        "no conclusion section until one is written"
    );
    let said = ok(
        d,
        &[
            "inv",
            "conclude",
            "Support bot",
            "Retrieve first: 61% of tickets cite docs.\nTune later, ~800 examples.\n\n# not a heading",
        ],
    );
    assert!(said.contains("conclusion saved"), "{said}");
    let shown = ok(d, &["inv", "show", "Support bot"]);
    assert!(shown.contains("your conclusion: Retrieve first"), "{shown}");
    let json = common::run_json(d, &["inv", "show", "Support bot", "--json"]);
    assert!(
        json["conclusion"]
            .as_str()
            .unwrap()
            .starts_with("Retrieve first")
    );

    let md = ok(d, &["export", "Support bot"]);
    let order = h2s(&md);
    assert_eq!(
        order[..3],
        [
            "Question",
            "The author's conclusion",
            "What the decision page says"
        ],
        "{md}"
    );
    let blocks = blocks(&md);
    let conclusion: Vec<&String> = blocks
        .iter()
        .filter(|(h, _, _)| h == "The author's conclusion")
        .map(|(_, _, t)| t)
        .collect();
    assert_eq!(
        conclusion,
        [
            "Retrieve first: 61% of tickets cite docs.\nTune later, ~800 examples.",
            "# not a heading"
        ]
    );
    // Plain words stay plain in the file itself.
    assert!(
        md.contains("61% of tickets cite docs.\\\nTune later, ~800 examples."),
        "{md}"
    );
    let page = blocks
        .iter()
        .find(|(h, kind, _)| h == "What the decision page says" && *kind == "para")
        .unwrap();
    assert!(page.2.starts_with("The decision page “"), "{page:?}");
    assert!(page.2.contains("in its own words"), "{page:?}");

    ok(d, &["inv", "conclude", "Support bot", ""]);
    assert!(!ok(d, &["export", "Support bot"]).contains("The author's conclusion"));
    assert!(run_fails(d, &["inv", "conclude", "nope", "x"]).contains("nope"));
}

#[test]
fn the_brief_quotes_only_verbatim_quotes_and_frames_gists_as_paraphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["inv", "new", "q"]);
    // Liu's clip has a verbatim quote; Arik's has only a gist.
    ok(
        d,
        &[
            "inv",
            "add",
            "q",
            "liu-naive-rag-blockers",
            "arik-reembed-instead-of-retrain",
        ],
    );
    let liu = common::run_json(d, &["show", "liu-naive-rag-blockers", "--json"]);
    let arik = common::run_json(d, &["show", "arik-reembed-instead-of-retrain", "--json"]);
    let quote = liu["quote"].as_str().unwrap();
    let liu_gist = liu["gist"].as_str().unwrap();
    let arik_gist = arik["gist"].as_str().unwrap();
    assert!(arik["quote"].is_null());

    let shown = ok(d, &["show", "liu-naive-rag-blockers"]);
    assert!(
        shown.contains(&format!("Jerry Liu said: “{quote}”")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("Paraphrased: {liu_gist}")),
        "{shown}"
    );
    let shown = ok(d, &["show", "arik-reembed-instead-of-retrain"]);
    assert!(
        shown.contains(&format!("Paraphrased: {arik_gist}")),
        "{shown}"
    );
    assert!(!shown.contains('“') && !shown.contains("said"), "{shown}");

    let md = ok(d, &["export", "q"]);
    let blocks = blocks(&md);
    let quoted: Vec<&String> = blocks
        .iter()
        .filter(|(_, kind, _)| *kind == "quote")
        .map(|(_, _, t)| t)
        .collect();
    assert_eq!(
        quoted,
        [&format!("“{quote}”")],
        "only the quote is a quotation"
    );
    let paras: Vec<&String> = blocks
        .iter()
        .filter(|(_, kind, _)| *kind == "para")
        .map(|(_, _, t)| t)
        .collect();
    assert!(paras.contains(&&"Jerry Liu said:".to_string()), "{paras:?}");
    assert!(
        paras.contains(&&format!("Jerry Liu, paraphrased: {liu_gist}")),
        "{paras:?}"
    );
    assert!(
        paras.contains(&&format!("Meryem Arik, paraphrased: {arik_gist}")),
        "{paras:?}"
    );
    assert!(
        !md.contains(&format!("“{arik_gist}")) && !md.contains("Meryem Arik said"),
        "a gist is never presented as her words"
    );
}

fn finding<'a>(json: &'a serde_json::Value, theme: &str) -> &'a serde_json::Value {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["theme"]["id"] == theme)
        .unwrap_or_else(|| panic!("no finding for {theme}: {json}"))
}

#[test]
fn an_override_leaves_the_experts_class_and_shows_as_the_users_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["inv", "new", "bot"]);
    ok(
        d,
        &[
            "inv",
            "add",
            "bot",
            "kulkarni-rag-not-dead",
            "kulkarni-testing-agents",
            "bowne-anderson-failure-analysis",
        ],
    );
    // The experts: Kulkarni opposes "RAG is obsolete" (alone); Kulkarni and Bowne-Anderson
    // both support "evaluate each layer" (a consensus).
    let before = common::run_json(d, &["compare", "bot", "--json"]);
    assert_eq!(finding(&before, "rag-is-obsolete")["class"], "single_voice");
    assert_eq!(
        finding(&before, "evaluate-each-layer")["class"],
        "consensus"
    );
    assert_eq!(
        finding(&before, "evaluate-each-layer")["sides"][0]["by"],
        "corpus"
    );

    // The user reads both the other way.
    for (clip, theme, stance) in [
        ("kulkarni-rag-not-dead", "rag-is-obsolete", "supports"),
        ("kulkarni-testing-agents", "evaluate-each-layer", "opposes"),
    ] {
        ok(d, &["inv", "stance", "bot", clip, theme, stance]);
    }

    let after = common::run_json(d, &["compare", "bot", "--json"]);
    let obsolete = finding(&after, "rag-is-obsolete");
    assert_eq!(obsolete["class"], "single_voice", "{obsolete}");
    assert_eq!(obsolete["sides"].as_array().unwrap().len(), 1);
    assert_eq!(obsolete["sides"][0]["stance"], "opposes");
    assert_eq!(obsolete["sides"][0]["by"], "corpus");
    assert_eq!(obsolete["sides"][0]["voices"][0], "Ranjitha Kulkarni");
    assert_eq!(obsolete["your_readings"][0]["stance"], "supports");
    assert_eq!(obsolete["your_readings"][0]["by"], "user");
    assert_eq!(
        obsolete["your_readings"][0]["clips"][0],
        "kulkarni-rag-not-dead"
    );
    let layers = finding(&after, "evaluate-each-layer");
    assert_eq!(
        layers["class"], "consensus",
        "an override never splits the experts"
    );
    assert_eq!(layers["stance"], "supports");
    assert_eq!(layers["your_readings"][0]["stance"], "opposes");
    // The matrix keeps the expert's stance in the cell and the user's beside it.
    let m = &after["matrix"];
    let v = m["voices"]
        .as_array()
        .unwrap()
        .iter()
        .position(|v| v == "Ranjitha Kulkarni")
        .unwrap();
    let t = m["themes"]
        .as_array()
        .unwrap()
        .iter()
        .position(|t| t == "rag-is-obsolete")
        .unwrap();
    let cell = &m["cells"][v][t];
    assert_eq!(cell["stances"][0][0], "opposes", "{cell}");
    assert_eq!(cell["yours"][0][0], "supports", "{cell}");

    let human = ok(d, &["compare", "bot"]);
    let block: String = human
        .split("single voice")
        .find(|b| b.contains("made RAG obsolete"))
        .unwrap_or_else(|| panic!("{human}"))
        .to_string();
    assert!(block.contains("opposes: Ranjitha Kulkarni"), "{block}");
    assert!(
        block.contains("your reading: supports (of Ranjitha Kulkarni's clip(s)"),
        "{block}"
    );
    assert!(!block.contains("supports: Ranjitha Kulkarni"), "{block}");
    assert!(!human.contains("contested"), "{human}");

    // The brief: the experts' lines as they are, the user's marked as theirs.
    let md = ok(d, &["export", "bot"]);
    let blocks = blocks(&md);
    let items: Vec<(&str, &str)> = blocks
        .iter()
        .filter(|(_, kind, _)| *kind == "item")
        .map(|(h, _, t)| (h.as_str(), t.as_str()))
        .collect();
    let single: Vec<&str> = items
        .iter()
        .filter(|(h, _)| *h == "Single-voice claims")
        .map(|(_, t)| *t)
        .collect();
    assert!(
        single.contains(&"supports: Ranjitha Kulkarni, 29:30 (your reading)"),
        "{single:#?}"
    );
    assert!(
        single
            .iter()
            .any(|t| t.ends_with("— opposes: Ranjitha Kulkarni, 29:30")),
        "{single:#?}"
    );
    let agree: Vec<&str> = items
        .iter()
        .filter(|(h, _)| *h == "Where experts agree")
        .map(|(_, t)| *t)
        .collect();
    assert!(
        agree
            .iter()
            .any(|t| t.starts_with("opposes: Ranjitha Kulkarni") && t.ends_with("(your reading)")),
        "{agree:#?}"
    );
    assert!(
        !items.iter().any(|(h, _)| *h == "Where they disagree"),
        "no theme became contested: {items:#?}"
    );
    let evidence: Vec<&str> = items
        .iter()
        .filter(|(h, t)| *h == "Evidence" && t.starts_with("Stance:"))
        .map(|(_, t)| *t)
        .collect();
    assert_eq!(evidence.len(), 2, "{evidence:#?}");
    assert!(evidence.iter().all(|t| t.ends_with("(your reading)")));
    // Every line naming a stance the user set says it is theirs.
    for (h, t) in &items {
        if t.starts_with("supports: Ranjitha Kulkarni, 29:30") {
            assert!(t.ends_with("(your reading)"), "{h}: {t}");
        }
    }
}
