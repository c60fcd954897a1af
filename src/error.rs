//! The core's errors. Each message says what happened and what to do about it.

use crate::corpus::CorpusError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Corpus(#[from] CorpusError),

    #[error("{path}: {message}")]
    BadDatabase { path: PathBuf, message: String },

    #[error(
        "{path}: the database was written by a newer dossier (schema version {found}; this build knows up to {known}). Upgrade dossier; the file was left untouched."
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("the notebook is busy: another dossier process is writing. Try again in a moment.")]
    Busy,

    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),

    #[error("search index error: {0}")]
    Index(String),

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("no {kind} with id `{id}`{hint}")]
    NotFound {
        kind: &'static str,
        id: String,
        hint: String,
    },

    #[error("{0}")]
    Invalid(String),

    /// A file with problems, each naming its line.
    #[error("{} problem(s) in {what}:\n{}", .problems.len(), .problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Problems {
        what: String,
        problems: Vec<crate::corpus::Problem>,
    },
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e
            && matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            )
        {
            return Error::Busy;
        }
        Error::Sqlite(e)
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Index(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
