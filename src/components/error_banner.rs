//! A failed request explained in the admin's words, with a way to try again.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::t;

/// What to tell the admin about an error (never the raw body).
pub fn message(error: &ApiError) -> String {
    t().explain(error)
}

#[component]
pub fn ErrorBanner(
    error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let reference = error.reference.clone();
    let t = t();
    view! {
        <div class="ua-banner ua-banner--error" role="alert">
            <p class="ua-banner__message">{message(&error)}</p>
            {reference.map(|r| view! { <p class="ua-banner__reference">{t.reference} {r}</p> })}
            {on_retry.map(|retry| view! {
                <button type="button" class="ua-button" on:click=move |_| retry.run(())>{t.try_again}</button>
            })}
        </div>
    }
}
