//! `GET /users`: one page of the directory, its query parameters checked
//! (every bad one reported), with `self`/`next`/`prev` links.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use serde_json::json;

use super::{json_response, ApiResult, AppState};
use crate::auth::SCOPE_READ;
use crate::db::{ListQuery, SortKey};
use crate::model::API_PREFIX;
use crate::problem::{FieldError, Problem};
use crate::validate;

const DEFAULT_LIMIT: u64 = 25;
const MAX_LIMIT: u64 = 100;

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    state.authenticate(&headers)?.require(SCOPE_READ)?;
    let query = parse_list_query(raw.as_deref().unwrap_or(""))?;
    let known_role = match &query.role {
        Some(role) => {
            let role = role.clone();
            state
                .db(move |db| Ok(db.role_names()?.contains(&role)))
                .await?
        }
        None => true,
    };
    if !known_role {
        return Err(Problem::bad_parameters(vec![FieldError::parameter(
            "role",
            "is not a role",
        )]));
    }
    let page_query = query.clone();
    let (users, total) = state.db(move |db| db.list_users(&page_query)).await?;
    let page_count = total.div_ceil(query.limit);
    let mut links = serde_json::Map::new();
    links.insert(
        "self".into(),
        json!({"href": list_href(&query, query.page)}),
    );
    if query.page + 1 < page_count {
        links.insert(
            "next".into(),
            json!({"href": list_href(&query, query.page + 1)}),
        );
    }
    if query.page > 0 && page_count > 0 {
        links.insert(
            "prev".into(),
            json!({"href": list_href(&query, (query.page - 1).min(page_count - 1))}),
        );
    }
    let body = json!({
        "meta": {"page": query.page, "count": users.len(), "pageCount": page_count, "totalCount": total},
        "items": users,
        "_links": links,
    });
    Ok(json_response(StatusCode::OK, &body, &[]))
}

/// Reads `page, limit, q, active, role, sort`; every bad one is reported.
fn parse_list_query(raw: &str) -> Result<ListQuery, Problem> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).map_err(|_| {
        Problem::bad_parameters(vec![FieldError::parameter("query", "cannot be read")])
    })?;
    let mut query = ListQuery {
        limit: DEFAULT_LIMIT,
        ..ListQuery::default()
    };
    let mut errors = Vec::new();
    for (name, value) in pairs {
        match name.as_str() {
            "page" => match value.parse::<u64>() {
                Ok(page) if page <= 10_000_000 => query.page = page,
                _ => errors.push(FieldError::parameter(
                    "page",
                    "must be a whole number from 0",
                )),
            },
            "limit" => match value.parse::<u64>() {
                Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => query.limit = limit,
                _ => errors.push(FieldError::parameter(
                    "limit",
                    format!("must be a whole number from 1 to {MAX_LIMIT}"),
                )),
            },
            "q" if value.chars().count() > validate::MAX_TEXT => {
                errors.push(FieldError::parameter(
                    "q",
                    format!("must be at most {} characters", validate::MAX_TEXT),
                ))
            }
            "q" => query.q = Some(value.trim().to_owned()).filter(|q| !q.is_empty()),
            "active" => match value.as_str() {
                "true" => query.active = Some(true),
                "false" => query.active = Some(false),
                _ => errors.push(FieldError::parameter("active", "must be true or false")),
            },
            "role" if value.is_empty() => query.role = None,
            "role" => query.role = Some(value),
            "sort" => {
                let (descending, key) = match value.strip_prefix('-') {
                    Some(key) => (true, key),
                    None => (false, value.as_str()),
                };
                match SortKey::parse(key) {
                    Some(key) => {
                        query.sort = key;
                        query.descending = descending;
                    }
                    None => errors.push(FieldError::parameter(
                        "sort",
                        "must be one of username, fullName, email, lastLoginAt, createdAt, with - before it for descending",
                    )),
                }
            }
            _ => {} // Unknown parameters are ignored, as HTTP caches and proxies may add some.
        }
    }
    if errors.is_empty() {
        Ok(query)
    } else {
        Err(Problem::bad_parameters(errors))
    }
}

fn list_href(query: &ListQuery, page: u64) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("page", page.to_string()),
        ("limit", query.limit.to_string()),
    ];
    if let Some(q) = &query.q {
        pairs.push(("q", q.clone()));
    }
    if let Some(active) = query.active {
        pairs.push(("active", active.to_string()));
    }
    if let Some(role) = &query.role {
        pairs.push(("role", role.clone()));
    }
    if query.sort != SortKey::Username || query.descending {
        let name = match query.sort {
            SortKey::Username => "username",
            SortKey::FullName => "fullName",
            SortKey::Email => "email",
            SortKey::LastLoginAt => "lastLoginAt",
            SortKey::CreatedAt => "createdAt",
        };
        pairs.push((
            "sort",
            format!("{}{name}", if query.descending { "-" } else { "" }),
        ));
    }
    format!(
        "{API_PREFIX}/users?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_query_reports_every_bad_parameter() {
        let problem = parse_list_query("limit=0&page=-1&sort=age&active=maybe").unwrap_err();
        assert_eq!(problem.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn list_query_reads_the_contract_parameters() {
        let query = parse_list_query(
            "page=2&limit=50&q=%20jan%20&active=false&role=support&sort=-lastLoginAt",
        )
        .unwrap();
        assert_eq!(
            query,
            ListQuery {
                page: 2,
                limit: 50,
                q: Some("jan".into()),
                active: Some(false),
                role: Some("support".into()),
                sort: SortKey::LastLoginAt,
                descending: true
            }
        );
    }
}
