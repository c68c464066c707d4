//! What the client is asked to send and what it gives back.

use gloo_net::http::Method;

/// How to reach the API.
#[derive(Clone)]
pub struct ClientConfig {
    /// Base URL without a trailing slash, e.g. `/api/v1`.
    pub api_base: String,
    pub token: Option<String>,
    /// Send cookies (`credentials: include`) for cookie-session portals.
    pub include_credentials: bool,
    pub accept_language: Option<String>,
    pub timeout_ms: u32,
    pub max_retries: u32,
    /// First backoff step; doubled per attempt, with jitter.
    pub backoff_ms: u32,
    /// How this API spells each operation (our contract by default).
    pub profile: std::rc::Rc<crate::api::profile::ApiProfile>,
}

impl ClientConfig {
    pub fn new(api_base: &str) -> Self {
        Self {
            api_base: api_base.trim_end_matches('/').to_owned(),
            token: None,
            include_credentials: false,
            accept_language: None,
            timeout_ms: 15_000,
            max_retries: 3,
            backoff_ms: 500,
            profile: Default::default(),
        }
    }
}

/// A request body with its media type.
#[derive(Clone, Debug)]
pub struct Body {
    pub content_type: &'static str,
    pub text: String,
}

/// One API call, as the typed endpoint functions describe it.
#[derive(Clone, Debug)]
pub struct ApiRequest {
    pub method: Method,
    /// Path and query relative to the API base, e.g. `/users?page=0`.
    pub path: String,
    pub body: Option<Body>,
    pub idempotency_key: Option<String>,
    pub if_match: Option<String>,
    /// Opens a server-sent event stream: the body is handed over unread.
    pub event_stream: bool,
    /// Where a reopened event stream resumes.
    pub last_event_id: Option<String>,
}

impl ApiRequest {
    pub fn get(path: impl Into<String>) -> Self {
        Self {
            method: Method::GET,
            path: path.into(),
            body: None,
            idempotency_key: None,
            if_match: None,
            event_stream: false,
            last_event_id: None,
        }
    }

    /// Whether sending it twice does no harm.
    pub(super) fn is_retryable(&self) -> bool {
        // A stream's owner reconnects with its own backoff and resume point.
        if self.event_stream {
            return false;
        }
        match self.method {
            Method::GET | Method::HEAD | Method::PUT => true,
            Method::POST => self.idempotency_key.is_some(),
            // A conditional change cannot apply twice: had a lost answer's
            // attempt applied, the retry would meet a new ETag and get 412.
            Method::PATCH => self.if_match.is_some(),
            _ => false,
        }
    }
}

/// A successful response: status, the headers callers use, and the body.
#[derive(Clone, Debug)]
pub struct RawResponse {
    pub status: u16,
    pub etag: Option<String>,
    pub location: Option<String>,
    pub link: Option<String>,
    pub body: Vec<u8>,
    /// An event stream's body, unread (see [`ApiRequest::event_stream`]).
    pub events: Option<web_sys::ReadableStreamDefaultReader>,
}
