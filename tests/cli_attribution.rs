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
