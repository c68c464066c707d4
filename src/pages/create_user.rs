//! Create a user. A submission carries an `Idempotency-Key` that stays the
//! same while the admin resends the same values, so a retry after a timeout
//! or a double click never makes two users.

use leptos::prelude::*;

use crate::api::wire::Accepted;
use crate::api::ErrorKind;
use crate::components::error_banner::ErrorBanner;
use crate::components::error_summary::ErrorSummary;
use crate::components::flash::use_flash;
use crate::components::form_field::FormErrors;
use crate::components::page_heading::PageHeading;
use crate::components::retry_notice::RetryNotice;
use crate::components::unsaved_changes::guard_unsaved_changes;
use crate::format;
use crate::i18n::{fill, t};
use crate::pages::user_form::{
    is_about_the_input, passes_checks, Draft, FormActions, Submission, UserFields, UserValues,
};
use crate::resource::access::WRITE_USERS;
use crate::resource::{use_capabilities, use_directory, use_write_access, Mutation, WriteAccess};
use crate::routes;
use crate::state::drafts::use_drafts;

#[component]
pub fn CreateUser() -> impl IntoView {
    let access = use_write_access();
    let directory = use_directory();
    let retry = Callback::new(move |()| directory.refresh_profile());
    let t = t();
    // Whether the form is shown changes far less often than the access
    // state (a failed profile read retried): keep the form while it stays.
    let offers_form = Memo::new(move |_| access.with(WriteAccess::offers_controls));
    if !use_capabilities().create {
        return view! {
            <PageHeading title=t.create_user/>
            <p class="ua-banner ua-banner--error" role="alert">{t.api_cannot_create}</p>
        }
        .into_any();
    }
    view! {
        <PageHeading title=t.create_user/>
        {move || match access.get() {
            WriteAccess::Unknown(Some(error)) => Some(view! { <ErrorBanner error=*error on_retry=retry/> }),
            _ => None,
        }}
        {move || match offers_form.get() {
            Some(true) => view! { <CreateForm/> }.into_any(),
            Some(false) => view! {
                <p class="ua-banner ua-banner--error" role="alert">
                    {fill(t.may_not_create_users, &[("scope", WRITE_USERS)])}
                </p>
            }.into_any(),
            None => view! { <p role="status">{t.loading}</p> }.into_any(),
        }}
    }
    .into_any()
}

const DRAFT_KEY: &str = "create";

fn blank_user() -> UserValues {
    UserValues {
        active: true,
        time_zone: format::own_time_zone().unwrap_or_default(),
        ..UserValues::default()
    }
}

#[component]
fn CreateForm() -> impl IntoView {
    let directory = use_directory();
    // A form left with input (Back, a link) gets it back on return.
    let drafts = use_drafts();
    let draft = drafts.take::<Draft>(DRAFT_KEY);
    let restored = draft.is_some();
    // The key of the last submission and the body it carried: resending the
    // same body reuses it, so the server answers a repeat with the first
    // result. It travels with the draft across remounts and Back/Forward.
    let last_submission = StoredValue::new(draft.as_ref().and_then(|d| d.submission.clone()));
    let values = RwSignal::new(draft.map_or_else(blank_user, |d| d.values));
    let errors = FormErrors::new("ua-create");
    let t = t();
    errors.title_while_shown(t.create_user.to_owned());
    let banner = RwSignal::new(None);
    let mutation = Mutation::<Accepted>::new();
    let result = mutation.state();
    let pending = {
        let result = result.clone();
        Signal::derive(move || result.with(|s| s.pending))
    };
    let (retrying, cancel) = (mutation.retry_wait(), mutation.cancel_callback());
    let created = RwSignal::new(false);
    let dirty = Signal::derive(move || !created.get() && values.with(|v| *v != blank_user()));
    let discarded = guard_unsaved_changes(dirty);
    on_cleanup(move || {
        let left_unsaved = dirty.try_get_untracked() == Some(true);
        if left_unsaved && discarded.try_get_value() == Some(false) {
            if let Some(values) = values.try_get_untracked() {
                let submission = last_submission.try_get_value().flatten();
                let draft = Draft {
                    values,
                    base: None,
                    submission,
                };
                drafts.keep(DRAFT_KEY, draft);
            }
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        banner.set(None);
        let draft = values.get_untracked();
        if !passes_checks(&draft, true, errors) {
            return;
        }
        let body = draft.create_body();
        let key = last_submission
            .with_value(|last| Submission::key_for(last.as_ref(), &body, new_idempotency_key));
        last_submission.set_value(Some(Submission {
            body: body.clone(),
            key: key.clone(),
        }));
        let directory = directory.clone();
        mutation.run_with(move |options| async move {
            directory.create_user(&body, &key, &options).await
        });
    };

    let router = crate::router::use_router();
    let flash = use_flash();
    let host = crate::host::use_host();
    Effect::new(move |_| {
        let outcome = result.with(|s| if s.pending { None } else { s.result.clone() });
        match outcome {
            Some(Ok(accepted)) => {
                let _ = created.try_set(true);
                host.user_created(&accepted.user_key, accepted.location.as_deref());
                let path = routes::user(&accepted.user_key);
                let name = values
                    .try_with_untracked(|v| v.username.trim().to_owned())
                    .unwrap_or_default();
                flash.show_on(path.clone(), fill(t.user_accepted, &[("name", &name)]));
                // The new user replaces the form in history: Back must not re-open it.
                let replace = crate::router::Go {
                    replace: true,
                    ..Default::default()
                };
                router.go(&path, replace);
            }
            Some(Err(error)) if error.kind == ErrorKind::Cancelled => {}
            Some(Err(error)) if is_about_the_input(&error.kind) => errors.show(&error),
            Some(Err(error)) => {
                errors.clear();
                banner.set(Some(error));
            }
            None => {}
        }
    });

    view! {
        <ErrorSummary items=errors.summary()/>
        {move || banner.get().map(|error| view! { <ErrorBanner error=error/> })}
        <p class="ua-notice" role="status" aria-live="polite">{restored.then_some(t.draft_restored)}</p>
        <RetryNotice wait=retrying on_cancel=cancel/>
        <form class="ua-form" on:submit=on_submit novalidate>
            <UserFields values errors creating=true/>
            <FormActions pending submit=t.create_user submitting=t.creating
                cancel_href=routes::href(&routes::list())/>
        </form>
    }
}

/// A random UUID from the browser's CSPRNG.
fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("{}-{}", js_sys::Date::now(), js_sys::Math::random()))
}
