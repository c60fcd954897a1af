//! The core's errors. Each message says what happened and what to do about it.

use crate::corpus::CorpusError;
use std::path::{Path, PathBuf};

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

    /// Another process holds the write lock past the wait; names it when known.
    #[error("the notebook is busy: {} is writing. Try again in a moment.", .0.as_deref().unwrap_or("another dossier process"))]
    Busy(Option<String>),

    /// A database failure, classified: what happened and what to do. `path` is the
    /// database file when known (the front end fills it in with [`Error::locate_database`]).
    #[error("{}", database_message(.path.as_deref(), *.fault, .detail))]
    Database {
        fault: DbFault,
        path: Option<PathBuf>,
        detail: String,
    },

    /// A search index failure, in words (never a dependency's Debug text).
    #[error("search index: {0}")]
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

    /// Investigations are named, not given ids: the message quotes the name as given.
    #[error("no investigation named “{name}”{hint}")]
    NoInvestigation { name: String, hint: String },

    #[error("{0}")]
    Invalid(String),

    /// A file with problems, each naming its line.
    #[error("{} problem(s) in {what}:\n{}", .problems.len(), .problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Problems {
        what: String,
        problems: Vec<crate::corpus::Problem>,
    },
}

/// What kind of database failure happened: each has its own advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbFault {
    /// SQLITE_FULL, or an I/O error on a filesystem with no space left.
    DiskFull,
    /// SQLITE_IOERR.
    Io,
    /// SQLITE_CORRUPT: a damaged page.
    Corrupt,
    /// SQLITE_NOTADB: the file is not a database at all.
    NotADatabase,
    /// SQLITE_READONLY.
    ReadOnly,
    /// SQLITE_CANTOPEN.
    CannotOpen,
    Other,
}

fn database_message(path: Option<&Path>, fault: DbFault, detail: &str) -> String {
    let file = path.map_or_else(
        || "the notebook's database".to_string(),
        |p| p.display().to_string(),
    );
    match fault {
        DbFault::DiskFull => format!(
            "{file}: the disk is full, so nothing was changed (the write was rolled back and the notebook is intact). Free some space and try again."
        ),
        DbFault::Io => format!(
            "{file}: the disk reported an I/O error ({detail}); nothing was changed. Check the disk, then run `dossier check`."
        ),
        DbFault::Corrupt => format!(
            "{file}: the database file is damaged ({detail}). dossier did not change it: run `dossier check` to see what is affected, and restore the file from a backup if you have one."
        ),
        DbFault::NotADatabase => format!(
            "{file}: not a SQLite database ({detail}). It was left untouched: move it aside and dossier will create a new one, or point --data-dir elsewhere."
        ),
        DbFault::ReadOnly => format!(
            "{file}: the notebook is read-only here ({detail}); nothing was changed. Make the file and its folder writable, or point --data-dir at a writable folder."
        ),
        DbFault::CannotOpen => format!(
            "{file}: cannot open the database ({detail}). Check that its folder exists and can be written."
        ),
        DbFault::Other => format!("{file}: database error: {detail}"),
    }
}

impl Error {
    /// Names the database file in a database error that does not name it yet, and tells
    /// a full disk from other I/O errors (SQLite reports a failed WAL index as an I/O
    /// error even when the cause is no space).
    pub fn locate_database(&mut self, db: &Path) {
        if let Error::Busy(holder @ None) = self
            && let Some(dir) = db.parent()
        {
            let lock = crate::lockfile::NotebookLock::path_for(&dir.join("index"));
            *holder = crate::lockfile::held_by(&lock);
        }
        if let Error::Database { fault, path, .. } = self {
            if path.is_none() {
                *path = Some(db.to_path_buf());
            }
            if *fault == DbFault::Io
                && db.parent().is_some_and(|dir| {
                    crate::fsutil::free_bytes(dir).is_some_and(|n| n < 64 * 1024)
                })
            {
                *fault = DbFault::DiskFull;
            }
        }
    }

    /// A database error about `path`.
    pub fn database_at(e: rusqlite::Error, path: &Path) -> Error {
        let mut err = Error::from(e);
        err.locate_database(path);
        err
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let fault = match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::DatabaseBusy | C::DatabaseLocked => return Error::Busy(None),
                C::DiskFull => DbFault::DiskFull,
                C::SystemIoFailure => DbFault::Io,
                C::DatabaseCorrupt => DbFault::Corrupt,
                C::NotADatabase => DbFault::NotADatabase,
                C::ReadOnly => DbFault::ReadOnly,
                C::CannotOpen => DbFault::CannotOpen,
                _ => DbFault::Other,
            },
            _ => DbFault::Other,
        };
        let detail = match &e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
            rusqlite::Error::SqliteFailure(f, None) => {
                rusqlite::ffi::code_to_str(f.extended_code).to_string()
            }
            other => other.to_string(),
        };
        Error::Database {
            fault,
            path: None,
            detail,
        }
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::LockFailure(..) => Error::Busy(None),
            other => Error::Index(describe_index_error(&other)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An OS error in words: its message when the OS gave one, else its kind. Never the
/// error's Debug text or a dependency's wrapper around it.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<std::io::Error>())
        {
            Some(inner) => describe_io(inner),
            None => e.kind().to_string(),
        },
    }
}

/// A tantivy error in words, with what to do. tantivy's own messages embed Debug output
/// (`Error { io_error: Custom { … } }`), so none of them is shown as is.
pub fn describe_index_error(e: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{OpenDirectoryError, OpenReadError, OpenWriteError};
    const REPAIR: &str = "`dossier check --repair` rebuilds it from the database";
    match e {
        T::LockFailure(..) => {
            "another dossier process holds the index; try again in a moment".into()
        }
        T::IoError(io) => format!("{} ({REPAIR})", describe_io(io)),
        T::OpenDirectoryError(OpenDirectoryError::DoesNotExist(p)) => {
            format!(
                "{}: the index folder does not exist ({REPAIR})",
                p.display()
            )
        }
        T::OpenDirectoryError(OpenDirectoryError::NotADirectory(p)) => {
            format!("{}: not a folder; move it aside", p.display())
        }
        T::OpenDirectoryError(OpenDirectoryError::FailedToCreateTempDir(io)) => {
            format!("cannot create a temporary folder: {}", describe_io(io))
        }
        T::OpenDirectoryError(OpenDirectoryError::IoError {
            io_error,
            directory_path,
        }) => format!("{}: {}", directory_path.display(), describe_io(io_error)),
        T::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            format!("a file of the index is missing ({}; {REPAIR})", p.display())
        }
        T::OpenReadError(OpenReadError::IoError { io_error, filepath })
        | T::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
            format!("{}: {}", filepath.display(), describe_io(io_error))
        }
        T::OpenWriteError(OpenWriteError::FileAlreadyExists(p)) => {
            format!("{}: already exists ({REPAIR})", p.display())
        }
        T::OpenReadError(OpenReadError::IncompatibleIndex(_)) | T::IncompatibleIndex(_) => {
            format!("the index was written by another version ({REPAIR})")
        }
        T::DataCorruption(_) | T::DeserializeError(_) => {
            format!("the index is damaged ({REPAIR})")
        }
        T::SystemError(_) | T::ErrorInThread(_) | T::Poisoned => {
            "an index thread failed (perhaps out of memory or threads); try again".into()
        }
        _ => format!("the index could not be used ({REPAIR})"),
    }
}
