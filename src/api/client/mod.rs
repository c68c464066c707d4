//! The one HTTP client: auth header, `Accept`, `Accept-Language`, timeouts,
//! cancellation, one token refresh on 401, and bounded retries.
//!
//! Retries: 429/503 (honouring `Retry-After`), network failures and timeouts
//! are retried for GET and PUT, for PATCH only with `If-Match` and for POST
//! only with an `Idempotency-Key`, at most `max_retries` times with jittered exponential backoff.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use futures_util::future::{FutureExt, Shared};
use web_sys::AbortController;

mod abort;
mod fetch;
mod offers;
mod request;
mod retry;

pub use abort::{CancelToken, TimeoutGuard};
pub(crate) use fetch::request_to;
pub use offers::StreamOffer;
pub use request::{ApiRequest, Body, ClientConfig, RawResponse};
pub use retry::{RetryObserver, RetryWait};

use super::error::{ApiError, ErrorKind};
use super::wire_values::usable_token;
/// How often a retry wait looks whether its request was cancelled.
const CANCEL_CHECK_MS: u64 = 200;

/// Asks the host page for a fresh token; `None` when it has none.
pub type TokenRefresher = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Option<String>>>>>;

type SharedToken = Shared<Pin<Box<dyn Future<Output = Option<String>>>>>;

struct Inner {
    config: ClientConfig,
    token: RefCell<Option<String>>,
    refresher: RefCell<Option<TokenRefresher>>,
    /// Called once the host could not renew the session.
    on_session_expired: RefCell<Option<Rc<dyn Fn()>>>,
    /// Set when the admin is unmounted: nothing new is sent or retried.
    closed: Cell<bool>,
    /// See [`Client::ask_for_token_first`].
    ask_first: Cell<bool>,
    /// The refresh in progress, shared by every request waiting for it.
    refreshing: RefCell<Option<SharedToken>>,
    /// Requests on the wire, aborted together on [`Client::close`].
    in_flight: RefCell<Vec<AbortController>>,
    /// Backoff waits, cut short on [`Client::close`] so no timer outlives the admin.
    sleeping: RefCell<Vec<(i32, js_sys::Function)>>,
    /// Whether the API offers the presence event stream, as far as known.
    presence_stream: Cell<StreamOffer>,
    /// How the API spells each operation; replaced once a profile the
    /// host named by URL has arrived.
    profile: RefCell<Rc<crate::api::profile::ApiProfile>>,
    /// The `next` links seen, for an API that pages by them.
    next_links: RefCell<crate::api::next_links::NextLinks>,
}

/// Cheap to clone: all clones share the token. The browser app is
/// single-threaded; `SendWrapper` lets Leptos keep it in context and callbacks.
#[derive(Clone)]
pub struct Client(send_wrapper::SendWrapper<Rc<Inner>>);

/// A client reference that does not keep it alive (held by the token
/// refresher the client itself owns).
#[derive(Clone)]
pub struct WeakClient(send_wrapper::SendWrapper<std::rc::Weak<Inner>>);

impl WeakClient {
    pub fn upgrade(&self) -> Option<Client> {
        self.0
            .upgrade()
            .map(|inner| Client(send_wrapper::SendWrapper::new(inner)))
    }
}

impl Client {
    pub fn downgrade(&self) -> WeakClient {
        WeakClient(send_wrapper::SendWrapper::new(Rc::downgrade(&self.0)))
    }

    pub fn new(config: ClientConfig) -> Self {
        let token = RefCell::new(usable_token(config.token.clone()));
        let profile = RefCell::new(config.profile.clone());
        Self(send_wrapper::SendWrapper::new(Rc::new(Inner {
            config,
            token,
            refresher: RefCell::new(None),
            on_session_expired: RefCell::new(None),
            closed: Cell::new(false),
            ask_first: Cell::new(false),
            refreshing: RefCell::new(None),
            in_flight: RefCell::new(Vec::new()),
            sleeping: RefCell::new(Vec::new()),
            presence_stream: Cell::new(StreamOffer::Unknown),
            profile,
            next_links: RefCell::default(),
        })))
    }

    /// How this client's API spells each operation.
    pub fn api_profile(&self) -> Rc<crate::api::profile::ApiProfile> {
        self.0.profile.borrow().clone()
    }

    /// Speaks `profile` from now on (a profile fetched after mounting).
    pub fn set_api_profile(&self, profile: crate::api::profile::ApiProfile) {
        *self.0.profile.borrow_mut() = Rc::new(profile);
    }

    pub fn next_links(&self) -> std::cell::RefMut<'_, crate::api::next_links::NextLinks> {
        self.0.next_links.borrow_mut()
    }

    /// A link an answer to `from` (a path below the API base) gave, as a
    /// path below the API base; `None` when it leads anywhere else.
    pub fn path_of_link(&self, link: &str, from: &str) -> Option<String> {
        let page = web_sys::window()?.location().href().ok()?;
        let base = &self.0.config.api_base;
        let absolute_base = web_sys::Url::new_with_base(base, &page).ok()?.href();
        let request = web_sys::Url::new_with_base(&format!("{base}{from}"), &page).ok()?;
        let link = web_sys::Url::new_with_base(link, &request.href()).ok()?;
        crate::api::next_links::below_base(&link.href(), absolute_base.trim_end_matches('/'))
    }

    pub fn config(&self) -> &ClientConfig {
        &self.0.config
    }

    /// Replaces the bearer token (the host renewed it). A token that is not
    /// a valid header value is no token: the next request is refused and
    /// the host is asked again, then the admin is told the session ended.
    pub fn set_token(&self, token: Option<String>) {
        *self.0.token.borrow_mut() = usable_token(token);
    }

    /// The bearer token requests carry now.
    pub fn token(&self) -> Option<String> {
        self.0.token.borrow().clone()
    }

    /// Stops the client for good (the admin was unmounted): aborts every
    /// request on the wire and ends every backoff wait, whose requests then
    /// finish as cancelled. Later sends are cancelled before they start.
    pub fn close(&self) {
        self.0.closed.set(true);
        for controller in self.0.in_flight.take() {
            controller.abort();
        }
        let window = web_sys::window();
        for (timer, wake) in self.0.sleeping.take() {
            if let Some(window) = &window {
                window.clear_timeout_with_handle(timer);
            }
            let _ = wake.call0(&wasm_bindgen::JsValue::NULL);
        }
    }

    pub fn is_closed(&self) -> bool {
        self.0.closed.get()
    }

    /// Waits `ms`, or less if the client is closed meanwhile.
    pub async fn sleep(&self, ms: u64) {
        if self.is_closed() {
            return;
        }
        let mut timer = None;
        let mut wake = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            timer = web_sys::window().and_then(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        &resolve,
                        ms.min(i32::MAX as u64) as i32,
                    )
                    .ok()
            });
            wake = Some(resolve);
        });
        if let (Some(timer), Some(wake)) = (timer, wake) {
            self.0.sleeping.borrow_mut().push((timer, wake));
        }
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        if let Some(timer) = timer {
            self.0.sleeping.borrow_mut().retain(|(id, _)| *id != timer);
        }
    }

    pub fn set_token_refresher(&self, refresher: TokenRefresher) {
        *self.0.refresher.borrow_mut() = Some(refresher);
    }

    /// Asks the refresher before the first request when there is no token
    /// yet (a host that gives a token function rather than a token), instead
    /// of letting that request be refused first.
    pub fn ask_for_token_first(&self) {
        self.0.ask_first.set(true);
    }

    /// A new token from the refresher. Requests refused together share one
    /// refresh: the host is asked once, not once per request.
    async fn refreshed_token(&self) -> Option<String> {
        let pending = self.0.refreshing.borrow().clone();
        let shared = match pending {
            Some(shared) => shared,
            None => {
                let refresher = self.0.refresher.borrow().clone()?;
                let shared = refresher().shared();
                *self.0.refreshing.borrow_mut() = Some(shared.clone());
                shared
            }
        };
        let token = usable_token(shared.clone().await);
        let mut refreshing = self.0.refreshing.borrow_mut();
        if refreshing.as_ref().is_some_and(|s| s.ptr_eq(&shared)) {
            *refreshing = None;
            drop(refreshing);
            if token.is_some() {
                self.set_token(token.clone());
            }
        }
        token
    }

    pub fn on_session_expired(&self, callback: Rc<dyn Fn()>) {
        *self.0.on_session_expired.borrow_mut() = Some(callback);
    }

    /// Sends `request`, refreshing the token once on 401 and retrying what
    /// may be retried. Every failure comes back as an [`ApiError`].
    pub async fn send(
        &self,
        request: &ApiRequest,
        cancel: Option<&CancelToken>,
        on_retry: Option<&RetryObserver>,
    ) -> Result<RawResponse, ApiError> {
        let mut retries = 0;
        let mut refreshed = false;
        if self.0.ask_first.get() && self.token().is_none() {
            self.refreshed_token().await;
        }
        loop {
            let sent_with = self.token();
            let result = self.attempt(request, cancel).await;
            let error = match result {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            if error.kind == ErrorKind::Cancelled {
                return Err(error);
            }
            if error.kind == ErrorKind::Unauthenticated && !refreshed {
                refreshed = true;
                // Renewed meanwhile by another refused request: just replay.
                if self.token().is_some() && self.token() != sent_with {
                    continue;
                }
                if self.refreshed_token().await.is_some() {
                    continue; // replay once with the new token
                }
            }
            if self.is_closed() {
                return Err(ApiError::cancelled());
            }
            if error.kind == ErrorKind::Unauthenticated {
                if let Some(callback) = self.0.on_session_expired.borrow().clone() {
                    callback();
                }
                return Err(error);
            }
            if !(error.is_transient()
                && request.is_retryable()
                && retries < self.0.config.max_retries)
            {
                return Err(error);
            }
            retries += 1;
            let wait_ms = self.wait_before_retry(&error, retries);
            if let Some(observer) = on_retry {
                let busy = matches!(error.kind, ErrorKind::RateLimited | ErrorKind::Unavailable);
                let seconds = wait_ms.div_ceil(1000);
                observer(retries, RetryWait { seconds, busy });
            }
            // In steps, so a cancelled save stops waiting at once.
            let mut waited = 0;
            while waited < wait_ms && !cancel.is_some_and(CancelToken::is_cancelled) {
                let step = (wait_ms - waited).min(CANCEL_CHECK_MS);
                self.sleep(step).await;
                waited += step;
            }
            if self.is_closed() || cancel.is_some_and(CancelToken::is_cancelled) {
                return Err(ApiError::cancelled());
            }
        }
    }

    /// How long to wait before the next attempt (ms).
    fn wait_before_retry(&self, error: &ApiError, attempt: u32) -> u64 {
        retry::wait_ms(error, attempt, self.0.config.backoff_ms)
    }

    /// One fetch with a timeout.
    async fn attempt(
        &self,
        request: &ApiRequest,
        cancel: Option<&CancelToken>,
    ) -> Result<RawResponse, ApiError> {
        if self.is_closed() || cancel.is_some_and(CancelToken::is_cancelled) {
            return Err(ApiError::cancelled());
        }
        let controller = AbortController::new()
            .map_err(|_| ApiError::network("This browser cannot send requests."))?;
        if let Some(cancel) = cancel {
            *cancel.controller.borrow_mut() = Some(controller.clone());
        }
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            TimeoutGuard::start(self.0.config.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        self.0.in_flight.borrow_mut().push(controller.clone());
        let result = self.fetch(request, &controller).await;
        drop(timer);
        self.0
            .in_flight
            .borrow_mut()
            .retain(|other| !js_sys::Object::is(other, &controller));
        match result {
            Err(_) if self.is_closed() || cancel.is_some_and(CancelToken::is_cancelled) => {
                Err(ApiError::cancelled())
            }
            Err(_) if timed_out.get() => {
                Err(ApiError::timeout(self.0.config.timeout_ms.div_ceil(1000)))
            }
            other => other,
        }
    }
}
