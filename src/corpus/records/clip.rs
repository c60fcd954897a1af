//! A clip as written in a corpus file, checked field by field.

use super::*;

pub(super) fn clip(
    problems: &mut Problems,
    file: &str,
    lines: &LineIndex,
    line: usize,
    raw: RawClip,
) -> Option<Clip> {
    let before = problems.0.len();
    let id = required(problems, file, line, "clip", "id", raw.id);
    let source = required(problems, file, line, "clip", "source", raw.source);
    let voice = required(problems, file, line, "clip", "voice", raw.voice);
    let gist = required(problems, file, line, "clip", "gist", raw.gist);
    let id = id.filter(|id| check_slug(problems, file, line, "clip", id));

    let time = |problems: &mut Problems, value: Spanned<String>| {
        let at = lines.line(value.span().start);
        parse_time(value.get_ref())
            .map_err(|e| problems.push(file, at, format!("bad time: {e}")))
            .ok()
            .map(|secs| (secs, at))
    };
    // An `at` that is there but not a time was reported as such: it is not "missing".
    let at_given = raw.at.is_some();
    let start = raw.at.and_then(|v| time(problems, v));
    let end = raw.to.and_then(|v| time(problems, v));
    let section = non_empty(raw.section);
    let span = match (start, end, section) {
        (Some(_), _, Some(_)) => {
            problems.push(
                file,
                line,
                "clip has both `at` and `section`: a clip is either a moment (at/to) or an article section",
            );
            None
        }
        (Some((start, _)), Some((end, end_line)), None) if end <= start => {
            problems.push(
                file,
                end_line,
                format!(
                    "end before start: `to` ({}) must be after `at` ({})",
                    format_time(end),
                    format_time(start)
                ),
            );
            None
        }
        (Some((start, _)), end, None) => Some(ClipSpan::Timed {
            start,
            end: end.map(|(e, _)| e),
        }),
        (None, None, Some(name)) => Some(ClipSpan::Section { name }),
        (None, Some(_), _) if at_given => None,
        (None, Some((_, end_line)), _) => {
            problems.push(
                file,
                end_line,
                "clip has `to` but no `at`: add the start time",
            );
            None
        }
        (None, None, None) => {
            if problems.0.len() == before {
                problems.push(
                    file,
                    line,
                    "clip is missing required field `at` (m:ss) or `section` (for articles)",
                );
            }
            None
        }
    };

    let clarity = match raw.clarity {
        None => {
            problems.push(
                file,
                line,
                "clip is missing required field `clarity` (0-100)",
            );
            None
        }
        Some(c) => match c.get_ref() {
            toml::Value::Integer(n) if (0..=100).contains(n) => Some(u8::try_from(*n).ok()),
            toml::Value::String(s) if s == crate::corpus::export::UNRATED => Some(None),
            toml::Value::Integer(n) => {
                problems.push(
                    file,
                    lines.line(c.span().start),
                    format!("clarity {n} is out of range: use 0-100"),
                );
                None
            }
            other => {
                problems.push(
                    file,
                    lines.line(c.span().start),
                    format!("clarity {other} is not a number: use 0-100 (or \"unrated\")"),
                );
                None
            }
        },
    };

    let added = raw.added.and_then(|a| {
        let at = lines.line(a.span().start);
        let text = a.into_inner().into_text();
        check_date(problems, file, at, "added", text.trim()).then(|| text.trim().to_string())
    });

    let mut stances = Vec::new();
    for (theme, value) in raw.stances {
        let at = lines.line(value.span().start);
        if let Some(s) =
            crate::corpus::stances::theme_stance(problems, file, at, theme, value.into_inner())
        {
            stances.push(s);
        }
    }

    if problems.0.len() != before {
        return None;
    }
    Some(Clip {
        id: ClipId(id?),
        source: SourceId(source?),
        voice: VoiceId(voice?),
        span: span?,
        quote: non_empty(raw.quote),
        gist: gist?,
        topics: raw
            .topics
            .into_iter()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect(),
        pages: raw.pages.into_iter().map(PageId).collect(),
        clarity: clarity?,
        added: added.unwrap_or_default(),
        stances,
    })
}
