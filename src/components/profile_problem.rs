//! When the admin cannot start for its API profile: the profile is wrong
//! (the member that is wrong is named, so nothing on screen fails later for
//! a reason nobody can see), or the part that reads it did not load (Try
//! again). Either is a page of its own, with a landmark and a heading.

use leptos::prelude::*;

use crate::api::profile::ProfileError;
use crate::i18n::t;
use crate::lazy::PartNotLoaded;

/// The admin's own region (the page's main landmark when it owns the page),
/// headed "The admin did not start".
#[component]
fn NotStarted(children: Children) -> impl IntoView {
    let owns_page = crate::host::use_host().owns_page();
    let t = t();
    view! {
        <div class="ua-app" role=if owns_page { "main" } else { "region" }
            aria-label=(!owns_page).then_some(t.product)>
            <h1 class="ua-page-title">{t.not_started}</h1>
            {children()}
        </div>
    }
}

#[component]
pub fn ProfileProblem(error: ProfileError) -> impl IntoView {
    leptos::logging::error!("user-admin: the API profile is not valid: {error}");
    let t = t();
    view! {
        <NotStarted>
            <div class="ua-banner ua-banner--error" role="alert">
                <p class="ua-banner__message">{t.profile_invalid}</p>
                <p><code class="ua-profile-problem">{error.to_string()}</code></p>
                <p>{t.profile_invalid_hint}</p>
            </div>
        </NotStarted>
    }
}

/// The profile parser's part did not download.
#[component]
pub fn ProfileReaderNotLoaded(retry: impl Fn() + Send + 'static) -> impl IntoView {
    view! {
        <NotStarted>
            <PartNotLoaded retry/>
        </NotStarted>
    }
}
