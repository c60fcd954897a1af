//! Writing records back out as corpus files (docs/corpus-format.md, "Export layout").
//! Pure formatting: the same records always give the same bytes. Records are sorted by
//! id, keys come in a fixed order, and every text is written as a TOML basic string with
//! control, bidi and other invisible characters escaped, so a reviewer sees them in a diff.

use crate::model::*;
use std::fmt::Write as _;

/// A transcript cue as exported: times in milliseconds, the speaker's voice id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportCue {
    pub start_ms: u64,
    pub end_ms: u64,
    pub voice: Option<String>,
    pub text: String,
}

/// A source's link and date set by the user over a source they do not own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceOverlay {
    pub source: SourceId,
    pub url: Option<String>,
    pub published: Option<String>,
    pub show: Option<String>,
}

/// One clip of an exported investigation: `(clip, note, [(theme, stance)])`.
pub type ExportItem = (String, String, Vec<(String, Stance)>);

/// An investigation as exported: its clips in order, with notes and the user's stances.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportInvestigation {
    pub name: String,
    pub question: Option<String>,
    pub conclusion: Option<String>,
    /// In the investigation's order.
    pub items: Vec<ExportItem>,
}

/// Everything one export writes.
#[derive(Clone, Debug, Default)]
pub struct ExportSet {
    pub voices: Vec<Voice>,
    pub sources: Vec<Source>,
    pub themes: Vec<Theme>,
    pub clips: Vec<Clip>,
    pub pages: Vec<Page>,
    pub synonyms: Vec<SynonymGroup>,
    pub overlays: Vec<SourceOverlay>,
    /// `(source id, cues)`.
    pub transcripts: Vec<(String, Vec<ExportCue>)>,
    pub investigations: Vec<ExportInvestigation>,
}

/// The first line of every file an export writes; also tells a folder made by an export.
pub const HEADER: &str = "# Exported by `dossier corpus export`; format: docs/corpus-format.md";

/// The files of an export: `(path relative to the export folder, contents)`, sorted by path.
pub fn render(set: &ExportSet) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut voices = set.voices.clone();
    voices.sort_by(|a, b| a.id.cmp(&b.id));
    if !voices.is_empty() {
        let mut out = header();
        for v in &voices {
            voice(&mut out, v);
        }
        files.push(("voices.toml".into(), out));
    }
    let mut themes = set.themes.clone();
    themes.sort_by(|a, b| a.id.cmp(&b.id));
    if !themes.is_empty() {
        let mut out = header();
        for t in &themes {
            out.push('\n');
            out.push_str("[[theme]]\n");
            kv(&mut out, "id", t.id.as_str());
            kv(&mut out, "kind", t.kind.as_str());
            kv(&mut out, "claim", &t.claim);
        }
        files.push(("themes.toml".into(), out));
    }
    let mut groups: Vec<Vec<String>> = set.synonyms.iter().map(|g| g.terms.clone()).collect();
    groups.sort();
    groups.dedup();
    if !groups.is_empty() {
        let mut out = header();
        for g in &groups {
            out.push_str("\n[[synonyms]]\n");
            list(&mut out, "terms", g);
        }
        files.push(("synonyms.toml".into(), out));
    }
    let mut overlays = set.overlays.clone();
    overlays.sort_by(|a, b| a.source.cmp(&b.source));
    if !overlays.is_empty() {
        let mut out = header();
        for o in &overlays {
            out.push_str("\n[[overlay]]\n");
            kv(&mut out, "source", o.source.as_str());
            opt(&mut out, "show", o.show.as_deref());
            opt(&mut out, "url", o.url.as_deref());
            opt(&mut out, "published", o.published.as_deref());
        }
        files.push(("overlays.toml".into(), out));
    }
    // One file per source: the source (when exported) and its clips.
    let mut by_source: std::collections::BTreeMap<&str, (Option<&Source>, Vec<&Clip>)> =
        Default::default();
    for s in &set.sources {
        by_source.entry(s.id.as_str()).or_default().0 = Some(s);
    }
    for c in &set.clips {
        by_source.entry(c.source.as_str()).or_default().1.push(c);
    }
    for (id, (s, mut clips)) in by_source {
        let mut out = header();
        if let Some(s) = s {
            source(&mut out, s);
        }
        clips.sort_by(|a, b| a.id.cmp(&b.id));
        for c in clips {
            clip(&mut out, c);
        }
        files.push((format!("sources/{id}.toml"), out));
    }
    for (id, cues) in &set.transcripts {
        files.push((
            format!("sources/{id}.vtt"),
            super::export_text::webvtt(cues),
        ));
    }
    for p in &set.pages {
        files.push((format!("pages/{}.md", p.id), super::export_text::page(p)));
    }
    let mut invs = set.investigations.clone();
    invs.sort_by(|a, b| a.name.cmp(&b.name));
    if !invs.is_empty() {
        let mut out = header();
        for inv in &invs {
            investigation(&mut out, inv);
        }
        files.push(("investigations.toml".into(), out));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn header() -> String {
    format!("{HEADER}\n")
}

/// A TOML basic string. Quotes, backslashes, controls and every character the terminal
/// gate treats with care (bidi, invisible, format) are escaped.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || crate::text::needs_care(c) => {
                if (c as u32) <= 0xFFFF {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                } else {
                    let _ = write!(out, "\\U{:08X}", c as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key: bare when TOML allows it, quoted otherwise (an id with a `.`).
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

pub(super) fn kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", toml_string(value));
}

pub(super) fn opt(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
        kv(out, key, v);
    }
}

fn list_text(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|i| toml_string(i)).collect();
    format!("[{}]", parts.join(", "))
}

pub(super) fn list(out: &mut String, key: &str, items: &[String]) {
    let _ = writeln!(out, "{key} = {}", list_text(items));
}

fn voice(out: &mut String, v: &Voice) {
    out.push_str("\n[[voice]]\n");
    kv(out, "id", v.id.as_str());
    kv(out, "name", v.name.trim());
    opt(out, "role", v.role.as_deref());
    opt(out, "affiliation", v.affiliation.as_deref());
    opt(out, "provenance", v.provenance.as_deref());
}

fn source(out: &mut String, s: &Source) {
    out.push_str("\n[[source]]\n");
    kv(out, "id", s.id.as_str());
    kv(out, "kind", s.kind.as_str());
    kv(out, "title", s.title.trim());
    opt(out, "show", s.show.as_deref());
    opt(out, "url", s.url.as_ref().map(|u| u.as_str()));
    opt(out, "published", s.published.as_deref());
    if !s.voices.is_empty() {
        let ids: Vec<String> = s.voices.iter().map(|v| v.0.clone()).collect();
        list(out, "voices", &ids);
    }
    opt(out, "provenance", s.provenance.as_deref());
}

fn clip(out: &mut String, c: &Clip) {
    out.push_str("\n[[clip]]\n");
    kv(out, "id", c.id.as_str());
    kv(out, "source", c.source.as_str());
    kv(out, "voice", c.voice.as_str());
    match &c.span {
        ClipSpan::Timed { start, end } => {
            kv(out, "at", &format_time(*start));
            if let Some(end) = end {
                kv(out, "to", &format_time(*end));
            }
        }
        ClipSpan::Section { name } => kv(out, "section", name.trim()),
    }
    opt(out, "quote", c.quote.as_deref());
    kv(out, "gist", c.gist.trim());
    let mut topics: Vec<String> = c
        .topics
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    topics.dedup();
    if !topics.is_empty() {
        list(out, "topics", &topics);
    }
    if !c.pages.is_empty() {
        let ids: Vec<String> = c.pages.iter().map(|p| p.0.clone()).collect();
        list(out, "pages", &ids);
    }
    match c.clarity {
        Some(n) => {
            let _ = writeln!(out, "clarity = {n}");
        }
        None => kv(out, "clarity", UNRATED),
    }
    if !c.added.is_empty() {
        let _ = writeln!(out, "added = {}", c.added);
    }
    let mut stances = c.stances.clone();
    stances.sort_by(|a, b| a.theme.cmp(&b.theme));
    if !stances.is_empty() {
        let _ = writeln!(out, "\n[clip.stances]");
        for s in &stances {
            let key = toml_key(s.theme.as_str());
            match s.why.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
                Some(why) => {
                    let _ = writeln!(
                        out,
                        "{key} = {{ stance = \"{}\", why = {} }}",
                        s.stance,
                        toml_string(why)
                    );
                }
                None => {
                    let _ = writeln!(out, "{key} = \"{}\"", s.stance);
                }
            }
        }
    }
}

/// `clarity = "unrated"`: a clip nobody rated (one the user added without a clarity).
pub const UNRATED: &str = "unrated";

fn investigation(out: &mut String, inv: &ExportInvestigation) {
    out.push_str("\n[[investigation]]\n");
    kv(out, "name", &inv.name);
    opt(out, "question", inv.question.as_deref());
    opt(out, "conclusion", inv.conclusion.as_deref());
    for (clip, note, stances) in &inv.items {
        out.push_str("\n[[investigation.clip]]\n");
        kv(out, "id", clip);
        opt(out, "note", Some(note));
        if !stances.is_empty() {
            let mut stances = stances.clone();
            stances.sort();
            let parts: Vec<String> = stances
                .iter()
                .map(|(t, s)| format!("{} = \"{s}\"", toml_key(t)))
                .collect();
            let _ = writeln!(out, "stances = {{ {} }}", parts.join(", "));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_a_reviewer_could_not_see() {
        assert_eq!(toml_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(toml_string("x\u{1b}[2J\u{202e}y"), r#""x\u001B[2J\u202Ey""#);
        assert_eq!(toml_string("line\nnext\ttab"), r#""line\nnext\ttab""#);
        assert_eq!(toml_string("漢字 👩‍💻"), "\"漢字 👩‍💻\"");
        let parsed: toml::Value =
            toml::from_str(&format!("v = {}", toml_string("a\u{0}\u{85}\u{7f}b"))).unwrap();
        assert_eq!(parsed["v"].as_str(), Some("a\u{0}\u{85}\u{7f}b"));
    }
}
