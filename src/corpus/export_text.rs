//! The export's non-TOML text: decision pages as Markdown with front matter, transcripts
//! as WebVTT.

use super::export::{ExportCue, kv, list, opt};
use crate::model::*;
use std::fmt::Write as _;

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

pub fn page(p: &Page) -> String {
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
