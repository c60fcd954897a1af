//! The keymap as data: every binding has a description. Help and the status-bar hints
//! are generated from this table, so they cannot drift from what the keys do.

mod table;

use super::action::Action;
use super::app::{App, Modal, Screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies: a screen, a dialog, or everywhere outside dialogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    Pages,
    Search,
    Clip,
    Investigations,
    Compare,
    /// The compare screen with its side-by-side pane focused: its own keys, then the
    /// compare screen's.
    SideBySide,
    Export,
    Picker,
    Prompt,
    Confirm,
    Note,
    /// Choosing another investigation for a note whose own is gone.
    SaveInto,
    Stance,
    Transcript,
    Digest,
    Form,
    Link,
}

impl Scope {
    pub fn of(screen: Screen) -> Scope {
        match screen {
            Screen::Pages => Scope::Pages,
            Screen::Search => Scope::Search,
            Screen::Clip => Scope::Clip,
            Screen::Investigations => Scope::Investigations,
            Screen::Compare => Scope::Compare,
            Screen::Export => Scope::Export,
            Screen::Transcript => Scope::Transcript,
            Screen::Digest => Scope::Digest,
        }
    }

    /// The scope keys go to now: the open dialog's, or the screen's.
    pub fn current(app: &App) -> Scope {
        match &app.modal {
            Some(Modal::Picker { .. }) => Scope::Picker,
            Some(Modal::Prompt { .. }) => Scope::Prompt,
            Some(Modal::Confirm { .. }) => Scope::Confirm,
            Some(Modal::Note(_)) => Scope::Note,
            Some(Modal::SaveNoteInto { .. }) => Scope::SaveInto,
            Some(Modal::Stance { .. }) => Scope::Stance,
            Some(Modal::ClipForm(_)) => Scope::Form,
            Some(Modal::Link { .. }) => Scope::Link,
            None if app.screen == Screen::Compare
                && app
                    .compare
                    .as_ref()
                    .is_some_and(|c| c.focus_clips && c.marked.len() == 2) =>
            {
                Scope::SideBySide
            }
            None => Scope::of(app.screen),
        }
    }

    /// The scope whose keys apply here too, unless this one binds the same key.
    fn parent(self) -> Option<Scope> {
        match self {
            Scope::SideBySide => Some(Scope::Compare),
            _ => None,
        }
    }

    /// Dialogs take only their own keys (and Ctrl-C).
    fn is_dialog(self) -> bool {
        matches!(
            self,
            Scope::Picker
                | Scope::Prompt
                | Scope::Confirm
                | Scope::Note
                | Scope::SaveInto
                | Scope::Stance
                | Scope::Form
                | Scope::Link
        )
    }

    /// Scopes where printable characters are typed as text.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Scope::Search | Scope::Prompt | Scope::Note | Scope::Form
        )
    }

    /// A name for help's title.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Pages => "Comparisons",
            Scope::Search => "Search",
            Scope::Clip => "Clip",
            Scope::Investigations => "Investigations",
            Scope::Compare => "Compare",
            Scope::SideBySide => "Compare · side by side",
            Scope::Export => "Export",
            Scope::Picker => "Add to investigation",
            Scope::Prompt => "Text",
            Scope::Confirm => "Confirm",
            Scope::Note => "Note",
            Scope::SaveInto => "Save the note into",
            Scope::Stance => "Your stance",
            Scope::Transcript => "Transcript",
            Scope::Digest => "What's new",
            Scope::Form => "New clip",
            Scope::Link => "Link",
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

pub fn bindings() -> &'static [Binding] {
    &table::BINDINGS
}

/// The bindings that apply in a scope: its own, then its parent's that it does not
/// override, then (outside dialogs) the global ones.
pub fn for_scope(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    let global = !scope.is_dialog();
    let own = move |b: &&Binding| b.scope == scope;
    let overridden = move |b: &Binding| {
        bindings()
            .iter()
            .filter(own)
            .any(|o| o.keys.iter().any(|k| b.keys.contains(k)))
    };
    let inherited = scope.parent().into_iter().flat_map(move |parent| {
        bindings()
            .iter()
            .filter(move |b| b.scope == parent && !overridden(b))
    });
    bindings().iter().filter(own).chain(inherited).chain(
        bindings()
            .iter()
            .filter(move |b| global && b.scope == Scope::Global),
    )
}

/// The bindings that apply on a screen: its own, then the global ones.
pub fn for_screen(screen: Screen) -> impl Iterator<Item = &'static Binding> {
    for_scope(Scope::of(screen))
}

/// How the key for an action is written in a scope (`o`), for screens that name their keys.
pub fn label_for(scope: Scope, is: impl Fn(&Action) -> bool) -> Option<&'static str> {
    for_scope(scope)
        .find(|b| b.action.as_ref().is_some_and(&is))
        .map(|b| b.label)
}

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    binding
        .keys
        .iter()
        .any(|(code, mods)| *code == key.code && *mods == key.modifiers)
}

/// Resolves a key press to an action for the current state.
pub fn resolve(app: &App, key: KeyEvent) -> Option<Action> {
    use KeyCode::{Backspace, Char, Enter, Esc};
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    if key.code == Char('c') && key.modifiers == CTRL {
        return Some(Action::Quit);
    }
    if app.help {
        use KeyCode::{Down, End, Home, PageDown, PageUp, Up};
        return match key.code {
            Char('?') | Esc | Backspace | Enter => Some(Action::ToggleHelp),
            Char('q') => Some(Action::Quit),
            Char('j') | Down => Some(Action::Down),
            Char('k') | Up => Some(Action::Up),
            Char(' ') | PageDown => Some(Action::PageDown),
            PageUp => Some(Action::PageUp),
            Char('g') | Home => Some(Action::Top),
            Char('G') | End => Some(Action::Bottom),
            _ => None,
        };
    }
    let scope = Scope::current(app);
    let own = bindings()
        .iter()
        .filter(|b| b.scope == scope)
        .find(|b| matches(b, &key));
    if let Some(action) = own.and_then(|b| b.action.clone()) {
        return Some(action);
    }
    if scope.takes_text() {
        // Everything printable is text here, `q`, `/` and `?` included.
        return match key.code {
            Char(c) if !key.modifiers.intersects(CTRL | KeyModifiers::ALT) => {
                Some(Action::Input(c))
            }
            _ => None,
        };
    }
    for_scope(scope)
        .find(|b| matches(b, &key))
        .and_then(|b| b.action.clone())
}
