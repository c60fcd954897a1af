//! What a renderer could turn into a link by itself, with no link markup: bare URLs,
//! `www.` hosts, e-mail addresses and `host.tld` words (GitHub's extended autolinks and
//! markdown-it's linkify). The brief sets each such word as code, so it stays text.

/// Top-level domains markdown-it's linkifier (linkify-it) makes a link of with no scheme
/// (`example.com`), besides every two-letter one.
const FUZZY_TLDS: &[&str] = &[
    "biz", "com", "edu", "gov", "net", "org", "pro", "web", "xxx", "aero", "asia", "coop", "info",
    "museum", "name", "shop",
];

/// `label.tld` somewhere in `word`, with a top-level domain a linkifier knows.
fn has_fuzzy_domain(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '.' || i == 0 || !chars[i - 1].is_alphanumeric() {
            continue;
        }
        let tld: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let letters = tld.chars().count();
        if letters >= 2
            && tld.chars().all(char::is_alphabetic)
            && (letters == 2 || FUZZY_TLDS.contains(&tld.as_str()))
        {
            return true;
        }
    }
    false
}

/// Whether a renderer that links bare addresses could make a link of `word`: GitHub's
/// extended autolinks (`http://`, `https://`, `www.`, e-mail, `mailto:`, `xmpp:`) or
/// markdown-it's linkify (any scheme, `//host`, `host.com`, e-mail).
pub fn linkable(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower.contains("://")
        || lower.contains("//")
        || lower.contains("www.")
        || lower.starts_with("mailto:")
        || lower.starts_with("xmpp:")
        || word.char_indices().any(|(i, c)| {
            c == '@'
                && word[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && word[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        || has_fuzzy_domain(word)
}

/// The words of `chars` that [`linkable`] finds, as char ranges without the punctuation
/// around them (a sentence's full stop, a bracket).
pub(super) fn linkable_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    const LEAD: &[char] = &['(', '"', '\'', '*', '_', '~', '<', '[', '“', '‘'];
    const TRAIL: &[char] = &[
        '.', ',', ';', ':', '!', '?', ')', '"', '\'', '*', '_', '~', '>', ']', '”', '’',
    ];
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        let (mut a, mut b) = (i, end);
        while a < b && LEAD.contains(&chars[a]) {
            a += 1;
        }
        while b > a && TRAIL.contains(&chars[b - 1]) {
            b -= 1;
        }
        // Every form `linkable` knows has one of these: most words have none, and are
        // not copied to be looked at.
        let could_link = chars[a..b]
            .iter()
            .any(|c| matches!(c, '.' | '/' | '@' | ':'));
        if could_link && linkable(&chars[a..b].iter().collect::<String>()) {
            ranges.push((a, b));
        }
        i = end;
    }
    ranges
}

/// `text` as a code span: shown as it is (a code span is never linked, by CommonMark, GFM
/// or markdown-it), fenced with one backtick more than the longest run inside.
pub(super) fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}
