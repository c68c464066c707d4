//! The route table: which screen each path shows.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::pages::{
    CreateUser, EditUser, MyPresence, OwnProfile, Unmatched, UserList, UserProfile,
};

/// The screens, by path (the same paths the builders in `routes` make).
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=Unmatched>
            <Route path=path!("/") view=UserList/>
            // The URL people type, and the API's own path for the list.
            <Route path=path!("/users") view=UserList/>
            <Route path=path!("/users/new") view=CreateUser/>
            <Route path=path!("/users/:id") view=UserProfile/>
            <Route path=path!("/users/:id/edit") view=EditUser/>
            <Route path=path!("/profile") view=OwnProfile/>
            <Route path=path!("/me") view=MyPresence/>
        </Routes>
    }
}
