//! Issue 17 item 7: a truth fixture that checks meaning, not only times. Every built-in
//! clip names the seed file it was written from and the seed's own words it rests on, and
//! every stance a clip takes names the words that support it (tests/fixtures/truth.toml).
//!
//! The first test runs everywhere (a clean clone has no seeds): the fixture is complete
//! and current against the corpus, and its excerpts stay out of the shipped corpus. The
//! second checks each excerpt really occurs in its seed, when the seeds are at hand.

use dossier::corpus;
use dossier::model::{ClipSpan, format_time};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    clip: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    /// A file name in the seeds folder, e.g. `003_10e354507ab1851c.txt`.
    seed: String,
    excerpts: Vec<String>,
    #[serde(default)]
    stances: BTreeMap<String, StanceEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StanceEntry {
    stance: String,
    excerpts: Vec<String>,
}

/// Longest excerpt allowed: the fixture keeps short passages, not the seeds.
const MAX_EXCERPT: usize = 320;

fn fixture() -> Fixture {
    toml::from_str(include_str!("fixtures/truth.toml"))
        .unwrap_or_else(|e| panic!("tests/fixtures/truth.toml: {e}"))
}

/// Case and runs of whitespace are the only differences matching ignores.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Entry {
    fn all_excerpts(&self) -> impl Iterator<Item = (String, &str)> {
        let own = self
            .excerpts
            .iter()
            .map(|e| ("clip".to_string(), e.as_str()));
        let stances = self.stances.iter().flat_map(|(theme, s)| {
            s.excerpts
                .iter()
                .map(move |e| (format!("stance on {theme}"), e.as_str()))
        });
        own.chain(stances)
    }
}

#[test]
fn every_clip_and_stance_names_the_seed_words_it_rests_on() {
    let (c, _) = corpus::embedded().unwrap_or_else(|e| panic!("{e}"));
    let fx = fixture();

    let mut entries: BTreeMap<&str, &Entry> = BTreeMap::new();
    for e in &fx.clip {
        assert!(
            entries.insert(e.id.as_str(), e).is_none(),
            "truth.toml lists {} twice",
            e.id
        );
    }
    let clip_ids: BTreeSet<&str> = c.clips.iter().map(|cl| cl.id.as_str()).collect();
    for id in entries.keys() {
        assert!(
            clip_ids.contains(id),
            "truth.toml names clip {id}, which is not in the corpus"
        );
    }

    let mut stances = 0;
    for clip in &c.clips {
        let id = clip.id.as_str();
        let e = entries
            .get(id)
            .unwrap_or_else(|| panic!("clip {id} has no entry in tests/fixtures/truth.toml"));

        // The seed named is the one the clip's source cites.
        let source = c
            .sources
            .iter()
            .find(|s| s.id == clip.source)
            .unwrap_or_else(|| panic!("{id}'s source"));
        assert!(!e.seed.trim().is_empty(), "{id} names its seed file");
        assert_eq!(
            source.provenance.as_deref(),
            Some(format!("seeds/{}", e.seed).as_str()),
            "{id}: truth.toml's seed is not the seed its source {} cites",
            source.id
        );

        assert!(
            !e.excerpts.is_empty(),
            "{id} quotes the seed words it rests on"
        );
        for (what, excerpt) in e.all_excerpts() {
            let words = excerpt.split_whitespace().count();
            assert!(
                words >= 3,
                "{id} ({what}): an excerpt of {words} word(s) shows nothing: {excerpt:?}"
            );
            assert!(
                excerpt.chars().count() <= MAX_EXCERPT,
                "{id} ({what}): keep excerpts short (at most {MAX_EXCERPT} characters): {excerpt:?}"
            );
        }

        // The same stances, one for one, each as the corpus takes it.
        let corpus_themes: BTreeSet<&str> = clip.stances.iter().map(|s| s.theme.as_str()).collect();
        for theme in e.stances.keys() {
            assert!(
                corpus_themes.contains(theme.as_str()),
                "truth.toml gives {id} a stance on {theme}, which the corpus no longer has"
            );
        }
        for s in &clip.stances {
            let theme = s.theme.as_str();
            let entry = e
                .stances
                .get(theme)
                .unwrap_or_else(|| panic!("{id}'s stance on {theme} has no entry in truth.toml"));
            assert_eq!(
                entry.stance,
                s.stance.as_str(),
                "{id} on {theme}: the corpus's stance changed; check the seed words still \
                 support it and update truth.toml"
            );
            assert!(
                !entry.excerpts.is_empty(),
                "{id}'s stance on {theme} quotes the seed words that support it"
            );
            stances += 1;
        }

        // A timed clip's words are tied to its moment: some excerpt gives its start time.
        if let ClipSpan::Timed { start, .. } = &clip.span {
            let at = format_time(*start);
            assert!(
                e.all_excerpts().any(|(_, x)| x.contains(&at)),
                "{id} starts at {at}, but none of its excerpts gives that time"
            );
        }
    }
    assert_eq!(entries.len(), c.clips.len());
    assert!(stances > 0);
    println!(
        "truth.toml covers {} clips and {stances} stances",
        c.clips.len()
    );
}

/// The excerpts are the seed's words, not ours: they stay in the test fixture and never
/// reach the shipped corpus. A clip's `quote` is a quotation by design, and titles and
/// section headings are facts, so those lines are left out of the comparison.
#[test]
fn no_excerpt_is_shipped_in_the_corpus() {
    let fact_line = |l: &str| {
        let key = l.trim_start().split('=').next().unwrap_or("").trim();
        matches!(key, "quote" | "title" | "section" | "chapter" | "show")
    };
    let shipped: Vec<(String, String)> = corpus::embedded_files()
        .into_iter()
        .filter_map(|f| {
            let bytes = f.bytes.ok()?;
            let text = String::from_utf8_lossy(&bytes)
                .lines()
                .filter(|l| !fact_line(l))
                .collect::<Vec<_>>()
                .join("\n");
            Some((f.path, normalise(&text)))
        })
        .collect();
    assert!(!shipped.is_empty());
    for e in fixture().clip {
        for (what, excerpt) in e.all_excerpts() {
            let needle = normalise(excerpt);
            for (path, text) in &shipped {
                assert!(
                    !text.contains(&needle),
                    "{path} ships the seed words truth.toml keeps for {} ({what}): {excerpt:?}",
                    e.id
                );
            }
        }
    }
}

/// The seeds folder: `$DOSSIER_SEEDS`, else `../shared/seeds` beside the repository,
/// else `/work/shared/seeds`. `None` when none exists (a clean clone).
fn seeds_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOSSIER_SEEDS") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.is_dir(),
            "DOSSIER_SEEDS is set to {}, which is not a folder",
            dir.display()
        );
        return Some(dir);
    }
    [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"),
        PathBuf::from("/work/shared/seeds"),
    ]
    .into_iter()
    .find(|d| d.is_dir())
}

#[test]
fn every_excerpt_occurs_in_its_seed() {
    let Some(dir) = seeds_dir() else {
        eprintln!(
            "seed documents not found (set DOSSIER_SEEDS, or put them at ../shared/seeds); \
             skipped checking truth.toml's excerpts against them"
        );
        return;
    };
    let mut seeds: BTreeMap<String, String> = BTreeMap::new();
    let mut checked = 0;
    for e in fixture().clip {
        let text = seeds.entry(e.seed.clone()).or_insert_with(|| {
            let path = dir.join(&e.seed);
            let raw = std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("{}: seed {}: {err}", e.id, path.display()));
            normalise(&raw)
        });
        for (what, excerpt) in e.all_excerpts() {
            assert!(
                text.contains(&normalise(excerpt)),
                "{} ({what}): not in seed {}: {excerpt:?}",
                e.id,
                e.seed
            );
            checked += 1;
        }
    }
    println!(
        "{checked} excerpts found in their seeds ({})",
        dir.display()
    );
}
