//! The "Create user" screen.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;

#[component]
pub fn CreateUser() -> impl IntoView {
    view! { <PageHeading title="Create user"/> }
}
