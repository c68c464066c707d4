//! Shown for any path under the base path that no screen claims.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::config::use_config;
use crate::pages::UserList;
use crate::routes;
use crate::state::OutsideScreen;

/// What a path no route matches shows: "not found" below the base path; the
/// start screen outside it. The URL is outside when the portal's page is not
/// the admin's own, or when another admin on the same page owns the URL
/// (Back to one of its entries must not turn this one into an error).
#[component]
pub fn Unmatched() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let config = use_config();
    // The router calls this again whenever it falls back, so no tracking here.
    if config.owns_path(&location.pathname.get_untracked()) {
        return view! { <NotFound/> }.into_any();
    }
    match use_context::<OutsideScreen>() {
        Some(outside) => outside.render(|| view! { <UserList/> }.into_any()),
        None => view! { <UserList/> }.into_any(),
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <PageHeading title=t.page_not_found/>
        <p>{t.no_page_here}<a href=routes::href(&routes::list())>{t.go_to_list}</a>"."</p>
    }
}
