//! Investigations: a user's named collections of clips, with a note and stance overrides
//! per clip. This file holds the investigations themselves (creating, finding, renaming,
//! concluding, deleting); `investigation_items.rs` their clips. Every change is one
//! IMMEDIATE transaction and touches `updated_at`.

use super::{Store, now_iso};
use crate::error::{Error, Result};
use crate::model::{ClipId, Stance, ThemeId};
use rusqlite::{OptionalExtension, Transaction, params};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Investigation {
    pub name: String,
    pub question: Option<String>,
    /// The author's own answer (multi-line), opening the brief; `None` until written.
    pub conclusion: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub clip_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InvestigationItem {
    pub clip: ClipId,
    pub position: usize,
    pub note: String,
    pub added_at: String,
    /// The user's stances, overriding the corpus's for this clip.
    pub stances: Vec<(ThemeId, Stance)>,
}

/// What `remove` took out, so that `restore` can put it back exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedItem {
    pub investigation: String,
    pub item: InvestigationItem,
}

/// "No investigation named …", suggesting names close to it (another case, a prefix, a
/// typo or two).
pub(super) fn no_investigation(conn: &rusqlite::Connection, name: &str) -> Error {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM investigations")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_default();
    let close = crate::text::close_matches(name, names.iter().map(String::as_str), 3);
    let hint = match close.as_slice() {
        [] => ". `dossier inv list` shows them".to_string(),
        close => format!(
            ". Did you mean {}?",
            close
                .iter()
                .map(|n| format!("“{n}”"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    };
    Error::NoInvestigation {
        name: name.to_string(),
        hint,
    }
}

/// An investigation's name as stored and looked up: trimmed at both ends. Every command
/// that takes a name (creating, finding, renaming, adding to) goes through this, so
/// `inv new "  padded  "` and `inv add "  padded  " …` name the same investigation.
pub(super) fn name_key(name: &str) -> &str {
    name.trim()
}

pub(super) fn id_of(tx: &Transaction<'_>, name: &str) -> Result<i64> {
    let name = name_key(name);
    tx.query_row(
        "SELECT id FROM investigations WHERE name = ?1",
        [name],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| no_investigation(tx, name))
}

pub(super) fn touch(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE investigations SET updated_at = ?2 WHERE id = ?1",
        params![id, now_iso()],
    )?;
    Ok(())
}

pub(super) fn valid_name(name: &str) -> Result<String> {
    let name = name_key(name);
    if name.is_empty() || name.chars().any(char::is_control) || name.chars().count() > 200 {
        return Err(Error::Invalid(
            "an investigation needs a name of 1 to 200 printable characters".into(),
        ));
    }
    Ok(name.to_string())
}

impl Store {
    pub fn create_investigation(
        &mut self,
        name: &str,
        question: Option<&str>,
    ) -> Result<Investigation> {
        let name = valid_name(name)?;
        let question = question.map(str::trim).filter(|q| !q.is_empty());
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM investigations WHERE name = ?1",
                [&name],
                |r| r.get(0),
            )?;
            if exists {
                return Err(Error::Invalid(format!("an investigation named `{name}` already exists")));
            }
            let now = now_iso();
            tx.execute(
                "INSERT INTO investigations (name, question, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![name, question, now],
            )?;
            Ok(())
        })?;
        self.investigation(&name)
    }

    pub fn investigations(&self) -> Result<Vec<Investigation>> {
        let mut stmt = self.conn().prepare(
            "SELECT name, question, conclusion, created_at, updated_at,
                    (SELECT count(*) FROM investigation_clips WHERE investigation_id = i.id)
             FROM investigations i ORDER BY updated_at DESC, name",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Investigation {
                    name: r.get(0)?,
                    question: r.get(1)?,
                    conclusion: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                    clip_count: r.get::<_, i64>(5)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn investigation(&self, name: &str) -> Result<Investigation> {
        let name = name_key(name);
        self.investigations()?
            .into_iter()
            .find(|i| i.name == name)
            .ok_or_else(|| no_investigation(self.conn(), name))
    }

    pub fn rename_investigation(&mut self, old: &str, new: &str) -> Result<()> {
        let new = valid_name(new)?;
        self.write(|tx| {
            let id = id_of(tx, old)?;
            let taken: bool = tx.query_row(
                "SELECT count(*) > 0 FROM investigations WHERE name = ?1 AND id != ?2",
                params![new, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::Invalid(format!(
                    "an investigation named `{new}` already exists"
                )));
            }
            tx.execute(
                "UPDATE investigations SET name = ?2 WHERE id = ?1",
                params![id, new],
            )?;
            touch(tx, id)
        })
    }

    /// Sets the author's conclusion; blank text clears it. Kept as written (lines and all),
    /// only trimmed at its ends.
    pub fn set_conclusion(&mut self, name: &str, text: &str) -> Result<()> {
        let text = text.trim();
        let conclusion = (!text.is_empty()).then_some(text);
        self.write(|tx| {
            let id = id_of(tx, name)?;
            tx.execute(
                "UPDATE investigations SET conclusion = ?2 WHERE id = ?1",
                params![id, conclusion],
            )?;
            touch(tx, id)
        })
    }

    pub fn delete_investigation(&mut self, name: &str) -> Result<()> {
        self.write(|tx| {
            let id = id_of(tx, name)?;
            tx.execute("DELETE FROM investigations WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
