//! `GET /users/presence/events?userIds=…`: the presence of the listed users
//! as a `text/event-stream`, one `presence` event per change with an
//! increasing id, a comment heartbeat, and `Last-Event-ID` to resume.

use std::collections::{HashSet, VecDeque};
use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::broadcast::Receiver;

use super::presence::requested_ids;
use super::{ApiResult, AppState};
use crate::auth::SCOPE_READ;
use crate::model::Presence;
use crate::presence_feed::{Change, Resume, StreamGuard};
use crate::problem::Problem;

pub async fn stream(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let principal = state.authenticate(&headers)?;
    principal.require(SCOPE_READ)?;
    let ids = requested_ids(raw.as_deref())?;
    // Unknown ids are refused as by the batch read, so a typo is not a
    // stream that stays silent for good.
    let lookup = ids.clone();
    if let Err(unknown) = state.db(move |db| db.presence_of(&lookup)).await? {
        return Err(Problem::not_found(format!(
            "There are no users with ids {}.",
            unknown.join(", ")
        )));
    }
    let Some(guard) = state.presence.open_stream(&principal.username) else {
        return Err(Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-streams",
            "Too many presence streams are open for this account.",
        )
        .detail("Close one (each admin needs one for the users on screen) and try again.")
        .header(header::RETRY_AFTER, "5"));
    };
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let wanted: HashSet<String> = ids.iter().cloned().collect();
    let (receiver, resume) = state.presence.subscribe(after, |id| wanted.contains(id));
    let mut first = VecDeque::new();
    // Tells an EventSource-like client how long to wait before reconnecting.
    // and names the heartbeat interval, so a client can tell a stream that
    // fell silent.
    let every = state.presence_heartbeat;
    first.push_back(Bytes::from(format!(
        "retry: 2000\n: heartbeat-ms {}\n\n",
        every.as_millis()
    )));
    // A new stream starts from the current state, so no change between the
    // client's last read and the subscription is lost.
    match resume {
        Some(Resume::Missed(missed)) => first.extend(missed.iter().map(event)),
        Some(Resume::Snapshot { last_id }) => {
            first.extend(snapshot(&state, &ids, last_id).await?);
        }
        None => {
            let last_id = state.presence.last_id();
            first.extend(snapshot(&state, &ids, last_id).await?);
        }
    }
    let ended = state.presence.ended();
    let generation = state.presence.generation();
    let stream = EventStream {
        ended,
        generation,
        state,
        ids,
        wanted,
        receiver,
        queued: first,
        heartbeat: tokio::time::interval_at(tokio::time::Instant::now() + every, every),
        _guard: guard,
    };
    let body = Body::from_stream(futures_util::stream::unfold(stream, next_chunk));
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Proxies that buffer (nginx) would hold the events back.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}

/// One open stream: what is left to send, and where new changes come from.
struct EventStream {
    ended: tokio::sync::watch::Receiver<u64>,
    /// See [`crate::presence_feed::PresenceFeed::mute_open_streams`].
    generation: u64,
    state: AppState,
    ids: Vec<String>,
    wanted: HashSet<String>,
    receiver: Receiver<Change>,
    queued: VecDeque<Bytes>,
    heartbeat: tokio::time::Interval,
    /// Frees the account's place when the client goes away.
    _guard: StreamGuard,
}

async fn next_chunk(mut stream: EventStream) -> Option<(Result<Bytes, Infallible>, EventStream)> {
    loop {
        let muted = stream.state.presence.is_muted(stream.generation);
        if let Some(chunk) = stream.queued.pop_front().filter(|_| !muted) {
            return Some((Ok(chunk), stream));
        }
        if muted {
            stream.queued.clear();
        }
        tokio::select! {
            received = stream.receiver.recv() => match received {
                Ok(change) if stream.wanted.contains(&change.1.user_id) => {
                    stream.queued.push_back(event(&change));
                }
                Ok(_) => {}
                // Fell behind the channel: the current state says it all.
                Err(RecvError::Lagged(_)) => {
                    let last_id = stream.state.presence.last_id();
                    let chunks = snapshot(&stream.state, &stream.ids, last_id).await.ok()?;
                    stream.queued.extend(chunks);
                }
                Err(RecvError::Closed) => return None,
            },
            _ = stream.ended.changed() => return None,
            _ = stream.heartbeat.tick() => {
                stream.queued.push_back(Bytes::from_static(b": heartbeat\n\n"));
            }
        }
    }
}

/// `id: 7`, `event: presence`, `data: {…}`.
fn event((id, presence): &Change) -> Bytes {
    let data = serde_json::to_string(presence).unwrap_or_default();
    Bytes::from(format!("id: {id}\nevent: presence\ndata: {data}\n\n"))
}

/// The current presence of every listed user, each as an event with the
/// id of the newest change (a resume from there misses nothing).
async fn snapshot(state: &AppState, ids: &[String], last_id: u64) -> Result<Vec<Bytes>, Problem> {
    let lookup = ids.to_vec();
    let presences: Vec<Presence> = state
        .db(move |db| db.presence_of(&lookup))
        .await?
        .unwrap_or_default();
    Ok(presences
        .into_iter()
        .map(|presence| event(&(last_id, presence)))
        .collect())
}
