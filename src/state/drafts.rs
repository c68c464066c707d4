//! Unsaved form input kept across navigation: the browser's Back button
//! cannot be stopped, so a form left with unsaved edits puts them here and
//! gets them back when the admin returns to it. The store outlives the
//! mount: a portal changing an attribute remounts the admin, and the form
//! open at that moment gets its input back in the new one. Each form
//! decides what its draft holds.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;

/// The drafts themselves, shared by the mounts of one host element.
#[derive(Clone)]
pub struct DraftStore(send_wrapper::SendWrapper<Rc<RefCell<DraftsByForm>>>);

/// Each form's draft, of whatever type the form keeps.
type DraftsByForm = HashMap<String, Rc<dyn Any>>;

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
    pub fn keep<T: 'static>(&self, form: &str, draft: T) {
        self.0.with_value(|store| {
            store.0.borrow_mut().insert(form.to_owned(), Rc::new(draft));
        });
    }

    /// The draft left on `form`, removed from the store (`None` also when
    /// what is there is not a `T`).
    pub fn take<T: Clone + 'static>(&self, form: &str) -> Option<T> {
        let kept = self
            .0
            .with_value(|store| store.0.borrow_mut().remove(form))?;
        kept.downcast_ref::<T>().cloned()
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

    #[test]
    fn a_kept_draft_is_there_for_the_next_mount_once() {
        let store = DraftStore::new();
        let owner = Owner::new();
        owner.with(|| {
            provide_drafts(store.clone());
            use_drafts().keep("create", "typed input".to_owned());
        });
        // The next mount gets the same store.
        let next = Owner::new();
        next.with(|| {
            provide_drafts(store);
            assert_eq!(use_drafts().take::<u32>("create"), None, "not a number");
            use_drafts().keep("create", "typed input".to_owned());
            assert_eq!(
                use_drafts().take::<String>("create").as_deref(),
                Some("typed input")
            );
            assert_eq!(use_drafts().take::<String>("create"), None, "taken");
        });
    }
}
