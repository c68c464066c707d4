//! Presence: read in batches, set by the signed-in user.

use rusqlite::{params, OptionalExtension, Row};

use super::Database;
use crate::model::Presence;

/// A presence change, already validated.
#[derive(Debug, Clone, PartialEq)]
pub struct PresenceUpdate {
    pub state: String,
    pub dnd_until: Option<String>,
    pub status_message: Option<String>,
}

impl Database {
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

fn presence_from_row(row: &Row<'_>) -> rusqlite::Result<Presence> {
    Ok(Presence {
        user_id: row.get(0)?,
        state: row.get(1)?,
        dnd_until: row.get(2)?,
        status_message: row.get(3)?,
        updated_at: row.get(4)?,
    })
}
