//! Storage on SQLite: schema, queries and the transactions that keep the
//! contract's guarantees (unique usernames and emails, optimistic concurrency,
//! idempotent creates).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use crate::model::{format_time, NewUser, Presence, Role, SelfLink, User, UserChanges};

/// Path prefix of the links the server writes into resources.
pub const API_PREFIX: &str = "/api/v1";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS users (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    username      TEXT NOT NULL COLLATE NOCASE,
    full_name     TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    email         TEXT NOT NULL COLLATE NOCASE,
    active        INTEGER NOT NULL,
    time_zone     TEXT,
    memberships   TEXT NOT NULL DEFAULT '[]',
    preferences   TEXT NOT NULL DEFAULT '{}',
    last_login_at TEXT,
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS user_roles (
    role     TEXT NOT NULL,
    user_seq INTEGER NOT NULL,
    PRIMARY KEY (role, user_seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS roles (name TEXT PRIMARY KEY, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS presence (
    user_seq       INTEGER PRIMARY KEY,
    state          TEXT NOT NULL,
    dnd_until      TEXT,
    status_message TEXT,
    updated_at     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS users_fts USING fts5(
    username, full_name, email, content='users', content_rowid='seq', tokenize='trigram'
);
";

/// Indexes (the unique ones among them) and triggers, created after a bulk
/// seed: building them once at the end is many times faster than maintaining
/// them row by row. Opening an existing database runs this too, so they are
/// always there while the server answers requests.
const INDEXES: &str = "
CREATE UNIQUE INDEX IF NOT EXISTS users_by_id ON users (id);
CREATE UNIQUE INDEX IF NOT EXISTS users_by_username ON users (username);
CREATE UNIQUE INDEX IF NOT EXISTS users_by_email ON users (email);
CREATE INDEX IF NOT EXISTS users_by_full_name ON users (full_name);
CREATE INDEX IF NOT EXISTS users_by_last_login ON users (last_login_at);
CREATE INDEX IF NOT EXISTS users_by_created ON users (created_at);
CREATE INDEX IF NOT EXISTS users_by_active ON users (active, username);
CREATE INDEX IF NOT EXISTS user_roles_by_user ON user_roles (user_seq);
CREATE TRIGGER IF NOT EXISTS users_fts_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_fts (rowid, username, full_name, email) VALUES (new.seq, new.username, new.full_name, new.email);
END;
CREATE TRIGGER IF NOT EXISTS users_fts_update AFTER UPDATE OF username, full_name, email ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, username, full_name, email) VALUES ('delete', old.seq, old.username, old.full_name, old.email);
    INSERT INTO users_fts (rowid, username, full_name, email) VALUES (new.seq, new.username, new.full_name, new.email);
END;
";

const USER_COLUMNS: &str =
    "seq, id, username, full_name, email, active, time_zone, memberships, preferences, last_login_at, created_at, version";

/// The query behind one page of the directory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    pub page: u64,
    pub limit: u64,
    pub q: Option<String>,
    pub active: Option<bool>,
    pub role: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Username,
    FullName,
    Email,
    LastLoginAt,
    CreatedAt,
}

impl SortKey {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "username" => Self::Username,
            "fullName" => Self::FullName,
            "email" => Self::Email,
            "lastLoginAt" => Self::LastLoginAt,
            "createdAt" => Self::CreatedAt,
            _ => return None,
        })
    }

    /// The index that keeps users in this order.
    fn index(self) -> &'static str {
        match self {
            Self::Username => "users_by_username",
            Self::FullName => "users_by_full_name",
            Self::Email => "users_by_email",
            Self::LastLoginAt => "users_by_last_login",
            Self::CreatedAt => "users_by_created",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Self::Username => "username",
            Self::FullName => "full_name",
            Self::Email => "email",
            Self::LastLoginAt => "last_login_at",
            Self::CreatedAt => "created_at",
        }
    }
}

/// The WHERE clause of a list query and its parameters.
struct Filter {
    /// Conditions written with `{+}` where a unary plus may go (SQLite then
    /// does not drive the query from that term's index) and `{role}` for the
    /// role test, whose best form depends on how the query is driven.
    conditions: Vec<&'static str>,
    values: Vec<rusqlite::types::Value>,
    prefix_search: bool,
}

impl Filter {
    fn new(query: &ListQuery) -> Self {
        let mut conditions = Vec::new();
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let mut prefix_search = false;
        if let Some(q) = query.q.as_deref().filter(|q| !q.is_empty()) {
            if q.chars().count() >= 3 {
                conditions.push("{+}seq IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?)");
                values.push(format!("\"{}\"", q.replace('"', "\"\"")).into());
            } else {
                prefix_search = true;
                conditions.push(
                    "({+}username LIKE ? ESCAPE '\\' OR {+}full_name LIKE ? ESCAPE '\\' OR {+}email LIKE ? ESCAPE '\\')",
                );
                let escaped = q
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                values.extend(std::iter::repeat_n(
                    rusqlite::types::Value::from(format!("{escaped}%")),
                    3,
                ));
            }
        }
        if let Some(active) = query.active {
            conditions.push("active = ?");
            values.push(i64::from(active).into());
        }
        if let Some(role) = &query.role {
            // Walking the sort index checks each row's role with a key lookup
            // ({exists}) instead of first collecting every holder of the role.
            conditions.push("{role}");
            values.push(role.clone().into());
        }
        Self {
            conditions,
            values,
            prefix_search,
        }
    }

    fn where_clause(&self, without_index: bool) -> String {
        if self.conditions.is_empty() {
            return String::new();
        }
        let (plus, role) = if without_index {
            (
                "+",
                "EXISTS (SELECT 1 FROM user_roles r WHERE r.role = ? AND r.user_seq = users.seq)",
            )
        } else {
            (
                "",
                "seq IN (SELECT user_seq FROM user_roles WHERE role = ?)",
            )
        };
        format!(
            "WHERE {}",
            self.conditions
                .join(" AND ")
                .replace("{+}", plus)
                .replace("{role}", role)
        )
    }
}

/// Why a create did not happen.
#[derive(Debug, PartialEq)]
pub enum CreateError {
    /// These fields (`username`, `email`) hold values another user has.
    Taken(Vec<&'static str>),
    /// The idempotency key was used before with a different body.
    KeyReused,
    Storage(String),
}

#[derive(Debug, PartialEq)]
pub enum CreateOutcome {
    Created(String),
    /// A replay of an earlier request with the same key and body.
    Replayed(String),
}

/// Why a patch did not happen.
#[derive(Debug, PartialEq)]
pub enum PatchError {
    NotFound,
    /// The If-Match ETag is not the current one.
    Stale,
    Taken(Vec<&'static str>),
    Storage(String),
}

/// A presence change, already validated.
#[derive(Debug, Clone, PartialEq)]
pub struct PresenceUpdate {
    pub state: String,
    pub dnd_until: Option<String>,
    pub status_message: Option<String>,
}

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

    pub fn roles(&self) -> rusqlite::Result<Vec<Role>> {
        let connection = self.lock();
        let mut statement =
            connection.prepare_cached("SELECT name, description FROM roles ORDER BY name")?;
        let roles = statement.query_map([], |r| {
            Ok(Role {
                name: r.get(0)?,
                description: r.get(1)?,
            })
        })?;
        roles.collect()
    }

    /// Which of the given username/email a user other than `except` (an
    /// id) already has.
    pub fn taken(
        &self,
        username: Option<&str>,
        email: Option<&str>,
        except: Option<&str>,
    ) -> rusqlite::Result<Vec<&'static str>> {
        let connection = self.lock();
        let except = match except {
            Some(id) => user_where(&connection, "id = ?1", id)?.map(|user| user.seq),
            None => None,
        };
        taken_fields(&connection, username, email, except)
    }

    pub fn role_names(&self) -> rusqlite::Result<Vec<String>> {
        Ok(self.roles()?.into_iter().map(|r| r.name).collect())
    }

    /// One page of users and the total number matching the query.
    ///
    /// Searches of three characters or more use the trigram index (substring
    /// match); one or two characters match the start of the username, full
    /// name or email through their indexes, since a substring that short would
    /// match most of a large directory anyway.
    pub fn list_users(&self, query: &ListQuery) -> rusqlite::Result<(Vec<User>, u64)> {
        let filter = Filter::new(query);
        let total = self.count(&filter.where_clause(false), &filter.values)?;
        let everyone = self.count("", &[])?;
        // Walking the sort index visits about (offset + limit) × everyone / total
        // rows; starting from the matches visits `total` rows and sorts them.
        // Take the cheaper. (Not for prefix searches: their matches bunch up
        // in username order, so the walk's estimate does not hold.)
        let offset = query.page.saturating_mul(query.limit);
        let walk_cost = offset.saturating_add(query.limit).saturating_mul(everyone);
        let walk_sort_index = !filter.prefix_search && walk_cost < total.saturating_mul(total);
        let direction = if query.descending { "DESC" } else { "ASC" };
        let column = query.sort.column();
        // SQLite cannot tell how selective a search is, so the walk is forced.
        let index = if walk_sort_index {
            format!("INDEXED BY {}", query.sort.index())
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users {index} {} ORDER BY {column} {direction}, seq {direction} LIMIT {} OFFSET {}",
            filter.where_clause(walk_sort_index),
            query.limit,
            offset
        );
        let connection = self.lock();
        let mut users = {
            let mut statement = connection.prepare_cached(&sql)?;
            let rows =
                statement.query_map(params_from_iter(filter.values.iter()), user_from_row)?;
            rows.collect::<rusqlite::Result<Vec<User>>>()?
        };
        attach_roles(&connection, &mut users)?;
        Ok((users, total))
    }

    fn count(
        &self,
        where_clause: &str,
        values: &[rusqlite::types::Value],
    ) -> rusqlite::Result<u64> {
        let key = format!("{where_clause}|{values:?}");
        if let Some(count) = self
            .count_cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return Ok(*count);
        }
        let count: i64 = self.lock().query_row(
            &format!("SELECT count(*) FROM users {where_clause}"),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let count = count.unsigned_abs();
        let mut cache = self.count_cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= MAX_CACHED_COUNTS {
            // Starting over is as good as evicting: counts are cheap to redo
            // for the filters in use, and this keeps no bookkeeping.
            cache.clear();
        }
        cache.insert(key, count);
        Ok(count)
    }

    pub fn user_by_id(&self, id: &str) -> rusqlite::Result<Option<User>> {
        let connection = self.lock();
        user_where(&connection, "id = ?1", id)
    }

    pub fn user_by_username(&self, username: &str) -> rusqlite::Result<Option<User>> {
        let connection = self.lock();
        user_where(&connection, "username = ?1", username)
    }

    /// Inserts a user; with an idempotency key, a replay of the same request
    /// returns the first result instead of creating a second user.
    pub fn create_user(
        &self,
        new: &NewUser,
        idempotency: Option<(&str, &str)>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<CreateOutcome, CreateError> {
        let mut connection = self.lock();
        let transaction = connection
            .transaction()
            .map_err(|e| CreateError::Storage(storage(e)))?;
        let day_ago = now.timestamp() - 24 * 60 * 60;
        transaction
            .execute("DELETE FROM idempotency WHERE created_at < ?1", [day_ago])
            .map_err(|e| CreateError::Storage(storage(e)))?;
        if let Some((key, fingerprint)) = idempotency {
            let earlier: Option<(String, String)> = transaction
                .query_row(
                    "SELECT fingerprint, user_id FROM idempotency WHERE key = ?1",
                    [key],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(|e| CreateError::Storage(storage(e)))?;
            if let Some((earlier_fingerprint, user_id)) = earlier {
                return if earlier_fingerprint == fingerprint {
                    Ok(CreateOutcome::Replayed(user_id))
                } else {
                    Err(CreateError::KeyReused)
                };
            }
        }
        let taken = taken_fields(&transaction, Some(&new.username), Some(&new.email), None)
            .map_err(|e| CreateError::Storage(storage(e)))?;
        if !taken.is_empty() {
            return Err(CreateError::Taken(taken));
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        let created_at = format_time(now);
        let insert = || -> rusqlite::Result<()> {
            transaction.execute(
                "INSERT INTO users (id, username, full_name, email, active, time_zone, memberships, preferences, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    new.username,
                    new.full_name,
                    new.email,
                    new.active,
                    new.time_zone,
                    Value::from(new.memberships.clone()).to_string(),
                    Value::Object(new.preferences.clone()).to_string(),
                    created_at
                ],
            )?;
            let seq = transaction.last_insert_rowid();
            replace_roles(&transaction, seq, &new.roles)?;
            transaction.execute(
                "INSERT INTO presence (user_seq, state, updated_at) VALUES (?1, 'OFFLINE', ?2)",
                params![seq, created_at],
            )?;
            if let Some((key, fingerprint)) = idempotency {
                transaction.execute(
                    "INSERT INTO idempotency (key, fingerprint, user_id, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![key, fingerprint, id, now.timestamp()],
                )?;
            }
            Ok(())
        };
        insert().map_err(|e| CreateError::Storage(storage(e)))?;
        transaction
            .commit()
            .map_err(|e| CreateError::Storage(storage(e)))?;
        self.forget_counts();
        Ok(CreateOutcome::Created(id))
    }

    /// Applies a merge-patch if `expected_version` is still the current one.
    pub fn patch_user(
        &self,
        id: &str,
        expected_versions: Option<&[i64]>,
        changes: &UserChanges,
    ) -> Result<User, PatchError> {
        let mut connection = self.lock();
        let transaction = connection
            .transaction()
            .map_err(|e| PatchError::Storage(storage(e)))?;
        let current =
            user_where(&transaction, "id = ?1", id).map_err(|e| PatchError::Storage(storage(e)))?;
        let mut current = current.ok_or(PatchError::NotFound)?;
        attach_roles(&transaction, std::slice::from_mut(&mut current))
            .map_err(|e| PatchError::Storage(storage(e)))?;
        // RFC 9110 §13.1.1: If-Match holds if any listed tag is current.
        if expected_versions.is_some_and(|expected| !expected.contains(&current.version)) {
            return Err(PatchError::Stale);
        }
        if *changes == UserChanges::default() {
            return Ok(current); // An empty merge-patch changes nothing, not even the ETag.
        }
        let taken = taken_fields(
            &transaction,
            None,
            changes.email.as_deref(),
            Some(current.seq),
        )
        .map_err(|e| PatchError::Storage(storage(e)))?;
        if !taken.is_empty() {
            return Err(PatchError::Taken(taken));
        }
        let preferences = match &changes.preferences {
            Some(patch) => {
                let mut merged = Value::Object(current.preferences.clone());
                merge_patch(&mut merged, patch);
                merged
            }
            None => Value::Object(current.preferences.clone()),
        };
        let time_zone = match &changes.time_zone {
            Some(time_zone) => time_zone.clone(),
            None => current.time_zone.clone(),
        };
        let update = || -> rusqlite::Result<()> {
            transaction.execute(
                "UPDATE users SET full_name = ?1, email = ?2, active = ?3, time_zone = ?4, memberships = ?5,
                 preferences = ?6, version = version + 1 WHERE seq = ?7",
                params![
                    changes.full_name.as_ref().unwrap_or(&current.full_name),
                    changes.email.as_ref().unwrap_or(&current.email),
                    changes.active.unwrap_or(current.active),
                    time_zone,
                    Value::from(changes.memberships.clone().unwrap_or(current.memberships.clone())).to_string(),
                    preferences.to_string(),
                    current.seq
                ],
            )?;
            if let Some(roles) = &changes.roles {
                replace_roles(&transaction, current.seq, roles)?;
            }
            Ok(())
        };
        update().map_err(|e| PatchError::Storage(storage(e)))?;
        let mut updated = user_where(&transaction, "id = ?1", id)
            .map_err(|e| PatchError::Storage(storage(e)))?
            .ok_or(PatchError::NotFound)?;
        attach_roles(&transaction, std::slice::from_mut(&mut updated))
            .map_err(|e| PatchError::Storage(storage(e)))?;
        transaction
            .commit()
            .map_err(|e| PatchError::Storage(storage(e)))?;
        self.forget_counts();
        Ok(updated)
    }

    /// Presence of the given users, in the order asked; `Err` lists unknown ids.
    pub fn presence_of(
        &self,
        ids: &[String],
    ) -> rusqlite::Result<Result<Vec<Presence>, Vec<String>>> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT u.id, p.state, p.dnd_until, p.status_message, p.updated_at
             FROM users u JOIN presence p ON p.user_seq = u.seq WHERE u.id = ?1",
        )?;
        let mut found = Vec::with_capacity(ids.len());
        let mut unknown = Vec::new();
        for id in ids {
            match statement.query_row([id], presence_from_row).optional()? {
                Some(presence) => found.push(presence),
                None => unknown.push(id.clone()),
            }
        }
        Ok(if unknown.is_empty() {
            Ok(found)
        } else {
            Err(unknown)
        })
    }

    pub fn set_presence(
        &self,
        user_id: &str,
        update: &PresenceUpdate,
        now: &str,
    ) -> rusqlite::Result<Option<Presence>> {
        let connection = self.lock();
        let changed = connection.execute(
            "INSERT INTO presence (user_seq, state, dnd_until, status_message, updated_at)
             SELECT seq, ?2, ?3, ?4, ?5 FROM users WHERE id = ?1
             ON CONFLICT (user_seq) DO UPDATE SET state = excluded.state, dnd_until = excluded.dnd_until,
                 status_message = excluded.status_message, updated_at = excluded.updated_at",
            params![user_id, update.state, update.dnd_until, update.status_message, now],
        )?;
        if changed == 0 {
            return Ok(None);
        }
        drop(connection);
        Ok(self
            .presence_of(&[user_id.to_owned()])?
            .ok()
            .and_then(|mut p| p.pop()))
    }
}

fn user_where(
    connection: &Connection,
    condition: &str,
    value: &str,
) -> rusqlite::Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {condition}");
    let mut user = connection
        .prepare_cached(&sql)?
        .query_row([value], user_from_row)
        .optional()?;
    if let Some(user) = user.as_mut() {
        attach_roles(connection, std::slice::from_mut(user))?;
    }
    Ok(user)
}

/// Which of the given username/email another user (not `except`) already has.
fn taken_fields(
    connection: &Connection,
    username: Option<&str>,
    email: Option<&str>,
    except: Option<i64>,
) -> rusqlite::Result<Vec<&'static str>> {
    let mut taken = Vec::new();
    for (field, column, value) in [
        ("username", "username", username),
        ("email", "email", email),
    ] {
        if let Some(value) = value {
            let sql = format!("SELECT seq FROM users WHERE {column} = ?1");
            let holder: Option<i64> = connection
                .prepare_cached(&sql)?
                .query_row([value], |r| r.get(0))
                .optional()?;
            if holder.is_some_and(|seq| Some(seq) != except) {
                taken.push(field);
            }
        }
    }
    Ok(taken)
}

fn replace_roles(connection: &Connection, seq: i64, roles: &[String]) -> rusqlite::Result<()> {
    connection.execute("DELETE FROM user_roles WHERE user_seq = ?1", [seq])?;
    let mut insert = connection
        .prepare_cached("INSERT OR IGNORE INTO user_roles (role, user_seq) VALUES (?1, ?2)")?;
    for role in roles {
        insert.execute(params![role, seq])?;
    }
    Ok(())
}

/// Fills in the roles of a page of users with one query.
fn attach_roles(connection: &Connection, users: &mut [User]) -> rusqlite::Result<()> {
    if users.is_empty() {
        return Ok(());
    }
    let placeholders = vec!["?"; users.len()].join(",");
    let sql = format!(
        "SELECT user_seq, role FROM user_roles WHERE user_seq IN ({placeholders}) ORDER BY role"
    );
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map(params_from_iter(users.iter().map(|u| u.seq)), |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut by_user: HashMap<i64, Vec<String>> = HashMap::new();
    for row in rows {
        let (seq, role) = row?;
        by_user.entry(seq).or_default().push(role);
    }
    for user in users {
        user.roles = by_user.remove(&user.seq).unwrap_or_default();
    }
    Ok(())
}

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    let id: String = row.get(1)?;
    let memberships: String = row.get(7)?;
    let preferences: String = row.get(8)?;
    Ok(User {
        links: SelfLink {
            self_link: crate::model::Link {
                href: format!("{API_PREFIX}/users/{id}"),
            },
        },
        seq: row.get(0)?,
        id,
        username: row.get(2)?,
        full_name: row.get(3)?,
        email: row.get(4)?,
        active: row.get(5)?,
        time_zone: row.get(6)?,
        memberships: serde_json::from_str(&memberships).unwrap_or_default(),
        preferences: serde_json::from_str::<Map<String, Value>>(&preferences).unwrap_or_default(),
        last_login_at: row.get(9)?,
        created_at: row.get(10)?,
        version: row.get(11)?,
        roles: Vec::new(),
    })
}

fn presence_from_row(row: &Row<'_>) -> rusqlite::Result<Presence> {
    Ok(Presence {
        user_id: row.get(0)?,
        state: row.get(1)?,
        dnd_until: row.get(2)?,
        status_message: row.get(3)?,
        updated_at: row.get(4)?,
    })
}

/// RFC 7396: objects merge member by member, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(members) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            let object = target.as_object_mut().expect("made an object above");
            for (name, value) in members {
                if value.is_null() {
                    object.remove(name);
                } else {
                    merge_patch(object.entry(name.clone()).or_insert(Value::Null), value);
                }
            }
        }
        other => *target = other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let mut target = json!({"Locale": "en", "Theme": "dark", "nested": {"a": 1, "b": 2}});
        merge_patch(
            &mut target,
            &json!({"Locale": "de", "Theme": null, "nested": {"a": null, "c": 3}}),
        );
        assert_eq!(target, json!({"Locale": "de", "nested": {"b": 2, "c": 3}}));
    }
}
