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
        files.push((format!("sources/{id}.vtt"), webvtt(cues)));
    }
    for p in &set.pages {
        files.push((format!("pages/{}.md", p.id), page(p)));
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

fn kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", toml_string(value));
}

fn opt(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
        kv(out, key, v);
    }
}

fn list_text(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|i| toml_string(i)).collect();
    format!("[{}]", parts.join(", "))
}

fn list(out: &mut String, key: &str, items: &[String]) {
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

/// `hh:mm:ss.ttt`.
fn stamp(ms: u64) -> String {
    let (s, ms) = (ms / 1000, ms % 1000);
    format!("{:02}:{:02}:{:02}.{ms:03}", s / 3600, (s / 60) % 60, s % 60)
}

/// A transcript as WebVTT: one cue per block, the speaker as `<v voice-id>`, text with
/// `&`, `<` and `>` written as entities.
pub fn webvtt(cues: &[ExportCue]) -> String {
    let mut out = String::from("WEBVTT\n");
    for c in cues {
        let text = c
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace(['\r', '\n'], " ");
        let _ = write!(out, "\n{} --> {}\n", stamp(c.start_ms), stamp(c.end_ms));
        match &c.voice {
            Some(v) => {
                let _ = writeln!(out, "<v {v}>{text}");
            }
            None => {
                let _ = writeln!(out, "{text}");
            }
        }
    }
    out
}

fn page(p: &Page) -> String {
    let mut out = String::from("+++\n");
    kv(&mut out, "id", p.id.as_str());
    kv(&mut out, "title", p.title.trim());
    list(&mut out, "options", &p.options);
    let ids = |v: Vec<String>| v;
    if !p.themes.is_empty() {
        list(
            &mut out,
            "themes",
            &ids(p.themes.iter().map(|t| t.0.clone()).collect()),
        );
    }
    if !p.related.is_empty() {
        list(
            &mut out,
            "related",
            &ids(p.related.iter().map(|t| t.0.clone()).collect()),
        );
    }
    if !p.concepts.is_empty() {
        list(&mut out, "concepts", &p.concepts);
    }
    opt(&mut out, "updated", p.updated.as_deref());
    if p.featured {
        out.push_str("featured = true\n");
    }
    if let Some(c) = &p.canonical_clip {
        let n = &p.canonical_note;
        if n.why.is_none() && n.lead_in.is_none() && n.chapter.is_none() {
            kv(&mut out, "canonical_clip", c.as_str());
        } else {
            out.push_str("\n[canonical_clip]\n");
            kv(&mut out, "id", c.as_str());
            opt(&mut out, "why", n.why.as_deref());
            opt(&mut out, "lead_in", n.lead_in.as_deref());
            opt(&mut out, "chapter", n.chapter.as_deref());
        }
    }
    for r in &p.references {
        out.push_str("\n[[reference]]\n");
        kv(&mut out, "title", r.title.trim());
        opt(&mut out, "publisher", r.publisher.as_deref());
        opt(&mut out, "url", r.url.as_ref().map(|u| u.as_str()));
        opt(&mut out, "why", r.why.as_deref());
    }
    out.push_str("+++\n");
    let untitled = p.extra.iter().filter(|e| e.heading.is_empty());
    for e in untitled {
        for b in &e.blocks {
            let _ = write!(out, "\n{b}\n");
        }
    }
    let mut text = |heading: &str, body: &str| {
        if !body.trim().is_empty() {
            let _ = write!(out, "\n## {heading}\n\n{}\n", body.trim());
        }
    };
    text("Question", &p.question);
    text("Short answer", &p.short_answer);
    text("Decision rule", &p.decision_rule);
    let items = |items: &[String]| -> String {
        items
            .iter()
            .map(|i| format!("- {}", i.trim()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for cw in &p.choose_when {
        text(&format!("Choose {} when", cw.option), &items(&cw.items));
    }
    text("Tradeoffs", &items(&p.tradeoffs));
    text("Failure modes", &items(&p.failure_modes));
    text("Common mistakes", &items(&p.common_mistakes));
    text("When not to use", &items(&p.when_not_to_use));
    for e in p.extra.iter().filter(|e| !e.heading.is_empty()) {
        let _ = write!(out, "\n## {}\n", e.heading.trim());
        for b in &e.blocks {
            let _ = write!(out, "\n{}\n", b.trim());
        }
    }
    out
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

    #[test]
    fn webvtt_cues_round_trip_through_the_reader() {
        let cues = vec![
            ExportCue {
                start_ms: 1_000,
                end_ms: 2_500,
                voice: Some("ada".into()),
                text: "a <b> & c --> d &lt;".into(),
            },
            ExportCue {
                start_ms: 3_723_250,
                end_ms: 3_723_250,
                voice: None,
                text: "later".into(),
            },
        ];
        let text = webvtt(&cues);
        let parsed = crate::capture::transcript::parse("x.vtt", text.as_bytes()).unwrap();
        let back: Vec<(u64, u64, Option<String>, String)> = parsed
            .cues
            .into_iter()
            .map(|c| (c.start_ms, c.end_ms, c.voice, c.text))
            .collect();
        assert_eq!(
            back,
            vec![
                (
                    1_000,
                    2_500,
                    Some("ada".into()),
                    "a <b> & c --> d &lt;".into()
                ),
                (3_723_250, 3_723_250, None, "later".into())
            ]
        );
    }
}
