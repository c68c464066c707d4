//! Shown for any path under the base path that no screen claims.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <PageHeading title=t.page_not_found/>
        <p>{t.no_page_here}<a href=routes::href(&routes::list())>{t.go_to_list}</a>"."</p>
    }
}
