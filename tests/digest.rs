//! What's new (issue 16): the built-in corpus the program installs is not the user's
//! news (one line, not a list); the user's own clips come dated by their own `added`
//! date, newest first. Through the library, the CLI and the TUI, over real stores.

mod common;

use dossier::tui::app::Screen;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::Char;

/// Two clips of the user's, imported together (so stored in the same second): the one
/// whose id sorts first was added long before the other.
const MINE: &str = r#"
[[voice]]
id = "ada"
name = "Ada Lovelace"

[[source]]
id = "ada-talk"
kind = "video"
title = "Engines of thought"
voices = ["ada"]

[[clip]]
id = "a-older"
source = "ada-talk"
voice = "ada"
at = "1:00"
gist = "Quokka: an older thought about retrieval."
clarity = 50
added = 2026-01-05

[[clip]]
id = "z-newer"
source = "ada-talk"
voice = "ada"
at = "2:00"
gist = "Quokka: a newer thought about tuning."
clarity = 50
added = 2026-06-20
"#;

fn week_ago() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() - chrono::Duration::days(7)
}

#[test]
fn a_fresh_install_is_not_news_and_yours_come_newest_first_by_their_own_date() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    // A first launch: the program has just installed its corpus.
    let d = lib.digest(week_ago()).unwrap();
    assert_eq!(d.clip_count, 0, "no clip of the corpus is listed as news");
    assert!(d.groups.is_empty());
    assert!(d.pages.is_empty() && d.sources.is_empty());
    assert!(d.builtin.clips > 20, "{:?}", d.builtin);
    assert!(d.builtin.pages >= 4);
    assert!(
        d.builtin
            .on_pages
            .contains(&"RAG vs fine-tuning".to_string())
    );
    assert!(
        d.builtin
            .line()
            .starts_with("Built-in corpus installed or updated by dossier: "),
        "{}",
        d.builtin.line()
    );

    let dir = common::write_files(&tmp.path().join("mine"), &[("mine.toml", MINE)]);
    lib.import(&dir).unwrap();
    let d = lib.digest(week_ago()).unwrap();
    let clips: Vec<_> = d
        .groups
        .iter()
        .flat_map(|g| &g.themes)
        .flat_map(|t| &t.clips)
        .collect();
    let ids: Vec<&str> = clips.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["z-newer", "a-older"],
        "newest first by their own date"
    );
    assert_eq!(clips[0].date(), "2026-06-20");
    assert!(clips.iter().all(|c| c.yours));
    assert_eq!(d.clip_count, 2);
    assert_eq!(d.sources.len(), 1, "the user's own source is listed");
}

#[test]
fn the_cli_digest_says_the_corpus_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let out = common::run_ok(data, &["digest"]);
    let corpus: Vec<&str> = out.lines().filter(|l| l.contains("Built-in")).collect();
    assert_eq!(corpus.len(), 1, "{out}");
    assert!(
        out.lines().count() < 6,
        "a short digest on a fresh install: {out}"
    );
    assert!(!out.contains("Clips on no decision page"), "{out}");

    let dir = common::write_files(&data.join("mine"), &[("mine.toml", MINE)]);
    common::run_ok(data, &["import", dir.to_str().unwrap()]);
    let out = common::run_ok(data, &["digest"]);
    let newer = out.find("2026-06-20  Ada Lovelace").expect(&out);
    let older = out.find("2026-01-05  Ada Lovelace").expect(&out);
    assert!(newer < older, "newest first: {out}");
    let builtin = out.find("Built-in corpus").expect(&out);
    assert!(older < builtin, "the user's own come first: {out}");

    let json = common::run_json(data, &["digest", "--json"]);
    assert_eq!(json["clip_count"], 2);
    assert_eq!(
        json["groups"][0]["themes"][0]["clips"][0]["added"],
        "2026-06-20"
    );
    assert_eq!(json["groups"][0]["themes"][0]["clips"][0]["yours"], true);
    assert!(json["builtin"]["clips"].as_u64().unwrap() > 20);
}

#[test]
fn the_first_launch_digest_screen_is_one_line_not_a_wall() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = Headless::new(common::open(tmp.path()), 80, 24);
    h.begin_visit();
    h.key(Char('N'));
    assert_eq!(h.app.screen, Screen::Digest);
    let screen = h.render();
    assert!(screen.contains("Nothing new of yours"), "{screen}");
    assert!(screen.contains("Built-in corpus installed"), "{screen}");
    assert!(h.app.digest.as_ref().unwrap().clip_ids().is_empty());
}
