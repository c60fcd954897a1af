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
    /// The date the clip says it was added (empty when it has none).
    pub added: String,
    /// Whether it is the user's own (captured, added or imported), not the built-in
    /// corpus's.
    pub yours: bool,
    /// The followed folder (a team's library) the clip came from; listed like the
    /// user's own, but not theirs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus: Option<String>,
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

impl DigestClip {
    /// The day the clip is dated by: its own `added` date, else when it was stored.
    pub fn date(&self) -> &str {
        if self.added.is_empty() {
            self.updated_at.get(..10).unwrap_or(&self.updated_at)
        } else {
            &self.added
        }
    }
}

/// What the program installed or updated from its built-in corpus in the window: not the
/// user's news, so said in one line rather than listed.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct BuiltIn {
    pub clips: usize,
    pub pages: usize,
    pub sources: usize,
    /// Titles of the pages those clips inform, sorted.
    pub on_pages: Vec<String>,
}

impl BuiltIn {
    pub fn is_empty(&self) -> bool {
        self.clips == 0 && self.pages == 0 && self.sources == 0
    }

    /// The one line that stands for all of it.
    pub fn line(&self) -> String {
        let n = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{n} {what}s"),
        };
        let mut parts = vec![n(self.clips, "clip")];
        if self.pages > 0 {
            parts.push(n(self.pages, "page"));
        }
        if self.sources > 0 {
            parts.push(n(self.sources, "source"));
        }
        let on = if self.on_pages.is_empty() {
            String::new()
        } else {
            format!(", on {}", self.on_pages.join(", "))
        };
        format!(
            "Built-in corpus installed or updated by dossier: {}{on}",
            parts.join(", ")
        )
    }
}

/// Splits clips into the user's own, grouped (see [`group`]), and a summary of the
/// built-in ones. The clips come yours first, then newest first by [`DigestClip::date`].
pub fn split(clips: Vec<DigestClip>) -> (Vec<DigestClip>, BuiltIn) {
    let (yours, builtin): (Vec<_>, Vec<_>) = clips
        .into_iter()
        .partition(|c| c.yours || c.corpus.is_some());
    let mut on_pages: Vec<String> = builtin
        .iter()
        .filter_map(|c| c.page.as_ref().map(|p| p.1.clone()))
        .collect();
    on_pages.sort();
    on_pages.dedup();
    let summary = BuiltIn {
        clips: builtin.len(),
        on_pages,
        ..BuiltIn::default()
    };
    (yours, summary)
}

/// Groups clips by page, then theme. Clips come newest first and keep that order; groups
/// are ordered by their newest clip (clips on no page are a group like any other); within
/// a page, clips on no theme come last.
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
    // A stable sort: "no theme" sinks to the end, the rest keep newest-first order.
    for page in &mut pages {
        page.themes.sort_by_key(|t| t.theme.is_none());
    }
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
            added: String::new(),
            yours: true,
            corpus: None,
            page: page.map(|p| (p.to_string(), p.to_uppercase())),
            theme: theme.map(|t| (t.to_string(), t.to_uppercase())),
        }
    }

    #[test]
    fn the_built_in_corpus_is_one_line_and_dates_are_the_clips_own() {
        let mut builtin = clip("b", Some("p"), None);
        builtin.yours = false;
        let mut other = clip("c", Some("q"), None);
        other.yours = false;
        let (yours, summary) = split(vec![clip("a", None, None), builtin, other]);
        assert_eq!(
            yours.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
        assert_eq!(summary.clips, 2);
        assert_eq!(
            summary.line(),
            "Built-in corpus installed or updated by dossier: 2 clips, on P, Q"
        );
        let mut dated = clip("d", None, None);
        dated.updated_at = "2026-12-02T10:00:00Z".into();
        assert_eq!(dated.date(), "2026-12-02");
        dated.added = "2026-11-22".into();
        assert_eq!(dated.date(), "2026-11-22", "its own date when it has one");
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
                (None, vec![vec!["a"]]),
                (Some("p".into()), vec![vec!["b", "d"], vec!["c"]]),
                (Some("q".into()), vec![vec!["e"]]),
            ]
        );
    }
}
