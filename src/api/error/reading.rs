//! Reading error bodies leniently: strings capped, members of the wrong
//! type ignored, and each message put on its field or on the whole request.

use serde_json::{Map, Value};

use super::{ApiError, FieldError};
use crate::api::field_path::{FieldPath, Segment};

/// Characters kept of any one string from an error body.
const MAX_TEXT: usize = 1_000;
/// Characters of a non-JSON body kept for diagnostics.
const SNIPPET: usize = 200;

pub(super) fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

pub(super) fn snippet(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET * 4)]);
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == ' ')
        .take(SNIPPET)
        .collect();
    Some(cleaned.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A string member, truncated; members of another type are ignored.
pub(super) fn text(object: &Map<String, Value>, name: &str) -> Option<String> {
    object
        .get(name)
        .and_then(Value::as_str)
        .map(truncate)
        .filter(|s| !s.trim().is_empty())
}

/// A string or number member as text (codes and ids come as either).
pub(super) fn code(object: &Map<String, Value>, name: &str) -> Option<String> {
    match object.get(name)? {
        Value::String(s) if !s.is_empty() => Some(truncate(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A rejected value as text: strings, numbers and booleans. A list or an
/// object is not echoed.
pub(super) fn value_text(value: Option<&Value>) -> Option<String> {
    crate::api::wire::scalar_text(value?).map(|text| truncate(&text))
}

pub(super) fn messages(value: &Value) -> Vec<String> {
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

pub(super) fn push_field(
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

pub(super) fn push_message(
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
pub(super) fn is_whole_request_key(path: &FieldPath) -> bool {
    matches!(path.segments.as_slice(), [Segment::Key(k)] if k == "non_field_errors" || k == "__all__" || k == "$" || k.is_empty())
}
