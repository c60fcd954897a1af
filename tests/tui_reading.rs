//! Reading a whole page, orientation on launch, and links no browser could open: the
//! headless app over a real library, at the two most common terminal sizes.

mod common;

use dossier::tui::action::{Action, Effect};
use dossier::tui::app::{Pane, Screen};
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode::{self, Char, Down, PageDown, PageUp, Tab};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app(dir: &std::path::Path, width: u16, height: u16) -> Headless {
    Headless::new(common::open(dir), width, height)
}

/// The page's section headings as drawn (the layout `update` scrolls by).
fn headings(h: &Headless) -> Vec<String> {
    let (page, _) = dossier::tui::views::page_layout(&h.app).expect("a page is loaded");
    page.headings
        .iter()
        .map(|&i| {
            page.lines[i]
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

/// Presses one key (or turns the wheel) until nothing changes, and returns every frame.
fn frames_until_still(h: &mut Headless, press: &dyn Fn(&mut Headless)) -> Vec<String> {
    let mut frames = vec![h.render()];
    for _ in 0..2000 {
        let before = (h.app.page_scroll, h.app.item_selected);
        press(h);
        frames.push(h.render());
        if (h.app.page_scroll, h.app.item_selected) == before {
            return frames;
        }
    }
    panic!("the view never stopped moving");
}

/// Every heading shows in some frame.
fn assert_all_seen(
    headings: &[String],
    frames: &[String],
    how: &str,
    page: &str,
    size: (u16, u16),
) {
    for heading in headings {
        assert!(
            frames.iter().any(|f| f.contains(heading.as_str())),
            "{page} at {size:?}: heading {heading:?} never came into view by {how}"
        );
    }
}

/// Goes to the page at `index` in the list from the first frame, with the list focused.
fn to_page(h: &mut Headless, index: usize) {
    h.key(Char('H'));
    h.key(Char('g'));
    for _ in 0..index {
        h.key(Down);
    }
    assert_eq!(h.app.page_selected, index);
    assert_eq!(
        h.app.page_scroll, 0,
        "a newly selected page opens at its top"
    );
}

#[test]
fn every_heading_of_every_page_comes_into_view_by_keys_and_wheel() {
    for (w, hgt) in SIZES {
        let tmp = tempfile::tempdir().unwrap();
        let mut h = app(tmp.path(), w, hgt);
        let pages = h.app.pages.len();
        assert!(pages >= 4, "the built-in pages are listed");
        for index in 0..pages {
            to_page(&mut h, index);
            let id = h.app.selected_page_id().unwrap().to_string();
            let all = headings(&h);
            assert!(all.len() >= 8, "{id}: the page has its sections");
            let height = usize::from(hgt) - 3;

            // `]` from the list, then `[` back up.
            let down = frames_until_still(&mut h, &|h| h.key(Char(']')));
            assert_all_seen(&all, &down, "]", &id, (w, hgt));
            let up = frames_until_still(&mut h, &|h| h.key(Char('[')));
            assert_all_seen(&all, &up, "[", &id, (w, hgt));
            assert_eq!(h.app.page_scroll, 0, "[ ends at the top");

            // The wheel, down then up.
            let down = frames_until_still(&mut h, &|h| h.act(Action::WheelDown));
            assert_all_seen(&all, &down, "the wheel", &id, (w, hgt));
            assert_eq!(
                h.app.page_selected, index,
                "the wheel never changes the page"
            );
            frames_until_still(&mut h, &|h| h.act(Action::WheelUp));
            assert_eq!(h.app.page_scroll, 0);

            // PgDn and PgUp: a screen at a time, never skipping a line.
            let before = h.app.page_scroll;
            let first = h.render();
            h.key(PageDown);
            assert!(
                h.app.page_scroll > before,
                "{id}: the page is longer than the view"
            );
            assert!(
                h.app.page_scroll - before < height,
                "PgDn moves under a screen"
            );
            let mut down = frames_until_still(&mut h, &|h| h.key(PageDown));
            down.push(first);
            assert_all_seen(&all, &down, "PgDn", &id, (w, hgt));
            let up = frames_until_still(&mut h, &|h| h.key(PageUp));
            assert_all_seen(&all, &up, "PgUp", &id, (w, hgt));
            assert_eq!(h.app.page_scroll, 0);

            // With the page focused: `j` line by line (items selected as they show), then
            // `k`, then `G` and `g`.
            h.key(Tab);
            assert_eq!(h.app.focus, Pane::Detail);
            let mut frames = vec![h.render()];
            for _ in 0..2000 {
                let before = (h.app.page_scroll, h.app.item_selected);
                h.key(Char('j'));
                frames.push(h.render());
                let after = (h.app.page_scroll, h.app.item_selected);
                assert!(after.0 <= before.0 + 1, "{id}: j moves one line at most");
                if after == before {
                    break;
                }
                assert_selected_in_view(&h, &id);
            }
            assert_all_seen(&all, &frames, "j", &id, (w, hgt));
            assert_eq!(
                h.app.item_selected,
                h.app.page_items().len() - 1,
                "{id}: reading to the end selects the last item"
            );
            let up = frames_until_still(&mut h, &|h| h.key(Char('k')));
            assert_all_seen(&all, &up, "k", &id, (w, hgt));
            assert_eq!(h.app.page_scroll, 0);
            h.key(Char('G'));
            let end = h.render();
            assert!(
                end.contains(all.last().unwrap().as_str()),
                "G shows the end"
            );
            h.key(Char('g'));
            assert_eq!((h.app.page_scroll, h.app.item_selected), (0, 0));
            h.key(Tab);
        }
    }
}

/// The selected item is on screen (when any item is).
fn assert_selected_in_view(h: &Headless, id: &str) {
    let (page, height) = dossier::tui::views::page_layout(&h.app).unwrap();
    let top = h.app.page_scroll;
    let shown = |l: usize| l >= top && l < top + height;
    if page.items.iter().any(|&l| shown(l)) {
        assert!(
            shown(page.items[h.app.item_selected]),
            "{id}: the selected item is in view at scroll {top}"
        );
    }
}

#[test]
fn the_view_shows_where_one_is() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app(tmp.path(), 80, 24);
    assert!(h.render().contains(" top ┘"));
    h.key(PageDown);
    let screen = h.render();
    assert!(
        screen.lines().any(|l| l.contains("% ┘")),
        "a percentage in the page's frame:\n{screen}"
    );
    h.key(Tab);
    h.key(Char('G'));
    assert!(h.render().contains(" end ┘"));
}

#[test]
fn the_wheel_scrolls_the_page_not_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app(tmp.path(), 120, 40);
    let page = h.app.selected_page_id().unwrap().to_string();
    h.act(Action::WheelDown);
    assert_eq!(h.app.selected_page_id(), Some(page.as_str()));
    assert_eq!(h.app.page_scroll, 3);
    // Elsewhere it moves like the arrows: down the search results.
    h.type_text("/rag");
    h.act(Action::WheelDown);
    assert_eq!(h.app.search.selected, 1);
    h.act(Action::WheelUp);
    assert_eq!(h.app.search.selected, 0);
}

#[test]
fn first_launch_opens_the_flagship_with_a_welcome_and_later_launches_the_last_page() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let mut h = app(tmp.path(), 80, 24);
        h.restore();
        assert_eq!(
            h.app.pages[0].id.as_str(),
            "rag-vs-fine-tuning",
            "featured first"
        );
        assert_eq!(
            h.app.page.as_ref().unwrap().page.record.id.as_str(),
            "rag-vs-fine-tuning"
        );
        let screen = h.render();
        let status = screen.lines().last().unwrap();
        for needle in ["Welcome", "/ search", "? help", "q quit"] {
            assert!(status.contains(needle), "{needle:?} in {status:?}");
        }
        // Any key clears the welcome; the hints then name the global keys.
        h.key(Down);
        let status = h.render().lines().last().unwrap().to_string();
        for needle in ["/ search", "? help", "q quit"] {
            assert!(status.contains(needle), "{needle:?} in {status:?}");
        }
        assert_ne!(h.app.selected_page_id(), Some("rag-vs-fine-tuning"));
    }
    let expected = {
        let h = app(tmp.path(), 80, 24);
        h.app.pages[1].id.as_str().to_string()
    };
    let mut again = app(tmp.path(), 120, 40);
    again.restore();
    assert_eq!(again.app.selected_page_id(), Some(expected.as_str()));
    assert_eq!(
        again.app.page.as_ref().unwrap().page.record.id.as_str(),
        expected,
        "the last page reopens"
    );
    assert!(again.app.status.is_none(), "no welcome on a later launch");
}

#[test]
fn a_first_launch_left_at_once_is_not_first_again() {
    let tmp = tempfile::tempdir().unwrap();
    app(tmp.path(), 80, 24).restore();
    let mut again = app(tmp.path(), 80, 24);
    again.restore();
    assert!(again.app.status.is_none());
    assert_eq!(again.app.selected_page_id(), Some("rag-vs-fine-tuning"));
}

/// On every screen, at 80 columns, search, help and quit are hinted, and every hint is
/// whole: the status line ends with one.
#[test]
fn global_hints_always_fit_and_none_is_cut() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app(tmp.path(), 80, 24);
    let check = |h: &Headless, what: &str| {
        let screen = h.render();
        let status = screen.lines().last().unwrap().trim_matches('"').trim_end();
        for needle in ["/ search", "? help", "q quit"] {
            assert!(status.contains(needle), "{what}: {needle:?} in {status:?}");
        }
        let hints: Vec<String> =
            dossier::tui::keymap::for_scope(dossier::tui::keymap::Scope::current(&h.app))
                .filter(|b| b.hint)
                .map(|b| b.label.to_string())
                .collect();
        assert!(!hints.is_empty());
    };
    check(&h, "comparisons");
    h.key(Tab);
    check(&h, "page");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Clip);
    check(&h, "clip");
    h.key(Char('i'));
    check(&h, "investigations");
    h.type_text("/chunking");
    check(&h, "search");
}

#[test]
fn capital_h_goes_home_from_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app(tmp.path(), 120, 40);
    h.key(Tab);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Clip);
    h.key(Char('i'));
    assert_eq!(h.app.screen, Screen::Investigations);
    h.key(Char('H'));
    assert_eq!(h.app.screen, Screen::Pages);
    assert_eq!(h.app.focus, Pane::List);
    assert!(h.app.back.is_empty(), "nothing to go back to from home");
    // It is in help, from the keymap.
    h.key(Char('?'));
    assert!(
        h.render()
            .contains("home: straight back to the list of comparisons")
    );
}

#[test]
fn a_link_no_browser_opens_is_shown_whole_with_a_key_to_copy_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app(tmp.path(), 80, 24);
    let long = "https://example.com/a/very/long/path/that/does/not/fit/on/one/line/of/an/eighty/column/terminal?with=a&query=string#and-a-fragment";
    let url = dossier::web_url::WebUrl::parse(long).unwrap();
    h.act(Action::OpenFailed(url));
    let screen = h.render();
    let joined: String = screen
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .trim_matches(|c: char| c == '│' || c.is_whitespace())
        })
        .collect();
    assert!(joined.contains(long), "the whole link, wrapped:\n{screen}");
    assert!(screen.contains("y copy the link"));
    assert!(!screen.contains("gio") && !screen.contains("ExitStatus"));
    h.key(Char('y'));
    assert!(h.app.modal.is_none());
    assert_eq!(h.outside.last(), Some(&Effect::Copy(long.to_string())));
}
