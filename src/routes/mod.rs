//! Every in-app path, built here and nowhere else, and the route table
//! ([`AppRoutes`]) that maps them to screens.
//!
//! Paths are relative to the admin's base path (`/users/u1`); [`href`] gives
//! the absolute href a link needs. *Invariant:* no screen or component
//! writes a path with `format!`; the builders below and the table in
//! `table.rs` change together.

mod screens;
mod table;

pub use screens::{prefetch_all as prefetch_screens, prefetch_for};
pub use table::{provide_current_screen, use_current_screen, AppRoutes, Screen};

use crate::api::params::encode;

/// The user list with its default view.
pub fn list() -> String {
    "/".to_owned()
}

/// The user list with a view query from `list_state::to_query` (`?q=jan`).
pub fn list_with(query: &str) -> String {
    format!("/{query}")
}

pub fn new_user() -> String {
    "/users/new".to_owned()
}

/// A user's profile, by the id the API addresses them by.
pub fn user(id: &str) -> String {
    format!("/users/{}", encode(id))
}

pub fn edit_user(id: &str) -> String {
    format!("{}/edit", user(id))
}

/// The signed-in admin's own profile.
pub fn own_profile() -> String {
    "/profile".to_owned()
}

/// The signed-in admin's presence.
pub fn my_presence() -> String {
    "/me".to_owned()
}

/// The user id of the current screen (`/users/:id`, `/users/:id/edit`),
/// decoded. It keeps its last id while the URL moves to another screen, so
/// the screen that is going never asks for a user without one.
pub fn use_user_id() -> leptos::prelude::Memo<String> {
    use leptos::prelude::*;
    let screen = use_current_screen();
    Memo::new(move |last: Option<&String>| {
        let id = screen.with(|s| s.user_id().map(str::to_owned));
        id.or_else(|| last.cloned()).unwrap_or_default()
    })
}

/// The href of an in-app path under the configured base path. Links are
/// plain `<a>`: the router follows a click on any link to the admin's paths.
pub fn href(path: &str) -> String {
    match leptos::prelude::use_context::<crate::config::Config>() {
        Some(config) => config.href(path),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_encoded_path_segment() {
        assert_eq!(user("u1"), "/users/u1");
        assert_eq!(user("a/b c"), "/users/a%2Fb%20c");
        assert_eq!(edit_user("a/b"), "/users/a%2Fb/edit");
        assert_eq!(list_with("?q=jan"), "/?q=jan");
        assert_eq!(list_with(""), list());
    }

    #[test]
    fn without_a_mounted_admin_a_path_is_its_own_href() {
        assert_eq!(href(&new_user()), "/users/new");
    }
}
