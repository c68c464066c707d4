//! The "My presence" screen.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;

#[component]
pub fn MyPresence() -> impl IntoView {
    view! { <PageHeading title="My presence"/> }
}
