//! Classes, the matrix and side by side on hand-made evidence.

use super::*;
use crate::model::{ThemeId, ThemeKind};

fn theme(id: &str) -> Theme {
    Theme {
        id: ThemeId::new(id),
        claim: format!("claim {id}"),
        kind: ThemeKind::Debate,
    }
}

fn ev(clip: &str, voice: &str, source: &str, clarity: u8, stances: &[(&str, Stance)]) -> Evidence {
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

#[test]
fn compare_lists_contested_themes_first_and_voices_with_stances_first() {
    use Stance::*;
    let themes = [
        theme("quiet"),
        theme("alone"),
        theme("agree"),
        theme("fight"),
    ];
    let evidence = [
        ev("c0", "Aaron", "s0", 50, &[]),
        ev(
            "c1",
            "Zed",
            "s1",
            80,
            &[("agree", Supports), ("fight", Supports)],
        ),
        ev(
            "c2",
            "Bob",
            "s2",
            60,
            &[("agree", Supports), ("fight", Opposes)],
        ),
        ev("c3", "Bob", "s2", 60, &[("alone", Nuanced)]),
    ];
    let c = compare(&themes, &evidence);
    let order: Vec<(&str, ThemeClass)> = c
        .findings
        .iter()
        .map(|f| (f.theme.id.as_str(), f.class))
        .collect();
    assert_eq!(
        order,
        [
            ("fight", ThemeClass::Contested),
            ("agree", ThemeClass::Consensus),
            ("alone", ThemeClass::SingleVoice),
            ("quiet", ThemeClass::NoEvidence),
        ]
    );
    assert_eq!(c.matrix.themes, ["fight", "agree", "alone", "quiet"]);
    // Bob speaks to three themes, Zed to two, Aaron to none.
    assert_eq!(c.matrix.voices, ["Bob", "Zed", "Aaron"]);
    assert_eq!(c.matrix.cells[0][0].stances[0].0, Opposes, "Bob on fight");
}
