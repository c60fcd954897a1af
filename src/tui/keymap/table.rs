//! Every key binding, with its description. Help and hints are generated from here.

use super::{Binding, Scope};
use crate::tui::action::Action;
use dossier::model::Stance;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use std::sync::LazyLock;

mod browse;
mod capture;
mod dialogs;
mod investigations;

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
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown as PgDn,
    PageUp as PgUp, Right, Tab, Up,
};
use Scope::*;
pub(super) static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    let mut all = browse::bindings();
    all.extend(investigations::bindings());
    all.extend(dialogs::bindings());
    all.extend(capture::bindings());
    all
});
