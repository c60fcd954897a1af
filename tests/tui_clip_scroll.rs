//! A clip longer than the screen is read whole: j/k, PgUp/PgDn, g/G move the view through
//! all of it, the title says where the view is, and the other clips at its end are chosen
//! as they come into view.

mod common;

use dossier::tui::app::Screen;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, Enter, PageDown, PageUp};

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

fn line_text(line: &ratatui::text::Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn open_long_clip(h: &mut Headless) {
    h.key(Char('/'));
    h.type_text("internalises ");
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Clip, "{}", h.render());
}

#[test]
fn every_line_of_a_clip_comes_into_view() {
    for (w, hgt) in SIZES {
        let tmp = tempfile::tempdir().unwrap();
        let mut h = Headless::new(common::open(tmp.path()), w, hgt);
        open_long_clip(&mut h);
        let (layout, rows) = dossier::tui::views::clip_layout(&h.app).unwrap();
        let mut frames = vec![h.render()];
        for _ in 0..300 {
            h.key(Char('j'));
            frames.push(h.render());
        }
        for line in &layout.lines {
            let text = line_text(line);
            let text = text.trim();
            if !text.is_empty() {
                assert!(
                    frames.iter().any(|f| f.contains(text)),
                    "{w}x{hgt}: {text:?} never came into view"
                );
            }
        }
        if layout.lines.len() > rows {
            assert!(
                frames[0].contains(" of "),
                "{w}x{hgt}: position shown\n{}",
                frames[0]
            );
        }
        // g is the top again; PgDn and PgUp page through.
        h.key(Char('g'));
        assert_eq!(h.render(), frames[0], "{w}x{hgt}");
        for _ in 0..20 {
            h.key(PageDown);
        }
        let bottom = h.render();
        assert!(
            bottom.contains("Other clips on the same themes"),
            "{w}x{hgt}\n{bottom}"
        );
        for _ in 0..20 {
            h.key(PageUp);
        }
        assert_eq!(h.render(), frames[0], "{w}x{hgt}");
    }
}

#[test]
fn the_other_clips_are_chosen_as_they_come_into_view() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = Headless::new(common::open(tmp.path()), 80, 24);
    open_long_clip(&mut h);
    let related = h.app.clip.as_ref().unwrap().related.len();
    assert!(related >= 2, "the clip has other clips on its themes");
    // G: the end, the last clip chosen; k walks back up the list.
    h.key(Char('G'));
    assert_eq!(h.app.clip.as_ref().unwrap().selected, related - 1);
    h.key(Char('k'));
    let chosen = h.app.clip.as_ref().unwrap().selected;
    assert_eq!(chosen, related - 2);
    let id = h.app.clip.as_ref().unwrap().related[chosen]
        .clip
        .record
        .id
        .clone();
    h.key(Enter);
    assert_eq!(h.app.clip.as_ref().unwrap().view.clip.record.id, id);
}

#[test]
fn a_click_chooses_one_of_the_other_clips() {
    for (w, hgt) in [(80, 24), (120, 40)] {
        let tmp = tempfile::tempdir().unwrap();
        let mut h = Headless::new(common::open(tmp.path()), w, hgt);
        open_long_clip(&mut h);
        h.key(Char('G'));
        let (layout, rows) = dossier::tui::views::clip_layout(&h.app).unwrap();
        let top = h.app.clip.as_ref().unwrap().scroll;
        let shown: Vec<usize> = (0..layout.related_starts.len())
            .filter(|&i| (top..top + rows).contains(&layout.related_starts[i]))
            .collect();
        assert!(shown.len() >= 2, "{w}x{hgt}: other clips in view");
        for &i in shown.iter().rev() {
            let y = u16::try_from(layout.related_starts[i] - top + 1).unwrap();
            h.act(dossier::tui::action::Action::Mouse {
                kind: dossier::tui::action::MouseKind::Click,
                x: w / 2,
                y,
            });
            assert_eq!(h.app.clip.as_ref().unwrap().selected, i, "{w}x{hgt}");
            assert_eq!(h.app.clip.as_ref().unwrap().scroll, top, "{w}x{hgt}");
        }
        // A click above the list (on the clip's own text) chooses nothing new.
        let before = h.app.clip.as_ref().unwrap().selected;
        h.act(dossier::tui::action::Action::Mouse {
            kind: dossier::tui::action::MouseKind::Click,
            x: w / 2,
            y: 1,
        });
        assert_eq!(h.app.clip.as_ref().unwrap().selected, before, "{w}x{hgt}");
        // The chosen one opens.
        let id = h.app.clip.as_ref().unwrap().related[before]
            .clip
            .record
            .id
            .clone();
        h.key(Enter);
        assert_eq!(h.app.clip.as_ref().unwrap().view.clip.record.id, id);
    }
}
