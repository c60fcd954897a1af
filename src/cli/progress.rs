//! The import's progress line on stderr: files and clips done, clips a second and the
//! time left, rewritten in place on a terminal (at most a few times a second) and not
//! written at all when stderr is not one. The index rebuild after a large import says
//! its own stage through `StderrProgress`.

use super::StderrProgress;
use dossier::library::{ImportProgress, ImportStatus};
use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct ImportLine {
    terminal: bool,
    last: Cell<Option<Instant>>,
}

impl ImportLine {
    pub fn new() -> Self {
        ImportLine {
            terminal: std::io::stderr().is_terminal(),
            last: Cell::new(None),
        }
    }
}

impl dossier::search::Progress for ImportLine {
    fn update(&self, stage: &str, done: u64, total: u64) {
        StderrProgress.update(stage, done, total);
    }
}

impl ImportProgress for ImportLine {
    fn import(&self, status: &ImportStatus) {
        if !self.terminal {
            return;
        }
        let finished = status.files_done >= status.files_total;
        let now = Instant::now();
        if !finished
            && self
                .last
                .get()
                .is_some_and(|t| now.duration_since(t) < Duration::from_millis(250))
        {
            return;
        }
        self.last.set(Some(now));
        let mut err = std::io::stderr().lock();
        // Clear to the end of the line: a shorter line leaves nothing of a longer one.
        let _ = write!(err, "\r{}\x1b[K", line(status));
        if finished {
            let _ = writeln!(err);
        }
    }
}

/// "importing: 12/100 files, 120,000 clips, 21,500 clips/s, 0:38 left".
pub fn line(status: &ImportStatus) -> String {
    let eta = match status.eta() {
        Some(left) if status.files_done < status.files_total => {
            let secs = left.as_secs();
            format!(", {}:{:02} left", secs / 60, secs % 60)
        }
        _ => String::new(),
    };
    format!(
        "importing: {}/{} files, {} clips, {} clips/s{eta}",
        status.files_done,
        status.files_total,
        thousands(status.clips_done as u64),
        thousands(status.rate().round() as u64),
    )
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_files_clips_rate_and_time_left() {
        let status = ImportStatus {
            files_done: 12,
            files_total: 100,
            bytes_done: 50,
            bytes_total: 200,
            clips_done: 120_000,
            elapsed: Duration::from_secs(10),
        };
        assert_eq!(
            line(&status),
            "importing: 12/100 files, 120,000 clips, 12,000 clips/s, 0:30 left"
        );
        let done = ImportStatus {
            files_done: 100,
            bytes_done: 200,
            ..status
        };
        assert_eq!(
            line(&done),
            "importing: 100/100 files, 120,000 clips, 12,000 clips/s"
        );
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
