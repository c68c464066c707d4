//! A write with pending state: the form keeps its input whatever happens, and
//! reads `pending`, the new value, or the error model from here.

use std::future::Future;

use leptos::prelude::*;

use std::rc::Rc;

use crate::api::client::{CancelToken, RetryObserver, RetryWait};
use crate::api::endpoints::CallOptions;
use crate::api::ApiError;

#[derive(Clone, Debug, PartialEq)]
pub struct MutationState<O> {
    pub pending: bool,
    pub result: Option<Result<O, ApiError>>,
    /// The automatic retry the client is waiting for (a busy server).
    pub retrying_in: Option<RetryWait>,
}

impl<O> Default for MutationState<O> {
    fn default() -> Self {
        Self {
            pending: false,
            result: None,
            retrying_in: None,
        }
    }
}

/// Runs one write at a time; a second `run` while pending is ignored (a
/// double-click must not send twice).
#[derive(Clone)]
pub struct Mutation<O: Clone + Send + Sync + 'static> {
    state: ArcRwSignal<MutationState<O>>,
    /// The write in progress, for [`Mutation::cancel`].
    cancel: ArcStoredValue<Option<send_wrapper::SendWrapper<CancelToken>>>,
}

impl<O: Clone + Send + Sync + 'static> Default for Mutation<O> {
    fn default() -> Self {
        Self::new()
    }
}

impl<O: Clone + Send + Sync + 'static> Mutation<O> {
    pub fn new() -> Self {
        Self {
            state: ArcRwSignal::new(MutationState::default()),
            cancel: ArcStoredValue::new(None),
        }
    }

    pub fn state(&self) -> ArcRwSignal<MutationState<O>> {
        self.state.clone()
    }

    /// Starts `write` unless one is pending; returns whether it started.
    pub fn run(&self, write: impl Future<Output = Result<O, ApiError>> + 'static) -> bool {
        self.run_with(move |_| write)
    }

    /// Like [`Mutation::run`], giving `write` the call options that make
    /// it cancellable and report the retries it waits for.
    pub fn run_with<F>(&self, write: impl FnOnce(CallOptions) -> F) -> bool
    where
        F: Future<Output = Result<O, ApiError>> + 'static,
    {
        if self.state.get_untracked().pending {
            return false;
        }
        self.state.update(|s| {
            s.pending = true;
            s.retrying_in = None;
        });
        let token = CancelToken::default();
        self.cancel
            .set_value(Some(send_wrapper::SendWrapper::new(token.clone())));
        let on_retry: RetryObserver = {
            let state = self.state.clone();
            Rc::new(move |_, wait| {
                // Gone with its screen: nothing to tell.
                let _ = state.try_update(|s| s.retrying_in = Some(wait));
            })
        };
        let write = write(CallOptions {
            cancel: Some(token),
            on_retry: Some(on_retry),
        });
        let (state, cancel) = (self.state.clone(), self.cancel.clone());
        leptos::task::spawn_local(async move {
            let result = write.await;
            cancel.set_value(None);
            let _ = state.try_set(MutationState {
                pending: false,
                result: Some(result),
                retrying_in: None,
            });
        });
        true
    }

    /// The retry the write in progress waits for, for a `RetryNotice`.
    pub fn retry_wait(&self) -> Signal<Option<RetryWait>> {
        let state = self.state.clone();
        Signal::derive(move || state.with(|s| s.retrying_in))
    }

    /// [`Mutation::cancel`] as a callback, for a Cancel button.
    pub fn cancel_callback(&self) -> Callback<()> {
        let mutation = self.clone();
        Callback::new(move |()| mutation.cancel())
    }

    /// Stops the write in progress: a request on the wire is aborted and a
    /// retry wait ends; the result is a cancelled error, which screens ignore.
    pub fn cancel(&self) {
        if let Some(token) = self.cancel.get_value() {
            token.cancel();
        }
    }
}
