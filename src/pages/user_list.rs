//! The "Users" screen.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;

#[component]
pub fn UserList() -> impl IntoView {
    view! { <PageHeading title="Users"/> }
}
