//! One cached query: its state, who watches it, and its request in flight.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::{Fetcher, QueryCache, QueryState};
use crate::api::client::CancelToken;

type Watcher<T> = Rc<dyn Fn(&QueryState<T>)>;

pub(super) struct Entry<T> {
    /// Plain state, not a signal: readers are told of changes by callback.
    /// A reactive subscriber that goes away stays in a signal's subscriber
    /// set until the signal next changes, and a cached entry may not change
    /// for a long time: every screen visit would leave its readers behind.
    pub(super) state: RefCell<QueryState<T>>,
    pub(super) watchers: RefCell<Vec<(u64, Watcher<T>)>>,
    pub(super) next_watcher: Cell<u64>,
    pub(super) fetcher: Fetcher<T>,
    pub(super) in_flight: RefCell<Option<(u64, CancelToken)>>,
    pub(super) readers: Cell<usize>,
    pub(super) stale: Cell<bool>,
    /// `Date.now()` of the last read or release, for eviction.
    pub(super) last_used: Cell<f64>,
}

/// What the cache needs of an entry whatever its value type.
pub(super) trait ErasedEntry {
    fn as_any(self: Rc<Self>) -> Rc<dyn Any>;
    fn invalidate(self: Rc<Self>, cache: &QueryCache);
    fn release(&self);
    /// Nobody reads it and no request of it is on the wire.
    fn is_idle(&self) -> bool;
    fn last_used(&self) -> f64;
}

impl<T: Clone + 'static> ErasedEntry for Entry<T> {
    fn as_any(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn invalidate(self: Rc<Self>, cache: &QueryCache) {
        self.stale.set(true);
        if self.readers.get() > 0 {
            cache.refetch(&self);
        }
    }

    fn is_idle(&self) -> bool {
        self.readers.get() == 0 && self.in_flight.borrow().is_none()
    }

    fn last_used(&self) -> f64 {
        self.last_used.get()
    }

    fn release(&self) {
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
}

impl<T: Clone + 'static> Entry<T> {
    /// Changes the state and tells every watcher.
    pub(super) fn update(&self, change: impl FnOnce(&mut QueryState<T>)) {
        change(&mut self.state.borrow_mut());
        let now = self.state.borrow().clone();
        // A snapshot: a watcher may end up dropping a handle of this entry.
        let watchers: Vec<Watcher<T>> = self
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
