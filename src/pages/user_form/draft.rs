//! What the user form leaves in the draft store when the admin goes away
//! without saving.

use crate::api::wire::User;
use crate::api::wire::Versioned;

use super::values::UserValues;

/// What a form was left with: the values, for an edit the version they
/// apply to (so a save still detects someone else's change), and for a
/// create the last body sent with its idempotency key.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub values: UserValues,
    pub base: Option<Versioned<User>>,
    pub submission: Option<Submission>,
}

/// A create that was sent: resending the same body must carry the same
/// `Idempotency-Key`, also after a remount or Back/Forward, or a create
/// whose answer was lost would be made a second time.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub body: serde_json::Map<String, serde_json::Value>,
    pub key: String,
}

impl Submission {
    /// The key for sending `body`: the last one if the body is the same,
    /// else a new one from `new_key`.
    pub fn key_for(
        last: Option<&Submission>,
        body: &serde_json::Map<String, serde_json::Value>,
        new_key: impl FnOnce() -> String,
    ) -> String {
        match last {
            Some(last) if last.body == *body => last.key.clone(),
            _ => new_key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(name: &str) -> serde_json::Map<String, serde_json::Value> {
        json!({ "username": name })
            .as_object()
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn the_same_body_keeps_its_key_and_a_changed_one_gets_a_new_key() {
        let sent = Submission {
            body: body("ada"),
            key: "k1".into(),
        };
        assert_eq!(
            Submission::key_for(Some(&sent), &body("ada"), || "k2".into()),
            "k1"
        );
        assert_eq!(
            Submission::key_for(Some(&sent), &body("bob"), || "k2".into()),
            "k2"
        );
        assert_eq!(
            Submission::key_for(None, &body("ada"), || "k3".into()),
            "k3"
        );
    }
}
