//! What an empty page says: the directory is empty, or nothing matches the
//! search or filters (with a way back to everyone).

use leptos::prelude::*;

use super::view::ListView;
use crate::i18n::{fill, t};

#[component]
pub fn NoUsers(view: ListView) -> impl IntoView {
    let current = view.now();
    let filtered = current.q.is_some() || current.active.is_some() || current.role.is_some();
    let t = t();
    if !filtered {
        return view! { <p class="ua-empty">{t.directory_empty}</p> }.into_any();
    }
    let what = match &current.q {
        Some(q) => fill(t.no_match_query, &[("query", q)]),
        None => t.no_match_filters.to_owned(),
    };
    view! {
        <div class="ua-empty" role="status">
            <p>{what}</p>
            <button type="button" class="ua-button" on:click=move |_| view.clear()>{t.clear_search}</button>
        </div>
    }
    .into_any()
}
