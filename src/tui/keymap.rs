//! The keymap as data: every binding has a description. Help and the status-bar hints
//! are generated from this table, so they cannot drift from what the keys do.

use super::action::Action;
use super::app::{App, Screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    Pages,
    Search,
    Clip,
}

impl Scope {
    pub fn of(screen: Screen) -> Scope {
        match screen {
            Screen::Pages => Scope::Pages,
            Screen::Search => Scope::Search,
            Screen::Clip => Scope::Clip,
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: Vec<(KeyCode, KeyModifiers)>,
    /// How the keys are written in help, e.g. `j ↓`.
    pub label: &'static str,
    pub action: Option<Action>,
    pub help: &'static str,
    /// Shown in the status bar.
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn b(
    scope: Scope,
    keys: &[(KeyCode, KeyModifiers)],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        scope,
        keys: keys.to_vec(),
        label,
        action: Some(action),
        help,
        hint,
    }
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, PageDown as PgDn, PageUp as PgUp, Tab,
    Up,
};
use Scope::*;

static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    vec![
        b(
            Global,
            &[(Char('/'), NONE)],
            "/",
            Action::OpenSearch,
            "search clips and pages",
            true,
        ),
        b(
            Global,
            &[(Char('?'), NONE)],
            "?",
            Action::ToggleHelp,
            "show or hide this help",
            true,
        ),
        b(
            Global,
            &[(Char('q'), NONE)],
            "q",
            Action::Quit,
            "quit",
            true,
        ),
        b(
            Global,
            &[(Char('c'), CTRL)],
            "Ctrl-C",
            Action::Quit,
            "quit from anywhere",
            false,
        ),
        // Pages
        b(
            Pages,
            &[(Char('j'), NONE), (Down, NONE)],
            "j ↓",
            Action::Down,
            "next page or item",
            false,
        ),
        b(
            Pages,
            &[(Char('k'), NONE), (Up, NONE)],
            "k ↑",
            Action::Up,
            "previous page or item",
            false,
        ),
        b(
            Pages,
            &[(Char('g'), NONE), (Home, NONE)],
            "g Home",
            Action::Top,
            "first",
            false,
        ),
        b(
            Pages,
            &[
                (Char('G'), KeyModifiers::SHIFT),
                (Char('G'), NONE),
                (End, NONE),
            ],
            "G End",
            Action::Bottom,
            "last",
            false,
        ),
        b(
            Pages,
            &[(PgDn, NONE)],
            "PgDn",
            Action::PageDown,
            "down a screen",
            false,
        ),
        b(
            Pages,
            &[(PgUp, NONE)],
            "PgUp",
            Action::PageUp,
            "up a screen",
            false,
        ),
        b(
            Pages,
            &[(Tab, NONE), (BackTab, KeyModifiers::SHIFT)],
            "Tab",
            Action::NextPane,
            "switch between list and page",
            true,
        ),
        b(
            Pages,
            &[(Enter, NONE)],
            "Enter",
            Action::Open,
            "open: clip, related comparison, or search a concept",
            true,
        ),
        b(
            Pages,
            &[(Backspace, NONE), (Esc, NONE)],
            "Bksp Esc",
            Action::Back,
            "back through visited comparisons",
            true,
        ),
        // Search
        Binding {
            scope: Search,
            keys: Vec::new(),
            label: "letters",
            action: None,
            help: "type to search; filters: speaker: source: topic: kind: page: type: theme: stance:",
            hint: false,
        },
        b(
            Search,
            &[(Down, NONE), (Char('n'), CTRL)],
            "↓ Ctrl-N",
            Action::Down,
            "next result",
            false,
        ),
        b(
            Search,
            &[(Up, NONE), (Char('p'), CTRL)],
            "↑ Ctrl-P",
            Action::Up,
            "previous result",
            false,
        ),
        b(
            Search,
            &[(PgDn, NONE)],
            "PgDn",
            Action::PageDown,
            "down a screen",
            false,
        ),
        b(
            Search,
            &[(PgUp, NONE)],
            "PgUp",
            Action::PageUp,
            "up a screen",
            false,
        ),
        b(
            Search,
            &[(Enter, NONE)],
            "Enter",
            Action::Open,
            "open the result",
            true,
        ),
        b(
            Search,
            &[(Backspace, NONE)],
            "Bksp",
            Action::DeleteChar,
            "delete a character (back when empty)",
            false,
        ),
        b(
            Search,
            &[(Char('u'), CTRL)],
            "Ctrl-U",
            Action::ClearInput,
            "clear the query",
            false,
        ),
        b(Search, &[(Esc, NONE)], "Esc", Action::Back, "back", true),
        // Clip
        b(
            Clip,
            &[(Char('j'), NONE), (Down, NONE)],
            "j ↓",
            Action::Down,
            "next related clip",
            false,
        ),
        b(
            Clip,
            &[(Char('k'), NONE), (Up, NONE)],
            "k ↑",
            Action::Up,
            "previous related clip",
            false,
        ),
        b(
            Clip,
            &[(Char('g'), NONE), (Home, NONE)],
            "g Home",
            Action::Top,
            "first related clip",
            false,
        ),
        b(
            Clip,
            &[
                (Char('G'), KeyModifiers::SHIFT),
                (Char('G'), NONE),
                (End, NONE),
            ],
            "G End",
            Action::Bottom,
            "last related clip",
            false,
        ),
        b(
            Clip,
            &[(Enter, NONE)],
            "Enter",
            Action::Open,
            "open the related clip",
            false,
        ),
        b(
            Clip,
            &[(Char('o'), NONE)],
            "o",
            Action::OpenLink,
            "open the deep link in the browser",
            true,
        ),
        b(
            Clip,
            &[(Char('y'), NONE)],
            "y",
            Action::CopyCitation,
            "copy a Markdown citation (OSC 52)",
            true,
        ),
        b(
            Clip,
            &[(Backspace, NONE), (Esc, NONE)],
            "Bksp Esc",
            Action::Back,
            "back",
            true,
        ),
    ]
});

pub fn bindings() -> &'static [Binding] {
    &BINDINGS
}

/// The bindings that apply on a screen: its own, then the global ones.
pub fn for_screen(screen: Screen) -> impl Iterator<Item = &'static Binding> {
    let scope = Scope::of(screen);
    bindings()
        .iter()
        .filter(move |b| b.scope == scope)
        .chain(bindings().iter().filter(|b| b.scope == Global))
}

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    binding
        .keys
        .iter()
        .any(|(code, mods)| *code == key.code && *mods == key.modifiers)
}

/// Resolves a key press to an action for the current state.
pub fn resolve(app: &App, key: KeyEvent) -> Option<Action> {
    if key.code == Char('c') && key.modifiers == CTRL {
        return Some(Action::Quit);
    }
    if app.help {
        return match key.code {
            Char('?') | Esc | Backspace | Enter => Some(Action::ToggleHelp),
            Char('q') => Some(Action::Quit),
            _ => None,
        };
    }
    if app.screen == Screen::Search {
        let own = bindings()
            .iter()
            .filter(|b| b.scope == Search)
            .find(|b| matches(b, &key));
        if let Some(action) = own.and_then(|b| b.action.clone()) {
            return Some(action);
        }
        // Everything printable goes into the query, `q`, `/` and `?` included.
        return match key.code {
            Char(c) if !key.modifiers.intersects(CTRL | KeyModifiers::ALT) => {
                Some(Action::Input(c))
            }
            _ => None,
        };
    }
    for_screen(app.screen)
        .find(|b| matches(b, &key))
        .and_then(|b| b.action.clone())
}
