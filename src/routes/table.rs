//! The route table: which screen each path shows.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::screens;
use crate::pages::{Unmatched, UserList};

/// The screens, by path (the same paths the builders in `routes` make). The
/// list is in the first download; the others load when needed (`screens`).
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=Unmatched>
            <Route path=path!("/") view=UserList/>
            // The URL people type, and the API's own path for the list.
            <Route path=path!("/users") view=UserList/>
            <Route path=path!("/users/new") view=screens::create_user/>
            <Route path=path!("/users/:id") view=screens::user_profile/>
            <Route path=path!("/users/:id/edit") view=screens::edit_user/>
            <Route path=path!("/profile") view=screens::own_profile/>
            <Route path=path!("/me") view=screens::my_presence/>
        </Routes>
    }
}
