//! The user profile screen (view and edit).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::page_heading::PageHeading;

#[component]
pub fn UserProfile() -> impl IntoView {
    let params = use_params_map();
    // The heading names the user once the profile loads; until then, the id.
    let id = params.read_untracked().get("id").unwrap_or_default();
    view! { <PageHeading title=format!("User {id}")/> }
}
