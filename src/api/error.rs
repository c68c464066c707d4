//! The one error model: every failed request, whatever API dialect sent it,
//! becomes an [`ApiError`]. See ARCHITECTURE.md and the errors design note.
//!
//! Decoding decides by the HTTP status first, reads the body leniently (a
//! member of the wrong type is ignored, never fatal), caps what it reads, and
//! never keeps HTML: a non-JSON body leaves only a short text snippet for the
//! console.

use serde_json::{Map, Value};

use super::field_path::{FieldPath, Segment};

/// Bytes of an error body that are read at most.
pub const MAX_ERROR_BODY: usize = 64 * 1024;
/// Characters kept of any one string from an error body.
const MAX_TEXT: usize = 1_000;
/// Characters of a non-JSON body kept for diagnostics.
const SNIPPET: usize = 200;

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

/// Which error dialect the body was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 9457 / 7807 problem details (our server, seed 004).
    ProblemDetails,
    /// Seed 000: problem details with `invalidFields`, `errorCode`, `requestId`.
    InvalidFields,
    /// Seed 001: `{"message": …}`.
    Message,
    /// Seed 001's 401: OAuth `{"error", "error_description"}`.
    OAuth,
    /// Seed 002: WLE `{status, exceptionType, errorNumber, errorMessage}`.
    Wle,
    /// ASP.NET `ValidationProblemDetails`: `errors: {"Field": ["msg"]}`.
    AspNet,
    /// Zalando, Quarkus, Micronaut: `violations[] {field, message}`.
    Violations,
    /// Symfony / API Platform: `violations[] {propertyPath, title|message}`.
    Symfony,
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

/// When the server asks the client to come back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    Seconds(u64),
    /// An HTTP date, as seconds since the Unix epoch.
    At(u64),
}

impl RetryAfter {
    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Self::Seconds(seconds));
        }
        let time = httpdate::parse_http_date(value).ok()?;
        let since_epoch = time.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Self::At(since_epoch.as_secs()))
    }

    /// Seconds to wait from `now` (seconds since the Unix epoch).
    pub fn delay_from(&self, now: u64) -> u64 {
        match self {
            Self::Seconds(seconds) => *seconds,
            Self::At(at) => at.saturating_sub(now),
        }
    }
}

/// A 401's or 403's `WWW-Authenticate` challenge and OAuth body members.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub scope: Option<String>,
}

impl Challenge {
    /// `Bearer realm="x", error="invalid_token", scope="users:write"`.
    pub fn parse(header: &str) -> Self {
        let header = header.trim();
        let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
        let mut challenge = Challenge {
            scheme: scheme.to_owned(),
            ..Self::default()
        };
        for (name, value) in auth_params(rest) {
            match name.to_ascii_lowercase().as_str() {
                "error" => challenge.error = Some(value),
                "error_description" => challenge.error_description = Some(value),
                "scope" => challenge.scope = Some(value),
                _ => {}
            }
        }
        challenge
    }
}

/// `a="x, y", b=z` → pairs, honouring quotes.
fn auth_params(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text.trim();
    while let Some(equals) = rest.find('=') {
        let name = rest[..equals]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_owned();
        rest = rest[equals + 1..].trim_start();
        let value;
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            value = quoted[..end].to_owned();
            rest = quoted.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_owned();
            rest = &rest[end..];
        }
        rest = rest.trim_start_matches([',', ' ']);
        pairs.push((name, value));
    }
    pairs
}

/// Everything the UI needs to explain a failed request.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub status: Option<u16>,
    pub title: String,
    pub detail: Option<String>,
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
    /// The start of a non-JSON body, for the console only.
    pub snippet: Option<String>,
}

impl ApiError {
    fn bare(kind: ErrorKind, status: Option<u16>, title: &str, dialect: Dialect) -> Self {
        Self {
            kind,
            status,
            title: title.to_owned(),
            detail: None,
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

    /// The request never got an answer (fetch threw; CORS failures look the same).
    pub fn network(detail: impl Into<String>) -> Self {
        let mut error = Self::bare(
            ErrorKind::Network,
            None,
            "Can't reach the server.",
            Dialect::NoResponse,
        );
        error.detail = Some(truncate(&detail.into()));
        error
    }

    pub fn timeout(seconds: u32) -> Self {
        let mut error = Self::bare(
            ErrorKind::Timeout,
            None,
            "The server took too long to answer.",
            Dialect::NoResponse,
        );
        error.detail = Some(format!("No answer within {seconds} seconds."));
        error
    }

    pub fn cancelled() -> Self {
        Self::bare(
            ErrorKind::Cancelled,
            None,
            "The request was cancelled.",
            Dialect::NoResponse,
        )
    }

    /// A success status whose body is not the JSON the endpoint returns.
    pub fn unexpected_body(status: u16, content_type: Option<&str>, body: &[u8]) -> Self {
        let looks_like_html =
            content_type.is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
        let title = if looks_like_html {
            WEB_PAGE_INSTEAD_OF_DATA
        } else {
            UNREADABLE_ANSWER
        };
        let mut error = Self::bare(
            ErrorKind::UnexpectedBody,
            Some(status),
            title,
            Dialect::NotJson,
        );
        error.snippet = snippet(body);
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
        let mut error = Self::bare(
            kind_for_status(status),
            Some(status),
            reason_phrase(status),
            Dialect::Empty,
        );
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
            Some(Value::Object(object)) => read_object(&mut error, &object),
            Some(Value::Array(items)) => read_array(&mut error, &items),
            Some(_) => error.dialect = Dialect::UnknownJson,
            None => {
                error.dialect = Dialect::NotJson;
                error.snippet = snippet(body);
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

/// Titles of a success status with a body that is not the endpoint's JSON.
pub const WEB_PAGE_INSTEAD_OF_DATA: &str =
    "The server sent a web page instead of data. Your session may have expired.";
pub const UNREADABLE_ANSWER: &str = "The server's answer could not be read.";

/// The title an error gets when the server sent none (English; the UI puts
/// it in the admin's language, see `i18n::Messages::reason`).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "The request was not valid.",
        401 => "You are not signed in.",
        403 => "You do not have permission to do this.",
        404 => "Not found.",
        405 => "This action is not available.",
        409 => "This conflicts with the current state.",
        410 => "This no longer exists.",
        412 => "Someone else changed this in the meantime.",
        413 => "What you sent is too large.",
        415 => "The server did not accept the format of the request.",
        422 => "Some of what you entered is not valid.",
        428 => "The server needs to know which version you changed.",
        429 => "Too many requests. Please wait a moment.",
        500 => "Something went wrong on the server.",
        502..=504 => "The server is unavailable right now.",
        _ if status >= 500 => "Something went wrong on the server.",
        _ => "The request failed.",
    }
}

fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

fn snippet(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET * 4)]);
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == ' ')
        .take(SNIPPET)
        .collect();
    Some(cleaned.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A string member, truncated; members of another type are ignored.
fn text(object: &Map<String, Value>, name: &str) -> Option<String> {
    object
        .get(name)
        .and_then(Value::as_str)
        .map(truncate)
        .filter(|s| !s.trim().is_empty())
}

/// A string or number member as text (codes and ids come as either).
fn code(object: &Map<String, Value>, name: &str) -> Option<String> {
    match object.get(name)? {
        Value::String(s) if !s.is_empty() => Some(truncate(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn value_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(s) => Some(truncate(s)),
        other => Some(truncate(&other.to_string())),
    }
}

fn messages(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![truncate(s)],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(truncate)
            .collect(),
        _ => Vec::new(),
    }
}

fn read_object(error: &mut ApiError, object: &Map<String, Value>) {
    if let Some(title) = text(object, "title") {
        error.title = title;
    }
    error.detail = text(object, "detail");
    error.reference = ["instance", "requestId", "traceId", "correlationId"]
        .iter()
        .find_map(|n| text(object, n));
    error.code = ["errorCode", "code"].iter().find_map(|n| code(object, n));

    if let Some(fields) = object.get("invalidFields").and_then(Value::as_array) {
        error.dialect = Dialect::InvalidFields;
        for field in fields.iter().filter_map(Value::as_object) {
            push_field(
                error,
                text(field, "name").map(|n| FieldPath::from_dotted(&n)),
                field.get("message"),
                field.get("value"),
            );
        }
    } else if let Some(items) = object.get("errors").and_then(Value::as_array) {
        read_error_array(error, items);
    } else if let Some(map) = object.get("errors").and_then(Value::as_object) {
        error.dialect = if object.contains_key("message") && !object.contains_key("title") {
            Dialect::Laravel
        } else {
            Dialect::AspNet
        };
        if error.dialect == Dialect::Laravel {
            error.detail = error.detail.take().or_else(|| text(object, "message"));
        }
        for (key, value) in map {
            let path = FieldPath::from_dotted(key);
            for message in messages(value) {
                push_message(error, path.clone(), message, None);
            }
        }
    } else if let Some(violations) = object.get("violations").and_then(Value::as_array) {
        error.dialect = Dialect::Violations;
        for violation in violations.iter().filter_map(Value::as_object) {
            let path = if let Some(property) = text(violation, "propertyPath") {
                error.dialect = Dialect::Symfony;
                Some(property)
            } else {
                text(violation, "field")
            };
            let message = violation.get("message").or_else(|| violation.get("title"));
            push_field(
                error,
                path.map(|p| FieldPath::from_dotted(&p)),
                message,
                violation.get("value"),
            );
        }
    } else if let Some(details) = object.get("detail").and_then(Value::as_array) {
        error.dialect = Dialect::FastApi;
        for item in details.iter().filter_map(Value::as_object) {
            let path = item
                .get("loc")
                .and_then(Value::as_array)
                .map(|loc| FieldPath::from_location_list(loc));
            push_field(error, path, item.get("msg"), item.get("input"));
        }
    } else if let Some(inner) = object.get("error").and_then(Value::as_object) {
        error.dialect = Dialect::Google;
        error.detail = text(inner, "message");
        error.code = text(inner, "status").or_else(|| code(inner, "code"));
        for detail in inner
            .get("details")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            for violation in detail
                .get("fieldViolations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(violation) = violation.as_object() {
                    let path = text(violation, "field").map(|f| FieldPath::from_dotted(&f));
                    push_field(error, path, violation.get("description"), None);
                }
            }
        }
    } else if object.get("error").is_some_and(Value::is_string) {
        error.dialect = Dialect::OAuth;
        error.code = text(object, "error");
        error.detail = text(object, "error_description").or(error.detail.take());
        let challenge = error.challenge.get_or_insert_with(|| Challenge {
            scheme: "Bearer".into(),
            ..Challenge::default()
        });
        challenge.error = challenge.error.take().or_else(|| text(object, "error"));
        challenge.error_description = challenge
            .error_description
            .take()
            .or_else(|| text(object, "error_description"));
        challenge.scope = challenge.scope.take().or_else(|| text(object, "scope"));
    } else if ["exceptionType", "errorNumber", "errorMessage"]
        .iter()
        .any(|n| object.contains_key(*n))
    {
        // `programmersDetails` (a stack trace) and `exceptionType` are left out
        // on purpose: they are for developers, not admins.
        error.dialect = Dialect::Wle;
        error.code = code(object, "errorNumber");
        if let Some(message) = text(object, "errorMessage") {
            error.form_errors.push(message);
        }
    } else if ["type", "title", "status", "detail", "instance"]
        .iter()
        .any(|n| object.contains_key(*n))
    {
        error.dialect = Dialect::ProblemDetails;
    } else if let Some(message) = text(object, "message") {
        error.dialect = Dialect::Message;
        error.form_errors.push(message);
    } else if looks_like_field_tree(object) {
        error.dialect = Dialect::Django;
        read_tree(error, &mut Vec::new(), &Value::Object(object.clone()));
    } else {
        error.dialect = Dialect::UnknownJson;
    }
}

/// RFC 9457 `errors[] {detail, pointer|parameter}` or JSON:API `errors[] {detail, source}`.
fn read_error_array(error: &mut ApiError, items: &[Value]) {
    error.dialect = Dialect::ProblemDetails;
    for item in items.iter().filter_map(Value::as_object) {
        let source = item.get("source").and_then(Value::as_object);
        let pointer = source
            .and_then(|s| text(s, "pointer"))
            .or_else(|| text(item, "pointer"));
        let parameter = source
            .and_then(|s| text(s, "parameter"))
            .or_else(|| text(item, "parameter"));
        if source.is_some() || item.contains_key("status") && item.contains_key("title") {
            error.dialect = Dialect::JsonApi;
        }
        let path = match (pointer, parameter) {
            (Some(pointer), _) => Some(FieldPath::from_pointer(&pointer)),
            (None, Some(parameter)) => Some(FieldPath::parameter(&parameter)),
            (None, None) => text(item, "field").map(|f| FieldPath::from_dotted(&f)),
        };
        let message = item
            .get("detail")
            .or_else(|| item.get("message"))
            .or_else(|| item.get("title"));
        push_field(error, path, message, item.get("value"));
    }
}

/// A top-level array: DRF sends `["msg"]` for non-field errors.
fn read_array(error: &mut ApiError, items: &[Value]) {
    let texts: Vec<String> = items
        .iter()
        .filter_map(Value::as_str)
        .map(truncate)
        .collect();
    if texts.is_empty() {
        error.dialect = Dialect::UnknownJson;
    } else {
        error.dialect = Dialect::Django;
        error.form_errors.extend(texts);
    }
}

fn push_field(
    error: &mut ApiError,
    path: Option<FieldPath>,
    message: Option<&Value>,
    value: Option<&Value>,
) {
    let Some(message) = message.and_then(Value::as_str).map(truncate) else {
        return;
    };
    match path {
        Some(path) if !path.is_whole_request() => {
            push_message(error, path, message, value_text(value))
        }
        _ => error.form_errors.push(message),
    }
}

fn push_message(
    error: &mut ApiError,
    path: FieldPath,
    message: String,
    rejected_value: Option<String>,
) {
    if path.is_whole_request() || is_whole_request_key(&path) {
        error.form_errors.push(message);
    } else {
        error.field_errors.push(FieldError {
            path,
            message,
            rejected_value,
        });
    }
}

/// Keys several frameworks use for errors about the whole request.
fn is_whole_request_key(path: &FieldPath) -> bool {
    matches!(path.segments.as_slice(), [Segment::Key(k)] if k == "non_field_errors" || k == "__all__" || k == "$" || k.is_empty())
}

/// DRF's shape: every member is a list of strings or a nested tree.
fn looks_like_field_tree(object: &Map<String, Value>) -> bool {
    !object.is_empty()
        && object.values().all(|v| match v {
            Value::Array(items) => items.iter().all(|i| i.is_string() || i.is_object()),
            Value::Object(_) => true,
            _ => false,
        })
}

fn read_tree(error: &mut ApiError, path: &mut Vec<Segment>, value: &Value) {
    if path.len() > 16 {
        return; // deeper than any real form; stop rather than recurse forever
    }
    match value {
        Value::String(message) => push_message(
            error,
            FieldPath::body(path.clone()),
            truncate(message),
            None,
        ),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if item.is_object() {
                    path.push(Segment::Index(index));
                    read_tree(error, path, item);
                    path.pop();
                } else {
                    read_tree(error, path, item);
                }
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                path.push(Segment::Key(key.clone()));
                read_tree(error, path, member);
                path.pop();
            }
        }
        _ => {}
    }
}
