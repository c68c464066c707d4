//! The list screen of an API that has no list of users (its profile says
//! `"list": null`): the admin opens a user by their id instead.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::i18n::t;
use crate::routes;

#[component]
pub fn OpenById() -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let router = crate::router::use_router();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = typed.get_untracked().trim().to_owned();
        if !id.is_empty() {
            router.go(&routes::user(&id), Default::default());
        }
    };
    let t = t();
    view! {
        <PageHeading title=t.users/>
        <form class="ua-search" on:submit=on_submit>
            <p id="ua-no-list">{t.api_has_no_list}</p>
            <label for="ua-open-id">{t.user_id}</label>
            <input id="ua-open-id" type="text" autocomplete="off" required=true
                aria-describedby="ua-no-list"
                prop:value=move || typed.get()
                on:input=move |event| typed.set(event_target_value(&event))/>
            <button type="submit" class="ua-button ua-button--primary">{t.open_user}</button>
        </form>
    }
}
