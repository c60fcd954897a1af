//! Synonym groups in SQLite: the built-in corpus's replaced on each sync, a user's kept.

use super::Store;
use crate::error::Result;
use crate::model::{Origin, SynonymGroup};
use rusqlite::Transaction;

/// Writes `groups` with `origin`. The embedded corpus's groups replace the previous
/// embedded ones; a user's are added (a group already stored is left as it is).
pub fn write_synonyms(tx: &Transaction<'_>, groups: &[SynonymGroup], origin: Origin) -> Result<()> {
    if origin == Origin::Embedded {
        tx.execute("DELETE FROM synonyms WHERE origin = 'embedded'", [])?;
    }
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO synonyms (terms, origin) VALUES (?1, ?2)")?;
    for g in groups {
        let terms = serde_json::to_string(&g.terms).unwrap_or_default();
        insert.execute([terms.as_str(), origin.as_str()])?;
    }
    Ok(())
}

impl Store {
    /// Every stored synonym group's terms.
    pub fn synonym_groups(&self) -> Result<Vec<Vec<String>>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT terms FROM synonyms ORDER BY origin, terms")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for terms in rows {
            // A row that is not a JSON list (edited by hand) is skipped, not fatal.
            if let Ok(group) = serde_json::from_str::<Vec<String>>(&terms?) {
                out.push(group);
            }
        }
        Ok(out)
    }
}
