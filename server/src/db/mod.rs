//! Storage on SQLite: the schema, the directory's queries and the
//! transactions that keep the contract's guarantees (unique usernames and
//! emails, optimistic concurrency, idempotent creates).
//!
//! - `schema.rs`: tables, indexes and the search index.
//! - `list_query.rs`: one page of the directory (search, filters, sort) and
//!   its cached count.
//! - `users.rs`: reading, creating and patching users; roles.
//! - `presence.rs`: reading and setting presence.
//! - `merge_patch.rs`: RFC 7396 JSON merge-patch, for preferences.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

mod list_query;
mod merge_patch;
mod presence;
mod schema;
mod users;

pub use list_query::{ListQuery, SortKey};
pub use merge_patch::merge_patch;
pub use presence::PresenceUpdate;
pub use users::{CreateError, CreateOutcome, PatchError};

use schema::{INDEXES, SCHEMA};

pub struct Database {
    connection: Mutex<Connection>,
    /// `COUNT(*)` of a filtered directory is a scan; counts are cached per
    /// filter and dropped on every write to users. At most
    /// [`MAX_CACHED_COUNTS`]: any reader can make new filters.
    count_cache: Mutex<HashMap<String, u64>>,
}

/// Distinct filters whose count is kept; the cache starts over when full.
pub const MAX_CACHED_COUNTS: usize = 1_000;

fn storage(error: rusqlite::Error) -> String {
    error.to_string()
}

impl Database {
    /// Opens (or creates) the database file, or an in-memory one for `None`.
    pub fn open(path: Option<&Path>) -> rusqlite::Result<Self> {
        let connection = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        connection.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA threads = 2;",
        )?;
        connection.execute_batch(SCHEMA)?;
        Ok(Self {
            connection: Mutex::new(connection),
            count_cache: Mutex::new(HashMap::new()),
        })
    }

    /// The connection, even if a panic elsewhere poisoned the lock (SQLite's
    /// own transactions keep the data consistent).
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Creates indexes and the search triggers, and fills the search index
    /// from `users` when it is out of date (after a bulk seed).
    pub fn finish_bulk_load(&self) -> rusqlite::Result<()> {
        let connection = self.lock();
        connection.execute_batch(INDEXES)?;
        let indexed: i64 =
            connection.query_row("SELECT count(*) FROM users_fts_docsize", [], |r| r.get(0))?;
        let users: i64 = connection.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        if indexed != users {
            connection.execute("INSERT INTO users_fts (users_fts) VALUES ('rebuild')", [])?;
        }
        connection.execute_batch("PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA optimize;")?;
        self.forget_counts();
        Ok(())
    }

    /// How many filter counts are cached.
    pub fn cached_counts(&self) -> usize {
        self.count_cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }

    fn forget_counts(&self) {
        self.count_cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    pub fn user_count(&self) -> rusqlite::Result<u64> {
        let count: i64 = self
            .lock()
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        Ok(count.unsigned_abs())
    }
}
