//! Unsaved form input kept across navigation: the browser's Back button
//! cannot be stopped, so a form left with unsaved edits puts them here and
//! gets them back when the admin returns to it. The store outlives the
//! mount: a portal changing an attribute remounts the admin, and the form
//! open at that moment gets its input back in the new one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::endpoints::Versioned;
use crate::api::wire::User;
use crate::pages::user_values::UserValues;

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

/// The drafts themselves, shared by the mounts of one host element.
#[derive(Clone)]
pub struct DraftStore(send_wrapper::SendWrapper<Rc<RefCell<HashMap<String, Draft>>>>);

impl DraftStore {
    pub fn new() -> Self {
        Self(send_wrapper::SendWrapper::new(Rc::default()))
    }
}

impl Default for DraftStore {
    fn default() -> Self {
        Self::new()
    }
}

/// The store as the screens reach it (context).
#[derive(Clone, Copy)]
pub struct Drafts(StoredValue<DraftStore>);

impl Drafts {
    pub fn keep(&self, form: &str, draft: Draft) {
        self.0.with_value(|store| {
            store.0.borrow_mut().insert(form.to_owned(), draft);
        });
    }

    /// The draft left on `form`, removed from the store.
    pub fn take(&self, form: &str) -> Option<Draft> {
        self.0.with_value(|store| store.0.borrow_mut().remove(form))
    }
}

pub fn provide_drafts(store: DraftStore) {
    provide_context(Drafts(StoredValue::new(store)));
}

pub fn use_drafts() -> Drafts {
    use_context::<Drafts>().unwrap_or_else(|| Drafts(StoredValue::new(DraftStore::new())))
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

    #[test]
    fn a_kept_draft_hands_its_submission_to_the_next_mount() {
        let store = DraftStore::new();
        let owner = Owner::new();
        owner.with(|| {
            provide_drafts(store.clone());
            let draft = Draft {
                values: UserValues::default(),
                base: None,
                submission: Some(Submission {
                    body: body("ada"),
                    key: "k1".into(),
                }),
            };
            use_drafts().keep("create", draft);
        });
        // The next mount gets the same store.
        let next = Owner::new();
        next.with(|| {
            provide_drafts(store);
            let draft = use_drafts().take("create");
            assert_eq!(
                draft.and_then(|d| d.submission).map(|s| s.key).as_deref(),
                Some("k1")
            );
        });
    }
}
