//! One cached query: its state, who watches it, and its request in flight.
//!
//! Entries are of one type whatever their value: the value is kept as
//! `Rc<dyn Any>` and only the typed edges (`QueryHandle<T>`, `get`, `set`)
//! know `T`. One copy of the cache's code serves every value type instead
//! of one per type in the first download.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::QueryState;
use crate::api::client::CancelToken;
use crate::api::endpoints::CallOptions;
use crate::api::ApiError;

/// A cached value, whatever its type.
pub(super) type Value = Rc<dyn Any>;

pub(super) type Watcher = Rc<dyn Fn(&QueryState<Value>)>;

/// A fetcher whose value is a [`Value`].
pub(super) type AnyFetcher =
    Rc<dyn Fn(CallOptions) -> Pin<Box<dyn Future<Output = Result<Value, ApiError>>>>>;

pub(super) struct Entry {
    /// Plain state, not a signal: readers are told of changes by callback.
    /// A reactive subscriber that goes away stays in a signal's subscriber
    /// set until the signal next changes, and a cached entry may not change
    /// for a long time: every screen visit would leave its readers behind.
    pub(super) state: RefCell<QueryState<Value>>,
    pub(super) watchers: RefCell<Vec<(u64, Watcher)>>,
    pub(super) next_watcher: Cell<u64>,
    pub(super) fetcher: AnyFetcher,
    pub(super) in_flight: RefCell<Option<(u64, CancelToken)>>,
    pub(super) readers: Cell<usize>,
    pub(super) stale: Cell<bool>,
    /// `Date.now()` of the last read or release, for eviction.
    pub(super) last_used: Cell<f64>,
}

impl Entry {
    pub(super) fn new(fetcher: AnyFetcher) -> Self {
        Self {
            state: RefCell::new(QueryState::default()),
            watchers: RefCell::new(Vec::new()),
            next_watcher: Cell::new(0),
            fetcher,
            in_flight: RefCell::new(None),
            readers: Cell::new(0),
            stale: Cell::new(false),
            last_used: Cell::new(js_sys::Date::now()),
        }
    }

    /// Nobody reads it and no request of it is on the wire.
    pub(super) fn is_idle(&self) -> bool {
        self.readers.get() == 0 && self.in_flight.borrow().is_none()
    }

    /// A reader lets go; the last one aborts the request in flight.
    pub(super) fn release(&self) {
        let readers = self.readers.get().saturating_sub(1);
        self.readers.set(readers);
        self.last_used.set(js_sys::Date::now());
        if readers == 0 {
            if let Some((_, token)) = self.in_flight.borrow_mut().take() {
                token.cancel();
                self.update(|s| {
                    s.fetching = false;
                    s.retrying_in = None;
                });
            }
        }
    }

    /// Stores a fetched or given value as the entry's fresh data.
    pub(super) fn fill(&self, value: Value) {
        self.stale.set(false);
        self.update(|s| {
            s.data = Some(value);
            s.error = None;
            s.fetched_at = Some(js_sys::Date::now());
        });
    }

    /// Changes the state and tells every watcher.
    pub(super) fn update(&self, change: impl FnOnce(&mut QueryState<Value>)) {
        change(&mut self.state.borrow_mut());
        let now = self.state.borrow().clone();
        // A snapshot: a watcher may end up dropping a handle of this entry.
        let watchers: Vec<Watcher> = self
            .watchers
            .borrow()
            .iter()
            .map(|(_, w)| w.clone())
            .collect();
        for watcher in watchers {
            watcher(&now);
        }
    }
}

/// The state as a reader of `T` sees it. A value of another type (a key
/// read as two types, which no caller does) reads as no data.
pub(super) fn typed<T: Clone + 'static>(state: &QueryState<Value>) -> QueryState<T> {
    QueryState {
        data: state
            .data
            .as_ref()
            .and_then(|value| value.downcast_ref::<T>())
            .cloned(),
        error: state.error.clone(),
        fetching: state.fetching,
        retrying_in: state.retrying_in,
        fetched_at: state.fetched_at,
    }
}
