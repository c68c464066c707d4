//! A failed request explained in the admin's words, with a way to try again.

use leptos::prelude::*;

use crate::api::{ApiError, ErrorKind};

/// What to tell the admin about an error (never the raw body).
pub fn message(error: &ApiError) -> String {
    let lead = match error.kind {
        ErrorKind::Network => {
            "Can't reach the server. Check your connection and try again.".to_owned()
        }
        ErrorKind::Timeout => "The server took too long to answer.".to_owned(),
        ErrorKind::Unauthenticated => {
            "Your session has expired. Sign in again; nothing you typed is lost.".to_owned()
        }
        ErrorKind::Forbidden => match error.challenge.as_ref().and_then(|c| c.scope.as_deref()) {
            Some(scope) => format!("You do not have permission to do this (it needs \"{scope}\")."),
            None => "You do not have permission to do this.".to_owned(),
        },
        _ => error.title.clone(),
    };
    let mut parts = vec![lead];
    parts.extend(error.detail.clone());
    parts.extend(error.form_errors.iter().cloned());
    parts.join(" ")
}

#[component]
pub fn ErrorBanner(
    error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let reference = error.reference.clone();
    view! {
        <div class="ua-banner ua-banner--error" role="alert">
            <p class="ua-banner__message">{message(&error)}</p>
            {reference.map(|r| view! { <p class="ua-banner__reference">"Reference: " {r}</p> })}
            {on_retry.map(|retry| view! {
                <button type="button" class="ua-button" on:click=move |_| retry.run(())>"Try again"</button>
            })}
        </div>
    }
}
