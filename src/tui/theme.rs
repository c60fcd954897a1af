//! Every colour and style the UI uses. With `NO_COLOR` set, only modifiers are used.

use super::status::Severity;
use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub heading: Style,
    pub title: Style,
    pub selected: Style,
    pub match_: Style,
    pub code: Style,
    pub link: Style,
    pub accent: Style,
    pub agree: Style,
    pub disagree: Style,
    pub error: Style,
    /// A status message saying something was done (saved, written, copied).
    pub done: Style,
    pub border: Style,
    pub border_focused: Style,
}

impl Theme {
    /// The user's own reading (a stance they set), set apart from the experts': italic,
    /// which reads the same with or without colour.
    pub fn yours(&self, base: Style) -> Style {
        base.add_modifier(Modifier::ITALIC)
    }

    /// How the status line shows a message of this kind: problems as errors, what was
    /// done in its own colour, guidance as plain text.
    pub fn status(&self, severity: Severity) -> Style {
        match severity {
            Severity::Info => self.text,
            Severity::Done => self.done,
            Severity::Problem => self.error,
        }
    }

    /// Colours unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Theme::monochrome()
        } else {
            Theme::colour()
        }
    }

    pub fn colour() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            title: Style::new().fg(Color::White).add_modifier(bold),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(bold),
            match_: Style::new().fg(Color::Yellow).add_modifier(bold),
            code: Style::new().fg(Color::Magenta),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            accent: Style::new().fg(Color::Cyan),
            agree: Style::new().fg(Color::Green),
            disagree: Style::new().fg(Color::Red),
            error: Style::new().fg(Color::Red).add_modifier(bold),
            done: Style::new().fg(Color::Green),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
        }
    }

    pub fn monochrome() -> Theme {
        let m = |modifier| Style::new().add_modifier(modifier);
        Theme {
            text: Style::new(),
            dim: m(Modifier::DIM),
            heading: m(Modifier::BOLD),
            title: m(Modifier::BOLD),
            selected: m(Modifier::REVERSED),
            match_: m(Modifier::BOLD | Modifier::UNDERLINED),
            code: m(Modifier::ITALIC),
            link: m(Modifier::UNDERLINED),
            accent: Style::new(),
            agree: Style::new(),
            disagree: Style::new(),
            error: m(Modifier::BOLD),
            done: Style::new(),
            border: Style::new(),
            border_focused: m(Modifier::BOLD),
        }
    }
}
