//! The list's view (page, size, search, filters, sort) lives in the URL.
//! [`ListView`] reads it and is the one way to change it: each change is a
//! navigation, so Back, reload and a pasted link restore the view.

use leptos::prelude::*;

use super::list_state;
use crate::api::params::ListParams;
use crate::config::use_config;
use crate::router::{use_router, Go};
use crate::routes;

#[derive(Clone, Copy)]
pub struct ListView {
    params: Memo<ListParams>,
    navigate: Callback<(String, bool)>,
}

/// The view in the current URL, and the way to change it.
pub fn use_list_view() -> ListView {
    let router = use_router();
    let location = router.location();
    // Outside the base path the query string is not ours (the portal's, or
    // another admin's on the same page): start from the defaults.
    let config = use_config();
    let params = Memo::new(move |_| {
        if !config.owns_path(&location.pathname.get()) {
            return ListParams::default();
        }
        location
            .query
            .with(|q| list_state::from_query(|name| q.get(name)))
    });
    // The view changes in place: the page does not scroll to its top.
    let navigate = Callback::new(move |(path, replace): (String, bool)| {
        router.go(
            &path,
            Go {
                replace,
                scroll: false,
            },
        );
    });
    ListView { params, navigate }
}

impl ListView {
    /// The view, tracked.
    pub fn params(&self) -> Memo<ListParams> {
        self.params
    }

    /// The view now, untracked (for event handlers).
    pub fn now(&self) -> ListParams {
        self.params.get_untracked()
    }

    /// The view `change` makes of the current one, from its first page.
    fn changed(&self, change: impl FnOnce(&mut ListParams)) -> ListParams {
        let mut next = ListParams {
            page: 0,
            ..self.now()
        };
        change(&mut next);
        next
    }

    /// Changes the view as a new history entry (a filter, a sort, the size).
    pub fn push(&self, change: impl FnOnce(&mut ListParams)) {
        let path = routes::list_with(&list_state::to_query(&self.changed(change)));
        self.navigate.run((path, false));
    }

    /// Changes the view in place (a search as it is typed: Back should not
    /// step through every keystroke).
    pub fn replace(&self, change: impl FnOnce(&mut ListParams)) {
        let path = routes::list_with(&list_state::to_query(&self.changed(change)));
        self.navigate.run((path, true));
    }

    /// The href of the current view at another page.
    pub fn page_href(&self, page: u64) -> String {
        let view = ListParams { page, ..self.now() };
        routes::href(&routes::list_with(&list_state::to_query(&view)))
    }

    /// The default view at the current page size (nothing searched or filtered).
    pub fn clear(&self) {
        self.push(|view| {
            *view = ListParams {
                limit: view.limit,
                ..ListParams::default()
            }
        });
    }
}
