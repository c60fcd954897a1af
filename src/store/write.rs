//! Upserts of corpus records. Used by the embedded-corpus sync and by user imports;
//! `origin` keeps the two apart: a row is only ever updated by its own origin.

use super::now_iso;
use crate::error::Result;
use crate::model::*;
use rusqlite::{Transaction, params};
use sha2::{Digest, Sha256};

/// What an upsert changed, so that the index can be brought up to date for just those.
#[derive(Default, Debug, Clone)]
pub struct Changed {
    pub voices: Vec<VoiceId>,
    pub sources: Vec<SourceId>,
    pub themes: Vec<ThemeId>,
    pub clips: Vec<ClipId>,
    pub pages: Vec<PageId>,
}

/// Feeds what is written into a SHA-256 (a record's JSON is hashed without being kept).
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first 12 bytes of the SHA-256 of a record's JSON, in hex: what says a record
/// changed. (The same value as ever: stored hashes stay valid.)
fn hash_of<T: serde::Serialize>(record: &T) -> Result<String> {
    let mut w = HashWriter(Sha256::new());
    serde_json::to_writer(&mut w, record)
        .map_err(|e| crate::error::Error::Invalid(e.to_string()))?;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(24);
    for b in w.0.finalize().iter().take(12) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    Ok(out)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| crate::error::Error::Invalid(e.to_string()))
}

/// The shared tail of every upsert: a row is rewritten only by its own origin, and only
/// when its content changed or it comes back from retirement.
macro_rules! upsert_tail {
    ($table:literal) => {
        concat!(
            " ON CONFLICT(id) DO UPDATE SET {set}, retired = 0, hash = excluded.hash, updated_at = excluded.updated_at",
            " WHERE ",
            $table,
            ".origin = excluded.origin AND (",
            $table,
            ".hash != excluded.hash OR ",
            $table,
            ".retired = 1)"
        )
    };
}

/// The upsert of one table, built once.
macro_rules! cached_sql {
    ($table:literal, $columns:expr) => {{
        static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        SQL.get_or_init(|| upsert_sql($table, $columns, upsert_tail!($table)))
            .as_str()
    }};
}

fn upsert_sql(table: &str, columns: &[&str], tail: &str) -> String {
    let all: Vec<&str> = columns
        .iter()
        .copied()
        .chain(["origin", "retired", "hash", "updated_at"])
        .collect();
    let placeholders: Vec<String> = (1..=all.len()).map(|i| format!("?{i}")).collect();
    let set: Vec<String> = columns
        .iter()
        .filter(|c| **c != "id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        all.join(", "),
        placeholders.join(", ")
    ) + &tail.replace("{set}", &set.join(", "))
}

pub fn upsert_voice(tx: &Transaction<'_>, v: &Voice, origin: Origin) -> Result<bool> {
    let sql = cached_sql!(
        "voices",
        &["id", "name", "role", "affiliation", "provenance"]
    );
    let n = tx.prepare_cached(sql)?.execute(params![
        v.id.as_str(),
        v.name,
        v.role,
        v.affiliation,
        v.provenance,
        origin.as_str(),
        0,
        hash_of(v)?,
        now_iso()
    ])?;
    Ok(n > 0)
}

pub fn upsert_source(tx: &Transaction<'_>, s: &Source, origin: Origin) -> Result<bool> {
    let sql = cached_sql!(
        "sources",
        &[
            "id",
            "kind",
            "title",
            "show",
            "url",
            "published",
            "voices",
            "provenance",
        ]
    );
    let n = tx.prepare_cached(sql)?.execute(params![
        s.id.as_str(),
        s.kind.as_str(),
        s.title,
        s.show,
        s.url.as_ref().map(crate::web_url::WebUrl::as_str),
        s.published,
        json(&s.voices)?,
        s.provenance,
        origin.as_str(),
        0,
        hash_of(s)?,
        now_iso()
    ])?;
    Ok(n > 0)
}

pub fn upsert_theme(tx: &Transaction<'_>, t: &Theme, origin: Origin) -> Result<bool> {
    let sql = cached_sql!("themes", &["id", "claim", "kind"]);
    let n = tx.prepare_cached(sql)?.execute(params![
        t.id.as_str(),
        t.claim,
        t.kind.as_str(),
        origin.as_str(),
        0,
        hash_of(t)?,
        now_iso()
    ])?;
    Ok(n > 0)
}

pub fn upsert_page(tx: &Transaction<'_>, p: &Page, origin: Origin) -> Result<bool> {
    let sql = cached_sql!("pages", &["id", "title", "body"]);
    let n = tx.prepare_cached(sql)?.execute(params![
        p.id.as_str(),
        p.title,
        json(p)?,
        origin.as_str(),
        0,
        hash_of(p)?,
        now_iso()
    ])?;
    Ok(n > 0)
}

/// Upserts a clip and, when it changed, replaces its page links and stances.
/// A clip written without a date added gets today's date: the day it entered the notebook.
pub fn upsert_clip(tx: &Transaction<'_>, c: &Clip, origin: Origin, today: &str) -> Result<bool> {
    upsert_clip_known(tx, c, origin, today, true)
}

/// `upsert_clip`, told whether the clip may be stored already: a clip known to be new
/// has no page links or stances to delete first.
pub fn upsert_clip_known(
    tx: &Transaction<'_>,
    c: &Clip,
    origin: Origin,
    today: &str,
    maybe_stored: bool,
) -> Result<bool> {
    let sql = cached_sql!(
        "clips",
        &[
            "id",
            "source_id",
            "voice_id",
            "start_s",
            "end_s",
            "section",
            "quote",
            "gist",
            "topics",
            "clarity",
            "added",
        ]
    );
    let (start, end, section) = match &c.span {
        ClipSpan::Timed { start, end } => (Some(*start), *end, None),
        ClipSpan::Section { name } => (None, None, Some(name.as_str())),
    };
    let added = if c.added.is_empty() {
        today
    } else {
        c.added.as_str()
    };
    let n = tx.prepare_cached(sql)?.execute(params![
        c.id.as_str(),
        c.source.as_str(),
        c.voice.as_str(),
        start,
        end,
        section,
        c.quote,
        c.gist,
        json(&c.topics)?,
        c.clarity,
        added,
        origin.as_str(),
        0,
        hash_of(c)?,
        now_iso()
    ])?;
    if n == 0 {
        return Ok(false);
    }
    if maybe_stored {
        tx.prepare_cached("DELETE FROM clip_pages WHERE clip_id = ?1")?
            .execute([c.id.as_str()])?;
        tx.prepare_cached("DELETE FROM clip_stances WHERE clip_id = ?1")?
            .execute([c.id.as_str()])?;
    }
    let mut link = tx.prepare_cached(
        "INSERT OR IGNORE INTO clip_pages (clip_id, page_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, p) in c.pages.iter().enumerate() {
        link.execute(params![c.id.as_str(), p.as_str(), i as i64])?;
    }
    let mut stance = tx.prepare_cached(
        "INSERT OR REPLACE INTO clip_stances (clip_id, theme_id, stance, set_by, why) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in &c.stances {
        stance.execute(params![
            c.id.as_str(),
            s.theme.as_str(),
            s.stance.as_str(),
            s.by.as_str(),
            s.why
        ])?;
    }
    Ok(true)
}

/// Writes a whole corpus with one origin. Returns what changed.
pub fn upsert_corpus(
    tx: &Transaction<'_>,
    corpus: &crate::corpus::Corpus,
    origin: Origin,
) -> Result<Changed> {
    let today = chrono::Local::now().date_naive().to_string();
    let mut changed = Changed::default();
    for v in &corpus.voices {
        if upsert_voice(tx, v, origin)? {
            changed.voices.push(v.id.clone());
        }
    }
    for s in &corpus.sources {
        if upsert_source(tx, s, origin)? {
            changed.sources.push(s.id.clone());
        }
    }
    for t in &corpus.themes {
        if upsert_theme(tx, t, origin)? {
            changed.themes.push(t.id.clone());
        }
    }
    for p in &corpus.pages {
        if upsert_page(tx, p, origin)? {
            changed.pages.push(p.id.clone());
        }
    }
    for c in &corpus.clips {
        if upsert_clip(tx, c, origin, &today)? {
            changed.clips.push(c.id.clone());
        }
    }
    super::synonyms::write_synonyms(tx, &corpus.synonyms, origin)?;
    Ok(changed)
}
