//! RFC 9457 problem details: the one shape every error response takes.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Base of every problem `type` URI this server sends.
const TYPE_BASE: &str = "https://user-admin.example/problems/";

/// One field error: where (`pointer` into the body or a query `parameter`) and what.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldError {
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl FieldError {
    /// An error about the request body member `name` (a top-level member).
    pub fn body(name: &str, detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            pointer: Some(json_pointer(&[name])),
            parameter: None,
        }
    }

    /// An error about a nested body member, e.g. `["roles", "2"]`.
    pub fn body_path(segments: &[&str], detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            pointer: Some(json_pointer(segments)),
            parameter: None,
        }
    }

    /// An error about the query parameter `name`.
    pub fn parameter(name: &str, detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            pointer: None,
            parameter: Some(name.to_owned()),
        }
    }
}

/// `#/a/b` with RFC 6901 escapes (`~` → `~0`, `/` → `~1`).
fn json_pointer(segments: &[&str]) -> String {
    let mut pointer = String::from("#");
    for segment in segments {
        pointer.push('/');
        pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    pointer
}

/// A problem response: status, body and any headers it needs. Boxed, so
/// `Result<T, Problem>` stays small on the happy path.
#[derive(Debug)]
pub struct Problem(Box<Details>);

#[derive(Debug)]
struct Details {
    status: StatusCode,
    kind: &'static str,
    title: String,
    detail: Option<String>,
    errors: Vec<FieldError>,
    headers: HeaderMap,
}

impl Problem {
    pub fn new(status: StatusCode, kind: &'static str, title: impl Into<String>) -> Self {
        Self(Box::new(Details {
            status,
            kind,
            title: title.into(),
            detail: None,
            errors: Vec::new(),
            headers: HeaderMap::new(),
        }))
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.0.detail = Some(detail.into());
        self
    }

    pub fn header(mut self, name: header::HeaderName, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.0.headers.insert(name, value);
        }
        self
    }

    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// 422 with every field error of the request.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.len() {
            1 => "1 field is invalid.".to_owned(),
            n => format!("{n} fields are invalid."),
        };
        let mut problem = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "Your request is not valid.",
        );
        problem.0.detail = Some(detail);
        problem.0.errors = errors;
        problem
    }

    /// 400 naming the query parameters that are wrong.
    pub fn bad_parameters(errors: Vec<FieldError>) -> Self {
        let mut problem = Self::new(
            StatusCode::BAD_REQUEST,
            "bad-parameter",
            "A query parameter is not valid.",
        );
        let described: Vec<String> = errors
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e.parameter.as_deref().unwrap_or("a parameter"),
                    e.detail
                )
            })
            .collect();
        problem.0.detail = Some(format!("{}.", described.join("; ")));
        problem.0.errors = errors;
        problem
    }

    /// 400 for a body that cannot be read at all.
    pub fn unreadable_body(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "unreadable-body",
            "The request body cannot be read.",
        )
        .detail(detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "Not found.").detail(detail)
    }

    /// A generic problem for a status produced outside the handlers (routing, limits).
    pub fn for_status(status: StatusCode) -> Self {
        let (kind, title) = match status.as_u16() {
            404 => ("not-found", "Not found."),
            405 => ("method-not-allowed", "This method is not allowed here."),
            413 => ("body-too-large", "The request body is too large."),
            415 => (
                "unsupported-media-type",
                "The request body has an unsupported content type.",
            ),
            _ => ("error", status.canonical_reason().unwrap_or("Error")),
        };
        Self::new(status, kind, title)
    }

    /// A failure of the server itself; the cause goes to the log, not the client.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        eprintln!("internal error: {cause}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on the server.",
        )
    }
}

#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    instance: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [FieldError],
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let problem = *self.0;
        let body = ProblemBody {
            kind: format!("{TYPE_BASE}{}", problem.kind),
            title: &problem.title,
            status: problem.status.as_u16(),
            detail: problem.detail.as_deref(),
            instance: format!("urn:request:{}", uuid::Uuid::new_v4().simple()),
            errors: &problem.errors,
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (
            problem.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            json,
        )
            .into_response();
        response.headers_mut().extend(problem.headers);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(
            json_pointer(&["preferences", "a/b~c"]),
            "#/preferences/a~1b~0c"
        );
        assert_eq!(
            FieldError::body("username", "x").pointer.as_deref(),
            Some("#/username")
        );
    }
}
