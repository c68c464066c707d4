//! Stopping a request: a cancel token for callers, and the per-attempt
//! timeout that aborts a request the server does not answer.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::AbortController;

/// Cancels a request in flight (a superseded search, a page that was left).
#[derive(Clone, Default)]
pub struct CancelToken {
    cancelled: Rc<Cell<bool>>,
    pub(super) controller: Rc<RefCell<Option<AbortController>>>,
}

impl CancelToken {
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(controller) = self.controller.borrow().as_ref() {
            controller.abort();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }

    /// Aborts the request on the wire now, leaving the token usable for the
    /// next one (an event stream that fell silent is reopened).
    pub fn abort_request(&self) {
        if let Some(controller) = self.controller.borrow().as_ref() {
            controller.abort();
        }
    }
}

/// A browser timeout that is cleared when the guard is dropped, also when
/// the request's future is dropped half-way: the callback never outlives it.
pub struct TimeoutGuard {
    id: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl TimeoutGuard {
    pub fn start(ms: u32, callback: impl FnMut() + 'static) -> Self {
        let callback = Closure::wrap(Box::new(callback) as Box<dyn FnMut()>);
        let id = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    ms as i32,
                )
                .ok()
        });
        Self {
            id,
            _callback: callback,
        }
    }
}

impl Drop for TimeoutGuard {
    fn drop(&mut self) {
        if let (Some(window), Some(id)) = (web_sys::window(), self.id) {
            window.clear_timeout_with_handle(id);
        }
    }
}
