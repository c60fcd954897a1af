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

/// The link that opens `url` at `start` seconds minus `lead_in` (never below 0):
/// YouTube gets a `t=` parameter, anything else a `#t=` media fragment. Only http(s)
/// URLs get a link.
pub fn deep_link(url: &str, start: Option<u32>, lead_in: u32) -> Option<String> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return None;
    }
    let Some(start) = start else {
        return Some(url.to_string());
    };
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
        Some(link)
    } else {
        Some(format!("{base}#t={at}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_gets_a_t_parameter_with_lead_in() {
        assert_eq!(
            deep_link("https://www.youtube.com/watch?v=abc", Some(176), 5).as_deref(),
            Some("https://www.youtube.com/watch?v=abc&t=171")
        );
        assert_eq!(
            deep_link("https://youtu.be/abc?t=99", Some(60), 5).as_deref(),
            Some("https://youtu.be/abc?t=55")
        );
    }

    #[test]
    fn other_media_get_a_fragment_and_never_go_below_zero() {
        assert_eq!(
            deep_link("https://example.com/ep.mp3", Some(3), 5).as_deref(),
            Some("https://example.com/ep.mp3#t=0")
        );
        assert_eq!(
            deep_link("https://example.com/ep#old", Some(1590), 5).as_deref(),
            Some("https://example.com/ep#t=1585")
        );
    }

    #[test]
    fn no_link_without_an_http_url() {
        assert_eq!(deep_link("", Some(10), 5), None);
        assert_eq!(deep_link("javascript:alert(1)", Some(10), 5), None);
        assert_eq!(
            deep_link("https://example.com/post", None, 5).as_deref(),
            Some("https://example.com/post")
        );
    }
}
