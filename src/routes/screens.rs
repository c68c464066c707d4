//! The screens other than the list, each a part that loads when it is first
//! needed (see `lazy`): a first visit of the list does not download them.

use leptos::prelude::*;

use crate::lazy::{deferred, Part};
use crate::pages::{CreateUser, EditUser, MyPresence, OwnProfile, UserProfile};

/// A screen's view, in its part's code.
#[derive(Clone, Copy)]
pub struct Screen(fn() -> AnyView);

/// Someone's profile and the admin's own are one screen.
#[derive(Clone, Copy)]
pub struct Profiles {
    user: fn() -> AnyView,
    own: fn() -> AnyView,
}

crate::split_point!(static PROFILES: Profiles = screens => Profiles {
    user: || view! { <UserProfile/> }.into_any(),
    own: || view! { <OwnProfile/> }.into_any(),
});
crate::split_point!(static EDIT_USER: Screen = screens =>
    Screen(|| view! { <EditUser/> }.into_any()));
crate::split_point!(static CREATE_USER: Screen = screens =>
    Screen(|| view! { <CreateUser/> }.into_any()));
crate::split_point!(static MY_PRESENCE: Screen = screens =>
    Screen(|| view! { <MyPresence/> }.into_any()));

fn screen(part: &'static Part<Screen>) -> AnyView {
    deferred(part, false, |Screen(view)| view())
}

pub fn user_profile() -> AnyView {
    deferred(&PROFILES, false, |profiles| (profiles.user)())
}

pub fn own_profile() -> AnyView {
    deferred(&PROFILES, false, |profiles| (profiles.own)())
}

pub fn edit_user() -> AnyView {
    screen(&EDIT_USER)
}

pub fn create_user() -> AnyView {
    screen(&CREATE_USER)
}

pub fn my_presence() -> AnyView {
    screen(&MY_PRESENCE)
}

/// Loads every screen in the background (the browser is idle after the
/// list's first rows).
pub fn prefetch_all() {
    PROFILES.prefetch();
    EDIT_USER.prefetch();
    CREATE_USER.prefetch();
    MY_PRESENCE.prefetch();
}

/// Loads the screens when the pointer or the focus reaches a link to one
/// of them (`route` is relative to the base path, as the builders in
/// `routes` make it). They are one wasm file, so any screen's link loads all.
pub fn prefetch_for(route: &str) {
    let path = route.split(['?', '#']).next().unwrap_or_default();
    let the_list = ["", "/", "/users", "/users/"];
    if !the_list.contains(&path) {
        prefetch_all();
    }
}
