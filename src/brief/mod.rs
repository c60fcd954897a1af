//! The research brief: an investigation as a Markdown document a colleague can read and
//! check. Pure and deterministic: the same data gives byte-identical output.
//!
//! The brief keeps apart whose words are whose: the author's conclusion is under its own
//! heading, the decision page's answer is labelled as the page's, only a verbatim quote
//! is set as a quotation (a gist is a paraphrase and says so), and the author's reading
//! of a clip's stance is marked "(your reading)" beside what the experts' stances give.
//!
//! Every corpus or user string goes through [`escape`] (see `escape.rs`), so no text can
//! open structure of its own; only http(s) deep links become links; front matter values
//! are quoted, so no title can end the front matter.

mod autolink;
mod escape;
mod sections;

pub use escape::{escape, escape_link_text, escape_paragraphs, link, link_target, yaml};

use crate::compare::ThemeFinding;
use crate::model::{ClipId, Stance};
use crate::web_url::WebUrl;

/// One clip of the investigation as the brief shows it: plain values, nothing borrowed
/// from the library's views.
#[derive(Clone, Debug, PartialEq)]
pub struct BriefItem {
    pub clip: ClipId,
    /// The voice's name, and `Name (role, affiliation)` for the evidence list.
    pub voice: String,
    pub voice_line: String,
    pub source_id: String,
    pub source_title: String,
    /// `Title, Show (kind, published)`.
    pub source_line: String,
    pub source_url: Option<WebUrl>,
    /// `26:30–31:38`, `2:56` or `§ Section`.
    pub time_range: String,
    pub deep_link: Option<WebUrl>,
    /// What the expert said, verbatim: the only text set as a quotation.
    pub quote: Option<String>,
    /// A paraphrase of the clip, by the corpus's curator or the user.
    pub gist: String,
    pub clarity: Option<u8>,
    pub retired: bool,
    /// The author's own stances on this clip (overrides, or stances on a clip they added),
    /// with the theme's claim.
    pub your_readings: Vec<(String, Stance)>,
    /// The author's note on the clip (multi-line).
    pub note: String,
}

/// The decision page the clips inform: its own answer, shown labelled as the page's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BriefPage {
    pub title: String,
    /// Markdown inline text, as the page stores it.
    pub short_answer: String,
    pub decision_rule: String,
}

pub struct BriefInput<'a> {
    pub title: &'a str,
    pub question: Option<&'a str>,
    /// The author's own answer, multi-line: the brief opens with it.
    pub conclusion: Option<&'a str>,
    /// ISO 8601 date the brief is dated (the investigation's last change).
    pub date: &'a str,
    pub version: &'a str,
    pub page: Option<&'a BriefPage>,
    pub items: &'a [BriefItem],
    /// Each theme classed from the experts' stances, with the author's readings beside.
    pub findings: &'a [ThemeFinding],
}

/// The brief, section by section.
pub fn render(input: &BriefInput<'_>) -> String {
    let mut out = String::new();
    let cites = sections::Citations::new(input.items);
    sections::front_matter(&mut out, input);
    sections::title_and_question(&mut out, input);
    sections::conclusion(&mut out, input);
    sections::page_answer(&mut out, input);
    sections::agreement(&mut out, input, &cites);
    sections::disagreement(&mut out, input, &cites);
    sections::single_voice(&mut out, input, &cites);
    sections::readings_without_experts(&mut out, input, &cites);
    sections::evidence(&mut out, input);
    sections::sources(&mut out, input);
    out
}
