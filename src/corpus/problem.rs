//! Validation problems: every one names a file, a line and what to fix.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based line; 0 when the problem is about the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

/// The text of a file, or the 1-based line where its bytes stop being UTF-8.
pub fn utf8_or_bad_line(bytes: &[u8]) -> Result<&str, usize> {
    std::str::from_utf8(bytes).map_err(|e| {
        bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    })
}

/// Collects problems while a corpus is read, so that all of them are reported at once.
#[derive(Default, Debug)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.0.push(Problem {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Maps byte offsets of one file to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
    /// Added to every line: a page's front matter starts after its `+++` line.
    base: usize,
}

impl LineIndex {
    pub fn new(text: &str, base: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts, base }
    }
    pub fn line(&self, offset: usize) -> usize {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        idx + 1 + self.base
    }
}
