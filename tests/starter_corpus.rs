//! The built-in corpus: valid, big enough, and every timed clip traceable to a moment a
//! seed document states.

use dossier::corpus;
use dossier::model::{ClipSpan, format_time};
use std::collections::{BTreeSet, HashMap};

#[test]
fn the_embedded_corpus_is_valid_and_complete() {
    let (c, _) = corpus::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(c.pages.len() >= 4, "pages: {}", c.pages.len());
    assert!(c.clips.len() >= 25, "clips: {}", c.clips.len());
    assert!(c.voices.len() >= 8, "voices: {}", c.voices.len());
    assert!(c.themes.len() >= 10, "themes: {}", c.themes.len());

    let clips_of = |page: &str| {
        c.clips
            .iter()
            .filter(|clip| clip.pages.iter().any(|p| p.as_str() == page))
            .count()
    };
    assert!(clips_of("rag-vs-fine-tuning") >= 12);
    for page in &c.pages {
        assert!(
            page.canonical_clip.is_some(),
            "{} has a canonical clip",
            page.id
        );
        assert!(
            clips_of(page.id.as_str()) >= 2,
            "{} has at least 2 clips",
            page.id
        );
        let canonical = page.canonical_clip.as_ref().unwrap();
        let clip = c.clips.iter().find(|cl| &cl.id == canonical).unwrap();
        assert!(
            clip.pages.contains(&page.id),
            "{}'s canonical clip informs it",
            page.id
        );
    }
    for theme in &c.themes {
        assert!(
            c.clips
                .iter()
                .any(|clip| clip.stances.iter().any(|s| s.theme == theme.id)),
            "theme {} has a clip",
            theme.id
        );
    }
    for source in &c.sources {
        assert!(
            source
                .provenance
                .as_deref()
                .is_some_and(|p| p.starts_with("seeds/")),
            "{} names its seed",
            source.id
        );
    }
    for voice in &c.voices {
        assert!(voice.provenance.is_some(), "{} names its seed", voice.id);
    }
}

#[test]
fn every_timed_clip_is_a_moment_the_seeds_state_and_every_moment_has_a_clip() {
    let (c, _) = corpus::embedded().unwrap();
    let fixture = include_str!("fixtures/seed_moments.tsv");
    let rows: BTreeSet<(String, String, String, String)> = fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("voice\t") && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].to_string(),
                f[3].to_string(),
                f[1].to_string(),
                f[2].to_string(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 24);
    let voices: HashMap<&str, &str> = c
        .voices
        .iter()
        .map(|v| (v.id.as_str(), v.name.as_str()))
        .collect();
    let mut seen = BTreeSet::new();
    for clip in &c.clips {
        let ClipSpan::Timed { start, end } = &clip.span else {
            continue;
        };
        let row = (
            voices[clip.voice.as_str()].to_string(),
            clip.source.0.clone(),
            format_time(*start),
            end.map(format_time).unwrap_or_default(),
        );
        assert!(
            rows.contains(&row),
            "clip {} is not a stated moment: {row:?}",
            clip.id
        );
        assert!(
            seen.insert(row.clone()),
            "two clips for one moment: {row:?}"
        );
    }
    let missing: Vec<_> = rows.difference(&seen).collect();
    assert!(missing.is_empty(), "moments without a clip: {missing:?}");
}

#[test]
fn the_corpus_shares_no_sentences_with_the_seeds() {
    let tool =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/seed-overlap");
    if !tool.exists() {
        eprintln!("seed-overlap not found beside the repository; skipped");
        return;
    }
    let out = std::process::Command::new(&tool)
        .arg("corpus")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("seed-overlap runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
