//! Fault injection for tests, off unless `--faults` is given.
//!
//! `POST /__faults` with `{"path": "/api/v1/users", "method": "GET",
//! "count": 2, "status": 503, "retryAfter": "3"}` makes the next two matching
//! requests fail that way; `"dropConnection": true` closes the connection
//! without an answer; `"delayMs": 800` delays them (then they are answered
//! normally unless a status is given); `"chunkedBytes": 9000000` answers 200
//! with that much JSON streamed without a `Content-Length`. A path ending in
//! `*` is a prefix.
//! `DELETE /__faults` forgets every rule.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;

use crate::presence_feed::PresenceFeed;
use crate::problem::Problem;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRule {
    pub path: String,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub retry_after: Option<String>,
    #[serde(default)]
    pub drop_connection: bool,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Answer 200 with a JSON body of this many bytes, streamed in chunks
    /// with no `Content-Length` (a client must cap what it reads itself).
    #[serde(default)]
    pub chunked_bytes: Option<u64>,
}

fn one() -> u32 {
    1
}

impl FaultRule {
    fn matches(&self, method: &str, path: &str) -> bool {
        let path_matches = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        path_matches
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

#[derive(Clone, Default)]
pub struct Faults(Arc<Mutex<Vec<FaultRule>>>);

impl Faults {
    /// Takes one use of the first rule matching the request.
    fn take(&self, method: &str, path: &str) -> Option<FaultRule> {
        let mut rules = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let index = rules
            .iter()
            .position(|rule| rule.count > 0 && rule.matches(method, path))?;
        rules[index].count -= 1;
        let rule = rules[index].clone();
        rules.retain(|rule| rule.count > 0);
        Some(rule)
    }
}

/// The `/__faults` control endpoint.
pub fn control_router(faults: Faults, presence: Arc<PresenceFeed>) -> Router {
    Router::new()
        // Ends every open presence event stream, as a restart would.
        .route(
            "/__faults/presence-streams",
            axum::routing::delete({
                let presence = Arc::clone(&presence);
                move || async move {
                    presence.end_all_streams();
                    StatusCode::NO_CONTENT
                }
            })
            // Silences every open stream without closing it, as a connection
            // that hangs would.
            .put(move || async move {
                presence.mute_open_streams();
                StatusCode::NO_CONTENT
            }),
        )
        .route(
            "/__faults",
            post(
                |State(faults): State<Faults>, Json(rule): Json<FaultRule>| async move {
                    faults
                        .0
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(rule);
                    StatusCode::NO_CONTENT
                },
            )
            .delete(|State(faults): State<Faults>| async move {
                faults.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
                StatusCode::NO_CONTENT
            }),
        )
        .with_state(faults)
}

/// `[` and spaces up to `bytes`, in 64 KiB chunks of unknown total size.
fn chunked_json(bytes: u64) -> Response {
    const CHUNK: u64 = 64 * 1024;
    let chunks = (0..bytes.div_ceil(CHUNK)).map(move |i| {
        let size = CHUNK.min(bytes - i * CHUNK) as usize;
        let mut chunk = vec![b' '; size];
        if i == 0 {
            chunk[0] = b'[';
        }
        Ok::<_, std::convert::Infallible>(axum::body::Bytes::from(chunk))
    });
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Middleware applying the rules to API requests.
pub async fn inject(State(faults): State<Faults>, request: Request<Body>, next: Next) -> Response {
    let Some(rule) = faults.take(request.method().as_str(), request.uri().path()) else {
        return next.run(request).await;
    };
    if let Some(delay) = rule.delay_ms {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if let Some(bytes) = rule.chunked_bytes {
        return chunked_json(bytes);
    }
    if rule.drop_connection {
        // Unwinding out of the connection's task closes the socket with no
        // response, which is what a client sees when a proxy or network fails.
        std::panic::resume_unwind(Box::new("fault injection: dropping the connection"));
    }
    match rule.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        Some(status) => {
            let mut problem =
                Problem::for_status(status).detail("Injected by the test fault rules.");
            if let Some(retry_after) = &rule.retry_after {
                problem = problem.header(header::RETRY_AFTER, retry_after);
            }
            problem.into_response()
        }
        None => next.run(request).await,
    }
}
