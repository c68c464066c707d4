//! Merge-patches (RFC 7396) holding only what the admin changed.

use serde_json::{Map, Value};

/// The members of `edited` that differ from `original`; a member the admin
/// removed becomes `null`. Nested objects (preferences) are diffed member by
/// member; arrays are replaced whole, as RFC 7396 says.
pub fn merge_patch(
    original: &Map<String, Value>,
    edited: &Map<String, Value>,
) -> Map<String, Value> {
    let mut patch = Map::new();
    for (name, new) in edited {
        match (original.get(name), new) {
            (Some(old), new) if old == new => {}
            (Some(Value::Object(old)), Value::Object(new)) => {
                let inner = merge_patch(old, new);
                if !inner.is_empty() {
                    patch.insert(name.clone(), Value::Object(inner));
                }
            }
            _ => {
                patch.insert(name.clone(), new.clone());
            }
        }
    }
    for name in original.keys().filter(|name| !edited.contains_key(*name)) {
        patch.insert(name.clone(), Value::Null);
    }
    patch
}

/// `target` with `patch` applied (RFC 7396): `null` removes a member,
/// objects merge member by member, anything else replaces. For APIs that
/// take a change as a `PUT` of the whole user.
pub fn apply_merge_patch(target: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (name, change) in patch {
        match (target.get_mut(name), change) {
            (_, Value::Null) => {
                target.remove(name);
            }
            (Some(Value::Object(inner)), Value::Object(changes)) => {
                apply_merge_patch(inner, changes)
            }
            _ => {
                target.insert(name.clone(), change.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let original = object(
            json!({"fullName": "Jane", "email": "j@x.io", "roles": ["a"], "active": true,
                                     "preferences": {"Locale": "en", "Theme": "dark"}}),
        );
        let edited = object(
            json!({"fullName": "Jane Doe", "email": "j@x.io", "roles": ["a", "b"], "active": true,
                                   "preferences": {"Locale": "de"}}),
        );
        assert_eq!(
            Value::Object(merge_patch(&original, &edited)),
            json!({"fullName": "Jane Doe", "roles": ["a", "b"], "preferences": {"Locale": "de", "Theme": null}})
        );
        assert!(
            merge_patch(&original, &original).is_empty(),
            "a pristine form sends nothing"
        );
    }

    #[test]
    fn a_whole_user_takes_the_changes_and_keeps_what_the_admin_never_saw() {
        let mut user = object(json!({"id": "7", "fullName": "Jane", "apps": ["x"],
                   "preferences": {"Locale": "en", "Theme": "dark"}}));
        let original = user.clone();
        let edited = object(
            json!({"id": "7", "fullName": "Jane Doe", "apps": ["x"], "preferences": {"Locale": "de"}}),
        );
        apply_merge_patch(&mut user, &merge_patch(&original, &edited));
        assert_eq!(Value::Object(user), Value::Object(edited));
        let mut kept = object(json!({"id": "7", "serverOnly": {"a": 1}}));
        apply_merge_patch(&mut kept, &object(json!({"fullName": "Ann"})));
        assert_eq!(
            Value::Object(kept),
            json!({"id": "7", "serverOnly": {"a": 1}, "fullName": "Ann"})
        );
    }
}
