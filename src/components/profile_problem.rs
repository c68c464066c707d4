//! A wrong API profile from the host page: the admin does not start, and
//! says which member of the profile is wrong, so nothing on screen fails
//! later for a reason nobody can see.

use leptos::prelude::*;

use crate::api::profile::ProfileError;
use crate::i18n::t;

#[component]
pub fn ProfileProblem(error: ProfileError) -> impl IntoView {
    leptos::logging::error!("user-admin: the API profile is not valid: {error}");
    let t = t();
    view! {
        <div class="ua-banner ua-banner--error" role="alert">
            <p class="ua-banner__message">{t.profile_invalid}</p>
            <p><code class="ua-profile-problem">{error.to_string()}</code></p>
            <p>{t.profile_invalid_hint}</p>
        </div>
    }
}
