//! What's new: the window a digest covers and how its clips are grouped (pure).

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};
use serde::Serialize;

/// Reads `--since`: `7d`, `2w`, `12h`, a date (`2026-11-01`, local midnight) or an
/// RFC 3339 moment.
pub fn parse_since(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    let bad =
        || format!("`{text}` is not a window: write 7d, 2w, 12h or a date such as 2026-11-01");
    if let Some(unit) = text.chars().last().filter(|c| matches!(c, 'h' | 'd' | 'w')) {
        let n: i64 = text[..text.len() - 1].parse().map_err(|_| bad())?;
        if !(0..=100_000).contains(&n) {
            return Err(bad());
        }
        let span = match unit {
            'h' => Duration::hours(n),
            'd' => Duration::days(n),
            _ => Duration::weeks(n),
        };
        return Ok(now - span);
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let midnight = date.and_hms_opt(0, 0, 0).ok_or_else(bad)?;
        return Local
            .from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(bad);
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad())
}

/// The stored form of a moment, comparable as text with `updated_at` columns.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DigestClip {
    pub id: String,
    pub voice: String,
    pub source: String,
    pub time_range: String,
    pub gist: String,
    pub updated_at: String,
    /// First page the clip informs: `(id, title)`.
    #[serde(skip)]
    pub page: Option<(String, String)>,
    /// First theme the clip takes a stance on: `(id, claim)`.
    #[serde(skip)]
    pub theme: Option<(String, String)>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThemeGroup {
    pub theme: Option<String>,
    pub claim: Option<String>,
    pub clips: Vec<DigestClip>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageGroup {
    pub page: Option<String>,
    pub title: Option<String>,
    pub themes: Vec<ThemeGroup>,
}

/// Groups clips by page, then theme. Clips come newest first and keep that order; groups
/// are ordered by their newest clip; clips without a page or theme come last.
pub fn group(clips: Vec<DigestClip>) -> Vec<PageGroup> {
    let mut pages: Vec<PageGroup> = Vec::new();
    for clip in clips {
        let page_id = clip.page.as_ref().map(|p| p.0.clone());
        let at = match pages.iter().position(|g| g.page == page_id) {
            Some(i) => i,
            None => {
                pages.push(PageGroup {
                    page: page_id,
                    title: clip.page.as_ref().map(|p| p.1.clone()),
                    themes: Vec::new(),
                });
                pages.len() - 1
            }
        };
        let themes = &mut pages[at].themes;
        let theme_id = clip.theme.as_ref().map(|t| t.0.clone());
        let t = match themes.iter().position(|g| g.theme == theme_id) {
            Some(i) => i,
            None => {
                themes.push(ThemeGroup {
                    theme: theme_id,
                    claim: clip.theme.as_ref().map(|t| t.1.clone()),
                    clips: Vec::new(),
                });
                themes.len() - 1
            }
        };
        themes[t].clips.push(clip);
    }
    // Stable sorts: "none" groups sink to the end, the rest keep newest-first order.
    for page in &mut pages {
        page.themes.sort_by_key(|t| t.theme.is_none());
    }
    pages.sort_by_key(|p| p.page.is_none());
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
        assert_eq!(
            stamp(parse_since("7d", now).unwrap()),
            "2026-11-15T12:00:00Z"
        );
        assert_eq!(
            stamp(parse_since("2w", now).unwrap()),
            "2026-11-08T12:00:00Z"
        );
        assert_eq!(
            stamp(parse_since("12h", now).unwrap()),
            "2026-11-22T00:00:00Z"
        );
        assert!(parse_since("2026-11-01", now).unwrap() < now);
        assert_eq!(
            stamp(parse_since("2026-11-01T08:00:00+01:00", now).unwrap()),
            "2026-11-01T07:00:00Z"
        );
        for bad in ["", "d", "7x", "yesterday", "-3d", "2026-13-01"] {
            assert!(parse_since(bad, now).is_err(), "{bad:?}");
        }
    }

    fn clip(id: &str, page: Option<&str>, theme: Option<&str>) -> DigestClip {
        DigestClip {
            id: id.into(),
            voice: String::new(),
            source: String::new(),
            time_range: String::new(),
            gist: String::new(),
            updated_at: String::new(),
            page: page.map(|p| (p.to_string(), p.to_uppercase())),
            theme: theme.map(|t| (t.to_string(), t.to_uppercase())),
        }
    }

    #[test]
    fn groups_by_page_then_theme_newest_first() {
        let groups = group(vec![
            clip("a", None, None),
            clip("b", Some("p"), Some("t1")),
            clip("c", Some("p"), None),
            clip("d", Some("p"), Some("t1")),
            clip("e", Some("q"), Some("t2")),
        ]);
        let shape: Vec<(Option<String>, Vec<Vec<&str>>)> = groups
            .iter()
            .map(|g| {
                (
                    g.page.clone(),
                    g.themes
                        .iter()
                        .map(|t| t.clips.iter().map(|c| c.id.as_str()).collect())
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("p".into()), vec![vec!["b", "d"], vec!["c"]]),
                (Some("q".into()), vec![vec!["e"]]),
                (None, vec![vec!["a"]]),
            ]
        );
    }
}
