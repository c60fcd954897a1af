//! Capture: clips the user adds by hand, transcripts they import, and what is new.
//! Pure parsing and validation live here; `Library` writes the results.

pub mod digest;
pub mod fields;
pub mod transcript;
pub mod url_time;

pub use url_time::{TimedUrl, parse_moment, parse_url};

use crate::model::{SourceKind, Stance};

/// A clip as the user types it (CLI flags or the TUI form): raw text, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewClip {
    pub url: String,
    /// Where the moment starts; may be left empty when the URL carries the time.
    pub at: String,
    pub to: String,
    pub voice: String,
    pub source: String,
    pub quote: String,
    pub gist: String,
    pub topics: Vec<String>,
    /// 0-100, or empty: not rated.
    pub clarity: String,
    /// `THEME=STANCE, …`: your reading of the clip, per theme.
    pub stances: String,
    pub page: String,
    pub investigation: String,
    pub kind: Option<SourceKind>,
}

/// The form's fields, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Url,
    At,
    To,
    Voice,
    Source,
    Quote,
    Gist,
    Topics,
    Clarity,
    Stances,
    Page,
    Investigation,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Url,
        Field::At,
        Field::To,
        Field::Voice,
        Field::Source,
        Field::Quote,
        Field::Gist,
        Field::Topics,
        Field::Clarity,
        Field::Stances,
        Field::Page,
        Field::Investigation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Url => "URL",
            Field::At => "Start",
            Field::To => "End",
            Field::Voice => "Voice",
            Field::Source => "Source",
            Field::Quote => "Quote",
            Field::Gist => "Gist",
            Field::Topics => "Topics",
            Field::Clarity => "Clarity",
            Field::Stances => "Stances",
            Field::Page => "Page",
            Field::Investigation => "Investigation",
        }
    }
}

/// A problem with one field, said so that the user knows what to type instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// A clip whose fields parse: times in seconds, the URL normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedClip {
    pub url: crate::web_url::WebUrl,
    pub start: u32,
    pub end: Option<u32>,
    pub voice: String,
    pub source: Option<String>,
    pub quote: Option<String>,
    pub gist: String,
    pub topics: Vec<String>,
    /// `None`: not rated.
    pub clarity: Option<u8>,
    /// The user's stances, by theme id (not yet looked up).
    pub stances: Vec<(String, Stance)>,
    pub page: Option<String>,
    pub investigation: Option<String>,
    pub kind: SourceKind,
}

/// Longest text accepted in a field: a clip is a moment, not a chapter.
const MAX_FIELD: usize = 4_000;

fn cleaned(text: &str) -> Option<String> {
    let t = crate::text::sanitize(text.trim()).into_owned();
    (!t.is_empty()).then_some(t)
}

impl NewClip {
    /// Checks every field, reporting all problems at once (the form shows each beside
    /// its field). Names are not looked up here: unknown voices and sources are created.
    pub fn check(&self) -> Result<CheckedClip, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message: String| errors.push(FieldError { field, message });
        let url = match parse_url(&self.url) {
            Ok(u) => Some(u),
            Err(e) if self.url.trim().is_empty() => {
                let _ = e;
                fail(Field::Url, "give the link to the talk or episode".into());
                None
            }
            Err(e) => {
                fail(Field::Url, e);
                None
            }
        };
        let at = if self.at.trim().is_empty() {
            match &url {
                Some(TimedUrl { at: Some(t), .. }) => Some(*t),
                Some(_) => {
                    fail(
                        Field::At,
                        "when does the moment start? e.g. 12:34 (or a URL with t=754)".into(),
                    );
                    None
                }
                None => None,
            }
        } else {
            match parse_moment(&self.at) {
                Ok(t) => Some(t),
                Err(e) => {
                    fail(Field::At, e);
                    None
                }
            }
        };
        let end = if self.to.trim().is_empty() {
            None
        } else {
            match parse_moment(&self.to) {
                Ok(t) => Some(t),
                Err(e) => {
                    fail(Field::To, e);
                    None
                }
            }
        };
        if let (Some(s), Some(e)) = (at, end)
            && e <= s
        {
            fail(
                Field::To,
                format!(
                    "the end ({}) must come after the start ({})",
                    crate::model::format_time(e),
                    crate::model::format_time(s)
                ),
            );
        }
        let voice = cleaned(&self.voice);
        if voice.is_none() {
            fail(Field::Voice, "who said it? name the speaker".into());
        }
        let quote = cleaned(&self.quote);
        let gist = cleaned(&self.gist).or_else(|| quote.clone());
        if gist.is_none() {
            fail(
                Field::Gist,
                "say what the moment is about (a gist or a quote)".into(),
            );
        }
        for (field, text) in [
            (Field::Quote, &self.quote),
            (Field::Gist, &self.gist),
            (Field::Source, &self.source),
            (Field::Voice, &self.voice),
        ] {
            if text.chars().count() > MAX_FIELD {
                fail(field, format!("keep it under {MAX_FIELD} characters"));
            }
        }
        let clarity = fields::parse_clarity(&self.clarity).unwrap_or_else(|e| {
            fail(Field::Clarity, e);
            None
        });
        let stances = fields::parse_stances(&self.stances).unwrap_or_else(|e| {
            fail(Field::Stances, e);
            Vec::new()
        });
        let kind = self.kind.unwrap_or_else(|| {
            url.as_ref()
                .map_or(SourceKind::Podcast, |u| kind_from_url(u.url.as_str()))
        });
        match (url, at, voice, gist) {
            (Some(url), Some(start), Some(voice), Some(gist)) if errors.is_empty() => {
                Ok(CheckedClip {
                    url: url.url,
                    start,
                    end,
                    voice,
                    source: cleaned(&self.source),
                    quote,
                    gist,
                    topics: self
                        .topics
                        .iter()
                        .flat_map(|t| t.split(','))
                        .filter_map(cleaned)
                        .map(|t| t.to_lowercase())
                        .collect(),
                    clarity,
                    stances,
                    page: cleaned(&self.page),
                    investigation: cleaned(&self.investigation),
                    kind,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Video sites host talks; anything else timed is taken for an episode.
pub fn kind_from_url(url: &str) -> SourceKind {
    let host = crate::links::host(url);
    if host.ends_with("youtube.com") || host.ends_with("vimeo.com") || host == "youtu.be" {
        SourceKind::Video
    } else {
        SourceKind::Podcast
    }
}

/// An id made from a name: lowercase ASCII words joined by `-`, at most 48 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "x".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> NewClip {
        NewClip {
            url: "https://youtu.be/abc?t=12m34s".into(),
            voice: "Ada Lovelace".into(),
            gist: "Start with retrieval.".into(),
            ..NewClip::default()
        }
    }

    #[test]
    fn the_url_time_is_used_when_no_start_is_given() {
        let c = form().check().unwrap();
        assert_eq!((c.start, c.end), (754, None));
        assert_eq!(c.url.as_str(), "https://www.youtube.com/watch?v=abc");
        assert_eq!(c.kind, SourceKind::Video);
        let c = NewClip {
            at: "13:00".into(),
            to: "13:30".into(),
            topics: vec!["RAG, evals".into()],
            ..form()
        }
        .check()
        .unwrap();
        assert_eq!((c.start, c.end), (780, Some(810)));
        assert_eq!(c.topics, vec!["rag", "evals"]);
    }

    #[test]
    fn every_bad_field_is_reported_beside_itself() {
        let errors = NewClip {
            url: "https://example.com/ep".into(),
            to: "soon".into(),
            ..NewClip::default()
        }
        .check()
        .unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![Field::At, Field::To, Field::Voice, Field::Gist]
        );
        let errors = NewClip {
            at: "10:00".into(),
            to: "9:00".into(),
            ..form()
        }
        .check()
        .unwrap_err();
        assert_eq!(errors[0].field, Field::To);
        assert!(errors[0].message.contains("after the start"), "{errors:?}");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Ada Lovelace"), "ada-lovelace");
        assert_eq!(slug("  --Hé!! "), "h");
        assert_eq!(slug("日本"), "x");
    }
}
