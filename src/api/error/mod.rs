//! The one error model: every failed request, whatever API dialect sent it,
//! becomes an [`ApiError`].
//!
//! Decoding decides by the HTTP status first, reads the body leniently (a
//! member of the wrong type is ignored, never fatal), caps what it reads, and
//! never keeps HTML: a non-JSON body leaves only a short text snippet for the
//! console. *Invariant:* nothing here is worded for the admin. The server's
//! own title and detail are kept as data, what the client found wrong is a
//! [`Cause`], and the screens turn both into sentences from the catalogue
//! (`i18n`).

mod dialects;
mod headers;
mod reading;

pub use headers::{Challenge, RetryAfter};

use serde_json::Value;

use super::field_path::FieldPath;

/// Bytes of an error body that are read at most.
pub const MAX_ERROR_BODY: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Validation,
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PreconditionFailed,
    RateLimited,
    Unavailable,
    Server,
    Network,
    Timeout,
    /// A success status with a body that is not what the endpoint returns
    /// (e.g. an SSO login page: the session probably expired).
    UnexpectedBody,
    /// The request was superseded or its page was left; never shown.
    Cancelled,
}

/// Which error dialect the body was recognised as, by its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 9457 / 7807 problem details, with `errors[] {detail, pointer|parameter}`.
    ProblemDetails,
    /// Problem details with `invalidFields[] {name, message, value}`,
    /// `errorCode` and `requestId`.
    InvalidFields,
    /// `{"message": …}` alone.
    Message,
    /// OAuth 2.0 (RFC 6749) `{"error", "error_description"}`.
    OAuth,
    /// IBM BPM / WLE REST `{status, exceptionType, errorNumber, errorMessage}`.
    Wle,
    /// ASP.NET `ValidationProblemDetails`: `errors: {"Field": ["msg"]}`.
    AspNet,
    /// Zalando, Quarkus, Micronaut: `violations[] {field, message}`.
    Violations,
    /// Symfony / API Platform: `violations[] {propertyPath, title|message}`.
    Symfony,
    /// JSON:API `errors[] {detail, source}`.
    JsonApi,
    /// Laravel: `{"message", "errors": {"a.0.b": ["msg"]}}`.
    Laravel,
    /// Django REST framework: the body is the tree of fields.
    Django,
    /// FastAPI: `detail[] {loc, msg}`.
    FastApi,
    /// Google AIP-193: `error.details[].fieldViolations[]`.
    Google,
    /// JSON of no known shape.
    UnknownJson,
    /// HTML, text, or unreadable: never rendered.
    NotJson,
    Empty,
    /// No response at all (network, timeout, cancelled).
    NoResponse,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub path: FieldPath,
    pub message: String,
    pub rejected_value: Option<String>,
}

/// What the client itself found wrong; the screens word it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A web page where data was expected (an SSO login page: the session
    /// probably expired).
    WebPage,
    /// An answer that is not the JSON the endpoint returns.
    Unreadable,
    /// An answer larger than the client reads (`limit_mib`), left unread.
    TooLarge { limit_mib: usize },
    /// No answer within the timeout of one attempt.
    NoAnswerWithin { seconds: u32 },
}

/// Everything the UI needs to explain a failed request.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub status: Option<u16>,
    /// The server's own title (problem details `title`), as it wrote it.
    pub title: Option<String>,
    /// The server's own explanation.
    pub detail: Option<String>,
    /// What the client found wrong, when it was not the server that said.
    pub cause: Option<Cause>,
    /// A machine code (`errorCode`, `error`, `errorNumber`, `code`…).
    pub code: Option<String>,
    /// What to quote to support (`instance`, `requestId`, `traceId`).
    pub reference: Option<String>,
    pub field_errors: Vec<FieldError>,
    /// Errors about the request as a whole.
    pub form_errors: Vec<String>,
    pub retry_after: Option<RetryAfter>,
    pub challenge: Option<Challenge>,
    /// Methods the resource allows (405).
    pub allow: Vec<String>,
    pub dialect: Dialect,
    /// For the console only, never shown: the start of a non-JSON body, the
    /// browser's words for a failed fetch, or why a body could not be used.
    pub snippet: Option<String>,
}

impl ApiError {
    fn bare(kind: ErrorKind, status: Option<u16>, dialect: Dialect) -> Self {
        Self {
            kind,
            status,
            title: None,
            detail: None,
            cause: None,
            code: None,
            reference: None,
            field_errors: Vec::new(),
            form_errors: Vec::new(),
            retry_after: None,
            challenge: None,
            allow: Vec::new(),
            dialect,
            snippet: None,
        }
    }

    /// The request never got an answer (fetch threw; CORS failures look the
    /// same). `diagnostic` is the browser's or the client's own words.
    pub fn network(diagnostic: impl Into<String>) -> Self {
        let mut error = Self::bare(ErrorKind::Network, None, Dialect::NoResponse);
        error.snippet = Some(reading::truncate(&diagnostic.into()));
        error
    }

    pub fn timeout(seconds: u32) -> Self {
        let mut error = Self::bare(ErrorKind::Timeout, None, Dialect::NoResponse);
        error.cause = Some(Cause::NoAnswerWithin { seconds });
        error
    }

    pub fn cancelled() -> Self {
        Self::bare(ErrorKind::Cancelled, None, Dialect::NoResponse)
    }

    /// A success status whose body is not the JSON the endpoint returns.
    pub fn unexpected_body(status: u16, content_type: Option<&str>, body: &[u8]) -> Self {
        let looks_like_html =
            content_type.is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
        let mut error = Self::bare(ErrorKind::UnexpectedBody, Some(status), Dialect::NotJson);
        error.cause = Some(if looks_like_html {
            Cause::WebPage
        } else {
            Cause::Unreadable
        });
        error.snippet = reading::snippet(body);
        error
    }

    /// An answer over `limit` bytes, not read.
    pub fn too_large(status: u16, limit: usize) -> Self {
        let mut error = Self::bare(ErrorKind::UnexpectedBody, Some(status), Dialect::NotJson);
        error.cause = Some(Cause::TooLarge {
            limit_mib: limit >> 20,
        });
        error
    }

    /// A JSON answer that is not what the endpoint returns (`why`, for the console).
    pub fn unusable(status: u16, why: &str) -> Self {
        let mut error = Self::bare(ErrorKind::UnexpectedBody, Some(status), Dialect::NotJson);
        error.cause = Some(Cause::Unreadable);
        error.snippet = Some(why.to_owned());
        error
    }

    /// An operation the API profile says the API does not have: like an
    /// API without the endpoint (404), but nothing is sent.
    pub fn not_offered() -> Self {
        let mut error = Self::bare(ErrorKind::NotFound, None, Dialect::NoResponse);
        error.snippet = Some("the API profile has no such operation".to_owned());
        error
    }

    /// True when retrying the same request may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::RateLimited
                | ErrorKind::Unavailable
                | ErrorKind::Network
                | ErrorKind::Timeout
        )
    }

    /// Decodes a failed response. `header` looks up a response header by name.
    pub fn from_response(
        status: u16,
        content_type: Option<&str>,
        header: impl Fn(&str) -> Option<String>,
        body: &[u8],
    ) -> Self {
        let mut error = Self::bare(kind_for_status(status), Some(status), Dialect::Empty);
        error.retry_after = header("retry-after").and_then(|v| RetryAfter::parse(&v));
        error.challenge = header("www-authenticate").map(|v| Challenge::parse(&v));
        error.allow = header("allow")
            .map(|v| {
                v.split(',')
                    .map(|m| m.trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let body = &body[..body.len().min(MAX_ERROR_BODY)];
        if body.iter().all(u8::is_ascii_whitespace) {
            return error;
        }
        let declared_json = content_type.is_some_and(is_json_media_type);
        let parsed = if declared_json || content_type.is_none() {
            serde_json::from_slice::<Value>(body).ok()
        } else {
            None
        };
        match parsed {
            Some(Value::Object(object)) => dialects::read_object(&mut error, &object),
            Some(Value::Array(items)) => dialects::read_array(&mut error, &items),
            Some(_) => error.dialect = Dialect::UnknownJson,
            None => {
                error.dialect = Dialect::NotJson;
                error.snippet = reading::snippet(body);
            }
        }
        if !error.field_errors.is_empty() && matches!(status, 400 | 409 | 422) {
            error.kind = ErrorKind::Validation;
        }
        error
    }
}

/// `application/json`, `application/problem+json`, any `*+json`; parameters
/// and case ignored.
pub fn is_json_media_type(content_type: &str) -> bool {
    let base = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    base == "application/json" || (base.starts_with("application/") && base.ends_with("+json"))
}

fn kind_for_status(status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::Unauthenticated,
        403 => ErrorKind::Forbidden,
        404 | 410 => ErrorKind::NotFound,
        405 => ErrorKind::MethodNotAllowed,
        409 => ErrorKind::Conflict,
        412 | 428 => ErrorKind::PreconditionFailed,
        422 => ErrorKind::Validation,
        429 => ErrorKind::RateLimited,
        502..=504 => ErrorKind::Unavailable,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::BadRequest,
    }
}
