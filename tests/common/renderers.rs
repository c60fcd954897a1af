//! How other renderers read a brief, encoded here so that no test needs a tool beyond
//! cargo: GitHub's extended autolinks (GFM spec, "Autolinks (extension)"), the bare
//! domains markdown-it's linkify adds, and YAML 1.2's printable-character rule.

use pulldown_cmark::{Event, Options, Parser};

/// Runs of plain text as a GFM renderer sees them: consecutive text events joined (an
/// escape or an entity splits no text for a linkifier), code spans, HTML and links apart.
fn text_runs(md: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) => run.push_str(&t),
            _ => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// A GFM valid domain at the start of `s`: segments of alphanumerics, `_` and `-` joined
/// by periods, at least one period, no `_` in the last two segments. Its length in chars.
fn valid_domain(s: &[char]) -> Option<usize> {
    let len = s
        .iter()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .count();
    let text: String = s[..len].iter().collect();
    let text = text.trim_end_matches('.');
    let segments: Vec<&str> = text.split('.').collect();
    let ok = segments.len() >= 2
        && segments.iter().all(|s| !s.is_empty())
        && segments.iter().rev().take(2).all(|s| !s.contains('_'));
    ok.then_some(text.chars().count())
}

const FUZZY_TLDS: &[&str] = &[
    "biz", "com", "edu", "gov", "net", "org", "pro", "web", "xxx", "aero", "asia", "coop", "info",
    "museum", "name", "shop",
];

/// Every address in `text` that GFM's extended autolinks or markdown-it's linkify would
/// make a link of: `http(s)://domain`, `www.domain`, `local@domain.tld` (also after
/// `mailto:`/`xmpp:`), `//domain` and `label.tld` with a linkify top-level domain.
pub fn autolinks_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let lower = if lower.len() == chars.len() {
        lower
    } else {
        chars.clone()
    };
    let starts = |i: usize, p: &str| {
        p.chars()
            .enumerate()
            .all(|(k, c)| lower.get(i + k) == Some(&c))
    };
    let mut found = Vec::new();
    for i in 0..chars.len() {
        let take = |n: usize| chars[i..i + n].iter().collect::<String>();
        for scheme in ["http://", "https://", "www.", "//"] {
            if starts(i, scheme) {
                let from = if scheme == "www." {
                    i
                } else {
                    i + scheme.len()
                };
                if let Some(n) = valid_domain(&chars[from..]) {
                    found.push(take(from - i + n));
                }
            }
        }
        if chars[i] == '@' {
            let local = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '+' | '_' | '-'))
                .count();
            if local > 0
                && let Some(n) = valid_domain(&chars[i + 1..])
                && !matches!(chars[i + n], '-' | '_')
            {
                found.push(chars[i - local..=i + n].iter().collect());
            }
        }
        if chars[i] == '.' && i > 0 && chars[i - 1].is_alphanumeric() {
            let tld: String = lower[i + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let n = tld.chars().count();
            if n >= 2
                && tld.chars().all(char::is_alphabetic)
                && (n == 2 || FUZZY_TLDS.contains(&tld.as_str()))
            {
                found.push(format!("…{}", take(n + 1)));
            }
        }
    }
    found
}

/// The links a GFM or linkifying renderer adds to `md` beyond its CommonMark links: the
/// addresses in its plain text. An empty list means the same link count under both.
pub fn gfm_autolinks(md: &str) -> Vec<String> {
    text_runs(md).iter().flat_map(|t| autolinks_in(t)).collect()
}

/// CommonMark's links and images in `md`.
pub fn commonmark_links(md: &str) -> usize {
    Parser::new(md)
        .filter(|e| {
            matches!(
                e,
                Event::Start(pulldown_cmark::Tag::Link { .. } | pulldown_cmark::Tag::Image { .. })
            )
        })
        .count()
}

/// YAML 1.2 c-printable: `#x9 | #xA | #xD | [#x20-#x7E] | #x85 | [#xA0-#xD7FF] |
/// [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
pub fn yaml_printable(c: char) -> bool {
    matches!(
        c as u32,
        0x9 | 0xA | 0xD | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF
    )
}

/// The front matter of a brief: the text between its first two `---` lines.
pub fn front_matter(md: &str) -> &str {
    let body = md
        .strip_prefix("---\n")
        .expect("a brief opens with front matter");
    let end = body.find("\n---\n").expect("the front matter is closed");
    &body[..end]
}

/// Characters YAML 1.2 does not allow in a stream, with their positions.
pub fn yaml_problems(front: &str) -> Vec<String> {
    front
        .char_indices()
        .filter(|&(_, c)| !yaml_printable(c))
        .map(|(i, c)| format!("U+{:04X} at byte {i}", c as u32))
        .collect()
}
