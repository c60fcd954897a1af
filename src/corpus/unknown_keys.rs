//! Reading a record file that has unknown keys: every one is reported with its line, and
//! the rest of the file is still read, so one import run lists every problem.

use super::problem::Problems;

/// Parses a record file, reporting every unknown key (each with its line) rather than
/// only the first: each one found is reported and its line set aside, and the file is
/// read again, so that the rest of its problems are found in the same run.
pub(super) fn parse(
    file: &str,
    text: &str,
    lines: &super::problem::LineIndex,
    problems: &mut Problems,
) -> Result<super::records::RecordFile, toml::de::Error> {
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut unknown = 0;
    loop {
        let err = match toml::from_str::<super::records::RecordFile>(&text) {
            Ok(parsed) => return Ok(parsed),
            Err(err) => err,
        };
        let Some(span) = err.span() else {
            return Err(err);
        };
        let message = err.message().trim().to_string();
        // Only a key on a line of its own (`key = value`) can be set aside safely.
        let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[span.start..]
            .find('\n')
            .map_or(text.len(), |i| span.start + i);
        let line_text = &text[start..end];
        let key = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string);
        let own_line = key.as_deref().is_some_and(|k| {
            line_text
                .trim_start()
                .strip_prefix(k)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        if !own_line || unknown >= 100 {
            return Err(err);
        }
        unknown += 1;
        problems.push(
            file,
            lines.line(span.start),
            format!("not valid corpus TOML: {message}"),
        );
        // The line becomes a comment of the same length, so every position stays put.
        let blank = format!("#{}", " ".repeat(line_text.len().saturating_sub(1)));
        let mut changed = text.into_owned();
        changed.replace_range(start..end, &blank);
        text = std::borrow::Cow::Owned(changed);
    }
}
