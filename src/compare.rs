//! Where voices agree and disagree: pure functions over clips' stances on themes.
//!
//! Every stance carries whose reading it is (`StanceBy`). A theme is classed from the
//! corpus's stances only (the curator's reading of what the experts said); the user's
//! readings (overrides in an investigation, stances on clips they added) are kept beside
//! it, never mixed in: an override never silently replaces what an expert said.

use crate::model::{ClipId, Stance, StanceBy, Theme};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One clip's evidence: who said it, where, how clearly, and the stances read into it.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub clip: ClipId,
    pub voice_id: String,
    pub voice: String,
    pub source_id: String,
    pub clarity: Option<u8>,
    /// `(theme, stance, whose reading)`. A clip may carry both the corpus's and the user's
    /// reading of one theme.
    pub stances: Vec<(String, Stance, StanceBy)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeClass {
    /// Two or more distinct voices, all taking one stance.
    Consensus,
    /// Voices on opposite sides (supports and opposes).
    Contested,
    /// Only one voice takes a stance.
    SingleVoice,
    /// No clip takes a stance.
    NoEvidence,
}

impl ThemeClass {
    /// The classes in the order a comparison lists them: where voices disagree first.
    pub const ORDER: [ThemeClass; 4] = [
        ThemeClass::Contested,
        ThemeClass::Consensus,
        ThemeClass::SingleVoice,
        ThemeClass::NoEvidence,
    ];

    /// The one name of the class, on every screen and in the CLI (`--json` writes the
    /// same words in snake case).
    pub fn label(self) -> &'static str {
        match self {
            ThemeClass::Consensus => "consensus",
            ThemeClass::Contested => "contested",
            ThemeClass::SingleVoice => "single voice",
            ThemeClass::NoEvidence => "no evidence",
        }
    }
}

/// The voices (names, sorted) behind one stance on a theme, with their clips, and whose
/// reading it is: the corpus's (the experts' stances) or the user's.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub stance: Stance,
    pub by: StanceBy,
    pub voices: Vec<String>,
    pub clips: Vec<ClipId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ThemeFinding {
    pub theme: Theme,
    pub class: ThemeClass,
    /// For consensus: the stance everyone takes.
    pub stance: Option<Stance>,
    /// The experts' sides (the corpus's stances): what the class is computed from.
    pub sides: Vec<Side>,
    /// The user's readings of clips on this theme, by stance: shown beside the experts'
    /// sides, never counted in the class.
    pub your_readings: Vec<Side>,
    pub distinct_voices: usize,
    pub distinct_sources: usize,
    pub mean_clarity: Option<f32>,
}

/// Classifies each theme by the stances the evidence takes on it. Deterministic: sides are
/// ordered supports, opposes, nuanced; voices and clips sorted.
///
/// Two or more voices that all take one stance are a consensus; any supports against
/// opposes is contested; two or more voices mixing one side with "nuanced" count as a
/// consensus on that side when nobody opposes it, since a nuanced stance qualifies a claim
/// rather than rejecting it.
pub fn classify(themes: &[Theme], evidence: &[Evidence]) -> Vec<ThemeFinding> {
    themes
        .iter()
        .map(|theme| {
            let mut by_stance: BTreeMap<Stance, (BTreeSet<String>, BTreeSet<ClipId>)> =
                BTreeMap::new();
            let mut yours: BTreeMap<Stance, (BTreeSet<String>, BTreeSet<ClipId>)> = BTreeMap::new();
            let mut voices = BTreeSet::new();
            let mut sources = BTreeSet::new();
            let mut clarity = Vec::new();
            for e in evidence {
                for (t, stance, by) in &e.stances {
                    if t != theme.id.as_str() {
                        continue;
                    }
                    if *by == StanceBy::User {
                        let side = yours.entry(*stance).or_default();
                        side.0.insert(e.voice.clone());
                        side.1.insert(e.clip.clone());
                        continue;
                    }
                    let side = by_stance.entry(*stance).or_default();
                    side.0.insert(e.voice.clone());
                    side.1.insert(e.clip.clone());
                    voices.insert(e.voice_id.clone());
                    sources.insert(e.source_id.clone());
                    clarity.extend(e.clarity.map(f32::from));
                }
            }
            let has = |s: Stance| by_stance.contains_key(&s);
            let (class, stance) = if voices.is_empty() {
                (ThemeClass::NoEvidence, None)
            } else if has(Stance::Supports) && has(Stance::Opposes) {
                (ThemeClass::Contested, None)
            } else if voices.len() == 1 {
                (ThemeClass::SingleVoice, by_stance.keys().next().copied())
            } else {
                let side = [Stance::Supports, Stance::Opposes]
                    .into_iter()
                    .find(|s| has(*s))
                    .unwrap_or(Stance::Nuanced);
                (ThemeClass::Consensus, Some(side))
            };
            ThemeFinding {
                theme: theme.clone(),
                class,
                stance,
                sides: sides(by_stance, StanceBy::Corpus),
                your_readings: sides(yours, StanceBy::User),
                distinct_voices: voices.len(),
                distinct_sources: sources.len(),
                mean_clarity: (!clarity.is_empty())
                    .then(|| clarity.iter().sum::<f32>() / clarity.len() as f32),
            }
        })
        .collect()
}

fn sides(
    by_stance: BTreeMap<Stance, (BTreeSet<String>, BTreeSet<ClipId>)>,
    by: StanceBy,
) -> Vec<Side> {
    by_stance
        .into_iter()
        .map(|(stance, (voices, clips))| Side {
            stance,
            by,
            voices: voices.into_iter().collect(),
            clips: clips.into_iter().collect(),
        })
        .collect()
}

/// What one voice says on one theme: each stance the corpus reads in its clips, with the
/// clips; and, apart, the user's readings of the same clips.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub stances: Vec<(Stance, Vec<ClipId>)>,
    pub yours: Vec<(Stance, Vec<ClipId>)>,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.stances.is_empty() && self.yours.is_empty()
    }
}

/// Voices by themes: `cells[v][t]` is what voice `v` says on theme `t`.
#[derive(Clone, Debug, Serialize)]
pub struct Matrix {
    pub voices: Vec<String>,
    pub themes: Vec<String>,
    pub cells: Vec<Vec<Cell>>,
}

/// The whole comparison: each theme classed, and the matrix behind it.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub findings: Vec<ThemeFinding>,
    pub matrix: Matrix,
}

/// Compares: themes grouped by class in [`ThemeClass::ORDER`] (contested first), keeping
/// their order within a class; the matrix's themes in the same order as the findings.
pub fn compare(themes: &[Theme], evidence: &[Evidence]) -> Comparison {
    let mut findings = classify(themes, evidence);
    findings.sort_by_key(|f| ThemeClass::ORDER.iter().position(|c| *c == f.class));
    let ordered: Vec<Theme> = findings.iter().map(|f| f.theme.clone()).collect();
    Comparison {
        matrix: matrix(&ordered, evidence),
        findings,
    }
}

/// Builds the voices-by-themes matrix; themes keep their order. Voices that take stances
/// come first, most themes first (the experts' stances, then the user's readings of their
/// clips), then by name.
pub fn matrix(themes: &[Theme], evidence: &[Evidence]) -> Matrix {
    let mut voices: Vec<String> = evidence
        .iter()
        .map(|e| e.voice.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Which themes each voice speaks to, the experts' and the user's apart: one pass
    // over the evidence (a large investigation has a thousand voices).
    let theme_index: HashMap<&str, usize> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut spoken: HashMap<&str, [BTreeSet<usize>; 2]> = HashMap::new();
    for e in evidence {
        for (theme, _, by) in &e.stances {
            if let Some(&t) = theme_index.get(theme.as_str()) {
                let whose = usize::from(*by == StanceBy::User);
                spoken.entry(e.voice.as_str()).or_default()[whose].insert(t);
            }
        }
    }
    let count = |voice: &str, whose: usize| spoken.get(voice).map_or(0, |s| s[whose].len());
    voices.sort_by_cached_key(|v| {
        (
            std::cmp::Reverse(count(v, 0)),
            std::cmp::Reverse(count(v, 1)),
            v.clone(),
        )
    });
    let voice_index: HashMap<&str, usize> = voices
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect();
    let mut cells = vec![vec![Cell::default(); themes.len()]; voices.len()];
    for e in evidence {
        let Some(&v) = voice_index.get(e.voice.as_str()) else {
            continue;
        };
        for (theme, stance, by) in &e.stances {
            let Some(&t) = theme_index.get(theme.as_str()) else {
                continue;
            };
            let cell = &mut cells[v][t];
            let list = match by {
                StanceBy::Corpus => &mut cell.stances,
                StanceBy::User => &mut cell.yours,
            };
            match list.iter_mut().find(|(s, _)| s == stance) {
                Some((_, clips)) => clips.push(e.clip.clone()),
                None => list.push((*stance, vec![e.clip.clone()])),
            }
        }
    }
    for row in &mut cells {
        for cell in row {
            for list in [&mut cell.stances, &mut cell.yours] {
                list.sort_by_key(|(s, _)| *s);
                for (_, clips) in list.iter_mut() {
                    clips.sort();
                }
            }
        }
    }
    Matrix {
        voices,
        themes: themes.iter().map(|t| t.id.0.clone()).collect(),
        cells,
    }
}

/// Two voices aligned theme by theme: `(theme, what a says, what b says)`, for every theme
/// at least one of them speaks to.
pub fn side_by_side<'m>(
    m: &'m Matrix,
    a: &str,
    b: &str,
) -> Option<Vec<(&'m str, &'m Cell, &'m Cell)>> {
    let ia = m.voices.iter().position(|v| v == a)?;
    let ib = m.voices.iter().position(|v| v == b)?;
    Some(
        m.themes
            .iter()
            .enumerate()
            .filter(|(t, _)| !m.cells[ia][*t].is_empty() || !m.cells[ib][*t].is_empty())
            .map(|(t, theme)| (theme.as_str(), &m.cells[ia][t], &m.cells[ib][t]))
            .collect(),
    )
}

#[cfg(test)]
mod tests;
