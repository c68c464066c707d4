//! The contract's validation rules. Every check runs, so one response lists
//! every problem of a request.

use std::str::FromStr;

use serde_json::{Map, Value};

use crate::model::{NewUser, UserChanges};
use crate::problem::FieldError;

pub const MAX_TEXT: usize = 255;

const CREATE_FIELDS: &[&str] = &[
    "username",
    "fullName",
    "email",
    "active",
    "roles",
    "timeZone",
    "memberships",
    "preferences",
];
const READ_ONLY_FIELDS: &[&str] = &["id", "username", "createdAt", "lastLoginAt", "_links"];

/// Checks a create body (`POST /users`).
pub fn new_user(
    body: &Map<String, Value>,
    known_roles: &[String],
) -> Result<NewUser, Vec<FieldError>> {
    let mut errors = Vec::new();
    for name in body
        .keys()
        .filter(|name| !CREATE_FIELDS.contains(&name.as_str()))
    {
        errors.push(FieldError::body(name, "is not a known field"));
    }
    let username = match body.get("username") {
        None | Some(Value::Null) => {
            errors.push(FieldError::body("username", "is required"));
            String::new()
        }
        Some(value) => username(value).unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        }),
    };
    let email = match body.get("email") {
        None | Some(Value::Null) => {
            errors.push(FieldError::body("email", "is required"));
            String::new()
        }
        Some(value) => email(value).unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        }),
    };
    let full_name = body
        .get("fullName")
        .and_then(|v| keep(&mut errors, full_name(v)))
        .unwrap_or_default();
    let active = body
        .get("active")
        .and_then(|v| keep(&mut errors, boolean("active", v)))
        .unwrap_or(true);
    let roles = body
        .get("roles")
        .and_then(|v| take_all(&mut errors, roles(v, known_roles)))
        .unwrap_or_default();
    let time_zone = body
        .get("timeZone")
        .and_then(|v| keep(&mut errors, time_zone(v)))
        .flatten();
    let memberships = body
        .get("memberships")
        .and_then(|v| keep(&mut errors, string_list("memberships", v)))
        .unwrap_or_default();
    let preferences = body
        .get("preferences")
        .and_then(|v| keep(&mut errors, preferences(v)))
        .unwrap_or_default();
    if errors.is_empty() {
        Ok(NewUser {
            username,
            full_name,
            email,
            active,
            roles,
            time_zone,
            memberships,
            preferences,
        })
    } else {
        Err(errors)
    }
}

/// Checks a merge-patch body (`PATCH /users/{id}`). `null` clears a field
/// where the contract allows it (full name, roles, time zone, memberships,
/// preferences).
pub fn user_changes(
    body: &Map<String, Value>,
    known_roles: &[String],
) -> Result<UserChanges, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut changes = UserChanges::default();
    for (name, value) in body {
        match name.as_str() {
            "fullName" => {
                changes.full_name = keep(&mut errors, or_when_null(value, String::new(), full_name))
            }
            "email" => changes.email = keep(&mut errors, email(value)),
            "active" => changes.active = keep(&mut errors, boolean("active", value)),
            "roles" if value.is_null() => changes.roles = Some(Vec::new()),
            "roles" => changes.roles = take_all(&mut errors, roles(value, known_roles)),
            "timeZone" => changes.time_zone = keep(&mut errors, time_zone(value)),
            "memberships" => {
                let list = or_when_null(value, Vec::new(), |v| string_list("memberships", v));
                changes.memberships = keep(&mut errors, list);
            }
            "preferences" if value.is_null() => changes.preferences = Some(Value::Null),
            "preferences" => {
                changes.preferences =
                    keep(&mut errors, preferences_patch(value)).map(|()| value.clone())
            }
            name if READ_ONLY_FIELDS.contains(&name) => {
                errors.push(FieldError::body(name, "cannot be changed"))
            }
            name => errors.push(FieldError::body(name, "is not a known field")),
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

/// `default` for `null`, otherwise what `check` makes of the value.
fn or_when_null<T>(
    value: &Value,
    default: T,
    check: impl Fn(&Value) -> Result<T, FieldError>,
) -> Result<T, FieldError> {
    if value.is_null() {
        Ok(default)
    } else {
        check(value)
    }
}

fn keep<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

fn take_all<T>(errors: &mut Vec<FieldError>, result: Result<T, Vec<FieldError>>) -> Option<T> {
    result.map_err(|mut e| errors.append(&mut e)).ok()
}

fn string<'a>(name: &str, value: &'a Value) -> Result<&'a str, FieldError> {
    value
        .as_str()
        .ok_or_else(|| FieldError::body(name, "must be a string"))
}

fn username(value: &Value) -> Result<String, FieldError> {
    let text = string("username", value)?;
    let length = text.chars().count();
    if length == 0 {
        return Err(FieldError::body("username", "is required"));
    }
    if length > MAX_TEXT {
        return Err(FieldError::body(
            "username",
            format!("must be at most {MAX_TEXT} characters"),
        ));
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-'))
    {
        return Err(FieldError::body(
            "username",
            "may contain only letters A–Z, digits and . _ @ -",
        ));
    }
    Ok(text.to_owned())
}

fn email(value: &Value) -> Result<String, FieldError> {
    let text = string("email", value)?.trim();
    if text.is_empty() {
        return Err(FieldError::body("email", "is required"));
    }
    if !is_email(text) {
        return Err(FieldError::body(
            "email",
            "must be a valid email address, such as name@example.com",
        ));
    }
    Ok(text.to_owned())
}

/// A pragmatic address check: one `@`, a local part, a dotted domain of
/// letters, digits and hyphens, no spaces, at most 254 characters.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    text.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !local.contains(|c: char| c.is_whitespace() || c == '@' || c.is_control())
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

fn full_name(value: &Value) -> Result<String, FieldError> {
    let text = string("fullName", value)?;
    if text.chars().count() > MAX_TEXT {
        return Err(FieldError::body(
            "fullName",
            format!("must be at most {MAX_TEXT} characters"),
        ));
    }
    Ok(text.trim().to_owned())
}

fn boolean(name: &str, value: &Value) -> Result<bool, FieldError> {
    value
        .as_bool()
        .ok_or_else(|| FieldError::body(name, "must be true or false"))
}

fn roles(value: &Value, known_roles: &[String]) -> Result<Vec<String>, Vec<FieldError>> {
    let Some(items) = value.as_array() else {
        return Err(vec![FieldError::body(
            "roles",
            "must be a list of role names",
        )]);
    };
    let mut roles = Vec::new();
    let mut errors = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let position = index.to_string();
        match item.as_str() {
            Some(role) if known_roles.iter().any(|known| known == role) => {
                if !roles.iter().any(|r| r == role) {
                    roles.push(role.to_owned());
                }
            }
            Some(_) => errors.push(FieldError::body_path(
                &["roles", &position],
                "is not an assignable role",
            )),
            None => errors.push(FieldError::body_path(
                &["roles", &position],
                "must be a role name",
            )),
        }
    }
    if errors.is_empty() {
        Ok(roles)
    } else {
        Err(errors)
    }
}

/// `Some(name)` for a tz database name, `None` for `null` (no time zone).
fn time_zone(value: &Value) -> Result<Option<String>, FieldError> {
    match value {
        Value::Null => Ok(None),
        Value::String(name) if chrono_tz::Tz::from_str(name).is_ok() => Ok(Some(name.clone())),
        Value::String(_) => Err(FieldError::body(
            "timeZone",
            "must be a tz database name, such as Europe/Amsterdam",
        )),
        _ => Err(FieldError::body("timeZone", "must be a string")),
    }
}

fn string_list(name: &str, value: &Value) -> Result<Vec<String>, FieldError> {
    let items = value
        .as_array()
        .ok_or_else(|| FieldError::body(name, "must be a list of strings"))?;
    items
        .iter()
        .map(|item| {
            item.as_str()
                .filter(|s| s.chars().count() <= MAX_TEXT)
                .map(str::to_owned)
                .ok_or_else(|| {
                    FieldError::body(
                        name,
                        format!("must be a list of strings of at most {MAX_TEXT} characters"),
                    )
                })
        })
        .collect()
}

fn preferences(value: &Value) -> Result<Map<String, Value>, FieldError> {
    preferences_patch(value)?;
    let mut object = value.as_object().cloned().unwrap_or_default();
    object.retain(|_, v| !v.is_null());
    Ok(object)
}

/// Preferences are an object of string values (`null` removes one in a patch).
fn preferences_patch(value: &Value) -> Result<(), FieldError> {
    let object = value
        .as_object()
        .ok_or_else(|| FieldError::body("preferences", "must be an object"))?;
    for (key, item) in object {
        if !(item.is_string() || item.is_null()) {
            return Err(FieldError::body_path(
                &["preferences", key],
                "must be a string",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn roles() -> Vec<String> {
        vec!["support".into(), "admin".into()]
    }

    fn pointers(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().filter_map(|e| e.pointer.as_deref()).collect()
    }

    #[test]
    fn a_create_body_reports_every_problem_at_once() {
        let body = json!({"username": "a b", "email": "nope", "timeZone": "Mars/Olympus", "roles": ["support", "pilot"],
                          "active": "yes", "extra": 1});
        let errors = new_user(body.as_object().unwrap(), &roles()).unwrap_err();
        let mut found = pointers(&errors);
        found.sort();
        assert_eq!(
            found,
            [
                "#/active",
                "#/email",
                "#/extra",
                "#/roles/1",
                "#/timeZone",
                "#/username"
            ]
        );
    }

    #[test]
    fn a_valid_create_body_gets_defaults() {
        let body = json!({"username": "jane.doe@x", "email": "jane@example.com", "timeZone": "Europe/Amsterdam"});
        let user = new_user(body.as_object().unwrap(), &roles()).unwrap();
        assert!(user.active);
        assert_eq!(user.time_zone.as_deref(), Some("Europe/Amsterdam"));
        assert!(user.roles.is_empty());
    }

    #[test]
    fn a_patch_may_not_touch_read_only_fields() {
        let body = json!({"username": "x", "id": "y", "fullName": "Jane"});
        let errors = user_changes(body.as_object().unwrap(), &roles()).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.detail == "cannot be changed"));
    }

    #[test]
    fn email_shapes() {
        assert!(is_email("jane@example.com"));
        assert!(is_email("jane.o'brien+tag@mail.example.co.uk"));
        for bad in [
            "",
            "jane",
            "jane@",
            "@example.com",
            "jane@example",
            "ja ne@example.com",
            "jane@-x.com",
            "a@b@c.com",
        ] {
            assert!(!is_email(bad), "{bad} should be rejected");
        }
    }
}
