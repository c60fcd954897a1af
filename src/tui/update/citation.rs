//! `y`: the Markdown citation of a clip, as the brief would write it.

use dossier::library::ClipView;

/// The most characters of a quote or gist a citation carries; names and titles carry at
/// most [`CITATION_NAME_CHARS`]. Terminals cap what one OSC 52 sequence may put on the
/// clipboard far below what a field can hold (a 10 MB gist), and a citation is a pointer
/// to the clip, not a copy of it.
pub const CITATION_TEXT_CHARS: usize = 1_000;
pub const CITATION_NAME_CHARS: usize = 200;

/// What a cut citation says where its text stops; the status line says so too.
pub const CITATION_CUT: &str = "[cut; `dossier show` prints it all]";

/// `text` cut to `max` characters, with whether it was.
fn capped(text: &str, max: usize) -> (String, bool) {
    match text.char_indices().nth(max) {
        Some((at, _)) => (format!("{}…", &text[..at]), true),
        None => (text.to_string(), false),
    }
}

/// A Markdown citation for a clip: a verbatim quote as a quotation with its voice, or, when
/// the clip has none, the gist framed as a paraphrase (never in quotation marks); then the
/// source and the linked time. One block, escaped by the brief's own functions (so it
/// opens no heading, HTML, image, table or link of its own, and links no bare address),
/// and capped in length (see [`CITATION_TEXT_CHARS`]), saying so when cut.
pub fn citation(view: &ClipView) -> String {
    use dossier::brief::{escape, link};
    let c = &view.clip.record;
    let (voice, voice_cut) = capped(&view.voice.name, CITATION_NAME_CHARS);
    let (title, title_cut) = capped(&view.source.title, CITATION_NAME_CHARS);
    let voice = escape(&voice);
    let place = format!(
        "*{}* ({})",
        escape(&title),
        link(&view.time_range, view.deep_link.as_ref())
    );
    let quote = c.quote.as_deref().filter(|q| !q.trim().is_empty());
    let (text, text_cut) = capped(quote.unwrap_or(&c.gist), CITATION_TEXT_CHARS);
    let text = escape(&text);
    let mut out = match quote {
        Some(_) => format!("> “{text}”\n>\n> — {voice}, {place}"),
        None => format!("{voice}, paraphrased: {text} — {place}"),
    };
    if voice_cut || title_cut || text_cut {
        out.push_str(if quote.is_some() { "\n> " } else { " " });
        out.push_str(&escape(CITATION_CUT));
    }
    dossier::text::sanitize_multiline(&out).into_owned()
}
