//! When to try again: `Retry-After` when the server gave one (capped), else
//! exponential backoff with full jitter.

use std::rc::Rc;

use crate::api::ApiError;

/// Never wait longer than this for a `Retry-After`, whatever the server says.
const MAX_RETRY_WAIT_SECONDS: u64 = 60;

/// A retry the client is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryWait {
    /// Seconds until the next attempt.
    pub seconds: u64,
    /// The server said it is busy (429, 503); otherwise it was not reached.
    pub busy: bool,
}

/// Told before each retry: which attempt comes next, and the wait.
pub type RetryObserver = Rc<dyn Fn(u32, RetryWait)>;

/// Milliseconds to wait before retry number `attempt` (from 0), with
/// `backoff_ms` as the first step.
pub(super) fn wait_ms(error: &ApiError, attempt: u32, backoff_ms: u32) -> u64 {
    let now = (js_sys::Date::now() / 1000.0) as u64;
    if let Some(retry_after) = &error.retry_after {
        return retry_after.delay_from(now).min(MAX_RETRY_WAIT_SECONDS) * 1000;
    }
    let ceiling = u64::from(backoff_ms) << attempt.min(6);
    (js_sys::Math::random() * ceiling as f64) as u64 + u64::from(backoff_ms) / 2
}
