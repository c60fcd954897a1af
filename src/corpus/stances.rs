//! A clip's stances as a corpus file writes them: `theme = "supports"` or
//! `theme = { stance = "supports", why = "one line" }`.

use super::problem::Problems;
use super::records::non_empty;
use crate::model::*;

/// One entry of a clip's `stances`: the short form `theme = "supports"` or the table
/// `theme = { stance = "supports", why = "one line" }`.
pub fn theme_stance(
    problems: &mut Problems,
    file: &str,
    line: usize,
    theme: String,
    value: toml::Value,
) -> Option<ThemeStance> {
    let shape = format!(
        "write `{theme} = \"supports\"` or `{theme} = {{ stance = \"supports\", why = \"...\" }}`"
    );
    let (word, why) = match value {
        toml::Value::String(word) => (word, None),
        toml::Value::Table(table) => {
            let mut word = None;
            let mut why = None;
            for (key, value) in table {
                match (key.as_str(), value) {
                    ("stance", toml::Value::String(w)) => word = Some(w),
                    ("why", toml::Value::String(w)) => why = Some(w),
                    ("stance" | "why", _) => {
                        problems.push(
                            file,
                            line,
                            format!(
                                "`{key}` of the stance on theme `{theme}` must be text: {shape}"
                            ),
                        );
                        return None;
                    }
                    (other, _) => {
                        problems.push(
                            file,
                            line,
                            format!("unknown key `{other}` in the stance on theme `{theme}`: use `stance` and `why`"),
                        );
                        return None;
                    }
                }
            }
            let Some(word) = word else {
                problems.push(
                    file,
                    line,
                    format!("the stance on theme `{theme}` is missing `stance`: {shape}"),
                );
                return None;
            };
            (word, why)
        }
        _ => {
            problems.push(
                file,
                line,
                format!("the stance on theme `{theme}` is neither a word nor a table: {shape}"),
            );
            return None;
        }
    };
    let why = non_empty(why);
    if why.as_deref().is_some_and(|w| w.contains('\n')) {
        problems.push(
            file,
            line,
            format!("the `why` of the stance on theme `{theme}` must be one line"),
        );
        return None;
    }
    match Stance::parse(&word) {
        Some(stance) => Some(ThemeStance {
            theme: ThemeId(theme),
            stance,
            by: StanceBy::Corpus,
            why,
        }),
        None => {
            problems.push(
                file,
                line,
                format!(
                    "stance `{word}` on theme `{theme}` is not one of: {}",
                    Stance::choices()
                ),
            );
            None
        }
    }
}
