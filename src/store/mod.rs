//! SQLite: the single source of truth. Schema from `migrations/*.sql`, applied in order.

mod bulk;
mod capture;
mod changes;
mod export;
mod follow;
mod follow_sync;
mod index_records;
mod investigation_items;
mod investigations;
mod read;
mod read_clips;
mod schema;
mod sync;
mod synonyms;
mod team;
mod write;

pub use bulk::ImportWriter;
pub use capture::{Names, NewRecords, StoredCue, TranscriptInfo, find_voice_in, write_transcript};
pub use changes::ChangedRecord;
pub use follow::{FollowReport, FollowedCorpus};
pub use index_records::{IndexScope, cue_id, parse_cue_id};
pub use investigations::{Investigation, InvestigationItem, RemovedItem};
pub use read::{PageSummary, Stored};
pub use sync::SyncReport;
pub use synonyms::write_synonyms;
pub use team::{Overlay, write_investigations, write_overlays};
pub use write::{Changed, upsert_corpus};

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const NOTEBOOK_ID_KEY: &str = "notebook_id";

/// A new notebook id: a hash of where and when it was made, and by which process.
fn new_notebook_id(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(path.to_string_lossy().as_bytes());
    hasher.update(std::process::id().to_le_bytes());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    hasher.update(now.as_nanos().to_le_bytes());
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// dossier's `PRAGMA application_id` ("DSSR"), stamped in the header of every notebook.
pub const APPLICATION_ID: i64 = 0x4453_5352;

/// What a database file says about whose it is, read before anything is written.
struct Identity {
    application_id: i64,
    user_version: i64,
    /// How many tables, indexes and views the file holds.
    objects: i64,
    /// Whether it has the `meta` and `clips` tables every dossier notebook has.
    notebook_tables: bool,
}

impl Identity {
    fn read(conn: &Connection) -> rusqlite::Result<Identity> {
        let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let user_version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let (objects, notebook_tables) = conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name IN ('meta', 'clips')) = 2 FROM sqlite_master",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Identity {
            application_id,
            user_version,
            objects,
            notebook_tables,
        })
    }

    /// Ours: stamped with our id, a notebook from before the id (its tables say so), or
    /// an empty database (new). Anything else belongs to another program.
    fn check(&self, path: &Path) -> Result<()> {
        if self.application_id == APPLICATION_ID {
            return Ok(());
        }
        if self.application_id != 0 {
            return Err(bad(
                path,
                format!(
                    "is another program's SQLite database (application id {:#x}, not dossier's). It was left untouched: point --data-dir at a folder of dossier's own.",
                    self.application_id
                ),
            ));
        }
        if self.objects == 0 && self.user_version == 0 {
            return Ok(());
        }
        if self.notebook_tables && self.user_version >= 1 {
            return Ok(());
        }
        Err(bad(
            path,
            "is a SQLite database without dossier's tables, probably another program's. It was left untouched: point --data-dir at a folder of dossier's own.",
        ))
    }
}

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

fn bad(path: &Path, message: impl Into<String>) -> Error {
    Error::BadDatabase {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// When SQLite cannot open the notebook, the folder may simply be read-only (WAL needs
/// its side files even to read). Asked only after a failure, so that a read-only place
/// is named as such rather than reported as a damaged file.
fn unwritable(path: &Path) -> Option<Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(".dossier-write-probe");
    match std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                e.kind(),
                format!(
                    "{e}: dossier cannot write its notebook here. Make the folder writable or choose another with --data-dir"
                ),
            ),
        }),
    }
}

/// The page cache, in KiB (negative, as the pragma takes it): 64 MB (the default is
/// 2 MB), so a large import stays in memory until commit instead of spilling pages to
/// the WAL midway.
const CACHE_KIB: i64 = -65536;
/// The page cache while the whole database is read once (`Store::with_small_cache`).
const SMALL_CACHE_KIB: i64 = -8192;

impl Store {
    /// Opens (or creates) the database and brings its schema up to date.
    /// A file that is not a dossier database is refused and never written to: its
    /// identity (application id, or the tables of a notebook from before the id) is
    /// checked before anything, even the switch to WAL, touches the file.
    pub fn open(path: &Path) -> Result<Store> {
        check_existing_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| unwritable(path).unwrap_or_else(|| Error::database_at(e, path)))?;
        // The same wait as for the notebook lock.
        conn.busy_timeout(crate::lockfile::write_wait())?;
        let identity = Identity::read(&conn)
            .map_err(|e| unwritable(path).unwrap_or_else(|| Error::database_at(e, path)))?;
        identity.check(path)?;
        let version = identity.user_version;
        if version > Self::known_schema_version() {
            return Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                known: Self::known_schema_version(),
            });
        }
        let located = |e: rusqlite::Error| Error::database_at(e, path);
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(located)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(located)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(located)?;
        conn.pragma_update(None, "cache_size", CACHE_KIB)
            .map_err(located)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate(version)?;
        if store.notebook_id_opt()?.is_none() {
            store.write(|tx| {
                // Another process opening at the same moment may have made one first.
                tx.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)",
                    [NOTEBOOK_ID_KEY, &new_notebook_id(path)],
                )?;
                Ok(())
            })?;
        }
        if identity.application_id != APPLICATION_ID {
            // A new notebook, or one from before the id: stamp it as ours.
            store.write(|tx| {
                tx.pragma_update(None, "application_id", APPLICATION_ID)?;
                Ok(())
            })?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This notebook's own id, made when it was created (or first opened by a dossier
    /// that has ids). The search index records it, so an index from another notebook is
    /// never taken for this one's.
    pub fn notebook_id(&self) -> Result<String> {
        Ok(self.notebook_id_opt()?.unwrap_or_default())
    }

    fn notebook_id_opt(&self) -> Result<Option<String>> {
        meta_get(&self.conn, NOTEBOOK_ID_KEY)
    }

    /// Runs `f` in one IMMEDIATE transaction: the write lock is taken up front, so two
    /// processes never deadlock upgrading a read to a write.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `read` (one pass over the whole database: an index rebuild) with a small page
    /// cache, the cache's memory (and whatever else was freed) given back to the system
    /// first: each page is read about once, and the memory is the index build's to use.
    pub fn with_small_cache<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        self.conn
            .pragma_update(None, "cache_size", SMALL_CACHE_KIB)?;
        self.conn.execute_batch("PRAGMA shrink_memory")?;
        crate::fsutil::release_freed_memory();
        let result = read();
        self.conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        result
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The generation counts writes that change what search sees. The index records the
    /// generation it reflects; a mismatch means the index is stale.
    pub fn generation(&self) -> Result<u64> {
        Ok(meta_get(&self.conn, "generation")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// SQLite's data version: it changes when another connection (another process)
    /// commits, and not for this connection's own writes.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// Refuses files that exist but are not SQLite databases, before SQLite can touch them.
fn check_existing_file(path: &Path) -> Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: e,
            });
        }
    };
    if !meta.is_file() {
        return Err(bad(
            path,
            "is not a regular file; point --data-dir at a directory dossier owns",
        ));
    }
    if meta.len() == 0 {
        return Err(bad(
            path,
            "the database file is empty (0 bytes), perhaps cut short by a crash or a full disk. Move it aside (or restore a backup) and run dossier again to create a new one.",
        ));
    }
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let n = file.read(&mut head).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    if n < 16 || head != SQLITE_MAGIC {
        return Err(bad(
            path,
            "is not a SQLite database. It was left untouched: move it aside, or point --data-dir elsewhere.",
        ));
    }
    Ok(())
}

pub(crate) fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Bumps the generation inside a write transaction and returns the new value.
pub fn bump_generation(tx: &Transaction<'_>) -> Result<u64> {
    let next = meta_get(tx, "generation")?
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        + 1;
    meta_set(tx, "generation", &next.to_string())?;
    Ok(next)
}

pub(crate) fn now_iso() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
