use super::*;
use crate::search::query::parse;
use std::collections::HashSet;

struct Vocab(HashSet<&'static str>);

impl Dictionary for Vocab {
    fn has_stem(&self, stem: &str) -> bool {
        self.0.contains(stem)
    }
    fn has_prefix(&self, prefix: &str) -> bool {
        self.0.iter().any(|w| w.starts_with(prefix))
    }
    fn closest(&self, word: &str, _: bool) -> Option<String> {
        (word == "finetunning").then(|| "finetuning".to_string())
    }
}

fn vocab() -> Vocab {
    Vocab(
        [
            "fine",
            "tune",
            "finetun",
            "finetuning",
            "cost",
            "host",
            "hosting",
            "model",
            "retriev",
            "fresh",
            "answer",
            "answers",
            "keep",
            "date",
            "up",
        ]
        .into_iter()
        .collect(),
    )
}

fn typed_units(p: &Plan) -> Vec<&str> {
    p.units.iter().map(|u| u.typed.as_str()).collect()
}

#[test]
fn stopwords_are_not_units_and_spaced_compounds_join() {
    let syn = Synonyms::default();
    let p = build(&parse("when should I fine tune "), &syn, &vocab());
    assert_eq!(typed_units(&p), ["fine tune"]);
    assert_eq!(p.units[0].alternatives[1].stems, ["finetun"]);
    let p = build(&parse("cost of hosting a model"), &syn, &vocab());
    assert_eq!(typed_units(&p), ["cost", "hosting", "model"]);
    assert_eq!(p.units[2].prefix.as_deref(), Some("model"));
}

#[test]
fn a_joined_word_also_matches_its_parts_in_order() {
    let syn = Synonyms::default();
    let p = build(&parse("finetune"), &syn, &vocab());
    assert_eq!(typed_units(&p), ["finetune"]);
    let alts: Vec<&[String]> = p.units[0]
        .alternatives
        .iter()
        .map(|a| a.stems.as_slice())
        .collect();
    assert_eq!(
        alts,
        [
            &["finetun".to_string()][..],
            &["fine".into(), "tune".into()]
        ]
    );
    // Not split: a word that is no two known words.
    for word in ["answers ", "hosting "] {
        let p = build(&parse(word), &syn, &vocab());
        assert_eq!(p.units[0].alternatives.len(), 1, "{word}");
    }
}

#[test]
fn typos_are_fixed_only_when_unknown_and_long() {
    let syn = Synonyms::default();
    let p = build(&parse("finetunning "), &syn, &vocab());
    assert_eq!(p.corrections, [("finetunning".into(), "finetuning".into())]);
    assert_eq!(p.units[0].alternatives[0].stems, ["finetun"]);
    let p = build(&parse("fine tune zzz "), &syn, &vocab());
    assert!(p.corrections.is_empty());
    assert_eq!(p.unmatched, ["zzz"]);
    assert_eq!(typed_units(&p), ["fine tune"]);
}

#[test]
fn a_misspelling_that_stems_right_is_still_named() {
    // "finetunning" stems to "finetun", as "finetuning" does: same results, but the
    // user is told the spelling; an ending ("tuned") is not a misspelling.
    let syn = Synonyms::default();
    let p = build(&parse("finetunning "), &syn, &vocab());
    assert_eq!(p.units[0].alternatives[0].stems, ["finetun"]);
    assert!(super::super::correct::differs_mid_word(
        "finetunning",
        "finetuning"
    ));
    assert!(!super::super::correct::differs_mid_word("tuned", "tune"));
}

#[test]
fn synonym_members_expand_below_what_was_typed() {
    let syn = Synonyms::new(&[vec!["up to date".into(), "fresh".into()]]);
    let p = build(&parse("keep answers up to date "), &syn, &vocab());
    let u = p.units.last().unwrap();
    assert_eq!(u.typed, "up to date");
    assert_eq!(u.alternatives[1].stems, ["fresh"]);
    assert!(u.alternatives[1].weight < u.alternatives[0].weight);
}

#[test]
fn only_stopwords_are_the_query() {
    let p = build(
        &parse("of the "),
        &Synonyms::default(),
        &Vocab(["of", "the"].into()),
    );
    assert_eq!(typed_units(&p), ["of", "the"]);
}

#[test]
fn surface_forms_come_from_the_text() {
    let texts = vec!["Why Fine-Tuning helps".to_string()];
    assert_eq!(
        surface_in("finetuning", &texts).as_deref(),
        Some("fine-tuning")
    );
}
