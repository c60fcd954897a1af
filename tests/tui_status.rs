//! The status line tells a problem from news: something done ("brief written to …") is
//! drawn in its own style, guidance ("cancelled; nothing changed") as plain text, and only a
//! failure in the error style, with colours and under NO_COLOR alike.

mod common;

use dossier::tui::action::Action;
use dossier::tui::app::Modal;
use dossier::tui::headless::Headless;
use dossier::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use ratatui::style::{Color, Modifier, Style};

/// The style of the status line's first cell and its text, as drawn.
fn status_line(h: &Headless) -> (Style, String) {
    let (w, hgt) = (h.app.width, h.app.height);
    let mut terminal = Terminal::new(TestBackend::new(w, hgt)).unwrap();
    terminal
        .draw(|f| dossier::tui::views::render(f, &h.app, &h.theme))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let text: String = (0..w).map(|x| buffer[(x, hgt - 1)].symbol()).collect();
    (buffer[(0, hgt - 1)].style(), text)
}

/// An investigation of two clips, its brief written from the export screen.
fn written(h: &mut Headless, out: &std::path::Path) {
    let ids: Vec<_> = h
        .lib
        .search("", 4)
        .unwrap()
        .hits
        .iter()
        .filter(|hit| hit.doc_type == "clip")
        .map(|hit| dossier::model::ClipId(hit.id.clone()))
        .take(2)
        .collect();
    h.lib.create_investigation("Support bot", None).unwrap();
    h.lib
        .add_to_investigation("Support bot", &ids, None)
        .unwrap();
    h.key(Char('i'));
    h.key(Char('e'));
    h.key(Char('e'));
    assert!(matches!(h.app.modal, Some(Modal::Prompt { .. })));
    h.ctrl('u');
    h.type_text(out.join("brief.md").to_str().unwrap());
    h.key(Enter);
}

#[test]
fn done_guidance_and_problems_each_look_their_own_way() {
    for theme in [Theme::colour(), Theme::monochrome()] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let mut h = Headless::new(common::open(tmp.path()), 120, 40);
        h.theme = theme;

        // Done: the brief was written.
        written(&mut h, out.path());
        let (done, text) = status_line(&h);
        assert!(text.starts_with("brief written to"), "{text}");

        // Guidance: asked whether to replace the file, the answer is no.
        h.key(Char('e'));
        h.ctrl('u');
        h.type_text(out.path().join("brief.md").to_str().unwrap());
        h.key(Enter);
        assert!(matches!(h.app.modal, Some(Modal::Confirm { .. })));
        h.key(Char('n'));
        let (info, text) = status_line(&h);
        assert!(text.starts_with("cancelled; nothing changed"), "{text}");

        // A problem, as the driver reports one.
        h.act(Action::Failed("the notebook is locked".into()));
        let (problem, text) = status_line(&h);
        assert!(text.starts_with("the notebook is locked"), "{text}");

        assert_eq!(problem.add_modifier, h.theme.error.add_modifier);
        let fg = |s: Style| s.fg.unwrap_or(Color::Reset);
        assert_eq!(fg(problem), fg(h.theme.error));
        assert_ne!(done, problem, "something done is not drawn as an error");
        assert_ne!(info, problem, "guidance is not drawn as an error");
        assert_eq!(fg(done), fg(h.theme.done));
        assert!(
            !done.add_modifier.contains(Modifier::BOLD)
                && !info.add_modifier.contains(Modifier::BOLD),
            "only problems are bold: {done:?} {info:?}"
        );
    }
}
