//! Unsaved form input kept across navigation: the browser's Back button
//! cannot be stopped, so a form left with unsaved edits puts them here and
//! gets them back when the admin returns to it.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::endpoints::Versioned;
use crate::api::wire::User;
use crate::pages::user_values::UserValues;

/// What a form was left with: the values, and for an edit the version they
/// apply to (so a save still detects someone else's change).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub values: UserValues,
    pub base: Option<Versioned<User>>,
}

#[derive(Clone, Copy)]
pub struct Drafts(StoredValue<HashMap<String, Draft>>);

impl Drafts {
    pub fn keep(&self, form: &str, draft: Draft) {
        self.0.update_value(|drafts| {
            drafts.insert(form.to_owned(), draft);
        });
    }

    /// The draft left on `form`, removed from the store.
    pub fn take(&self, form: &str) -> Option<Draft> {
        let mut taken = None;
        self.0.update_value(|drafts| taken = drafts.remove(form));
        taken
    }
}

pub fn provide_drafts() {
    provide_context(Drafts(StoredValue::new(HashMap::new())));
}

pub fn use_drafts() -> Drafts {
    use_context::<Drafts>().unwrap_or_else(|| Drafts(StoredValue::new(HashMap::new())))
}
