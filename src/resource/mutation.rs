//! A write with pending state: the form keeps its input whatever happens, and
//! reads `pending`, the new value, or the error model from here.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;

#[derive(Clone, Debug, PartialEq)]
pub struct MutationState<O> {
    pub pending: bool,
    pub result: Option<Result<O, ApiError>>,
}

impl<O> Default for MutationState<O> {
    fn default() -> Self {
        Self {
            pending: false,
            result: None,
        }
    }
}

/// Runs one write at a time; a second `run` while pending is ignored (a
/// double-click must not send twice).
#[derive(Clone)]
pub struct Mutation<O: Clone + Send + Sync + 'static> {
    state: ArcRwSignal<MutationState<O>>,
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
        }
    }

    pub fn state(&self) -> ArcRwSignal<MutationState<O>> {
        self.state.clone()
    }

    /// Starts `write` unless one is pending; returns whether it started.
    pub fn run(&self, write: impl Future<Output = Result<O, ApiError>> + 'static) -> bool {
        if self.state.get_untracked().pending {
            return false;
        }
        self.state.update(|s| s.pending = true);
        let state = self.state.clone();
        leptos::task::spawn_local(async move {
            let result = write.await;
            state.set(MutationState {
                pending: false,
                result: Some(result),
            });
        });
        true
    }
}
