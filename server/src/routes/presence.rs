//! `/users/presence` (batch read, set your own) and `/users/{id}/presence`.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use chrono::{DateTime, Utc};

use super::{body_bytes, json_response, require_content_type, ApiResult, AppState};
use crate::auth::{SCOPE_PRESENCE, SCOPE_READ};
use crate::db::PresenceUpdate;
use crate::model::{format_time, Presence, API_PREFIX, PRESENCE_STATES};
use crate::problem::{FieldError, Problem};
use crate::validate::MAX_TEXT;

/// Most presences one batch request may ask for.
const MAX_BATCH: usize = 100;

pub async fn batch(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    state.authenticate(&headers)?.require(SCOPE_READ)?;
    let ids = requested_ids(raw.as_deref())?;
    let events = format!(
        "<{API_PREFIX}/users/presence/events?userIds={}>; rel=\"{PRESENCE_EVENTS_REL}\"",
        ids.join(",")
    );
    match state.db(move |db| db.presence_of(&ids)).await? {
        Ok(presences) => Ok(json_response(
            StatusCode::OK,
            &presences,
            &[(header::LINK, events)],
        )),
        Err(unknown) => Err(Problem::not_found(format!(
            "There are no users with ids {}.",
            unknown.join(", ")
        ))),
    }
}

/// The link relation of the batch answer's `Link` to the event stream of
/// the same users.
pub const PRESENCE_EVENTS_REL: &str = "https://user-admin.example/rels/presence-events";

/// The `userIds` of a presence query: at least one, at most [`MAX_BATCH`].
pub(super) fn requested_ids(raw: Option<&str>) -> Result<Vec<String>, Problem> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
    let ids: Vec<String> = pairs
        .iter()
        .filter(|(name, _)| name == "userIds")
        .flat_map(|(_, value)| value.split(','))
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(Problem::bad_parameters(vec![FieldError::parameter(
            "userIds",
            "is required: a comma-separated list of user ids",
        )]));
    }
    if ids.len() > MAX_BATCH {
        return Err(Problem::bad_parameters(vec![FieldError::parameter(
            "userIds",
            format!("may name at most {MAX_BATCH} users"),
        )]));
    }
    Ok(ids)
}

pub async fn one(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    state.authenticate(&headers)?.require(SCOPE_READ)?;
    let lookup = vec![id.clone()];
    match state.db(move |db| db.presence_of(&lookup)).await? {
        Ok(mut presences) if !presences.is_empty() => {
            Ok(json_response(StatusCode::OK, &presences.remove(0), &[]))
        }
        _ => Err(Problem::not_found(format!(
            "There is no user with id {id}."
        ))),
    }
}

pub async fn set_own(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let principal = state.authenticate(&headers)?;
    principal.require(SCOPE_PRESENCE)?;
    require_content_type(&headers, &["application/x-www-form-urlencoded"])?;
    let bytes = body_bytes(body)?;
    if std::str::from_utf8(&bytes).is_err() {
        return Err(Problem::unreadable_body("The body is not UTF-8 text."));
    }
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
        .map_err(|_| Problem::unreadable_body("The form cannot be read."))?;
    let username = principal.username.clone();
    let user = state.db(move |db| db.user_by_username(&username)).await?;
    let user =
        user.ok_or_else(|| Problem::not_found("The signed-in account has no user record."))?;
    let user_id = user.id.clone();
    let lookup = vec![user_id.clone()];
    let current = state
        .db(move |db| db.presence_of(&lookup))
        .await?
        .ok()
        .and_then(|mut p| p.pop());
    let now = Utc::now();
    let update = presence_update(&form, current.as_ref(), now).map_err(Problem::validation)?;
    let stamp = format_time(now);
    let saved = state
        .db(move |db| db.set_presence(&user_id, &update, &stamp))
        .await?;
    let saved =
        saved.ok_or_else(|| Problem::not_found("The signed-in account has no user record."))?;
    state.presence.publish(saved.clone());
    Ok(json_response(StatusCode::OK, &saved, &[]))
}

/// Validates the form against the current presence and returns the new one.
fn presence_update(
    form: &[(String, String)],
    current: Option<&Presence>,
    now: DateTime<Utc>,
) -> Result<PresenceUpdate, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut state = None;
    let mut dnd_until: Option<DateTime<Utc>> = None;
    let mut status_message = None;
    let mut clear_dnd = false;
    for (name, value) in form {
        match name.as_str() {
            "state" => match PRESENCE_STATES.iter().find(|s| **s == value.as_str()) {
                Some(known) => state = Some(*known),
                None => errors.push(FieldError::body(
                    "state",
                    format!("must be one of {}", PRESENCE_STATES.join(", ")),
                )),
            },
            "dndUntil" if value.trim().is_empty() => {}
            "dndUntil" => match DateTime::parse_from_rfc3339(value.trim()) {
                Ok(time) => dnd_until = Some(time.with_timezone(&Utc)),
                Err(_) => errors.push(FieldError::body(
                    "dndUntil",
                    "must be a date and time such as 2026-11-22T18:00:00Z",
                )),
            },
            "statusMessage" if value.chars().count() > MAX_TEXT => errors.push(FieldError::body(
                "statusMessage",
                format!("must be at most {MAX_TEXT} characters"),
            )),
            "statusMessage" => status_message = Some(value.trim().to_owned()),
            "clearDnd" => match value.as_str() {
                "true" | "1" | "on" => clear_dnd = true,
                "false" | "0" | "" => clear_dnd = false,
                _ => errors.push(FieldError::body("clearDnd", "must be true or false")),
            },
            other => errors.push(FieldError::body(other, "is not a known field")),
        }
    }
    let current_state = current.map(|p| p.state.as_str()).unwrap_or("OFFLINE");
    let mut new_state = state.unwrap_or(current_state).to_owned();
    let current_until = current
        .and_then(|p| p.dnd_until.as_deref())
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let mut until = None;
    if clear_dnd {
        if new_state == "DND" {
            new_state = "AVAILABLE".to_owned();
        }
    } else if new_state == "DND" {
        match dnd_until.or(if state.is_none() { current_until } else { None }) {
            Some(time) if time > now => until = Some(format_time(time)),
            Some(_) => errors.push(FieldError::body("dndUntil", "must be in the future")),
            None => errors.push(FieldError::body(
                "dndUntil",
                "is required when the state is DND",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let status_message = match status_message {
        Some(message) => Some(message).filter(|m| !m.is_empty()),
        None => current.and_then(|p| p.status_message.clone()),
    };
    Ok(PresenceUpdate {
        state: new_state,
        dnd_until: until,
        status_message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn dnd_needs_a_future_time() {
        let now = Utc::now();
        let errors = presence_update(&form(&[("state", "DND")]), None, now).unwrap_err();
        assert_eq!(errors[0].pointer.as_deref(), Some("#/dndUntil"));
        let past = format_time(now - chrono::Duration::minutes(5));
        let errors = presence_update(&form(&[("state", "DND"), ("dndUntil", &past)]), None, now)
            .unwrap_err();
        assert_eq!(errors[0].detail, "must be in the future");
        let future = format_time(now + chrono::Duration::hours(1));
        let update =
            presence_update(&form(&[("state", "DND"), ("dndUntil", &future)]), None, now).unwrap();
        assert_eq!(
            (update.state.as_str(), update.dnd_until),
            ("DND", Some(future))
        );
    }

    #[test]
    fn clearing_dnd_makes_the_user_available_and_keeps_the_message() {
        let now = Utc::now();
        let current = Presence {
            user_id: "u".into(),
            state: "DND".into(),
            dnd_until: Some(format_time(now + chrono::Duration::hours(1))),
            status_message: Some("In a workshop".into()),
            updated_at: format_time(now),
        };
        let update = presence_update(&form(&[("clearDnd", "true")]), Some(&current), now).unwrap();
        assert_eq!(update.state, "AVAILABLE");
        assert_eq!(update.dnd_until, None);
        assert_eq!(update.status_message.as_deref(), Some("In a workshop"));
    }
}
