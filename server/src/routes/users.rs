//! `POST /users`, `/users/{id}`, `/users/profile` and `/roles`.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{json, Value};

use super::{body_bytes, json_object, json_response, require_content_type, ApiResult, AppState};
use crate::auth::{SCOPE_READ, SCOPE_WRITE};
use crate::db::{CreateError, CreateOutcome, PatchError};
use crate::model::API_PREFIX;
use crate::problem::{FieldError, Problem};
use crate::validate;

pub async fn one(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    state.authenticate(&headers)?.require(SCOPE_READ)?;
    let lookup = id.clone();
    let user = state.db(move |db| db.user_by_id(&lookup)).await?;
    let user = user.ok_or_else(|| Problem::not_found(format!("There is no user with id {id}.")))?;
    Ok(json_response(
        StatusCode::OK,
        &user,
        &[(header::ETAG, user.etag())],
    ))
}

pub async fn profile(State(state): State<AppState>, headers: HeaderMap) -> ApiResult {
    let principal = state.authenticate(&headers)?;
    let username = principal.username.clone();
    let user = state.db(move |db| db.user_by_username(&username)).await?;
    let user =
        user.ok_or_else(|| Problem::not_found("The signed-in account has no user record."))?;
    let mut body = serde_json::to_value(&user).map_err(Problem::internal)?;
    if let Value::Object(members) = &mut body {
        members.insert("permissions".into(), json!(principal.scopes));
    }
    Ok(json_response(
        StatusCode::OK,
        &body,
        &[(header::ETAG, user.etag())],
    ))
}

pub async fn roles(State(state): State<AppState>, headers: HeaderMap) -> ApiResult {
    state.authenticate(&headers)?.require(SCOPE_READ)?;
    let roles = state.db(|db| db.roles()).await?;
    Ok(json_response(
        StatusCode::OK,
        &json!({ "items": roles }),
        &[],
    ))
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let principal = state.authenticate(&headers)?;
    principal.require(SCOPE_WRITE)?;
    require_content_type(&headers, &["application/json"])?;
    let object = json_object(&body_bytes(body)?)?;
    let key = match headers
        .get("idempotency-key")
        .map(|v| v.to_str().map(str::trim))
    {
        None => None,
        Some(Ok(key)) if !key.is_empty() && key.len() <= 255 => Some(key.to_owned()),
        Some(_) => {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "bad-header",
                "The Idempotency-Key header is not valid.",
            )
            .detail("Use 1 to 255 visible ASCII characters."))
        }
    };
    let known_roles = state.db(|db| db.role_names()).await?;
    let new_user = match validate::new_user(&object, &known_roles) {
        Ok(new_user) => new_user,
        Err(errors) => return Err(with_taken_fields(&state, errors, &object, None).await),
    };
    // A key belongs to its caller; the fingerprint ties it to one body.
    let scoped_key = key.map(|key| format!("{}:{key}", principal.username));
    let fingerprint = fingerprint(&Value::Object(object));
    let now = chrono::Utc::now();
    let outcome = state
        .db(move |db| {
            Ok(db.create_user(
                &new_user,
                scoped_key.as_deref().map(|k| (k, fingerprint.as_str())),
                now,
            ))
        })
        .await?;
    let (id, replayed) = match outcome {
        Ok(CreateOutcome::Created(id)) => (id, false),
        Ok(CreateOutcome::Replayed(id)) => (id, true),
        Err(CreateError::Taken(fields)) => {
            return Err(Problem::validation(
                fields
                    .iter()
                    .map(|f| FieldError::body(f, "is already taken"))
                    .collect(),
            ))
        }
        Err(CreateError::KeyReused) => {
            return Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "This Idempotency-Key was already used for a different request.",
            )
            .detail("Send a new key for a new user."))
        }
        Err(CreateError::Storage(error)) => return Err(Problem::internal(error)),
    };
    let mut headers = vec![(header::LOCATION, format!("{API_PREFIX}/users/{id}"))];
    if replayed {
        headers.push((
            header::HeaderName::from_static("idempotent-replayed"),
            "true".into(),
        ));
    }
    Ok(json_response(
        StatusCode::ACCEPTED,
        &json!({ "userKey": id }),
        &headers,
    ))
}

/// A 422 with every problem in one response: the body's invalid fields, and
/// a username or email someone else (not user `except`) already has.
async fn with_taken_fields(
    state: &AppState,
    mut errors: Vec<FieldError>,
    body: &serde_json::Map<String, Value>,
    except: Option<&str>,
) -> Problem {
    let text = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .map(|text| text.trim().to_owned())
    };
    let (username, email, except) = (text("username"), text("email"), except.map(str::to_owned));
    let taken = state
        .db(move |db| db.taken(username.as_deref(), email.as_deref(), except.as_deref()))
        .await;
    match taken {
        Ok(taken) => {
            for field in taken {
                let error = FieldError::body(field, "is already taken");
                if !errors.iter().any(|e| e.pointer == error.pointer) {
                    errors.push(error);
                }
            }
            Problem::validation(errors)
        }
        Err(problem) => problem,
    }
}

/// FNV-1a over the canonical JSON (object members are sorted): stable across
/// restarts, so replays after a restart are still recognised.
fn fingerprint(body: &Value) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in body.to_string().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

pub async fn patch(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    state.authenticate(&headers)?.require(SCOPE_WRITE)?;
    require_content_type(&headers, &["application/merge-patch+json"])?;
    let expected_version = match headers.get(header::IF_MATCH).map(|v| v.to_str().unwrap_or("")) {
        None => {
            return Err(Problem::new(StatusCode::PRECONDITION_REQUIRED, "if-match-required", "If-Match is required.")
                .detail("Send the ETag of the user you edited in If-Match, so no one else's change is overwritten."))
        }
        Some(value) => parse_if_match(value),
    };
    let object = json_object(&body_bytes(body)?)?;
    let known_roles = state.db(|db| db.role_names()).await?;
    let changes = match validate::user_changes(&object, &known_roles) {
        Ok(changes) => changes,
        Err(errors) => return Err(with_taken_fields(&state, errors, &object, Some(&id)).await),
    };
    let lookup = id.clone();
    let result = state
        .db(move |db| Ok(db.patch_user(&lookup, expected_version.as_deref(), &changes)))
        .await?;
    match result {
        Ok(user) => Ok(json_response(
            StatusCode::OK,
            &user,
            &[(header::ETAG, user.etag())],
        )),
        Err(PatchError::NotFound) => Err(Problem::not_found(format!(
            "There is no user with id {id}."
        ))),
        Err(PatchError::Stale) => Err(Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "stale-etag",
            "Someone else changed this user.",
        )
        .detail("Reload the user and apply your changes again.")),
        Err(PatchError::Taken(fields)) => Err(Problem::validation(
            fields
                .iter()
                .map(|f| FieldError::body(f, "is already taken"))
                .collect(),
        )),
        Err(PatchError::Storage(error)) => Err(Problem::internal(error)),
    }
}

/// The versions an If-Match names: `None` for `*` (any), an empty list when
/// no tag is one of ours (so the patch gets 412). Weak tags never match
/// (If-Match uses the strong comparison).
fn parse_if_match(value: &str) -> Option<Vec<i64>> {
    if value.trim() == "*" {
        return None;
    }
    let versions = value
        .split(',')
        .take(MAX_IF_MATCH_TAGS)
        .filter_map(|tag| {
            tag.trim()
                .strip_prefix("\"v")?
                .strip_suffix('"')?
                .parse()
                .ok()
        })
        .collect();
    Some(versions)
}

/// Entity tags read from one If-Match.
const MAX_IF_MATCH_TAGS: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_with_several_tags_names_each_version() {
        assert_eq!(parse_if_match("*"), None);
        assert_eq!(parse_if_match("\"v3\""), Some(vec![3]));
        assert_eq!(
            parse_if_match("\"v1\", \"v7\" ,\"v9\""),
            Some(vec![1, 7, 9])
        );
        assert_eq!(parse_if_match("W/\"v3\""), Some(vec![]));
        assert_eq!(parse_if_match("garbage"), Some(vec![]));
    }
}
