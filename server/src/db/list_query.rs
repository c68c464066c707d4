//! One page of the directory: search, filters and sort as SQL, and the
//! count of the filtered directory (cached per filter).

use rusqlite::params_from_iter;

use super::users::{attach_roles, user_from_row, USER_COLUMNS};
use super::{Database, MAX_CACHED_COUNTS};
use crate::model::User;

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

impl Database {
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
}
