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

/// What a form was left with: the values, and for an edit the version they
/// apply to (so a save still detects someone else's change).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub values: UserValues,
    pub base: Option<Versioned<User>>,
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
