//! Deactivate or activate a user, after a confirmation in a modal dialog
//! (the browser's `<dialog>`: it traps focus, closes on Escape and gives
//! focus back to the button that opened it).

use leptos::html;
use leptos::prelude::*;

use crate::api::wire::User;
use crate::api::wire::Versioned;
use crate::components::error_banner::ErrorBanner;
use crate::components::flash::use_flash;
use crate::resource::{use_directory, Mutation};
use crate::routes;

#[component]
pub fn ActivationControl(
    /// The id the API addresses the user by.
    id: String,
    user: Versioned<User>,
) -> impl IntoView {
    let directory = use_directory();
    let dialog = NodeRef::<html::Dialog>::new();
    let deactivating = user.value.active;
    let name = user
        .value
        .full_name
        .clone()
        .unwrap_or_else(|| user.value.username.clone());
    let t = crate::i18n::t();
    let named = |template| crate::i18n::fill(template, &[("name", &name)]);
    let (action, in_progress, question, consequence, done) = if deactivating {
        (
            t.deactivate_user,
            t.deactivating,
            named(t.deactivate_question),
            t.deactivate_consequence,
            named(t.now_inactive),
        )
    } else {
        (
            t.activate_user,
            t.activating,
            named(t.activate_question),
            t.activate_consequence,
            named(t.now_active),
        )
    };
    let mutation = Mutation::<Versioned<User>>::new();
    let result = mutation.state();
    let pending = {
        let result = result.clone();
        Signal::derive(move || result.with(|s| s.pending))
    };
    let failure = Signal::derive(move || {
        result.with(|s| match &s.result {
            Some(Err(error)) if !s.pending => Some(error.clone()),
            _ => None,
        })
    });

    let open = move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let confirm = {
        let etag = user.etag.clone();
        let flash = use_flash();
        let host = crate::host::use_host();
        move |_| {
            let (directory, id, etag, done, host) = (
                directory.clone(),
                id.clone(),
                etag.clone(),
                done.clone(),
                host.clone(),
            );
            mutation.run(async move {
                let result = directory.set_active(&id, etag, !deactivating).await;
                if result.is_ok() {
                    host.user_updated(&id, &["active".to_owned()]);
                    flash.show_on(routes::user(&id), done);
                }
                result
            });
        }
    };

    view! {
        <button type="button" class="ua-button" aria-haspopup="dialog" on:click=open>
            {action}
        </button>
        <dialog class="ua-dialog" node_ref=dialog aria-labelledby="ua-activation-title">
            <h2 id="ua-activation-title">{question}</h2>
            <p>{consequence}</p>
            {move || failure.get().map(|error| view! { <ErrorBanner error=error/> })}
            <div class="ua-actions">
                <button type="button" class="ua-button ua-button--primary" on:click=confirm
                    aria-disabled=move || pending.get().then_some("true")>
                    {move || if pending.get() { in_progress } else { action }}
                </button>
                <button type="button" class="ua-button" on:click=close>{t.cancel}</button>
            </div>
        </dialog>
    }
}
