//! WebVTT and SRT transcripts, read into cues. Every malformed cue is reported with its
//! line; one problem rejects the whole file (a transcript is imported whole or not at all).

use crate::corpus::Problem;

/// The latest cue time a transcript may have: 99:59:59.999. A longer recording is not
/// a talk or an episode, and every clip cut from a cue must fit the times a clip takes.
pub const MAX_CUE_MS: u64 = 100 * 3600 * 1000 - 1;

/// Splits text into lines at any of the line endings WebVTT allows: CRLF, LF or a lone CR
/// (SRT files use the same).
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Vtt,
    Srt,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Vtt => "vtt",
            Format::Srt => "srt",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub start_ms: u64,
    pub end_ms: u64,
    /// The speaker named by a WebVTT `<v Name>` tag.
    pub voice: Option<String>,
    /// Plain text: tags removed, entities decoded, lines joined with spaces.
    pub text: String,
    /// The line of the cue's timing, for messages.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Transcript {
    pub format: Format,
    pub cues: Vec<Cue>,
}

/// Reads a transcript from raw bytes. `name` is used in problems. The format is WebVTT
/// when the file starts with `WEBVTT`, SRT otherwise.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Transcript, Vec<Problem>> {
    let problem = |line: usize, message: String| Problem {
        file: name.to_string(),
        line,
        message,
    };
    let text = match crate::corpus::utf8_or_bad_line(bytes) {
        Ok(t) => t,
        Err(line) => {
            return Err(vec![problem(
                line,
                "the file is not valid UTF-8 here: save it as UTF-8 and import again".into(),
            )]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = split_lines(text);
    let format = match lines.first() {
        Some(first) if first.starts_with("WEBVTT") => Format::Vtt,
        _ => Format::Srt,
    };
    let mut problems = Vec::new();
    let mut cues: Vec<Cue> = Vec::new();
    // Blocks are separated by blank lines; `i` walks lines (0-based).
    let mut i = if format == Format::Vtt { 1 } else { 0 };
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        let mut end = i;
        while end < lines.len() && !lines[end].trim().is_empty() {
            end += 1;
        }
        let block = &lines[block_start..end];
        i = end;
        if format == Format::Vtt && block_start == 1 && !block[0].contains("-->") {
            continue; // header metadata lines right after WEBVTT
        }
        let first = block[0].trim();
        if format == Format::Vtt
            && (first.starts_with("NOTE") || first == "STYLE" || first == "REGION")
        {
            continue;
        }
        // The timing line is the first or (after a cue id / SRT number) the second.
        let Some(offset) = block.iter().take(2).position(|l| l.contains("-->")) else {
            problems.push(problem(
                block_start + 1,
                format!(
                    "`{}` starts a cue without a timing line (00:01:02.000 --> 00:01:05.000)",
                    shorten(first)
                ),
            ));
            continue;
        };
        let line_no = block_start + offset + 1;
        let timing = block[offset];
        let (start, rest) = timing.split_once("-->").unwrap_or((timing, ""));
        let end_text = rest.split_whitespace().next().unwrap_or("");
        let (start_ms, end_ms) = match (parse_stamp(start.trim()), parse_stamp(end_text)) {
            (Some(s), Some(e)) => (s, e),
            (None, _) => {
                problems.push(problem(
                    line_no,
                    format!(
                        "`{}` is not a cue time: write 00:01:02.000 (or 00:01:02,000 in SRT)",
                        shorten(start.trim())
                    ),
                ));
                continue;
            }
            (_, None) => {
                problems.push(problem(
                    line_no,
                    format!(
                        "`{}` is not a cue time: write 00:01:02.000 (or 00:01:02,000 in SRT)",
                        shorten(end_text)
                    ),
                ));
                continue;
            }
        };
        if end_ms < start_ms {
            problems.push(problem(line_no, "the cue ends before it starts".into()));
            continue;
        }
        if end_ms > MAX_CUE_MS {
            problems.push(problem(
                line_no,
                format!(
                    "the cue ends at {}, after {}: a transcript's times end there",
                    stamp(end_ms),
                    stamp(MAX_CUE_MS)
                ),
            ));
            continue;
        }
        // Cues come in time order (WebVTT requires it): a clip cut across cues takes its
        // start from the first and its words in order, which only holds when they are.
        if let Some(last) = cues.last()
            && start_ms < last.start_ms
        {
            problems.push(problem(
                line_no,
                format!(
                    "the cue starts at {}, before the cue on line {} (at {}): put the cues in time order",
                    stamp(start_ms),
                    last.line,
                    stamp(last.start_ms)
                ),
            ));
            continue;
        }
        let body = &block[offset + 1..];
        let (voice, text) = cue_text(body);
        if text.is_empty() {
            problems.push(problem(line_no, "the cue has no text".into()));
            continue;
        }
        cues.push(Cue {
            start_ms,
            end_ms,
            voice,
            text,
            line: line_no,
        });
    }
    if cues.is_empty() && problems.is_empty() {
        problems.push(problem(
            0,
            "no cues found: is this a WebVTT or SRT file?".into(),
        ));
    }
    if problems.is_empty() {
        Ok(Transcript { format, cues })
    } else {
        Err(problems)
    }
}

/// `hh:mm:ss.ttt`, as WebVTT writes a time.
fn stamp(ms: u64) -> String {
    let (s, ms) = (ms / 1000, ms % 1000);
    format!("{:02}:{:02}:{:02}.{ms:03}", s / 3600, (s / 60) % 60, s % 60)
}

fn shorten(text: &str) -> String {
    let short: String = crate::text::sanitize(text).chars().take(40).collect();
    short
}

/// `hh:mm:ss.ttt`, `mm:ss.ttt`, with `,` for SRT: milliseconds.
fn parse_stamp(text: &str) -> Option<u64> {
    let (clock, millis) = text.split_once(['.', ',']).unwrap_or((text, "0"));
    if millis.is_empty() || millis.len() > 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis: u64 = format!("{millis:0<3}").parse().ok()?;
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let mut seconds: u64 = 0;
    for (n, part) in parts.iter().enumerate() {
        if part.is_empty() || part.len() > 6 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = part.parse().ok()?;
        if n > 0 && value > 59 {
            return None;
        }
        seconds = seconds * 60 + value;
    }
    Some(seconds * 1000 + millis)
}

/// The cue's speaker (from `<v Name>`) and its plain text.
fn cue_text(lines: &[&str]) -> (Option<String>, String) {
    let mut voice = None;
    let mut words = Vec::new();
    for line in lines {
        let mut out = String::new();
        let mut rest = *line;
        while let Some(open) = rest.find('<') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('>') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let tag = &rest[open + 1..open + close];
            // `<v Name>` or `<v.loud Name>`: the first voice tag names the speaker.
            if let Some(name) = tag
                .strip_prefix('v')
                .filter(|t| t.starts_with([' ', '.']))
                .and_then(|t| t.split_once(' ').map(|(_, n)| n.trim()))
                .filter(|n| !n.is_empty())
                && voice.is_none()
            {
                voice = Some(crate::text::sanitize(name).into_owned());
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        let decoded = out
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&");
        let clean = crate::text::sanitize(decoded.trim()).into_owned();
        if !clean.is_empty() {
            words.push(clean);
        }
    }
    (voice, words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_webvtt_line_ending_reads_the_same() {
        let lf = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ada>one\ntwo\n\n00:03.000 --> 00:04.000\nthree\n";
        let want = parse("lf.vtt", lf.as_bytes()).unwrap().cues;
        assert_eq!(want.len(), 2);
        for ending in ["\r\n", "\r"] {
            let text = lf.replace('\n', ending);
            let got = parse("x.vtt", text.as_bytes()).unwrap().cues;
            assert_eq!(got, want, "{ending:?}");
        }
    }

    #[test]
    fn cues_out_of_order_and_beyond_the_last_time_are_refused() {
        let vtt = "WEBVTT\n\n10:00.000 --> 10:01.000\nlate\n\n00:01.000 --> 00:02.000\nearly\n";
        let problems = parse("x.vtt", vtt.as_bytes()).unwrap_err();
        assert_eq!(problems[0].line, 6);
        assert!(problems[0].message.contains("line 3"), "{problems:?}");
        let vtt = "WEBVTT\n\n999999:59:59.999 --> 999999:59:59.999\nfar\n";
        let problems = parse("x.vtt", vtt.as_bytes()).unwrap_err();
        assert!(problems[0].message.contains("99:59:59.999"), "{problems:?}");
        let vtt = "WEBVTT\n\n99:59:58.000 --> 99:59:59.999\nthe very end\n";
        assert!(parse("x.vtt", vtt.as_bytes()).is_ok());
    }

    #[test]
    fn webvtt_with_voices_notes_and_tags() {
        let vtt = "WEBVTT - a talk\nKind: captions\n\nNOTE written by hand\n\n1\n00:00:01.000 --> 00:00:04.500 align:start\n<v Meryem Arik>Start with <i>retrieval</i>\nthen tune.\n\n00:04.500 --> 00:07.000\n<v.loud Hamel Husain>Evals &amp; more\n";
        let t = parse("talk.vtt", vtt.as_bytes()).unwrap();
        assert_eq!(t.format, Format::Vtt);
        assert_eq!(t.cues.len(), 2);
        assert_eq!(t.cues[0].voice.as_deref(), Some("Meryem Arik"));
        assert_eq!(t.cues[0].text, "Start with retrieval then tune.");
        assert_eq!((t.cues[0].start_ms, t.cues[0].end_ms), (1000, 4500));
        assert_eq!(t.cues[1].voice.as_deref(), Some("Hamel Husain"));
        assert_eq!(t.cues[1].text, "Evals & more");
        assert_eq!(t.cues[1].start_ms, 4500);
    }

    #[test]
    fn srt_cues() {
        let srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\n\r\n2\r\n01:02:03,250 --> 01:02:05,000\r\nthere\r\n";
        let t = parse("ep.srt", srt.as_bytes()).unwrap();
        assert_eq!(t.format, Format::Srt);
        assert_eq!(t.cues[1].start_ms, 3_723_250);
        assert_eq!(t.cues[1].line, 6);
    }

    #[test]
    fn malformed_cues_name_their_lines() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:09,000 --> 00:00:03,000\nbackwards\n\n3\n00:61:00,000 --> 00:62:00,000\nbad\n\njust text\n";
        let problems = parse("ep.srt", srt.as_bytes()).unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![6, 10, 13], "{problems:?}");
        assert!(problems[0].message.contains("ends before it starts"));
        let bad = parse(
            "x.vtt",
            b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xff\xfe\n",
        )
        .unwrap_err();
        assert_eq!(bad[0].line, 4);
        assert!(parse("empty.srt", b"").is_err());
    }
}
