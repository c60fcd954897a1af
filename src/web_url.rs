//! One URL type: a link dossier will store, open and write into a brief. Every way a URL
//! comes in (a corpus import, `dossier add`, a transcript import, the new-clip form)
//! parses it here, once, and everything that uses one (deep links, `o`, the brief, the
//! citation) takes only this type.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest URL dossier accepts, in bytes. Browsers and crawlers handle 2,048 bytes
/// everywhere; a longer "URL" is a pasted blob. (A deep link adds its time, a few bytes.)
pub const MAX_URL_BYTES: usize = 2048;

/// An http(s) URL with a host, at most [`MAX_URL_BYTES`] long, holding no whitespace, no
/// control, bidi, format or other invisible character and no backslash (which browsers
/// read as `/` and other parsers do not), so that what a reader sees is where it goes.
/// The text is kept as given (trimmed); the `url` crate checks that it parses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

impl WebUrl {
    /// Parses `text` (surrounding whitespace ignored), saying what is wrong in words.
    pub fn parse(text: &str) -> Result<WebUrl, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("the URL is empty: give an http(s) link".into());
        }
        let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            let shown: String = text.chars().take(60).collect();
            return Err(format!(
                "`{}` is not a URL: give an http(s) link",
                crate::text::sanitize(&shown)
            ));
        }
        if text.len() > MAX_URL_BYTES {
            return Err(format!(
                "the URL is {} bytes long; the most dossier keeps is {MAX_URL_BYTES}",
                text.len()
            ));
        }
        if let Some((at, c)) = text
            .chars()
            .enumerate()
            .find(|&(_, c)| c.is_whitespace() || c == '\\' || crate::text::needs_care(c))
        {
            let what = if c.is_whitespace() {
                "a space or line break"
            } else if c == '\\' {
                "a backslash"
            } else if c.is_control() {
                "a control character"
            } else {
                "an invisible, bidi or format character"
            };
            return Err(format!(
                "the URL holds {what} (U+{:04X}) at character {}: give the link as the address bar shows it",
                c as u32,
                at + 1
            ));
        }
        let parsed = url::Url::parse(text).map_err(|e| format!("the URL does not parse: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err("the URL is not an http(s) link".into());
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err("the URL has no host".into());
        }
        Ok(WebUrl(text.to_string()))
    }

    /// A URL built from a valid one by code that keeps it valid (a deep link's time).
    pub(crate) fn derived(text: String) -> WebUrl {
        WebUrl(text)
    }

    /// A URL read back from the database. One stored before URLs were checked, and not
    /// valid now, is no link at all: it is never opened or written into a brief.
    /// (`dossier check` names such sources.)
    pub fn stored(text: Option<String>) -> Option<WebUrl> {
        text.and_then(|t| WebUrl::parse(&t).ok())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Deserializes an optional URL, reading one that is not valid as none (see
/// [`WebUrl::stored`]), so that a record stored before URLs were checked still loads.
pub fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<WebUrl>, D::Error> {
    Ok(WebUrl::stored(Option::<String>::deserialize(d)?))
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for WebUrl {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WebUrl {
    type Error = String;
    fn try_from(text: String) -> Result<WebUrl, String> {
        WebUrl::parse(&text)
    }
}

impl From<WebUrl> for String {
    fn from(url: WebUrl) -> String {
        url.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_links_are_kept_as_given() {
        for good in [
            "https://example.com/talk",
            "http://example.com",
            "HTTPS://Example.com/a?b=c#d",
            "https://例え.jp/検索",
        ] {
            assert_eq!(WebUrl::parse(good).unwrap().as_str(), good);
        }
        assert_eq!(
            WebUrl::parse("  https://e.x/a  ").unwrap().as_str(),
            "https://e.x/a"
        );
    }

    #[test]
    fn everything_else_is_refused_in_words() {
        for (bad, why) in [
            ("", "empty"),
            ("javascript:alert(1)", "not a URL"),
            ("ftp://e.x/f", "not a URL"),
            ("https:e.x", "not a URL"),
            ("\u{1b}[2J\u{202E}", "not a URL"),
            ("https://", "parse"),
            ("https://e.x/a b", "space"),
            ("https://e.x/a\nb", "line break"),
            ("https://e.x/\u{1b}]52;c;x\u{7}", "control"),
            ("https://e.x/report\u{202E}fdp.exe", "bidi"),
            ("https://e.x/\u{2066}a", "bidi"),
            ("https://e.x/\u{200B}a", "invisible"),
            ("https://e.x/\u{FFFE}", "format"),
            ("https://e.x\\@evil.example/", "backslash"),
        ] {
            let e = WebUrl::parse(bad).unwrap_err();
            assert!(e.contains(why), "{bad:?}: {e}");
            assert!(!e.chars().any(crate::text::needs_care), "{e:?}");
        }
        let long = format!("https://e.x/{}", "a".repeat(MAX_URL_BYTES));
        assert!(WebUrl::parse(&long).unwrap_err().contains("2048"));
        let most = format!("https://e.x/{}", "a".repeat(MAX_URL_BYTES - 12));
        assert!(WebUrl::parse(&most).is_ok());
    }
}
