//! Plain data types shared by every part of dossier. No I/O, no UI.

mod page;
mod span;

pub use page::{CanonicalNote, ChooseWhen, ExtraSection, Page, Reference};
pub use span::{ClipSpan, format_time};

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_newtype {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_newtype!(
    /// Slug of a practitioner, e.g. `meryem-arik`.
    VoiceId,
    /// Slug of a talk, episode, video, article or paper.
    SourceId,
    /// Slug of one clip.
    ClipId,
    /// Slug of a decision page, e.g. `rag-vs-fine-tuning`.
    PageId,
    /// Slug of a theme (a claim experts take a stance on).
    ThemeId,
);

/// Where a record came from: the corpus compiled into the binary, or the user.
/// A sync of the embedded corpus only ever touches `Embedded` records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Embedded,
    User,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Embedded => "embedded",
            Origin::User => "user",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "embedded" => Some(Origin::Embedded),
            "user" => Some(Origin::User),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voice {
    pub id: VoiceId,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub provenance: Option<String>,
}

impl Voice {
    /// `Name (role, affiliation)`, leaving out what is not known.
    pub fn describe(&self) -> String {
        let extra: Vec<&str> = [self.role.as_deref(), self.affiliation.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if extra.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, extra.join(", "))
        }
    }
}

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s.trim().to_ascii_lowercase().as_str() { $($text => Some($name::$variant),)* _ => None }
            }
            /// The accepted spellings, for error messages.
            pub fn choices() -> String {
                [$($text),*].join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// What kind of publication a source is.
    SourceKind { Talk => "talk", Podcast => "podcast", Video => "video", Article => "article", Paper => "paper" }
);
string_enum!(
    /// The position a clip takes on a theme's claim.
    Stance { Supports => "supports", Opposes => "opposes", Nuanced => "nuanced" }
);
string_enum!(
    /// Whether a theme states something experts agree on or debate.
    ThemeKind { Agreement => "agreement", Debate => "debate" }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub kind: SourceKind,
    pub title: String,
    pub show: Option<String>,
    #[serde(default, deserialize_with = "crate::web_url::lenient")]
    pub url: Option<crate::web_url::WebUrl>,
    /// ISO date as written in the corpus (`2025-11-11`); empty when unknown.
    pub published: Option<String>,
    pub voices: Vec<VoiceId>,
    pub provenance: Option<String>,
}

impl Source {
    /// `Title, Show (kind, published)`, leaving out what is not known.
    pub fn describe(&self) -> String {
        let mut out = self.title.clone();
        if let Some(show) = &self.show {
            out.push_str(&format!(", {show}"));
        }
        match &self.published {
            Some(date) => out.push_str(&format!(" ({}, {date})", self.kind)),
            None => out.push_str(&format!(" ({})", self.kind)),
        }
        out
    }
}

/// Whose reading a stance is. The corpus's: the curator's reading of what the expert said
/// (built-in corpus or an import). The user's: an override in an investigation, or a stance
/// on a clip the user added. Where voices agree is judged from the corpus's stances only.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum StanceBy {
    #[default]
    Corpus,
    User,
}

impl StanceBy {
    pub fn as_str(self) -> &'static str {
        match self {
            StanceBy::Corpus => "corpus",
            StanceBy::User => "user",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "corpus" => Some(StanceBy::Corpus),
            "user" => Some(StanceBy::User),
            _ => None,
        }
    }
    pub fn is_corpus(&self) -> bool {
        *self == StanceBy::Corpus
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeStance {
    pub theme: ThemeId,
    pub stance: Stance,
    /// Left out of JSON when it is the corpus's (so stored hashes of corpus clips do not
    /// change); `"by": "user"` marks the user's.
    #[serde(default, skip_serializing_if = "StanceBy::is_corpus")]
    pub by: StanceBy,
    /// One line: the source statement the stance rests on, in the curator's words.
    #[serde(default)]
    pub why: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clip {
    pub id: ClipId,
    pub source: SourceId,
    pub voice: VoiceId,
    pub span: ClipSpan,
    pub quote: Option<String>,
    pub gist: String,
    pub topics: Vec<String>,
    pub pages: Vec<PageId>,
    /// How clearly the clip makes its point, 0-100; `None` when nobody rated it (a clip the
    /// user added without one). Never invented.
    pub clarity: Option<u8>,
    /// ISO date the clip was added to the notebook.
    pub added: String,
    pub stances: Vec<ThemeStance>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: ThemeId,
    pub claim: String,
    pub kind: ThemeKind,
}

/// The word for a clarity score: how plainly a clip answers what it is cited for.
/// 0-39 poor, 40-59 weak, 60-79 clear, 80-100 excellent (docs/corpus-format.md).
///
/// ```
/// assert_eq!(dossier::model::clarity_band(50), "weak");
/// assert_eq!(dossier::model::clarity_band(80), "excellent");
/// ```
pub fn clarity_band(clarity: u8) -> &'static str {
    match clarity {
        0..=39 => "poor",
        40..=59 => "weak",
        60..=79 => "clear",
        _ => "excellent",
    }
}

/// Terms a search treats as one idea: a query for one also finds the others, ranked
/// below exact matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynonymGroup {
    pub terms: Vec<String>,
}

/// Every record kind dossier stores, for messages and `show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Voice,
    Source,
    Clip,
    Page,
    Theme,
}

impl RecordKind {
    pub const STORED: [RecordKind; 5] = [
        RecordKind::Voice,
        RecordKind::Source,
        RecordKind::Theme,
        RecordKind::Clip,
        RecordKind::Page,
    ];

    /// The SQLite table that stores records of this kind.
    pub fn table(self) -> &'static str {
        match self {
            RecordKind::Voice => "voices",
            RecordKind::Source => "sources",
            RecordKind::Theme => "themes",
            RecordKind::Clip => "clips",
            RecordKind::Page => "pages",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Voice => "voice",
            RecordKind::Source => "source",
            RecordKind::Clip => "clip",
            RecordKind::Page => "page",
            RecordKind::Theme => "theme",
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests;

/// A clip or page flattened for the search index: the text to search, the filter values
/// and what a result shows. Built from SQLite, so the index can always be rebuilt.
#[derive(Clone, Debug, Default)]
pub struct IndexRecord {
    pub id: String,
    /// `clip`, `page` or `transcript` (one cue of a transcript).
    pub doc_type: &'static str,
    /// Shown as the result's title: a page's title; a clip's source title.
    pub title: String,
    /// Searched with the most weight: a page's title.
    pub name: String,
    /// A clip's quote; a page's short answer.
    pub quote: String,
    /// A clip's gist and topics; a page's question; a cue's text.
    pub lead: String,
    /// The rest of a page (decision rule, lists, sections).
    pub body: String,
    /// What a clip comes from: its source's title and show (weighs no more than a gist).
    pub about: String,
    /// A page's sections, one passage each ("Tradeoffs: …"), for snippets.
    pub passages: Vec<String>,
    /// The text a result's snippet is cut from when the quote does not match: a clip's gist.
    pub snippet: String,
    pub voice: String,
    pub voice_id: String,
    pub source: String,
    pub source_id: String,
    pub source_kind: String,
    pub span: String,
    pub start: Option<u32>,
    pub topics: Vec<String>,
    pub pages: Vec<String>,
    /// `(theme, stance)` pairs.
    pub stances: Vec<(String, String)>,
    /// Newest first ordering for filter-only queries: `added` for clips.
    pub added: String,
    /// A cue's source id: all cues of a transcript are replaced together.
    pub parent: String,
}
