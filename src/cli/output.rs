//! Human and JSON output. Everything the command line writes to stdout or stderr goes
//! through one [`Gate`]: commands get no other writer, so a new command cannot forget to
//! sanitize. Call sites still fold single-line fields onto one line (`sanitize`), for
//! layout; the gate is what keeps control sequences off the terminal.

use anyhow::Result;
use dossier::search::{SearchResults, Snippet};
use dossier::store::PageSummary;
use dossier::text::{needs_care, sanitize, sanitize_multiline};
use std::io::{self, IsTerminal, Write};

/// The output gate: a writer that passes text on with every control, bidi or format
/// character replaced by the visible stand-in the TUI shows (`␛`, `<U+202E>`), keeping
/// line breaks. Bytes that are not UTF-8 become U+FFFD. Highlighting is the one escape
/// sequence that goes out, through [`Gate::highlight`], never from text.
pub struct Gate<W: Write> {
    inner: W,
    styled: bool,
    /// The start of a character split across two writes.
    partial: Vec<u8>,
    /// A carriage return held back: with a line feed after it, it is a line break.
    carriage_return: bool,
}

impl<W: Write> Gate<W> {
    pub fn new(inner: W, styled: bool) -> Gate<W> {
        Gate {
            inner,
            styled,
            partial: Vec::new(),
            carriage_return: false,
        }
    }

    /// Writes `text` bold and yellow when styled, plain otherwise; sanitized either way.
    pub fn highlight(&mut self, text: &str) -> io::Result<()> {
        if !self.styled {
            return self.write_all(text.as_bytes());
        }
        self.settle()?;
        self.inner.write_all(b"\x1b[1;33m")?;
        self.write_all(text.as_bytes())?;
        self.settle()?;
        self.inner.write_all(b"\x1b[0m")
    }

    /// Writes out what was held back (a lone carriage return, a cut character).
    fn settle(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.carriage_return) {
            self.inner.write_all("␍".as_bytes())?;
        }
        if !self.partial.is_empty() {
            let rest = std::mem::take(&mut self.partial);
            self.inner
                .write_all(String::from_utf8_lossy(&rest).as_bytes())?;
        }
        Ok(())
    }

    fn pass(&mut self, text: &str) -> io::Result<()> {
        let mut text = text;
        if std::mem::take(&mut self.carriage_return) {
            match text.strip_prefix('\n') {
                Some(_) => {}
                None => self.inner.write_all("␍".as_bytes())?,
            }
        }
        if let Some(before) = text.strip_suffix('\r') {
            self.carriage_return = true;
            text = before;
        }
        if !text.chars().any(|c| c != '\n' && needs_care(c)) {
            return self.inner.write_all(text.as_bytes());
        }
        self.inner.write_all(sanitize_multiline(text).as_bytes())
    }
}

impl<W: Write> Write for Gate<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.partial);
        bytes.extend_from_slice(buf);
        let mut at = 0;
        while at < bytes.len() {
            match std::str::from_utf8(&bytes[at..]) {
                Ok(text) => {
                    self.pass(text)?;
                    at = bytes.len();
                }
                Err(e) => {
                    let valid = at + e.valid_up_to();
                    let text = std::str::from_utf8(&bytes[at..valid]).unwrap_or_default();
                    self.pass(text)?;
                    match e.error_len() {
                        Some(bad) => {
                            self.pass("\u{FFFD}")?;
                            at = valid + bad;
                        }
                        // A character cut at the end of this write: wait for the rest.
                        None => {
                            self.partial = bytes[valid..].to_vec();
                            at = bytes.len();
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Gate<W> {
    fn drop(&mut self) {
        let _ = self.settle();
        let _ = self.inner.flush();
    }
}

/// Standard output behind the gate, highlighting on a terminal unless NO_COLOR is set.
pub fn stdout() -> Gate<io::StdoutLock<'static>> {
    Gate::new(io::stdout().lock(), styled())
}

/// Standard error behind the gate.
pub fn stderr() -> Gate<io::StderrLock<'static>> {
    Gate::new(io::stderr().lock(), false)
}

/// A line on standard error, through the gate (warnings, notes, errors).
pub fn warn(message: std::fmt::Arguments<'_>) {
    let mut err = stderr();
    let _ = err.write_fmt(message);
    let _ = err.write_all(b"\n");
}

/// Pretty JSON, the stable machine interface (docs/json.md).
pub fn json<T: serde::Serialize>(out: &mut impl Write, value: &T) -> Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    writeln!(out, "{}", dossier::text::json_for_terminal(&json))?;
    Ok(())
}

/// Bold for highlights, only on a terminal and never when NO_COLOR is set.
pub fn styled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A snippet with its highlights: bold on a terminal, plain otherwise.
pub fn snippet<W: Write>(out: &mut Gate<W>, s: &Snippet) -> io::Result<()> {
    let mut at = 0;
    for r in &s.highlights {
        if r.start < at
            || r.end > s.text.len()
            || !s.text.is_char_boundary(r.start)
            || !s.text.is_char_boundary(r.end)
        {
            continue;
        }
        write!(out, "{}", sanitize(&s.text[at..r.start]))?;
        out.highlight(&sanitize(&s.text[r.clone()]))?;
        at = r.end;
    }
    write!(out, "{}", sanitize(&s.text[at..]))
}

pub fn search<W: Write>(out: &mut Gate<W>, results: &SearchResults) -> Result<()> {
    for notice in results.notices() {
        writeln!(out, "{}", sanitize(&notice))?;
    }
    if results.hits.is_empty() {
        writeln!(out, "no results for \"{}\"", sanitize(&results.query))?;
        return Ok(());
    }
    let heading = if results.query.trim().is_empty() {
        format!("{} newest clip(s)", results.hits.len())
    } else {
        format!(
            "{}{} result(s), showing {}",
            results.total,
            if results.total_at_least { "+" } else { "" },
            results.hits.len()
        )
    };
    writeln!(out, "{heading}")?;
    for (i, hit) in results.hits.iter().enumerate() {
        let mut meta = Vec::new();
        if let Some(v) = &hit.voice {
            meta.push(sanitize(v).into_owned());
        }
        meta.push(sanitize(&hit.title).into_owned());
        if let Some(t) = &hit.time_range {
            meta.push(sanitize(t).into_owned());
        }
        writeln!(
            out,
            "{:>3}. {:<4}  {}",
            i + 1,
            hit.doc_type,
            sanitize(&hit.id)
        )?;
        writeln!(out, "      {}", meta.join(" · "))?;
        if !hit.snippet.text.is_empty() {
            write!(out, "      ")?;
            snippet(out, &hit.snippet)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

pub fn pages(out: &mut impl Write, pages: &[PageSummary]) -> Result<()> {
    if pages.is_empty() {
        writeln!(out, "no decision pages")?;
        return Ok(());
    }
    let id_width = pages
        .iter()
        .map(|p| p.id.as_str().chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let title_width = pages
        .iter()
        .map(|p| p.title.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 48);
    writeln!(
        out,
        "{:<id_width$}  {:<title_width$}  {:>5}  UPDATED",
        "ID", "TITLE", "CLIPS"
    )?;
    for p in pages {
        let title: String = sanitize(&p.title).chars().take(title_width).collect();
        let updated = p.updated_at.get(..10).unwrap_or(&p.updated_at);
        writeln!(
            out,
            "{:<id_width$}  {:<title_width$}  {:>5}  {}",
            sanitize(p.id.as_str()),
            title,
            p.clip_count,
            updated
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Gate;
    use std::io::Write;

    fn through_gate(pieces: &[&[u8]], styled: bool) -> String {
        let mut bytes = Vec::new();
        {
            let mut gate = Gate::new(&mut bytes, styled);
            for piece in pieces {
                gate.write_all(piece).unwrap();
            }
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_gate_shows_stand_ins_and_keeps_line_breaks() {
        let out = through_gate(
            &["a\u{1b}]0;t\u{7}\u{202E}b\r\nc\rd\u{206A}\n".as_bytes()],
            true,
        );
        assert_eq!(out, "a␛]0;t␇<U+202E>b\nc␍d<U+206A>\n");
    }

    #[test]
    fn a_character_cut_between_writes_stays_whole() {
        let text = "検索\u{202E}".as_bytes();
        let out = through_gate(
            &[&text[..2], &text[2..4], &text[4..], b"\r", b"\nx\r"],
            false,
        );
        assert_eq!(out, "検索<U+202E>\nx␍");
        assert_eq!(through_gate(&[b"a\xffb"], false), "a\u{FFFD}b");
    }

    #[test]
    fn only_highlighting_writes_an_escape() {
        let mut bytes = Vec::new();
        {
            let mut gate = Gate::new(&mut bytes, true);
            gate.highlight("x\u{1b}[2J").unwrap();
        }
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{1b}[1;33mx␛[2J\u{1b}[0m"
        );
    }
}
