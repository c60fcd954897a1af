//! Whose stance (issue 15) on the compare screen: the user's reading beside the experts',
//! marked as theirs, never counted in the theme's class. Headless app over a real library.

mod common;

use dossier::compare::ThemeClass;
use dossier::model::{ClipId, Stance};
use dossier::tui::app::Screen;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc, Left, Right, Tab};

fn snap(name: &str, h: &Headless) {
    let mut screen = h.render();
    for inv in h.lib.investigations().unwrap() {
        screen = screen.replace(&inv.updated_at[..10], "YYYY-MM-DD");
    }
    assert!(!screen.contains('\u{1b}'));
    insta::assert_snapshot!(format!("{name}_{}x{}", h.app.width, h.app.height), screen);
}

#[test]
fn compare_shows_the_users_reading_beside_the_experts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    lib.create_investigation("Support bot", None).unwrap();
    let clips = [
        "kulkarni-rag-not-dead",
        "kulkarni-testing-agents",
        "bowne-anderson-failure-analysis",
    ];
    let ids: Vec<ClipId> = clips.iter().map(|c| ClipId::new(*c)).collect();
    lib.add_to_investigation("Support bot", &ids, None).unwrap();
    lib.set_investigation_stance(
        "Support bot",
        "kulkarni-testing-agents",
        "evaluate-each-layer",
        Some(Stance::Opposes),
    )
    .unwrap();
    let mut h = Headless::new(lib, 120, 40);
    h.key(Char('i'));
    // The investigation's clip list: the expert's stance, the user's reading beside it.
    let screen = h.render();
    assert!(screen.contains("+evaluate-each-layer you−"), "{screen}");
    h.key(Char('c'));
    assert_eq!(h.app.screen, Screen::Compare);
    let state = h.app.compare.as_ref().unwrap();
    let m = &state.comparison.matrix;
    let t = m
        .themes
        .iter()
        .position(|t| t == "evaluate-each-layer")
        .unwrap();
    let v = m
        .voices
        .iter()
        .position(|v| v == "Ranjitha Kulkarni")
        .unwrap();
    assert_eq!(
        state.comparison.findings[t].class,
        ThemeClass::Consensus,
        "the experts still agree"
    );
    for _ in 0..t {
        h.key(Down);
    }
    for _ in 0..v {
        h.key(Right);
    }
    let screen = h.render();
    assert!(
        screen.contains("your reading: opposes (Ranjitha Kulkarni)"),
        "{screen}"
    );
    assert!(
        screen.contains("you−"),
        "the cell marks the user's reading: {screen}"
    );
    snap("compare_your_reading", &h);

    // The cell's clips: the expert's stance, then the user's reading, marked.
    h.key(Tab);
    let cell = h.app.compare.as_ref().unwrap().cell_clips();
    assert_eq!(cell.len(), 2);
    assert_eq!(cell[0].0, Stance::Supports);
    assert_eq!(cell[1].0, Stance::Opposes);
    assert!(h.render().contains("− your reading: "), "{}", h.render());
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip);

    // Side by side: the user's reading rides with Kulkarni's stance, marked.
    h.key(Esc);
    h.key(Esc);
    h.key(Char('v'));
    // To the other voice (voices with stances come first, most themes first).
    h.key(if v == 0 { Right } else { Left });
    h.key(Char('v'));
    let screen = h.render();
    assert!(screen.contains("Side by side"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("evaluate-each-layer") && !l.contains("agree"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("+ you−"), "{row}");
}

#[test]
fn the_new_clip_form_takes_a_clarity_and_your_stances_with_theme_completion() {
    use dossier::capture::Field;
    use dossier::tui::app::Modal;
    let tmp = tempfile::tempdir().unwrap();
    let mut h = Headless::new(common::open(tmp.path()), 100, 32);
    let go_to = |h: &mut Headless, field: Field| {
        while !matches!(&h.app.modal, Some(Modal::ClipForm(f)) if f.field() == field) {
            h.key(Tab);
        }
    };
    h.key(Char('/'));
    h.ctrl('n');
    h.type_text("https://example.com/episode?t=95");
    go_to(&mut h, Field::Voice);
    h.type_text("Ada Lovelace");
    go_to(&mut h, Field::Gist);
    h.type_text("Long context did not replace retrieval.");
    go_to(&mut h, Field::Clarity);
    h.type_text("65");
    go_to(&mut h, Field::Stances);
    h.type_text("rag-is-obs");
    h.key(Right);
    h.type_text("=opp");
    h.key(Right);
    let Some(Modal::ClipForm(form)) = &h.app.modal else {
        panic!("the form is open");
    };
    assert_eq!(form.value(Field::Stances), "rag-is-obsolete=opposes");
    h.key(Enter);
    assert!(h.app.modal.is_none(), "saved: {:?}", h.app.status);
    let clip = h
        .lib
        .search("speaker:\"Ada Lovelace\"", 5)
        .unwrap()
        .hits
        .first()
        .map(|hit| h.lib.clip(&hit.id).unwrap())
        .expect("the clip is searchable");
    assert_eq!(clip.clip.record.clarity, Some(65));
    let stance = &clip.clip.record.stances[0];
    assert_eq!(stance.theme.as_str(), "rag-is-obsolete");
    assert_eq!(stance.stance, Stance::Opposes);
    assert_eq!(stance.by, dossier::model::StanceBy::User);
}

#[test]
fn capital_c_writes_the_conclusion_that_opens_the_brief() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    lib.create_investigation("Support bot", None).unwrap();
    lib.add_to_investigation("Support bot", &[ClipId::new("kulkarni-rag-not-dead")], None)
        .unwrap();
    let mut h = Headless::new(lib, 100, 32);
    h.key(Char('i'));
    h.key(Char('C'));
    assert!(h.render().contains("Your conclusion"), "{}", h.render());
    h.type_text("Retrieve first.");
    h.key(Enter);
    h.type_text("Revisit tuning later.");
    h.key(Esc);
    let view = h.lib.investigation("Support bot").unwrap();
    assert_eq!(
        view.investigation.conclusion.as_deref(),
        Some("Retrieve first.\nRevisit tuning later.")
    );
    assert!(
        h.render().contains("Your answer Retrieve first."),
        "{}",
        h.render()
    );
    // Editing again starts from what was written.
    h.key(Char('C'));
    h.type_text(" Soon.");
    h.key(Esc);
    let brief = h.lib.brief("Support bot").unwrap();
    assert!(
        brief.contains(
            "## The author's conclusion\n\nRetrieve first.\\\nRevisit tuning later. Soon.\n"
        ),
        "{brief}"
    );
}

#[test]
fn a_page_lists_an_unrated_clip_after_the_rated_ones_with_no_number() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    lib.add_clip(&dossier::capture::NewClip {
        url: "https://example.com/ep?t=95".into(),
        voice: "Ada Lovelace".into(),
        gist: "Measure recall first.".into(),
        page: "rag-vs-fine-tuning".into(),
        ..Default::default()
    })
    .unwrap();
    let mut h = Headless::new(lib, 160, 400);
    let at = h
        .app
        .pages
        .iter()
        .position(|p| p.id.as_str() == "rag-vs-fine-tuning")
        .unwrap();
    for _ in 0..at {
        h.key(Down);
    }
    let screen = h.render();
    let clip_rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains(" · ") && (l.contains("Ada Lovelace") || l.contains("Meryem Arik")))
        .collect();
    let ada = clip_rows
        .iter()
        .position(|l| l.contains("Ada Lovelace"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(
        ada,
        clip_rows.len() - 1,
        "after the rated clips: {clip_rows:#?}"
    );
    let before_name = clip_rows[ada].split("Ada Lovelace").next().unwrap();
    assert!(
        !before_name.chars().any(|c| c.is_ascii_digit()),
        "no clarity shown: {:?}",
        clip_rows[ada]
    );
    assert!(
        clip_rows[..ada].iter().all(|l| l
            .split("Meryem Arik")
            .next()
            .unwrap()
            .chars()
            .any(|c| c.is_ascii_digit())),
        "rated clips show their clarity: {clip_rows:#?}"
    );
}
