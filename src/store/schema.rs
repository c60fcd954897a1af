//! The schema: the numbered migrations that build it, and the checks that a database
//! still has it (tables and columns, integrity, references).

use super::{Store, bad};
use crate::error::Result;
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// The numbered migrations, embedded at compile time. Index i holds schema version i + 1.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial.sql",
        include_str!("../../migrations/0001_initial.sql"),
    ),
    (
        "0002_investigation_stances.sql",
        include_str!("../../migrations/0002_investigation_stances.sql"),
    ),
    (
        "0003_transcripts.sql",
        include_str!("../../migrations/0003_transcripts.sql"),
    ),
    (
        "0004_stance_why.sql",
        include_str!("../../migrations/0004_stance_why.sql"),
    ),
    (
        "0005_attribution.sql",
        include_str!("../../migrations/0005_attribution.sql"),
    ),
    (
        "0006_synonyms.sql",
        include_str!("../../migrations/0006_synonyms.sql"),
    ),
    (
        "0007_team_library.sql",
        include_str!("../../migrations/0007_team_library.sql"),
    ),
    (
        "0008_lookup_indexes.sql",
        include_str!("../../migrations/0008_lookup_indexes.sql"),
    ),
];

impl Store {
    pub fn known_schema_version() -> i64 {
        MIGRATIONS.len() as i64
    }

    /// Tables and columns the migrations create that the database lacks (a table dropped
    /// or altered by hand or by damage), one line each; empty when all are there.
    pub fn schema_problems(&self) -> Result<Vec<String>> {
        let expected = Connection::open_in_memory()?;
        for (_, sql) in MIGRATIONS {
            expected.execute_batch(sql)?;
        }
        let columns = |conn: &Connection, table: &str| -> Result<Vec<String>> {
            let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
            let names = stmt
                .query_map([table], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(names)
        };
        let mut stmt = expected.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let tables = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut problems = Vec::new();
        for table in tables {
            let have = columns(&self.conn, &table)?;
            if have.is_empty() {
                problems.push(format!(
                    "table `{table}` is missing (the migrations create it)"
                ));
                continue;
            }
            for column in columns(&expected, &table)? {
                if !have.contains(&column) {
                    problems.push(format!(
                        "column `{column}` of table `{table}` is missing (the migrations create it)"
                    ));
                }
            }
        }
        Ok(problems)
    }

    /// Applies the migrations after `from`, each in its own transaction. Foreign keys are
    /// off while one runs, as SQLite's recipe for rebuilding a table requires (dropping a
    /// table must not cascade), and checked before it commits.
    pub(super) fn migrate(&mut self, from: i64) -> Result<()> {
        if from >= Self::known_schema_version() {
            return Ok(());
        }
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let applied = self.apply_migrations(from);
        let restored = self.conn.pragma_update(None, "foreign_keys", "ON");
        applied?;
        restored?;
        Ok(())
    }

    fn apply_migrations(&mut self, from: i64) -> Result<()> {
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let dangling = |tx: &Transaction<'_>| -> Result<i64> {
                Ok(
                    tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })?,
                )
            };
            let before = dangling(&tx)?;
            tx.execute_batch(sql)
                .map_err(|e| bad(&self.path, format!("migration {name} failed: {e}")))?;
            let after = dangling(&tx)?;
            if after > before {
                return Err(bad(
                    &self.path,
                    format!(
                        "migration {name} would leave {} broken reference(s); nothing was changed",
                        after - before
                    ),
                ));
            }
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: the problems found, empty when sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("database integrity: {row}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (table, rowid, parent) = row?;
            problems.push(format!(
                "database: row {rowid} of {table} refers to a missing {parent} row"
            ));
        }
        Ok(problems)
    }
}
