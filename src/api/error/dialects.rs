//! One reader per error-body dialect, tried in order by [`read_object`]: the
//! first whose shape matches the body reads it. The order matters where
//! shapes overlap (problem details with `invalidFields` before plain problem
//! details; an `errors` array before an `errors` map; a bare `message` last
//! but one, the Django field tree last).

use serde_json::{Map, Value};

use super::reading::{code, messages, push_field, push_message, text, truncate};
use super::{ApiError, Challenge, Dialect};
use crate::api::field_path::{FieldPath, Segment};

/// Reads `object` into the error if it has this reader's shape; returns
/// whether it did.
type Reader = fn(&mut ApiError, &Map<String, Value>) -> bool;

const READERS: [Reader; 11] = [
    invalid_fields,
    errors_array,
    errors_map,
    violations,
    fastapi_detail,
    google_error,
    oauth,
    wle,
    problem_details,
    message_only,
    drf_field_tree,
];

/// The members most dialects share, then the first reader that knows the shape.
pub(super) fn read_object(error: &mut ApiError, object: &Map<String, Value>) {
    error.title = text(object, "title");
    error.detail = text(object, "detail");
    error.reference = ["instance", "requestId", "traceId", "correlationId"]
        .iter()
        .find_map(|n| text(object, n));
    error.code = ["errorCode", "code"].iter().find_map(|n| code(object, n));
    if !READERS.iter().any(|read| read(error, object)) {
        error.dialect = Dialect::UnknownJson;
    }
}

/// A top-level array: Django REST framework sends `["msg"]` for non-field errors.
pub(super) fn read_array(error: &mut ApiError, items: &[Value]) {
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

/// `invalidFields[] {name, message, value}`.
fn invalid_fields(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let Some(fields) = object.get("invalidFields").and_then(Value::as_array) else {
        return false;
    };
    error.dialect = Dialect::InvalidFields;
    for field in fields.iter().filter_map(Value::as_object) {
        let path = text(field, "name").map(|n| FieldPath::from_dotted(&n));
        push_field(error, path, field.get("message"), field.get("value"));
    }
    true
}

/// RFC 9457 `errors[] {detail, pointer|parameter}` or JSON:API `errors[] {detail, source}`.
fn errors_array(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let Some(items) = object.get("errors").and_then(Value::as_array) else {
        return false;
    };
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
    true
}

/// ASP.NET `errors: {"Field": ["msg"]}`, or Laravel's `{message, errors: {"a.0.b": [..]}}`.
fn errors_map(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let Some(map) = object.get("errors").and_then(Value::as_object) else {
        return false;
    };
    if object.contains_key("message") && !object.contains_key("title") {
        error.dialect = Dialect::Laravel;
        error.detail = error.detail.take().or_else(|| text(object, "message"));
    } else {
        error.dialect = Dialect::AspNet;
    }
    for (key, value) in map {
        let path = FieldPath::from_dotted(key);
        for message in messages(value) {
            push_message(error, path.clone(), message, None);
        }
    }
    true
}

/// `violations[] {field, message}` (Zalando, Quarkus, Micronaut) or
/// `violations[] {propertyPath, title|message}` (Symfony, API Platform).
fn violations(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let Some(violations) = object.get("violations").and_then(Value::as_array) else {
        return false;
    };
    error.dialect = Dialect::Violations;
    for violation in violations.iter().filter_map(Value::as_object) {
        let path = if let Some(property) = text(violation, "propertyPath") {
            error.dialect = Dialect::Symfony;
            Some(property)
        } else {
            text(violation, "field")
        };
        let message = violation.get("message").or_else(|| violation.get("title"));
        let path = path.map(|p| FieldPath::from_dotted(&p));
        push_field(error, path, message, violation.get("value"));
    }
    true
}

/// FastAPI / pydantic `detail[] {loc, msg, input}`.
fn fastapi_detail(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let Some(details) = object.get("detail").and_then(Value::as_array) else {
        return false;
    };
    error.dialect = Dialect::FastApi;
    for item in details.iter().filter_map(Value::as_object) {
        let path = item
            .get("loc")
            .and_then(Value::as_array)
            .map(|loc| FieldPath::from_location_list(loc));
        push_field(error, path, item.get("msg"), item.get("input"));
    }
    true
}

/// Google AIP-193 `error {message, status, details[].fieldViolations[]}`.
fn google_error(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let Some(inner) = object.get("error").and_then(Value::as_object) else {
        return false;
    };
    error.dialect = Dialect::Google;
    error.detail = text(inner, "message");
    error.code = text(inner, "status").or_else(|| code(inner, "code"));
    let details = inner.get("details").and_then(Value::as_array);
    for detail in details.into_iter().flatten().filter_map(Value::as_object) {
        let violations = detail.get("fieldViolations").and_then(Value::as_array);
        for violation in violations
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            let path = text(violation, "field").map(|f| FieldPath::from_dotted(&f));
            push_field(error, path, violation.get("description"), None);
        }
    }
    true
}

/// OAuth 2.0 `{error, error_description, scope}`; the body fills in what the
/// `WWW-Authenticate` challenge did not say.
fn oauth(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    if !object.get("error").is_some_and(Value::is_string) {
        return false;
    }
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
    true
}

/// IBM BPM / WLE REST `{status, exceptionType, errorNumber, errorMessage}`.
/// `programmersDetails` (a stack trace) and `exceptionType` are left out on
/// purpose: they are for developers, not admins.
fn wle(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    // As JSON the exception sits in `{"status": "error", "Data": {…}}`.
    let object = object
        .get("Data")
        .and_then(Value::as_object)
        .unwrap_or(object);
    let is_wle = ["exceptionType", "errorNumber", "errorMessage"]
        .iter()
        .any(|n| object.contains_key(*n));
    if !is_wle {
        return false;
    }
    error.dialect = Dialect::Wle;
    error.code = code(object, "errorNumber");
    if let Some(message) = text(object, "errorMessage") {
        error.form_errors.push(message);
    }
    true
}

/// RFC 9457 problem details without field errors.
fn problem_details(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let is_problem = ["type", "title", "status", "detail", "instance"]
        .iter()
        .any(|n| object.contains_key(*n));
    if is_problem {
        error.dialect = Dialect::ProblemDetails;
    }
    is_problem
}

/// `{"message": "…"}` and nothing that says more.
fn message_only(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let Some(message) = text(object, "message") else {
        return false;
    };
    error.dialect = Dialect::Message;
    error.form_errors.push(message);
    true
}

/// Django REST framework: the body is the tree of fields, every member a
/// list of messages or a nested tree.
fn drf_field_tree(error: &mut ApiError, object: &Map<String, Value>) -> bool {
    let looks_like_tree = !object.is_empty()
        && object.values().all(|v| match v {
            Value::Array(items) => items.iter().all(|i| i.is_string() || i.is_object()),
            Value::Object(_) => true,
            _ => false,
        });
    if !looks_like_tree {
        return false;
    }
    error.dialect = Dialect::Django;
    read_tree(error, &mut Vec::new(), &Value::Object(object.clone()));
    true
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
