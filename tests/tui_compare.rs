//! The compare screen (issue 16): every voice's full name on screen, the classes in one
//! vocabulary, both sides of a contested theme read side by side at the common sizes; and
//! the mouse, which acts where the pointer is.

mod common;

use dossier::compare::ThemeClass;
use dossier::model::Stance;
use dossier::tui::action::{Action, MouseKind};
use dossier::tui::app::{Pane, Screen};
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, Down, Tab};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app(width: u16, height: u16) -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::open(tmp.path());
    (tmp, Headless::new(lib, width, height))
}

fn page_index(h: &Headless, id: &str) -> usize {
    h.app
        .pages
        .iter()
        .position(|p| p.id.as_str() == id)
        .unwrap()
}

/// Opens the compare screen for a page, as a reader would: down the list, then `c`.
fn compare_page(h: &mut Headless, id: &str) {
    let target = page_index(h, id);
    while h.app.page_selected < target {
        h.key(Down);
    }
    h.key(Char('c'));
    assert!(h.app.compare.is_some(), "the comparison loaded");
}

/// The text inside the boxes, row by row, with the borders taken off.
fn rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|l| l.trim_matches('"'))
        .map(|l| {
            let inner = l
                .strip_prefix('│')
                .and_then(|l| l.strip_suffix('│'))
                .unwrap_or(l);
            inner.to_string()
        })
        .collect()
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_compare_screen_names_every_voice_in_full() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        compare_page(&mut h, "rag-vs-fine-tuning");
        let voices = h
            .app
            .compare
            .as_ref()
            .unwrap()
            .comparison
            .matrix
            .voices
            .clone();
        assert!(voices.len() >= 8, "the flagship page has many voices");
        let screen = h.render();
        let text = squash(&rows(&screen).join(" "));
        for (n, voice) in voices.iter().enumerate() {
            assert!(
                text.contains(&format!("{} {voice}", n + 1)),
                "{w}x{hgt}: voice {} `{voice}` is named in full:\n{screen}",
                n + 1
            );
        }
        // The classes have one name each, the same as `dossier compare` prints.
        assert!(text.contains("contested"), "{screen}");
        let themes = &h.app.compare.as_ref().unwrap().comparison.matrix.themes;
        for row in rows(&screen)
            .iter()
            .filter(|r| themes.iter().any(|t| r.starts_with(&t[..12])))
        {
            for old in [" split ", " agree ", " one ", " none "] {
                assert!(
                    !row.contains(old),
                    "{w}x{hgt}: old class word {old:?}: {row}"
                );
            }
        }
        // The legend of the signs and counts.
        assert!(text.contains("+ supports − opposes ~ nuanced"), "{screen}");
        assert!(text.contains("+2 two clips"), "{screen}");
    }
}

#[test]
fn themes_come_grouped_by_class_and_voices_with_stances_first() {
    let (_t, mut h) = app(120, 40);
    compare_page(&mut h, "rag-vs-fine-tuning");
    let c = &h.app.compare.as_ref().unwrap().comparison;
    let ranks: Vec<usize> = c
        .findings
        .iter()
        .map(|f| {
            ThemeClass::ORDER
                .iter()
                .position(|k| *k == f.class)
                .unwrap()
        })
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert_eq!(c.findings[0].class, ThemeClass::Contested);
    let ids: Vec<&str> = c.findings.iter().map(|f| f.theme.id.as_str()).collect();
    assert_eq!(ids, c.matrix.themes, "the matrix rows follow the findings");
    let spoken: Vec<usize> = c
        .matrix
        .cells
        .iter()
        .map(|row| row.iter().filter(|cell| !cell.stances.is_empty()).count())
        .collect();
    assert!(spoken.windows(2).all(|w| w[0] >= w[1]), "{spoken:?}");
}

/// The side-by-side pane's two columns, read whole: the pane is focused and scrolled a
/// line at a time from the selected theme until it stops moving.
fn read_side_by_side(h: &mut Headless) -> (String, String, String) {
    let body = |h: &Headless| {
        let rows = rows(&h.render());
        let start = rows
            .iter()
            .position(|r| r.contains("Side by side"))
            .expect("the side-by-side pane shows");
        let rule = start
            + rows[start..]
                .iter()
                .position(|r| r.starts_with('─'))
                .unwrap();
        // The two voices' names, each in its column.
        let (mut a, mut b) = (String::new(), String::new());
        for row in &rows[start + 1..rule] {
            let (l, r) = row.split_once(" │ ").unwrap_or((row, ""));
            a.push_str(l);
            a.push(' ');
            b.push_str(r);
            b.push(' ');
        }
        let header = format!("{} | {}", squash(&a), squash(&b));
        let end = rows.len() - 2; // the bottom border and the status line
        (header, rows[rule + 1..end].to_vec())
    };
    h.key(Tab);
    let (header, mut lines) = body(h);
    for _ in 0..200 {
        h.key(Char('j'));
        let (_, now) = body(h);
        if now == lines[lines.len() - now.len()..] {
            break;
        }
        lines.push(now.last().unwrap().clone());
    }
    let (mut left, mut right) = (String::new(), String::new());
    for line in &lines {
        let (l, r) = line.split_once(" │ ").unwrap_or((line, ""));
        left.push_str(l);
        left.push(' ');
        right.push_str(r);
        right.push(' ');
    }
    (squash(&header), squash(&left), squash(&right))
}

#[test]
fn both_sides_of_a_contested_theme_read_side_by_side() {
    for (w, hgt) in SIZES {
        let (_t, mut h) = app(w, hgt);
        compare_page(&mut h, "rag-vs-fine-tuning");
        let state = h.app.compare.as_ref().unwrap();
        let c = &state.comparison;
        let t = c
            .findings
            .iter()
            .position(|f| f.class == ThemeClass::Contested)
            .expect("the page has a contested theme");
        let m = &c.matrix;
        let side = |stance: Stance| {
            (0..m.voices.len())
                .find(|v| m.cells[*v][t].stances.iter().any(|(s, _)| *s == stance))
                .unwrap()
        };
        let (a, b) = (side(Stance::Supports), side(Stance::Opposes));
        let clip_of = |v: usize| {
            let id = &m.cells[v][t].stances[0].1[0];
            state
                .clips
                .iter()
                .find(|c| &c.clip.record.id == id)
                .unwrap()
                .clone()
        };
        let (ca, cb) = (clip_of(a), clip_of(b));
        let names = (m.voices[a].clone(), m.voices[b].clone());
        // To the theme, to each voice, marking it with `v`.
        for _ in 0..t {
            h.key(Char('j'));
        }
        for v in [a, b] {
            while h.app.compare.as_ref().unwrap().col < v {
                h.key(Char('l'));
            }
            while h.app.compare.as_ref().unwrap().col > v {
                h.key(Char('h'));
            }
            h.key(Char('v'));
        }
        let (header, left, right) = read_side_by_side(&mut h);
        // Scrolled to the end, one `k` moves back at once: the scroll stops at the end.
        let end = h.render();
        h.key(Char('k'));
        assert_ne!(end, h.render(), "{w}x{hgt}: k scrolls back up at once");
        assert!(header.contains(&names.0), "{w}x{hgt}: {header}");
        assert!(header.contains(&names.1), "{w}x{hgt}: {header}");
        for (text, clip, stance) in [(&left, &ca, "+ supports"), (&right, &cb, "− opposes")] {
            let gist = squash(&clip.clip.record.gist);
            assert!(
                text.contains(&format!("{stance} · {}", clip.time_range)),
                "{w}x{hgt}: the stance and the clip's time range: {text}"
            );
            assert!(text.contains(&gist), "{w}x{hgt}: what was said: {text}");
            assert!(
                !text.contains(&format!("“{gist}")),
                "a gist is never shown as a quotation"
            );
        }
        // Enter in the side-by-side pane says how to open a clip instead of doing nothing.
        h.key(ratatui::crossterm::event::KeyCode::Enter);
        assert!(
            h.app
                .status
                .as_deref()
                .is_some_and(|s| s.contains("Tab to the matrix")),
            "{w}x{hgt}: {:?}",
            h.app.status
        );
    }
}

#[test]
fn compare_screen_snapshots() {
    for (w, hgt) in [(80, 24), (120, 40), (160, 48)] {
        let (_t, mut h) = app(w, hgt);
        compare_page(&mut h, "rag-vs-fine-tuning");
        let screen = h.render();
        assert!(!screen.contains('\u{1b}'));
        insta::assert_snapshot!(format!("compare_page_{w}x{hgt}"), screen);
        // The first two voices (on opposite sides of the first, contested, theme).
        h.key(Char('v'));
        h.key(Char('l'));
        h.key(Char('v'));
        insta::assert_snapshot!(format!("compare_side_by_side_{w}x{hgt}"), h.render());
    }
}

#[test]
fn the_cli_names_the_classes_as_the_screen_does() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::run_ok(tmp.path(), &["compare", "--page", "rag-vs-fine-tuning"]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("contested "), "contested first: {out}");
    for class in ThemeClass::ORDER {
        let label = class.label();
        let listed = out.lines().any(|l| l.starts_with(label));
        let exists = matches!(class, ThemeClass::Contested | ThemeClass::Consensus);
        assert!(!exists || listed, "{label}: {out}");
    }
}

fn wheel(h: &mut Headless, kind: MouseKind, x: u16, y: u16) {
    h.act(Action::Mouse { kind, x, y });
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_not_the_focused_one() {
    let (_t, mut h) = app(120, 40);
    assert_eq!(h.app.focus, Pane::List);
    let page = h.app.page_selected;
    // Over the page pane while the list has the focus: the page scrolls, the list stays.
    wheel(&mut h, MouseKind::WheelDown, 90, 20);
    assert_eq!(h.app.page_selected, page, "the list did not move");
    assert!(h.app.page_scroll > 0, "the page scrolled");
    assert_eq!(h.app.focus, Pane::List, "the focus stays");
    // Over the list while the page has the focus: the list moves.
    h.key(Tab);
    assert_eq!(h.app.focus, Pane::Detail);
    wheel(&mut h, MouseKind::WheelDown, 5, 5);
    assert_eq!(h.app.page_selected, page + 1, "the list moved");
    assert_eq!(h.app.focus, Pane::Detail);

    // Compare: the matrix focused, the wheel over side by side scrolls that pane.
    let (_t, mut h) = app(120, 40);
    compare_page(&mut h, "rag-vs-fine-tuning");
    h.key(Char('v'));
    h.key(Char('l'));
    h.key(Char('v'));
    let before = h.app.compare.as_ref().unwrap().row;
    wheel(&mut h, MouseKind::WheelDown, 60, 35);
    let state = h.app.compare.as_ref().unwrap();
    assert_eq!(state.row, before, "the matrix did not move");
    assert_eq!(state.detail_scroll, 3, "side by side scrolled");
    assert!(!state.focus_clips, "the focus stays on the matrix");
    // And over the matrix, the themes move; sideways, the voices.
    wheel(&mut h, MouseKind::WheelDown, 60, 5);
    assert_eq!(h.app.compare.as_ref().unwrap().row, before + 1);
    let col = h.app.compare.as_ref().unwrap().col;
    wheel(&mut h, MouseKind::WheelRight, 60, 5);
    assert_eq!(h.app.compare.as_ref().unwrap().col, col + 1);
    wheel(&mut h, MouseKind::WheelRight, 60, 35);
    assert_eq!(
        h.app.compare.as_ref().unwrap().col,
        col + 1,
        "not over the matrix"
    );
}

#[test]
fn a_click_selects_what_is_under_the_pointer() {
    let (_t, mut h) = app(120, 40);
    let first = h.app.page_selected;
    // The list: each comparison takes three rows under the border.
    let third = u16::try_from(1 + 3 * 2).unwrap();
    wheel(&mut h, MouseKind::Click, 5, third);
    assert_eq!(h.app.page_selected, first + 2);
    assert_eq!(h.app.focus, Pane::List);
    // The page: a click on a clip line selects it and focuses the page.
    // The wheel brings a clip other than the first into view, then it is clicked.
    let mut turns = 0;
    let (item, line) = loop {
        turns += 1;
        assert!(turns < 100, "a second clip comes into view");
        let (lines, height) = dossier::tui::views::page_layout(&h.app).unwrap();
        let top = h.app.page_scroll;
        let shown = lines
            .items
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, l)| (top..top + height).contains(l));
        if let Some((item, line)) = shown {
            break (item, line - top);
        }
        wheel(&mut h, MouseKind::WheelDown, 90, 10);
    };
    let row = u16::try_from(line + 1).unwrap();
    wheel(&mut h, MouseKind::Click, 90, row);
    assert_eq!(h.app.focus, Pane::Detail);
    assert_eq!(h.app.item_selected, item);

    // The matrix: a click on a cell selects its theme and voice.
    let (_t, mut h) = app(120, 40);
    compare_page(&mut h, "rag-vs-fine-tuning");
    let g = dossier::tui::views::compare_geometry(&h.app).unwrap();
    let x = g.matrix.x + 1 + u16::try_from(g.theme_col + 14 + 2 * g.voice_col + 1).unwrap();
    let y = g.matrix.y + 2 + 3;
    wheel(&mut h, MouseKind::Click, x, y);
    let state = h.app.compare.as_ref().unwrap();
    assert_eq!((state.row, state.col), (3, 2));
    assert_eq!(h.app.screen, Screen::Compare);
}
