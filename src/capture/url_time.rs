//! Times as people paste them: `12:34`, `754`, `12m34s`, and inside URLs (`t=754`,
//! `t=12m34s`, `#t=754`). A stored URL is normalized: the time is taken out (deep links
//! put it back with a lead-in), tracking parameters dropped, `youtu.be` expanded.

use crate::corpus::parse_time;
use crate::web_url::WebUrl;

/// Parses a time given on the command line or in a form: `m:ss`, `h:mm:ss`, plain
/// seconds (`754`), or units (`12m34s`, `1h2m`, `754s`).
pub fn parse_moment(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.contains(':') {
        return parse_time(text);
    }
    parse_units(text).ok_or_else(|| {
        format!("`{text}` is not a time: write 12:34, 1:02:05, 754 (seconds) or 12m34s")
    })
}

/// `754`, `754s`, `12m34s`, `1h2m3s`, `1h`: seconds, or None.
fn parse_units(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut last_unit = 0u8; // units must come in order h, m, s
    for c in text.chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' | 's' => {
                let rank = match c {
                    'h' => 1,
                    'm' => 2,
                    _ => 3,
                };
                if number.is_empty() || number.len() > 7 || rank <= last_unit {
                    return None;
                }
                let n: u64 = number.parse().ok()?;
                total += n * [0, 3600, 60, 1][rank as usize];
                last_unit = rank;
                number.clear();
            }
            _ => return None,
        }
    }
    if !number.is_empty() {
        return None;
    }
    u32::try_from(total).ok()
}

/// A URL with the time it carried, if any, taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedUrl {
    pub url: WebUrl,
    pub at: Option<u32>,
}

/// Parameters that only say where a link was shared from.
fn is_tracking(key: &str) -> bool {
    key.starts_with("utm_") || matches!(key, "si" | "feature" | "fbclid" | "gclid" | "pp")
}

/// Reads the time out of `url` and normalizes it. Only what [`WebUrl`] accepts is taken.
pub fn parse_url(url: &str) -> Result<TimedUrl, String> {
    let checked = WebUrl::parse(url)?;
    let url = checked.as_str();
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err("the URL must start with https:// or http://".into());
    };
    let scheme = scheme.to_ascii_lowercase();
    let (rest, fragment) = rest
        .split_once('#')
        .map_or((rest, None), |(r, f)| (r, Some(f)));
    let (host_path, query) = rest.split_once('?').map_or((rest, ""), |(h, q)| (h, q));
    let (host, path) = host_path
        .split_once('/')
        .map_or((host_path, ""), |(h, p)| (h, p));
    let host = host.to_ascii_lowercase();
    if host.is_empty() {
        return Err(format!("`{url}` has no host"));
    }
    let mut at = None;
    let mut params: Vec<String> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key == "t" || key == "start" {
            at = Some(parse_units(value).ok_or_else(|| {
                format!("the URL's time `{key}={value}` is not a time: use t=754 or t=12m34s")
            })?);
        } else if !is_tracking(key) {
            params.push(pair.to_string());
        }
    }
    let mut kept_fragment = None;
    if let Some(f) = fragment {
        if let Some(value) = f.strip_prefix("t=") {
            // A media fragment may be `t=754` or `t=754,800`; the start is what counts.
            let start = value.split(',').next().unwrap_or("");
            let seconds = match start.split_once('.') {
                Some((whole, _)) => parse_units(whole),
                None => parse_units(start),
            };
            at = Some(
                seconds
                    .ok_or_else(|| format!("the URL's time `#{f}` is not a time: use #t=754"))?,
            );
        } else if !f.is_empty() {
            kept_fragment = Some(f.to_string());
        }
    }
    let (host, path) = match (host.as_str(), path) {
        ("youtu.be", id) if !id.is_empty() => {
            params.insert(0, format!("v={id}"));
            ("www.youtube.com".to_string(), "watch".to_string())
        }
        ("youtube.com" | "m.youtube.com", p) => ("www.youtube.com".to_string(), p.to_string()),
        (h, p) => (h.to_string(), p.to_string()),
    };
    let mut out = format!("{scheme}://{host}/{path}");
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    if let Some(f) = kept_fragment {
        out.push('#');
        out.push_str(&f);
    }
    // Built from the parts of a valid URL; checked again all the same.
    Ok(TimedUrl {
        url: WebUrl::parse(&out)?,
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_in_every_form() {
        assert_eq!(parse_moment("12:34"), Ok(754));
        assert_eq!(parse_moment("1:02:05"), Ok(3725));
        assert_eq!(parse_moment("754"), Ok(754));
        assert_eq!(parse_moment("754s"), Ok(754));
        assert_eq!(parse_moment("12m34s"), Ok(754));
        assert_eq!(parse_moment("1h2m5s"), Ok(3725));
        assert_eq!(parse_moment("1h"), Ok(3600));
        for bad in ["", "12m34", "s", "34s12m", "1:60", "abc", "-5", "1hh"] {
            assert!(parse_moment(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn youtube_times_are_read_and_taken_out() {
        let t = parse_url("https://www.youtube.com/watch?v=abc&t=754").unwrap();
        assert_eq!(t.at, Some(754));
        assert_eq!(t.url.as_str(), "https://www.youtube.com/watch?v=abc");
        let t = parse_url("https://youtu.be/abc?t=12m34s&si=XYZ").unwrap();
        assert_eq!(t.at, Some(754));
        assert_eq!(t.url.as_str(), "https://www.youtube.com/watch?v=abc");
        let t = parse_url("https://youtube.com/watch?t=1h2m5s&v=abc&utm_source=x").unwrap();
        assert_eq!(t.at, Some(3725));
        assert_eq!(t.url.as_str(), "https://www.youtube.com/watch?v=abc");
    }

    #[test]
    fn media_fragments_and_plain_urls() {
        let t = parse_url("https://example.com/ep.mp3#t=754").unwrap();
        assert_eq!(
            (t.url.as_str(), t.at),
            ("https://example.com/ep.mp3", Some(754))
        );
        let t = parse_url("https://example.com/ep.mp3#t=754.5,800").unwrap();
        assert_eq!(t.at, Some(754));
        let t = parse_url("HTTPS://Example.com/post#section").unwrap();
        assert_eq!(
            (t.url.as_str(), t.at),
            ("https://example.com/post#section", None)
        );
        assert!(parse_url("javascript:alert(1)").is_err());
        assert!(parse_url("ftp://x/y").is_err());
        assert!(parse_url("https://x/y?t=soon").is_err());
        assert!(parse_url("https://x/a b").is_err());
    }
}
