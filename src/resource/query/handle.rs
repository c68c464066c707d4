//! A reader's hold on a query: from code ([`QueryHandle`]) or from a
//! component ([`use_query`]).

use std::marker::PhantomData;
use std::rc::Rc;

use leptos::prelude::*;

use super::entry::{typed, Entry};
use super::{Fetcher, QueryCache, QueryState};

/// A reader's hold on one key; dropping it lets the key go.
pub struct QueryHandle<T: Clone + 'static> {
    pub(super) entry: Rc<Entry>,
    pub(super) watcher: Option<u64>,
    pub(super) value: PhantomData<T>,
}

impl<T: Clone + 'static> QueryHandle<T> {
    /// The entry's state now.
    pub fn state(&self) -> QueryState<T> {
        typed(&self.entry.state.borrow())
    }

    /// Calls `watcher` with the state after every change, until the handle
    /// is dropped.
    pub fn watch(&mut self, watcher: impl Fn(&QueryState<T>) + 'static) {
        let id = self.entry.next_watcher.get() + 1;
        self.entry.next_watcher.set(id);
        self.entry
            .watchers
            .borrow_mut()
            .push((id, Rc::new(move |now| watcher(&typed(now)))));
        self.watcher = Some(id);
    }
}

impl<T: Clone + 'static> Drop for QueryHandle<T> {
    fn drop(&mut self) {
        if let Some(id) = self.watcher {
            self.entry
                .watchers
                .borrow_mut()
                .retain(|(other, _)| *other != id);
        }
        self.entry.release();
    }
}

/// A reactive read of the query named by `key`: when the key changes the old
/// one is let go (and its request aborted if no one else reads it).
pub fn use_query<T: Clone + Send + Sync + 'static>(
    cache: QueryCache,
    key: impl Fn() -> String + 'static,
    fetcher: impl Fn(&str) -> Fetcher<T> + 'static,
) -> Signal<QueryState<T>> {
    // Owned by the calling component: disposing it drops the handle, which
    // lets the key go when the component goes.
    let held = StoredValue::new_local(None::<(String, QueryHandle<T>)>);
    let state = RwSignal::new(QueryState::<T>::default());
    Effect::new(move |_| {
        let key = key();
        if held.with_value(|slot| slot.as_ref().is_some_and(|(current, _)| *current == key)) {
            return;
        }
        let mut handle = cache.read(&key, fetcher(&key));
        state.set(handle.state());
        handle.watch(move |now| {
            // Gone with the component: nothing to tell.
            let _ = state.try_set(now.clone());
        });
        // Replacing the previous handle releases (and maybe aborts) it.
        held.set_value(Some((key, handle)));
    });
    state.into()
}
