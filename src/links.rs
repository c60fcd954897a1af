//! Deep links: open a source at a clip's moment, a few seconds early so the listener
//! catches the setup.

/// Default lead-in, in seconds.
pub const LEAD_IN: u32 = 5;

/// A URL's host, lowercased, without user info or port.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let host = host.rsplit_once('@').map_or(host.as_str(), |(_, h)| h);
    host.split(':').next().unwrap_or(host).to_string()
}

fn is_youtube(url: &str) -> bool {
    matches!(
        host(url).as_str(),
        "youtu.be" | "youtube.com" | "www.youtube.com" | "m.youtube.com" | "music.youtube.com"
    )
}

use crate::web_url::WebUrl;

/// The link that opens `url` at `start` seconds minus `lead_in` (never below 0):
/// YouTube gets a `t=` parameter, anything else a `#t=` media fragment. Only a
/// [`WebUrl`] (a checked http(s) link) gets one.
pub fn deep_link(url: &WebUrl, start: Option<u32>, lead_in: u32) -> Option<WebUrl> {
    let Some(start) = start else {
        return Some(url.clone());
    };
    let url = url.as_str();
    let at = start.saturating_sub(lead_in);
    let (base, fragment) = url
        .split_once('#')
        .map_or((url, None), |(b, f)| (b, Some(f)));
    if is_youtube(url) {
        let (path, query) = base.split_once('?').map_or((base, ""), |(p, q)| (p, q));
        let mut params: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("t="))
            .collect();
        let t = format!("t={at}");
        params.push(&t);
        let mut link = format!("{path}?{}", params.join("&"));
        // A YouTube fragment other than a time (rare) is kept.
        if let Some(f) = fragment.filter(|f| !f.starts_with("t=")) {
            link.push('#');
            link.push_str(f);
        }
        Some(WebUrl::derived(link))
    } else {
        Some(WebUrl::derived(format!("{base}#t={at}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(url: &str, start: Option<u32>) -> Option<String> {
        deep_link(&WebUrl::parse(url).unwrap(), start, 5).map(String::from)
    }

    #[test]
    fn youtube_gets_a_t_parameter_with_lead_in() {
        assert_eq!(
            link("https://www.youtube.com/watch?v=abc", Some(176)).as_deref(),
            Some("https://www.youtube.com/watch?v=abc&t=171")
        );
        assert_eq!(
            link("https://youtu.be/abc?t=99", Some(60)).as_deref(),
            Some("https://youtu.be/abc?t=55")
        );
    }

    #[test]
    fn other_media_get_a_fragment_and_never_go_below_zero() {
        assert_eq!(
            link("https://example.com/ep.mp3", Some(3)).as_deref(),
            Some("https://example.com/ep.mp3#t=0")
        );
        assert_eq!(
            link("https://example.com/ep#old", Some(1590)).as_deref(),
            Some("https://example.com/ep#t=1585")
        );
    }

    #[test]
    fn no_link_without_an_http_url() {
        // Only a WebUrl has a deep link, and these are none.
        assert!(WebUrl::parse("").is_err());
        assert!(WebUrl::parse("javascript:alert(1)").is_err());
        assert_eq!(
            link("https://example.com/post", None).as_deref(),
            Some("https://example.com/post")
        );
    }
}
