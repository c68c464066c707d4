//! Queries keyed by request, shared by every reader of the same key.
//!
//! - A second reader of a key gets the same state and shares the request in
//!   flight: one key, at most one request.
//! - Cached data is shown at once; data older than the stale time is
//!   refreshed in the background while it stays on screen.
//! - When the last reader of a key lets go (a superseded search, a left page)
//!   its request is aborted; a response can only ever write to its own key,
//!   so an old search can never overwrite a newer one.
//! - Mutations update or invalidate what they changed.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

mod entry;
mod handle;

use entry::{typed, AnyFetcher, Entry, Value};
pub use handle::{use_query, QueryHandle};

use crate::api::client::{CancelToken, Client, RetryObserver, RetryWait};
use crate::api::endpoints::CallOptions;
use crate::api::{ApiError, ErrorKind};

/// How long fetched data counts as fresh.
pub const DEFAULT_STALE_MS: f64 = 30_000.0;

/// Entries kept beyond those being read: every distinct search, page and
/// presence batch makes one (a list page also seeds one per user), and
/// without a cap the cache grows for the life of the page. Least recently
/// used go first.
pub const MAX_ENTRIES: usize = 400;
/// An entry nobody has read for this long is dropped at the next eviction.
pub const MAX_IDLE_MS: f64 = 10.0 * 60_000.0;

/// What a reader sees of one query.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryState<T> {
    /// The last value fetched; kept while refreshing and after a failed refresh.
    pub data: Option<T>,
    /// The last failure, cleared by the next success.
    pub error: Option<ApiError>,
    pub fetching: bool,
    /// The automatic retry the client is waiting for, if any.
    pub retrying_in: Option<RetryWait>,
    /// `Date.now()` of the last success.
    pub fetched_at: Option<f64>,
}

impl<T> Default for QueryState<T> {
    fn default() -> Self {
        Self {
            data: None,
            error: None,
            fetching: false,
            retrying_in: None,
            fetched_at: None,
        }
    }
}

/// Starts one request for a key.
pub type Fetcher<T> = Rc<dyn Fn(CallOptions) -> Pin<Box<dyn Future<Output = Result<T, ApiError>>>>>;

/// The one shape of every fetcher: `call` gets its own handle on the client
/// and the options of this attempt (cancellation, retry reports).
pub fn fetcher<T, Call, Fut>(client: &Client, call: Call) -> Fetcher<T>
where
    Call: Fn(Client, CallOptions) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let client = client.clone();
    Rc::new(move |options| Box::pin(call(client.clone(), options)))
}

/// The fetcher as the cache keeps it: its value boxed as a [`Value`].
fn erase<T: 'static>(fetcher: Fetcher<T>) -> AnyFetcher {
    Rc::new(move |options| {
        let request = fetcher(options);
        Box::pin(async move { request.await.map(|value| Rc::new(value) as Value) })
    })
}

#[derive(Default)]
struct Shared {
    entries: RefCell<HashMap<String, Rc<Entry>>>,
    next_request: Cell<u64>,
    stale_ms: Cell<f64>,
}

/// The cache of every query, provided once as context. The browser app is
/// single-threaded; `SendWrapper` lets Leptos keep it in context and callbacks.
#[derive(Clone)]
pub struct QueryCache(send_wrapper::SendWrapper<Rc<Shared>>);

impl Default for QueryCache {
    fn default() -> Self {
        Self::new()
    }
}

impl QueryCache {
    pub fn new() -> Self {
        let shared = Shared {
            stale_ms: Cell::new(DEFAULT_STALE_MS),
            ..Shared::default()
        };
        Self(send_wrapper::SendWrapper::new(Rc::new(shared)))
    }

    pub fn set_stale_ms(&self, ms: f64) {
        self.0.stale_ms.set(ms);
    }

    /// Reads `key`: the cached state at once, a request if there is no data
    /// or it is stale, none if one is already in flight.
    pub fn read<T: Clone + 'static>(&self, key: &str, fetcher: Fetcher<T>) -> QueryHandle<T> {
        QueryHandle {
            entry: self.read_any(key, || erase(fetcher)),
            watcher: None,
            value: PhantomData,
        }
    }

    fn read_any(&self, key: &str, fetcher: impl FnOnce() -> AnyFetcher) -> Rc<Entry> {
        let entry = self.entry(key, fetcher);
        entry.readers.set(entry.readers.get() + 1);
        entry.last_used.set(js_sys::Date::now());
        let fetched_at = entry.state.borrow().fetched_at;
        let age = fetched_at.map(|at| js_sys::Date::now() - at);
        let fresh = age.is_some_and(|age| age < self.0.stale_ms.get()) && !entry.stale.get();
        if !fresh {
            self.refetch(&entry);
        }
        entry
    }

    /// Fetches `key` into the cache without holding it (e.g. the next page).
    pub fn prefetch<T: Clone + 'static>(&self, key: &str, fetcher: Fetcher<T>) {
        let entry = self.entry(key, || erase(fetcher));
        if entry.state.borrow().data.is_none() {
            self.refetch(&entry);
        }
    }

    /// The cached value of `key`, if any.
    pub fn get<T: Clone + 'static>(&self, key: &str) -> Option<T> {
        let entry = self.0.entries.borrow().get(key).cloned()?;
        let state = entry.state.borrow();
        typed::<T>(&state).data
    }

    /// Puts a value the client already has (a PATCH's answer) into `key`.
    pub fn set<T: Clone + 'static>(&self, key: &str, value: T) {
        let entry = self.0.entries.borrow().get(key).cloned();
        if let Some(entry) = entry {
            entry.fill(Rc::new(value));
        }
    }

    /// Caches a value that came with another answer (a user on a list page)
    /// under its own key, so reading that key needs no request while the
    /// value is fresh. A key someone is reading or fetching is left alone.
    pub fn seed<T: Clone + 'static>(&self, key: &str, value: T, fetcher: Fetcher<T>) {
        let entry = self.entry(key, || erase(fetcher));
        if entry.readers.get() > 0 || entry.in_flight.borrow().is_some() {
            return;
        }
        entry.fill(Rc::new(value));
    }

    /// Changes every cached `T` whose key starts with `prefix` (a user in the
    /// list pages that hold them).
    pub fn update_all<T: Clone + 'static>(&self, prefix: &str, change: impl Fn(&mut T)) {
        for key in self.keys_with_prefix(prefix) {
            let entry = self.0.entries.borrow().get(&key).cloned();
            let Some(entry) = entry else { continue };
            let changed = entry.state.borrow().data.as_ref().and_then(|value| {
                let mut value = value.downcast_ref::<T>()?.clone();
                change(&mut value);
                Some(Rc::new(value) as Value)
            });
            if let Some(value) = changed {
                entry.update(|s| s.data = Some(value));
            }
        }
    }

    /// Marks every key starting with `prefix` stale; the ones on screen refetch.
    pub fn invalidate(&self, prefix: &str) {
        self.invalidate_matching(|key| key.starts_with(prefix));
    }

    /// Marks every key `matches` accepts stale; the ones on screen refetch.
    pub fn invalidate_matching(&self, matches: impl Fn(&str) -> bool) {
        let keys: Vec<String> = self
            .0
            .entries
            .borrow()
            .keys()
            .filter(|k| matches(k))
            .cloned()
            .collect();
        for key in keys {
            let entry = self.0.entries.borrow().get(&key).cloned();
            if let Some(entry) = entry {
                entry.stale.set(true);
                if entry.readers.get() > 0 {
                    self.refetch(&entry);
                }
            }
        }
    }

    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.0
            .entries
            .borrow()
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// The entry of `key`, made with the fetcher `fetcher` makes if there is
    /// none yet.
    fn entry(&self, key: &str, fetcher: impl FnOnce() -> AnyFetcher) -> Rc<Entry> {
        if let Some(entry) = self.0.entries.borrow().get(key) {
            return entry.clone();
        }
        let entry = Rc::new(Entry::new(fetcher()));
        self.evict();
        self.0
            .entries
            .borrow_mut()
            .insert(key.to_owned(), entry.clone());
        entry
    }

    /// How many entries the cache holds (read or not).
    pub fn len(&self) -> usize {
        self.0.entries.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops idle entries unused for [`MAX_IDLE_MS`], then, at the cap, the
    /// least recently used idle ones down to three quarters of it (so this
    /// runs once per many new entries, not on every one). Entries on screen
    /// or on the wire stay.
    fn evict(&self) {
        if self.0.entries.borrow().len() < MAX_ENTRIES {
            return;
        }
        let now = js_sys::Date::now();
        let mut idle: Vec<(f64, String)> = self
            .0
            .entries
            .borrow()
            .iter()
            .filter(|(_, entry)| entry.is_idle())
            .map(|(key, entry)| (entry.last_used.get(), key.clone()))
            .collect();
        let total = self.0.entries.borrow().len();
        let over = total.saturating_sub(MAX_ENTRIES * 3 / 4);
        let expired = idle
            .iter()
            .filter(|(used, _)| now - used >= MAX_IDLE_MS)
            .count();
        // The least recently used, picked one at a time: for a few hundred
        // entries, once per hundred new ones, that costs less than a sort's
        // code costs in the first download.
        let mut doomed = Vec::new();
        for _ in 0..over.max(expired).min(idle.len()) {
            let oldest = (0..idle.len())
                .min_by(|&a, &b| idle[a].0.total_cmp(&idle[b].0))
                .unwrap_or_default();
            doomed.push(idle.swap_remove(oldest).1);
        }
        // Removed outside the borrow: dropping an entry drops its fetcher,
        // which holds a clone of this cache.
        let removed: Vec<_> = {
            let mut entries = self.0.entries.borrow_mut();
            doomed
                .iter()
                .filter_map(|key| entries.remove(key))
                .collect()
        };
        drop(removed);
    }

    /// Starts a request for `entry` unless one is in flight.
    fn refetch(&self, entry: &Rc<Entry>) {
        if entry.in_flight.borrow().is_some() {
            return;
        }
        let id = self.0.next_request.get() + 1;
        self.0.next_request.set(id);
        let token = CancelToken::default();
        *entry.in_flight.borrow_mut() = Some((id, token.clone()));
        entry.stale.set(false);
        entry.update(|s| {
            s.fetching = true;
            s.retrying_in = None;
        });
        let on_retry: RetryObserver = {
            let entry = entry.clone();
            Rc::new(move |_, wait| entry.update(|s| s.retrying_in = Some(wait)))
        };
        let request = (entry.fetcher)(CallOptions {
            cancel: Some(token),
            on_retry: Some(on_retry),
        });
        let entry = entry.clone();
        leptos::task::spawn_local(async move {
            let result = request.await;
            // Only the request still registered for this key may write to it.
            let current = entry
                .in_flight
                .borrow()
                .as_ref()
                .is_some_and(|(current, _)| *current == id);
            if !current {
                return;
            }
            *entry.in_flight.borrow_mut() = None;
            entry.update(|s| {
                s.fetching = false;
                s.retrying_in = None;
                match result {
                    Ok(value) => {
                        s.data = Some(value);
                        s.error = None;
                        s.fetched_at = Some(js_sys::Date::now());
                    }
                    Err(error) if error.kind == ErrorKind::Cancelled => {}
                    Err(error) => s.error = Some(error),
                }
            });
        });
    }
}
