//! RFC 7396 JSON merge-patch.

use serde_json::{Map, Value};

/// RFC 7396: objects merge member by member, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(members) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            let object = target.as_object_mut().expect("made an object above");
            for (name, value) in members {
                if value.is_null() {
                    object.remove(name);
                } else {
                    merge_patch(object.entry(name.clone()).or_insert(Value::Null), value);
                }
            }
        }
        other => *target = other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let mut target = json!({"Locale": "en", "Theme": "dark", "nested": {"a": 1, "b": 2}});
        merge_patch(
            &mut target,
            &json!({"Locale": "de", "Theme": null, "nested": {"a": null, "c": 3}}),
        );
        assert_eq!(target, json!({"Locale": "de", "nested": {"b": 2, "c": 3}}));
    }
}
