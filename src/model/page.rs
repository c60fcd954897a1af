//! A decision page: a structured comparison, and the parts it is made of.

use super::{ClipId, PageId, ThemeId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub title: String,
    pub publisher: Option<String>,
    #[serde(default, deserialize_with = "crate::web_url::lenient")]
    pub url: Option<crate::web_url::WebUrl>,
    pub why: Option<String>,
}

/// "Choose <option> when": the conditions that favour one option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChooseWhen {
    pub option: String,
    pub items: Vec<String>,
}

/// A section of a page that dossier has no slot for. Kept, in order, never dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraSection {
    pub heading: String,
    /// Paragraphs and list items, as Markdown inline text.
    pub blocks: Vec<String>,
}

/// A structured comparison. Text fields hold Markdown inline text (emphasis, code, links);
/// front ends render it, they never show the raw markup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub id: PageId,
    pub title: String,
    pub options: Vec<String>,
    pub question: String,
    pub short_answer: String,
    pub decision_rule: String,
    pub choose_when: Vec<ChooseWhen>,
    pub tradeoffs: Vec<String>,
    pub failure_modes: Vec<String>,
    pub common_mistakes: Vec<String>,
    pub when_not_to_use: Vec<String>,
    pub related: Vec<PageId>,
    pub concepts: Vec<String>,
    pub references: Vec<Reference>,
    pub canonical_clip: Option<ClipId>,
    /// Why the canonical clip was chosen and how to listen to it.
    #[serde(default)]
    pub canonical_note: CanonicalNote,
    pub themes: Vec<ThemeId>,
    pub extra: Vec<ExtraSection>,
    pub updated: Option<String>,
    /// The flagship page: listed first and opened on a first launch.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
}

/// What a page says about its canonical clip. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CanonicalNote {
    /// One line: why this clip explains the page's question most clearly.
    pub why: Option<String>,
    /// A listening note, e.g. that the answer opens a little before the clip's time.
    pub lead_in: Option<String>,
    /// The chapter of the source the clip sits in.
    pub chapter: Option<String>,
}
