//! Presence from the API's event stream, when it offers one (the batch
//! answer links to it): the badges on screen change within a moment of the
//! change, and polling pauses while the stream is healthy.
//!
//! One stream per screen for the ids on it, replaced when they change,
//! closed while the tab is hidden (reopened with `Last-Event-ID`, so the
//! changes made meanwhile arrive) and when the screen goes. A stream that
//! fails is reopened with backoff; one that falls silent for two heartbeat
//! intervals is closed and polling takes over until a new one opens.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

use super::directory::{use_directory, Directory};
use super::QueryState;
use crate::api::client::{CancelToken, TimeoutGuard};
use crate::api::event_stream::EventParser;
use crate::api::wire::{decode_presence, Presence};
use crate::api::wire_values::next_chunk;
use crate::api::ErrorKind;

/// A stream silent for two of its heartbeat intervals and this margin is
/// taken for dead.
const SILENCE_MARGIN_MS: u32 = 1_000;
/// When the server names no heartbeat interval: the contract's 15 s.
const DEFAULT_HEARTBEAT_MS: u32 = 15_000;
const FIRST_BACKOFF_MS: u64 = 1_000;
const MAX_BACKOFF_MS: u64 = 30_000;

/// How many healthy streams are open; polling skips while there is one.
#[derive(Clone, Copy)]
pub struct LiveStreams(StoredValue<u32>);

pub fn provide_live_streams() {
    provide_context(LiveStreams(StoredValue::new(0)));
}

impl LiveStreams {
    /// Whether a healthy stream keeps presence current now.
    pub fn any(self) -> bool {
        self.0.try_get_value().unwrap_or(0) > 0
    }
}

/// Subscribes the badges of `ids` to the event stream once the batch
/// answer in `presence` said there is one.
pub fn use_live_presence(ids: Signal<Vec<String>>, presence: Signal<QueryState<Vec<Presence>>>) {
    let directory = use_directory();
    let live = use_context::<LiveStreams>();
    let answered = Memo::new(move |_| presence.with(|s| s.fetched_at.is_some()));
    let visible = RwSignal::new(!document().hidden());
    let listener = window_event_listener_untyped("visibilitychange", move |_| {
        visible.set(!document().hidden());
    });
    // The stream open now (plain data, not a stored value: the cleanup that
    // closes it runs while the screen's values are being disposed), and
    // where the next one resumes.
    let current = send_wrapper::SendWrapper::new(Rc::new(RefCell::new(None::<CancelToken>)));
    let resume_from = Rc::new(RefCell::new(None::<String>));
    let stop = {
        let current = current.clone();
        move || {
            if let Some(token) = current.borrow_mut().take() {
                token.cancel();
            }
        }
    };
    let restart = stop.clone();
    Effect::new(move |_| {
        let (ids, visible, answered) = (ids.get(), visible.get(), answered.get());
        restart();
        let offered = directory.client.presence_stream_offered();
        if ids.is_empty() || !visible || !answered || !offered {
            return;
        }
        let token = CancelToken::default();
        *current.borrow_mut() = Some(token.clone());
        let stream = Stream {
            directory: directory.clone(),
            ids,
            token,
            resume_from: resume_from.clone(),
            live,
            healthy: Rc::new(Cell::new(false)),
        };
        leptos::task::spawn_local(async move {
            // Without its code (offline), the badges go on polling.
            if let Ok(Runner(run)) = LIVE.load().await {
                if !stream.token.is_cancelled() {
                    run(stream).await;
                }
            }
        });
    });
    on_cleanup(move || {
        stop();
        listener.remove();
    });
}

/// Reading and reopening the stream is a part of the split bundle (see
/// `lazy`): a first visit shows the batch answer's badges without it, and
/// it loads when the first stream opens.
#[derive(Clone, Copy)]
struct Runner(fn(Stream) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>);

crate::split_point!(static LIVE: Runner = live_presence => Runner(|stream| Box::pin(stream.run())));

struct Stream {
    directory: Directory,
    ids: Vec<String>,
    token: CancelToken,
    resume_from: Rc<RefCell<Option<String>>>,
    live: Option<LiveStreams>,
    healthy: Rc<Cell<bool>>,
}

impl Stream {
    async fn run(self) {
        let client = self.directory.client.clone();
        let mut backoff = FIRST_BACKOFF_MS;
        while !self.token.is_cancelled() && !client.is_closed() {
            let resume = self.resume_from.borrow().clone();
            match client
                .presence_events(&self.ids, resume.as_deref(), &self.token)
                .await
            {
                Ok(reader) => {
                    backoff = FIRST_BACKOFF_MS;
                    self.set_healthy(true);
                    self.read(&reader).await;
                    // The promise rejects once the fetch was aborted: awaited
                    // here, it is no unhandled rejection.
                    let _ = wasm_bindgen_futures::JsFuture::from(reader.cancel()).await;
                    self.set_healthy(false);
                }
                Err(error) if error.kind == ErrorKind::Cancelled => break,
                // No stream here, or no session: polling as before.
                Err(_) if !client.presence_stream_offered() => break,
                Err(error) if error.kind == ErrorKind::Unauthenticated => break,
                Err(_) => {}
            }
            if self.token.is_cancelled() {
                break;
            }
            // Badges may have changed while the stream was down.
            self.directory.refresh_presence();
            client.sleep(backoff).await;
            backoff = (backoff * 2).min(MAX_BACKOFF_MS);
        }
        self.set_healthy(false);
    }

    /// Reads events until the stream ends, fails, falls silent or is cancelled.
    async fn read(&self, reader: &web_sys::ReadableStreamDefaultReader) {
        let mut parser = EventParser::default();
        loop {
            // Aborts the stream unless something arrives in time; dropped
            // (and cleared) when something does.
            let token = self.token.clone();
            let heartbeat = parser.heartbeat_ms().unwrap_or(DEFAULT_HEARTBEAT_MS);
            let silent_ms = heartbeat
                .saturating_mul(2)
                .saturating_add(SILENCE_MARGIN_MS);
            let watchdog = TimeoutGuard::start(silent_ms, move || token.abort_request());
            let next = next_chunk(reader).await;
            drop(watchdog);
            let Ok(Some(bytes)) = next else {
                return;
            };
            if self.token.is_cancelled() {
                return;
            }
            for event in parser.push_bytes(&bytes) {
                if event.kind != "presence" {
                    continue;
                }
                if let Ok(presence) = decode_presence(event.data.as_bytes()) {
                    self.directory.show_presence(presence);
                }
            }
            if let Some(id) = parser.last_id() {
                *self.resume_from.borrow_mut() = Some(id.to_owned());
            }
        }
    }

    fn set_healthy(&self, healthy: bool) {
        if self.healthy.replace(healthy) == healthy {
            return;
        }
        if let Some(live) = self.live {
            let _ = live.0.try_update_value(|count| {
                *count = if healthy {
                    count.saturating_add(1)
                } else {
                    count.saturating_sub(1)
                }
            });
        }
    }
}
