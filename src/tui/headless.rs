//! The app without a terminal: actions and keys in, screens out. Effects run at once
//! against the library, so tests read as key sequences.

use super::action::{Action, Effect};
use super::app::App;
use super::theme::Theme;
use super::{driver, keymap, update, views};
use dossier::Library;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub struct Headless {
    pub app: App,
    pub lib: Library,
    pub theme: Theme,
    /// Effects the driver does not run (opening links, copying), in order.
    pub outside: Vec<Effect>,
}

impl Headless {
    pub fn new(lib: Library, width: u16, height: u16) -> Headless {
        let mut h = Headless {
            app: App::new(width, height),
            lib,
            theme: Theme::colour(),
            outside: Vec::new(),
        };
        h.run(Effect::LoadPages);
        h
    }

    fn run(&mut self, effect: Effect) {
        if effect.is_outside() {
            self.outside.push(effect);
            return;
        }
        for action in driver::run(&mut self.lib, effect) {
            self.act(action);
        }
    }

    pub fn act(&mut self, action: Action) {
        for effect in update::update(&mut self.app, action) {
            self.run(effect);
        }
    }

    /// Starts a visit, as the terminal front end does on start: "new" marks and the
    /// digest's window follow from it.
    pub fn begin_visit(&mut self) {
        self.run(Effect::BeginVisit);
    }

    /// Reopens the page the notebook was last left on, or (on a first launch) welcomes,
    /// as the terminal front end does on start.
    pub fn restore(&mut self) {
        self.run(Effect::Restore);
    }

    /// Looks for writes by other processes, as the terminal front end does every second.
    pub fn check_for_changes(&mut self) {
        self.run(Effect::CheckForChanges);
    }

    pub fn key_event(&mut self, key: KeyEvent) {
        if let Some(action) = keymap::resolve(&self.app, key) {
            self.act(action);
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.key_event(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn ctrl(&mut self, c: char) {
        self.key_event(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    /// Types each character as a key press.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.act(Action::Resize(width, height));
    }

    /// Where the drawn frame puts the terminal's cursor (column, row), if it shows one.
    pub fn cursor(&self) -> Option<(u16, u16)> {
        let mut terminal = Terminal::new(TestBackend::new(self.app.width, self.app.height)).ok()?;
        terminal
            .draw(|f| views::render(f, &self.app, &self.theme))
            .ok()?;
        if !terminal.backend().cursor_visible() {
            return None;
        }
        let at = terminal.get_cursor_position().ok()?;
        Some((at.x, at.y))
    }

    /// Draws the current state at its size and returns the screen as text.
    pub fn render(&self) -> String {
        let mut terminal = match Terminal::new(TestBackend::new(self.app.width, self.app.height)) {
            Ok(t) => t,
            Err(e) => return format!("cannot create a test terminal: {e}"),
        };
        if let Err(e) = terminal.draw(|f| views::render(f, &self.app, &self.theme)) {
            return format!("draw failed: {e}");
        }
        format!("{}", terminal.backend())
    }
}
