//! Where in its source a clip sits: a time range or a named section.

use serde::{Deserialize, Serialize};

/// Where in its source a clip sits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ClipSpan {
    /// A moment in a talk, episode or video, in seconds.
    Timed { start: u32, end: Option<u32> },
    /// A named section of an article or paper.
    Section { name: String },
}

impl ClipSpan {
    /// From the store's columns: a start time makes a moment, otherwise a section.
    pub fn from_columns(start: Option<u32>, end: Option<u32>, section: Option<String>) -> ClipSpan {
        match start {
            Some(start) => ClipSpan::Timed { start, end },
            None => ClipSpan::Section {
                name: section.unwrap_or_default(),
            },
        }
    }

    pub fn start_seconds(&self) -> Option<u32> {
        match self {
            ClipSpan::Timed { start, .. } => Some(*start),
            ClipSpan::Section { .. } => None,
        }
    }

    /// `26:30–31:38`, `2:56`, or `§ Section name`.
    pub fn label(&self) -> String {
        match self {
            ClipSpan::Timed { start, end: None } => format_time(*start),
            ClipSpan::Timed {
                start,
                end: Some(end),
            } => format!("{}–{}", format_time(*start), format_time(*end)),
            ClipSpan::Section { name } => format!("§ {name}"),
        }
    }
}

/// Formats seconds as `m:ss` or `h:mm:ss`, the way the corpus writes times.
///
/// ```
/// assert_eq!(dossier::model::format_time(1590), "26:30");
/// assert_eq!(dossier::model::format_time(3725), "1:02:05");
/// ```
pub fn format_time(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, (seconds / 60) % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}
