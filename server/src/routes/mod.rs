//! The REST contract's routes under `/api/v1`, and what they share: state,
//! authentication, reading bodies, and problem responses for everything.

mod presence;
mod presence_events;
mod user_list;
mod users;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{Map, Value};

use crate::auth::{Principal, Tokens};
use crate::db::Database;
use crate::presence_feed::PresenceFeed;
use crate::problem::Problem;

/// Request bodies larger than this get a 413.
pub const BODY_LIMIT: usize = 64 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Database>,
    pub tokens: Arc<Tokens>,
    pub presence: Arc<PresenceFeed>,
    /// How often an idle presence stream gets a comment, so clients and
    /// proxies can tell a quiet stream from a dead one.
    pub presence_heartbeat: std::time::Duration,
}

impl AppState {
    fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, Problem> {
        self.tokens.authenticate(headers)
    }

    /// Runs blocking SQLite work off the async threads.
    async fn db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Database) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, Problem> {
        let db = Arc::clone(&self.db);
        match tokio::task::spawn_blocking(move || work(&db)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(Problem::internal(error)),
            Err(error) => Err(Problem::internal(error)),
        }
    }
}

/// The API router (mounted at `/api/v1`).
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/users", get(user_list::list).post(users::create))
        .route("/users/profile", get(users::profile))
        .route(
            "/users/presence",
            get(presence::batch).put(presence::set_own),
        )
        .route("/users/presence/events", get(presence_events::stream))
        .route("/users/{id}", get(users::one).patch(users::patch))
        .route("/users/{id}/presence", get(presence::one))
        .route("/roles", get(users::roles))
        .fallback(|| async { Problem::not_found("There is no such resource in this API.") })
        .with_state(state)
}

/// A handler's result: a response, or a problem.
type ApiResult = Result<Response, Problem>;

/// 415 unless the body's media type is one of `accepted` (parameters ignored).
fn require_content_type(headers: &HeaderMap, accepted: &[&str]) -> Result<(), Problem> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    match media_type {
        Some(media_type) if accepted.contains(&media_type.as_str()) => Ok(()),
        _ => Err(Problem::for_status(StatusCode::UNSUPPORTED_MEDIA_TYPE)
            .detail(format!("Send the body as {}.", accepted.join(" or ")))),
    }
}

/// The body bytes, or 413 over the limit / 400 when it cannot be read.
fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Problem> {
    body.map_err(|rejection| {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::for_status(status)
                .detail(format!("Bodies are limited to {} KiB.", BODY_LIMIT / 1024))
        } else {
            Problem::unreadable_body(rejection.body_text())
        }
    })
}

/// A JSON object body; anything else is a 400.
fn json_object(bytes: &[u8]) -> Result<Map<String, Value>, Problem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Problem::unreadable_body("The body is not UTF-8 text."))?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(Problem::unreadable_body("The body must be a JSON object.")),
        Err(error) => Err(Problem::unreadable_body(format!(
            "The body is not valid JSON: {error}."
        ))),
    }
}

/// JSON with a status and extra headers.
fn json_response(
    status: StatusCode,
    body: &impl serde::Serialize,
    headers: &[(header::HeaderName, String)],
) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    for (name, value) in headers {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(name.clone(), value);
        }
    }
    response
}
