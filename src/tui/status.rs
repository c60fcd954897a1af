//! The status line's message and what kind it is: information, something done, or a
//! problem. The theme styles each kind its own way, so "saved" never looks like an error.

/// What kind of message the status line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Guidance or news: where to begin, what a key needs first, what was left as it was.
    Info,
    /// Something asked for was done: saved, added, written, copied, opened.
    Done,
    /// Something failed or could not be done as asked.
    Problem,
}

/// A message for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub severity: Severity,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            severity: Severity::Info,
        }
    }

    pub fn done(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            severity: Severity::Done,
        }
    }

    pub fn problem(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            severity: Severity::Problem,
        }
    }
}

/// The message's text, so that it reads as a string.
impl std::ops::Deref for Status {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}
