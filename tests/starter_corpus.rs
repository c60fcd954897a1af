//! The built-in corpus: valid, big enough, and every timed clip traceable to a moment a
//! seed document states.

mod common;

use dossier::corpus;
use dossier::model::{ClipSpan, format_time};
use std::collections::{BTreeSet, HashMap};

#[test]
fn the_embedded_corpus_is_valid_and_complete() {
    let (c, _) = corpus::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(c.pages.len() >= 4, "pages: {}", c.pages.len());
    assert!(c.clips.len() >= 40, "clips: {}", c.clips.len());
    assert!(c.voices.len() >= 8, "voices: {}", c.voices.len());
    assert!(c.themes.len() >= 10, "themes: {}", c.themes.len());
    for clip in &c.clips {
        for s in &clip.stances {
            assert!(
                s.why.as_deref().is_some_and(|w| w.len() > 20),
                "the stance of {} on {} gives its reason",
                clip.id,
                s.theme
            );
        }
    }

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

/// `(start, end)` in seconds; a point moment ends where it starts.
fn bounds(start: u32, end: Option<u32>) -> (u32, u32) {
    (start, end.unwrap_or(start))
}

#[test]
fn every_timed_clip_is_a_moment_the_seeds_state_and_every_moment_has_a_clip() {
    let (c, _) = corpus::embedded().unwrap();
    let fixture = include_str!("fixtures/seed_moments.tsv");
    let rows: Vec<Vec<&str>> = fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("voice\t") && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 24);
    let moments: BTreeSet<(String, String, String, String)> = rows
        .iter()
        .map(|f| {
            (
                f[0].to_string(),
                f[3].to_string(),
                f[1].to_string(),
                f[2].to_string(),
            )
        })
        .collect();
    assert_eq!(moments.len(), 24, "no moment listed twice");
    let voices: HashMap<&str, &str> = c
        .voices
        .iter()
        .map(|v| (v.id.as_str(), v.name.as_str()))
        .collect();
    let parse = |t: &str| dossier::corpus::parse_time(t).unwrap();

    // Every timed clip sits exactly on a moment a seed states: no invented time.
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
            moments.contains(&row),
            "clip {} is not a stated moment: {row:?}",
            clip.id
        );
        assert!(
            seen.insert(row.clone()),
            "two clips for one moment: {row:?}"
        );
    }

    // Every moment has a clip by the same voice in the same episode, whose span is the
    // moment or, for a claim the seed cites with overlapping ranges, nested with it.
    for f in &rows {
        let clip = c
            .clips
            .iter()
            .find(|cl| cl.id.as_str() == f[4])
            .unwrap_or_else(|| {
                panic!(
                    "moment {f:?} names clip {}, which is not in the corpus",
                    f[4]
                )
            });
        assert_eq!(voices[clip.voice.as_str()], f[0], "{f:?}");
        assert_eq!(clip.source.as_str(), f[3], "{f:?}");
        let ClipSpan::Timed { start, end } = &clip.span else {
            panic!("{} carries a moment but has no time", clip.id);
        };
        let (cs, ce) = bounds(*start, *end);
        let (ms, me) = bounds(parse(f[1]), (!f[2].is_empty()).then(|| parse(f[2])));
        let inside = ms <= cs && ce <= me;
        let contains = cs <= ms && me <= ce;
        assert!(
            inside || contains,
            "{} ({}) and the moment {f:?} do not nest",
            clip.id,
            clip.span.label()
        );
    }
}

/// A theme's kind matches what the built-in stances show: voices on both sides make it a
/// debate, and an agreement has nobody against it.
#[test]
fn theme_kinds_match_the_stances() {
    use dossier::model::{Stance, ThemeKind};
    let (c, _) = corpus::embedded().unwrap();
    for theme in &c.themes {
        let voices_with = |stance: Stance| -> BTreeSet<&str> {
            c.clips
                .iter()
                .filter(|cl| {
                    cl.stances
                        .iter()
                        .any(|s| s.theme == theme.id && s.stance == stance)
                })
                .map(|cl| cl.voice.as_str())
                .collect()
        };
        let (pro, con) = (voices_with(Stance::Supports), voices_with(Stance::Opposes));
        match theme.kind {
            ThemeKind::Agreement => assert!(
                con.is_empty(),
                "agreement {} has voices against it: {con:?}",
                theme.id
            ),
            ThemeKind::Debate => assert!(
                !con.is_empty(),
                "debate {} has nobody arguing against it",
                theme.id
            ),
        }
        if !pro.is_empty() && !con.is_empty() {
            assert_eq!(theme.kind, ThemeKind::Debate, "{} is contested", theme.id);
        }
    }
}

/// Issue 17: the RAG vs fine-tuning page shows real disagreement, with named voices on
/// both sides of at least two themes.
#[test]
fn the_rag_vs_fine_tuning_page_has_two_contested_themes_with_voices_on_each_side() {
    use dossier::compare::ThemeClass;
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open(tmp.path());
    let page = lib.page("rag-vs-fine-tuning").unwrap();
    let contested: Vec<_> = page
        .findings
        .iter()
        .filter(|f| f.class == ThemeClass::Contested)
        .collect();
    let ids: Vec<&str> = contested.iter().map(|f| f.theme.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "fine-tuning-carries-knowledge",
            "fine-tuning-lowers-hallucination-risk"
        ]
    );
    for f in contested {
        for stance in ["supports", "opposes"] {
            assert!(
                f.sides
                    .iter()
                    .any(|s| s.stance.as_str() == stance && !s.voices.is_empty()),
                "{} has a voice that {stance}",
                f.theme.id
            );
        }
    }
    let canonical = page.canonical.expect("a canonical clip");
    assert_eq!(canonical.clip.as_str(), "liu-naive-rag-blockers");
    assert_eq!(
        (
            canonical.time_range.as_str(),
            canonical.clarity,
            canonical.clarity_band
        ),
        ("2:56", Some(50), Some("weak"))
    );
    assert_eq!(
        canonical.chapter.as_deref(),
        Some("End-to-end RAG architecture")
    );
    assert!(canonical.lead_in.is_some() && canonical.why.is_some());
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

/// The hash build.rs computes is the one the files give: a notebook compares the stored
/// hash with it on every start, and syncs the built-in corpus when they differ.
#[test]
fn the_build_time_hash_is_the_corpus_content_hash() {
    let (_, hash) = dossier::corpus::embedded().unwrap();
    assert_eq!(dossier::corpus::EMBEDDED_HASH, hash);
}
