//! Where voices agree and disagree: pure functions over clips' stances on themes.
//!
//! Every stance carries whose reading it is (`StanceBy`). A theme is classed from the
//! corpus's stances only (the curator's reading of what the experts said); the user's
//! readings (overrides in an investigation, stances on clips they added) are kept beside
//! it, never mixed in: an override never silently replaces what an expert said.

use crate::model::{ClipId, Stance, StanceBy, Theme};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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

pub fn compare(themes: &[Theme], evidence: &[Evidence]) -> Comparison {
    Comparison {
        findings: classify(themes, evidence),
        matrix: matrix(themes, evidence),
    }
}

/// Builds the voices-by-themes matrix. Voices are sorted by name; themes keep their order.
pub fn matrix(themes: &[Theme], evidence: &[Evidence]) -> Matrix {
    let voices: Vec<String> = evidence
        .iter()
        .map(|e| e.voice.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut cells = vec![vec![Cell::default(); themes.len()]; voices.len()];
    for e in evidence {
        let Ok(v) = voices.binary_search(&e.voice) else {
            continue;
        };
        for (theme, stance, by) in &e.stances {
            let Some(t) = themes.iter().position(|th| th.id.as_str() == theme) else {
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
mod tests {
    use super::*;
    use crate::model::{ThemeId, ThemeKind};

    fn theme(id: &str) -> Theme {
        Theme {
            id: ThemeId::new(id),
            claim: format!("claim {id}"),
            kind: ThemeKind::Debate,
        }
    }

    fn ev(
        clip: &str,
        voice: &str,
        source: &str,
        clarity: u8,
        stances: &[(&str, Stance)],
    ) -> Evidence {
        Evidence {
            clip: ClipId::new(clip),
            voice_id: voice.to_lowercase(),
            voice: voice.into(),
            source_id: source.into(),
            clarity: Some(clarity),
            stances: stances
                .iter()
                .map(|(t, s)| (t.to_string(), *s, StanceBy::Corpus))
                .collect(),
        }
    }

    #[test]
    fn classes_on_hand_made_evidence() {
        use Stance::*;
        let themes = [
            theme("agree"),
            theme("fight"),
            theme("alone"),
            theme("empty"),
            theme("qualified"),
        ];
        let evidence = [
            ev(
                "c1",
                "Ann",
                "s1",
                80,
                &[
                    ("agree", Supports),
                    ("fight", Supports),
                    ("alone", Opposes),
                    ("qualified", Supports),
                ],
            ),
            ev(
                "c2",
                "Bob",
                "s2",
                60,
                &[
                    ("agree", Supports),
                    ("fight", Opposes),
                    ("qualified", Nuanced),
                ],
            ),
            ev("c3", "Ann", "s1", 40, &[("alone", Opposes)]),
        ];
        let f = classify(&themes, &evidence);
        assert_eq!(f[0].class, ThemeClass::Consensus);
        assert_eq!(f[0].stance, Some(Supports));
        assert_eq!((f[0].distinct_voices, f[0].distinct_sources), (2, 2));
        assert_eq!(f[0].mean_clarity, Some(70.0));
        assert_eq!(f[1].class, ThemeClass::Contested);
        assert_eq!(f[1].sides.len(), 2);
        assert_eq!(f[2].class, ThemeClass::SingleVoice, "one voice, two clips");
        assert_eq!(f[2].sides[0].clips.len(), 2);
        assert_eq!(f[3].class, ThemeClass::NoEvidence);
        assert_eq!(f[3].mean_clarity, None);
        assert_eq!(f[4].class, ThemeClass::Consensus);
        assert_eq!(f[4].stance, Some(Supports));

        let m = matrix(&themes, &evidence);
        assert_eq!(m.voices, ["Ann", "Bob"]);
        assert_eq!(
            m.cells[0][2].stances,
            vec![(Opposes, vec![ClipId::new("c1"), ClipId::new("c3")])]
        );
        let pairs = side_by_side(&m, "Ann", "Bob").unwrap();
        assert_eq!(pairs.len(), 4, "every theme but the empty one");
        assert_eq!(pairs[1].0, "fight");
        assert_eq!(pairs[1].2.stances[0].0, Opposes);
        assert!(side_by_side(&m, "Ann", "Nobody").is_none());
    }

    #[test]
    fn the_users_reading_sits_beside_the_experts_and_never_moves_the_class() {
        use Stance::*;
        let themes = [theme("obsolete"), theme("mine-only")];
        let mut ann = ev("c1", "Ann", "s1", 80, &[("obsolete", Opposes)]);
        // The user reads Ann's clip the other way, and reads a theme she never spoke to.
        ann.stances
            .push(("obsolete".into(), Supports, StanceBy::User));
        ann.stances
            .push(("mine-only".into(), Nuanced, StanceBy::User));
        let bob = ev("c2", "Bob", "s2", 60, &[("obsolete", Opposes)]);
        let f = classify(&themes, &[ann.clone(), bob.clone()]);
        assert_eq!(f[0].class, ThemeClass::Consensus, "the experts agree");
        assert_eq!(f[0].stance, Some(Opposes));
        assert_eq!(f[0].sides.len(), 1);
        assert_eq!(f[0].sides[0].by, StanceBy::Corpus);
        assert_eq!(f[0].your_readings.len(), 1);
        assert_eq!(f[0].your_readings[0].stance, Supports);
        assert_eq!(f[0].your_readings[0].by, StanceBy::User);
        assert_eq!(f[0].your_readings[0].clips, [ClipId::new("c1")]);
        assert_eq!(f[1].class, ThemeClass::NoEvidence, "no expert speaks to it");
        assert_eq!(f[1].your_readings[0].stance, Nuanced);

        let m = matrix(&themes, &[ann, bob]);
        assert_eq!(
            m.cells[0][0].stances,
            vec![(Opposes, vec![ClipId::new("c1")])]
        );
        assert_eq!(
            m.cells[0][0].yours,
            vec![(Supports, vec![ClipId::new("c1")])]
        );
        assert!(m.cells[1][1].is_empty());
        assert!(!m.cells[0][1].is_empty(), "a cell with only your reading");
    }
}
