//! A failed request explained in the admin's words, with a way to try again.

use leptos::prelude::*;

use crate::api::error::{reason_phrase, UNREADABLE_ANSWER, WEB_PAGE_INSTEAD_OF_DATA};
use crate::api::{ApiError, ErrorKind};
use crate::i18n::{fill, t};

/// What to tell the admin about an error (never the raw body).
pub fn message(error: &ApiError) -> String {
    let t = t();
    let lead = match error.kind {
        ErrorKind::Network => t.unreachable.to_owned(),
        ErrorKind::Timeout => t.too_slow.to_owned(),
        ErrorKind::Unauthenticated => t.session_expired.to_owned(),
        ErrorKind::Forbidden => match error.challenge.as_ref().and_then(|c| c.scope.as_deref()) {
            Some(scope) => fill(t.forbidden_needs, &[("scope", scope)]),
            None => t.forbidden.to_owned(),
        },
        // The API layer's own English titles, in the admin's language; a
        // title the server wrote stays as the server wrote it.
        ErrorKind::UnexpectedBody if error.title == WEB_PAGE_INSTEAD_OF_DATA => {
            t.web_page_instead_of_data.to_owned()
        }
        ErrorKind::UnexpectedBody if error.title == UNREADABLE_ANSWER => {
            t.unreadable_answer.to_owned()
        }
        _ => match error.status {
            Some(status) if error.title == reason_phrase(status) => t.reason(status).to_owned(),
            _ => error.title.clone(),
        },
    };
    // Network and timeout details are the browser's and the client's English.
    let detail = match error.kind {
        ErrorKind::Network | ErrorKind::Timeout => None,
        _ => error.detail.clone(),
    };
    let mut parts = vec![lead];
    parts.extend(detail);
    parts.extend(error.form_errors.iter().cloned());
    parts.join(" ")
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
