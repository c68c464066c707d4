//! Users and roles: reads, creates (unique fields, idempotency keys) and
//! patches (optimistic concurrency through the version).

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use super::{merge_patch, storage, Database};
use crate::model::{format_time, NewUser, Role, SelfLink, User, UserChanges, API_PREFIX};

pub(super) const USER_COLUMNS: &str =
    "seq, id, username, full_name, email, active, time_zone, memberships, preferences, last_login_at, created_at, version";

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

impl Database {
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
pub(super) fn attach_roles(connection: &Connection, users: &mut [User]) -> rusqlite::Result<()> {
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

pub(super) fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
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
