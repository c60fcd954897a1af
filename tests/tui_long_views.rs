//! The transcript and the brief preview are read whole at the sizes people use: j/k,
//! PgUp/PgDn, g/G and the wheel move the view through all their lines (never skipping
//! any), the title says where the view is, and a transcript's cues are chosen as they come
//! into view; the brief's headings come to the top with `]` and `[`.

mod common;

use dossier::tui::action::{Action, MouseKind};
use dossier::tui::app::Screen;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{Char, Enter, PageDown, PageUp};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const CUES: usize = 40;

fn line_text(line: &ratatui::text::Line<'_>) -> String {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    // The selection's bars are drawn where the selection is, not part of the text.
    text.trim_start_matches(['▌', '┃', ' '])
        .trim_end()
        .to_string()
}

/// A talk of 40 cues, some long enough to wrap over several lines; only the first says
/// "quokka".
fn vtt() -> String {
    let mut out = String::from("WEBVTT\n\n");
    let filler = "we measured retrieval before touching the weights, and the numbers told us where to look next";
    for i in 0..CUES {
        let (start, end) = (i * 5, i * 5 + 5);
        let words = if i == 0 {
            "Point 00 is the quokka rule".to_string()
        } else {
            format!("Point {i:02}: {}", vec![filler; i % 4 + 1].join("; "))
        };
        out.push_str(&format!(
            "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.000\n<v Ada Lovelace>{words}\n\n",
            start / 60,
            start % 60,
            end / 60,
            end % 60
        ));
    }
    out
}

fn transcript_app(width: u16, height: u16) -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let file = tmp.path().join("talk.vtt");
    std::fs::write(&file, vtt()).unwrap();
    lib.import_transcript("https://youtu.be/longtalk", &file, Some("A long talk"))
        .unwrap();
    let mut h = Headless::new(lib, width, height);
    h.key(Char('/'));
    h.type_text("quokka");
    h.key(Enter);
    assert_eq!(h.app.screen, Screen::Transcript, "{}", h.render());
    (tmp, h)
}

/// The selected cue starts in view, and the view is where the title says.
fn assert_selection_in_view(h: &Headless, context: &str) {
    let (layout, rows) = dossier::tui::views::transcript_layout(&h.app).unwrap();
    let t = h.app.transcript.as_ref().unwrap();
    let max = layout.lines.len().saturating_sub(rows);
    let top = t.scroll.min(max);
    let start = layout.cue_starts[t.selected];
    assert!(
        start >= top && start < top + rows,
        "{context}: cue {} (line {start}) out of view (lines {top}..{})\n{}",
        t.selected,
        top + rows,
        h.render()
    );
    let position = format!("({}–{} of {})", top + 1, top + rows, layout.lines.len());
    assert!(h.render().contains(&position), "{context}: {position}");
}

fn wheel(h: &mut Headless, kind: MouseKind) {
    let (x, y) = (h.app.width / 2, h.app.height / 2);
    h.act(Action::Mouse { kind, x, y });
}

#[test]
fn every_line_of_a_transcript_comes_into_view_by_line_screen_and_wheel() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h) = transcript_app(w, hgt);
        let (layout, rows) = dossier::tui::views::transcript_layout(&h.app).unwrap();
        assert!(
            layout.lines.len() > rows * 2,
            "{w}x{hgt}: longer than a screen"
        );
        let texts: Vec<String> = layout
            .lines
            .iter()
            .map(line_text)
            .filter(|t| !t.is_empty())
            .collect();
        let first = h.render();
        assert!(
            first.contains("quokka"),
            "{w}x{hgt}: opens at the cue\n{first}"
        );
        // j, one at a time, to the end.
        let mut frames = vec![first.clone()];
        for n in 0..(layout.lines.len() + CUES) {
            h.key(Char('j'));
            assert_selection_in_view(&h, &format!("{w}x{hgt} j #{n}"));
            frames.push(h.render());
        }
        for text in &texts {
            assert!(
                frames.iter().any(|f| f.contains(text.as_str())),
                "{w}x{hgt}: j never showed {text:?}"
            );
        }
        assert_eq!(h.app.transcript.as_ref().unwrap().selected, CUES - 1);
        // g: the top again, the first cue chosen.
        h.key(Char('g'));
        assert_eq!(h.render(), first, "{w}x{hgt}: g is the top");
        // PgDn never skips a line: every line is seen a screen at a time.
        let mut frames = vec![first.clone()];
        for n in 0..layout.lines.len() / rows + 2 {
            let before = h.app.transcript.as_ref().unwrap().scroll;
            h.key(PageDown);
            let after = h.app.transcript.as_ref().unwrap().scroll;
            assert!(after <= before + rows, "{w}x{hgt}: PgDn skipped lines");
            assert_selection_in_view(&h, &format!("{w}x{hgt} PgDn #{n}"));
            frames.push(h.render());
        }
        for text in &texts {
            assert!(
                frames.iter().any(|f| f.contains(text.as_str())),
                "{w}x{hgt}: PgDn never showed {text:?}"
            );
        }
        for _ in 0..layout.lines.len() / rows + 2 {
            h.key(PageUp);
        }
        assert_eq!(
            h.app.transcript.as_ref().unwrap().scroll,
            0,
            "{w}x{hgt}: PgUp"
        );
        assert_selection_in_view(&h, &format!("{w}x{hgt} PgUp"));
        h.key(Char('g'));
        // The wheel, over the transcript: three lines a notch, the selection following.
        let mut frames = vec![first.clone()];
        for n in 0..layout.lines.len() / 3 + 2 {
            let before = h.app.transcript.as_ref().unwrap().scroll;
            wheel(&mut h, MouseKind::WheelDown);
            let after = h.app.transcript.as_ref().unwrap().scroll;
            assert!(after <= before + 3, "{w}x{hgt}: the wheel skipped lines");
            assert_selection_in_view(&h, &format!("{w}x{hgt} wheel #{n}"));
            frames.push(h.render());
        }
        for text in &texts {
            assert!(
                frames.iter().any(|f| f.contains(text.as_str())),
                "{w}x{hgt}: the wheel never showed {text:?}"
            );
        }
        wheel(&mut h, MouseKind::WheelUp);
        assert_selection_in_view(&h, &format!("{w}x{hgt} wheel up"));
        // G: the end, the last cue chosen.
        h.key(Char('G'));
        assert_eq!(h.app.transcript.as_ref().unwrap().selected, CUES - 1);
        assert!(h.render().contains(&format!("Point {:02}", CUES - 1)));
        assert_selection_in_view(&h, &format!("{w}x{hgt} G"));
    }
}

#[test]
fn cues_in_view_are_selected_one_by_one_and_cut_together() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h) = transcript_app(w, hgt);
        // The first cues all show: j takes the next one without moving the view.
        h.key(Char('v'));
        h.key(Char('j'));
        h.key(Char('j'));
        let t = h.app.transcript.as_ref().unwrap();
        assert_eq!((t.selected, t.scroll), (2, 0), "{w}x{hgt}");
        assert_eq!(t.range(), 0..=2);
        assert!(h.render().contains("3 cue(s) selected"), "{w}x{hgt}");
        // k walks back through the cues in view.
        h.key(Char('k'));
        assert_eq!(h.app.transcript.as_ref().unwrap().selected, 1);
        h.key(Char('c'));
        assert!(h.app.modal.is_some(), "{w}x{hgt}: the form opens");
    }
}

#[test]
fn a_transcript_opened_at_a_later_cue_shows_it() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h) = transcript_app(w, hgt);
        // Open at the last cue, as a search hit on it would.
        let t = h.app.transcript.as_ref().unwrap();
        let data = dossier::tui::action::TranscriptData {
            info: t.info.clone(),
            source: t.source.clone(),
            default_voice: t.default_voice.clone(),
            cues: t.cues.clone(),
            at: CUES - 1,
        };
        h.act(Action::TranscriptLoaded(Box::new(data)));
        assert_eq!(h.app.transcript.as_ref().unwrap().selected, CUES - 1);
        assert_selection_in_view(&h, &format!("{w}x{hgt}"));
    }
}

/// An investigation of a dozen clips, with a conclusion: a brief of several screens.
fn brief_app(width: u16, height: u16) -> (tempfile::TempDir, Headless) {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let ids: Vec<_> = lib
        .search("", 12)
        .unwrap()
        .hits
        .iter()
        .filter(|h| h.doc_type == "clip")
        .map(|h| dossier::model::ClipId(h.id.clone()))
        .collect();
    assert!(ids.len() >= 8, "enough clips for a long brief");
    lib.create_investigation("Long brief", Some("RAG or fine-tuning?"))
        .unwrap();
    lib.add_to_investigation("Long brief", &ids, Some("worth a second look"))
        .unwrap();
    lib.set_conclusion("Long brief", "Retrieve first.\nTune for tone later.")
        .unwrap();
    let mut h = Headless::new(lib, width, height);
    h.key(Char('i'));
    h.key(Char('e'));
    assert_eq!(h.app.screen, Screen::Export, "{}", h.render());
    (tmp, h)
}

#[test]
fn every_line_of_the_brief_comes_into_view_with_its_position() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h) = brief_app(w, hgt);
        let (preview, rows) = dossier::tui::views::export_layout(&h.app).unwrap();
        let total = preview.lines.len();
        assert!(total > rows * 2, "{w}x{hgt}: longer than a screen");
        let texts: Vec<String> = preview
            .lines
            .iter()
            .map(line_text)
            .filter(|t| !t.is_empty())
            .collect();
        let first = h.render();
        assert!(
            first.contains(&format!("(1–{rows} of {total})")),
            "{w}x{hgt}: the position in the title\n{first}"
        );
        assert!(
            first.contains("e writes it to a file"),
            "{w}x{hgt}\n{first}"
        );
        let mut by_key = vec![first.clone()];
        for _ in 0..total {
            h.key(Char('j'));
            by_key.push(h.render());
        }
        let last = by_key.last().unwrap();
        let end = format!("({}–{total} of {total})", total - rows + 1);
        assert!(last.contains(&end), "{w}x{hgt}: j reaches the end\n{last}");
        h.key(Char('g'));
        assert_eq!(h.render(), first, "{w}x{hgt}: g is the top");
        let mut by_wheel = vec![first.clone()];
        for _ in 0..total / 3 + 1 {
            wheel(&mut h, MouseKind::WheelDown);
            by_wheel.push(h.render());
        }
        h.key(Char('g'));
        let mut by_page = vec![first.clone()];
        for _ in 0..total / rows + 1 {
            h.key(PageDown);
            by_page.push(h.render());
        }
        for (how, frames) in [("j", &by_key), ("the wheel", &by_wheel), ("PgDn", &by_page)] {
            for text in &texts {
                assert!(
                    frames.iter().any(|f| f.contains(text.as_str())),
                    "{w}x{hgt}: {how} never showed {text:?}"
                );
            }
        }
        assert!(h.render().contains(&end), "{w}x{hgt}: PgDn reaches the end");
        h.key(Char('G'));
        assert!(h.render().contains(&end), "{w}x{hgt}: G is the end");
    }
}

#[test]
fn section_keys_bring_each_heading_of_the_brief_to_the_top() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h) = brief_app(w, hgt);
        let (preview, rows) = dossier::tui::views::export_layout(&h.app).unwrap();
        let max = preview.lines.len() - rows;
        assert!(
            preview.headings.len() >= 3,
            "{w}x{hgt}: the brief has sections"
        );
        let mut tops = Vec::new();
        for _ in 0..preview.headings.len() + 1 {
            h.key(Char(']'));
            tops.push(h.app.export.as_ref().unwrap().scroll);
        }
        for heading in &preview.headings {
            let top = (*heading).min(max);
            assert!(
                tops.contains(&top),
                "{w}x{hgt}: ] never put line {heading} on top"
            );
            if *heading <= max {
                h.app.export.as_mut().unwrap().scroll = top;
                let screen = h.render();
                let text = line_text(&preview.lines[*heading]);
                let row = screen.lines().nth(1).unwrap_or_default();
                assert!(row.contains(&text), "{w}x{hgt}: {text:?} on top\n{screen}");
            }
        }
        assert_eq!(tops.last(), Some(&max), "{w}x{hgt}: ] ends at the end");
        // [ walks back to the top.
        for _ in 0..preview.headings.len() + 1 {
            h.key(Char('['));
        }
        assert_eq!(h.app.export.as_ref().unwrap().scroll, 0, "{w}x{hgt}");
    }
}

#[test]
fn a_click_on_a_cue_selects_it_and_extends_a_selection() {
    for (w, hgt) in SIZES {
        let (_tmp, mut h) = transcript_app(w, hgt);
        // Scrolled a little, so rows and lines differ.
        wheel(&mut h, MouseKind::WheelDown);
        let (layout, rows) = dossier::tui::views::transcript_layout(&h.app).unwrap();
        let top = h.app.transcript.as_ref().unwrap().scroll;
        // Every cue whose first line is in view, clicked on that line and on the next.
        let shown: Vec<usize> = (0..CUES)
            .filter(|&c| (top..top + rows - 1).contains(&layout.cue_starts[c]))
            .collect();
        assert!(shown.len() >= 2, "{w}x{hgt}");
        for &cue in &shown {
            let row = u16::try_from(layout.cue_starts[cue] - top + 1).unwrap();
            for y in [row, row + 1] {
                h.key(Char('g'));
                wheel(&mut h, MouseKind::WheelDown);
                let click = Action::Mouse {
                    kind: MouseKind::Click,
                    x: w / 2,
                    y,
                };
                h.act(click);
                let t = h.app.transcript.as_ref().unwrap();
                let end = layout
                    .cue_starts
                    .get(cue + 1)
                    .copied()
                    .unwrap_or(usize::MAX);
                let line = top + usize::from(y) - 1;
                let expected = if line < end { cue } else { cue + 1 };
                assert_eq!(t.selected, expected, "{w}x{hgt}: row {y}");
                assert_eq!(t.scroll, top, "{w}x{hgt}: a click does not scroll");
            }
        }
        // With a selection started, a click extends it to the cue clicked.
        let (first, last) = (shown[0], shown[shown.len() - 1]);
        let row = |c: usize| u16::try_from(layout.cue_starts[c] - top + 1).unwrap();
        h.act(Action::Mouse {
            kind: MouseKind::Click,
            x: 5,
            y: row(first),
        });
        h.key(Char('v'));
        h.act(Action::Mouse {
            kind: MouseKind::Click,
            x: 5,
            y: row(last),
        });
        assert_eq!(h.app.transcript.as_ref().unwrap().range(), first..=last);
        assert!(
            h.render()
                .contains(&format!("{} cue(s) selected", last - first + 1)),
            "{w}x{hgt}"
        );
    }
}
