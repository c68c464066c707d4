//! The search box: the search is sent once the admin pauses typing (or
//! presses Enter), and replaces the view in history rather than adding an
//! entry per keystroke.

use std::time::Duration;

use leptos::prelude::*;

use super::view::ListView;
use crate::components::form_field::{FormErrors, InlineError};
use crate::i18n::t;

/// Quiet time after the last keystroke before a search is sent.
const SEARCH_DEBOUNCE_MS: u64 = 300;

#[component]
pub fn SearchBox(view: ListView, errors: FormErrors) -> impl IntoView {
    let params = view.params();
    let typed = RwSignal::new(params.get_untracked().q.unwrap_or_default());
    // Back/Forward or "clear search" change the URL: show what it says.
    Effect::new(move |_| {
        let q = params.get().q.unwrap_or_default();
        if typed.get_untracked().trim() != q {
            typed.set(q);
        }
    });
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    // A search typed just before the admin is unmounted must not fire after it.
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    let settle = move |text: String| {
        let q = Some(text.trim().to_owned()).filter(|q| !q.is_empty());
        if q != view.now().q {
            view.replace(|view| view.q = q);
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || settle(text),
            Duration::from_millis(SEARCH_DEBOUNCE_MS),
        )
        .ok();
        pending.set_value(handle);
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        settle(typed.get_untracked());
    };
    let t = t();
    view! {
        <form class="ua-search" role="search" on:submit=on_submit>
            <label for="ua-search-input">{t.search_users}</label>
            <InlineError errors name="q"/>
            <input
                id="ua-search-input"
                aria-invalid=errors.invalid("q")
                aria-describedby=errors.described_by("q")
                type="search"
                autocomplete="off"
                placeholder=t.search_placeholder
                prop:value=move || typed.get()
                on:input=on_input
            />
        </form>
    }
}
