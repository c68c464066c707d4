//! Shown for any path under the base path that no screen claims.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::config::app_href;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageHeading title="Page not found"/>
        <p>"There is no page at this address. "<a href=app_href("/")>"Go to the user list"</a>"."</p>
    }
}
