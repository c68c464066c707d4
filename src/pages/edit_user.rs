//! Edit a user. Save sends a merge-patch of only the changed fields with
//! `If-Match`; when someone else saved first (412) the admin keeps their
//! edits, sees what changed on the server, and reloads or re-applies.

use leptos::prelude::*;

use crate::api::wire::User;
use crate::api::wire::Versioned;
use crate::api::{ApiError, ErrorKind};
use crate::components::error_banner::ErrorBanner;
use crate::components::error_summary::ErrorSummary;
use crate::components::flash::use_flash;
use crate::components::form_field::FormErrors;
use crate::components::page_heading::PageHeading;
use crate::components::unsaved_changes::guard_unsaved_changes;
use crate::i18n::{fill, t};
use crate::pages::user_form::{
    is_about_the_input, passes_checks, Draft, FormActions, UserField, UserFields, UserValues,
};
use crate::resource::access::WRITE_USERS;
use crate::resource::{use_capabilities, use_directory, use_may_change_users, use_user, Mutation};
use crate::routes;
use crate::state::drafts::use_drafts;

#[component]
pub fn EditUser() -> impl IntoView {
    let id = routes::use_user_id();
    let user = use_user(id);
    let may_write = use_may_change_users();
    let api_can_change = use_capabilities().update;
    let t = t();
    // Editing starts from the latest version and its ETag (a user cached
    // from a list page has none), so the form waits for a fresh read.
    use_directory().refresh_user(&id.get_untracked());
    let requested_at = js_sys::Date::now();
    // The form then belongs to the admin: a background refresh of the user
    // must not overwrite their edits.
    let loaded = Memo::new(move |_| {
        user.with(|s| s.data.is_some() && s.fetched_at.is_some_and(|at| at >= requested_at))
    });
    move || {
        if may_write.get() == Some(false) {
            return view! {
                <PageHeading title=t.edit_user/>
                <p class="ua-banner ua-banner--error" role="alert">
                    {if api_can_change {
                        fill(t.may_not_change_users, &[("scope", WRITE_USERS)])
                    } else {
                        t.api_cannot_change.to_owned()
                    }}
                </p>
            }
            .into_any();
        }
        if loaded.get() {
            let first = user.with_untracked(|s| s.data.clone());
            if let Some(first) = first {
                return view! { <EditForm id=id.get_untracked() original=first/> }.into_any();
            }
        }
        match user.with(|s| s.error.clone()) {
            Some(error) => view! {
                <PageHeading title=t.edit_user/>
                <ErrorBanner error=error/>
            }
            .into_any(),
            None => view! {
                <PageHeading title=t.edit_user/>
                <p role="status">{t.loading_user}</p>
            }
            .into_any(),
        }
    }
}

/// What the server holds now, for the conflict view.
#[derive(Clone)]
struct Conflict {
    latest: Versioned<User>,
    /// The fields the admin edited, the only ones the view compares.
    edited: Vec<UserField>,
}

#[component]
fn EditForm(id: String, original: Versioned<User>) -> impl IntoView {
    let directory = use_directory();
    let name = original
        .value
        .full_name
        .clone()
        .unwrap_or_else(|| original.value.username.clone());
    let t = t();
    let title = fill(t.edit_name, &[("name", &name)]);
    // The version the edits apply to, and what the admin has made of it.
    // Edits left here before (Back, a link) come back with the version they apply to.
    let drafts = use_drafts();
    let draft_key = format!("edit:{id}");
    let draft = drafts.take::<Draft>(&draft_key);
    let restored = draft.is_some();
    let (first_base, first_values) = match draft {
        Some(Draft {
            values,
            base: Some(base),
            ..
        }) => (base, values),
        _ => (original.clone(), UserValues::from_user(&original.value)),
    };
    let base = RwSignal::new(first_base);
    let values = RwSignal::new(first_values);
    let base_values = Memo::new(move |_| base.with(|b| UserValues::from_user(&b.value)));
    let errors = FormErrors::new("ua-edit");
    errors.title_while_shown(title.clone());
    let banner = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(if restored {
        t.draft_restored.to_owned()
    } else {
        String::new()
    });
    let conflict = RwSignal::new(None::<Conflict>);
    let saved = RwSignal::new(false);
    let dirty = Signal::derive(move || {
        !saved.get() && values.with(|v| base_values.with(|b| !v.patch_from(b).is_empty()))
    });
    let discarded = guard_unsaved_changes(dirty);
    on_cleanup(move || {
        let left_unsaved = dirty.try_get_untracked() == Some(true);
        if left_unsaved && discarded.try_get_value() == Some(false) {
            if let (Some(values), Some(base)) =
                (values.try_get_untracked(), base.try_get_untracked())
            {
                drafts.keep(
                    &draft_key,
                    Draft {
                        values,
                        base: Some(base),
                        submission: None,
                    },
                );
            }
        }
    });

    let mutation = Mutation::<Versioned<User>>::new();
    let result = mutation.state();
    let pending = {
        let result = result.clone();
        Signal::derive(move || result.with(|s| s.pending))
    };
    let profile_path = routes::user(&id);
    // The member names of the patch in flight, for the host's event.
    let sent_fields = StoredValue::new(Vec::<String>::new());
    let host = crate::host::use_host();

    let save = {
        let (id, mutation) = (id.clone(), mutation.clone());
        move || {
            banner.set(None);
            notice.set(String::new());
            let draft = values.get_untracked();
            let patch = base_values.with_untracked(|b| draft.patch_from(b));
            if patch.is_empty() {
                errors.clear();
                notice.set(t.nothing_changed.into());
                return;
            }
            if !passes_checks(&draft, false, errors) {
                return;
            }
            sent_fields.set_value(patch.keys().cloned().collect());
            let etag = base.with_untracked(|b| b.etag.clone()).unwrap_or_default();
            let (directory, id) = (directory.clone(), id.clone());
            mutation.run(async move { directory.save_user(&id, &etag, &patch).await });
        }
    };
    let on_submit = {
        let save = save.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            if !pending.get_untracked() {
                save();
            }
        }
    };

    let router = crate::router::use_router();
    let flash = use_flash();
    {
        let (directory, id, profile_path) = (use_directory(), id.clone(), profile_path.clone());
        Effect::new(move |_| {
            let outcome = result.with(|s| if s.pending { None } else { s.result.clone() });
            match outcome {
                Some(Ok(new_version)) => {
                    saved.set(true);
                    host.user_updated(&id, &sent_fields.get_value());
                    base.set(new_version);
                    flash.show_on(profile_path.clone(), t.changes_saved);
                    // Replace the form in history: Back goes to where the admin came from.
                    let replace = crate::router::Go {
                        replace: true,
                        ..Default::default()
                    };
                    router.go(&profile_path, replace);
                }
                Some(Err(error)) if error.kind == ErrorKind::Cancelled => {}
                Some(Err(error)) if error.kind == ErrorKind::PreconditionFailed => {
                    // Fetch what is there now, then show it beside the admin's edits.
                    let (directory, id) = (directory.clone(), id.clone());
                    let edited = values
                        .with_untracked(|v| base_values.with_untracked(|b| v.changed_fields(b)));
                    leptos::task::spawn_local(async move {
                        match directory.latest_user(&id).await {
                            Ok(latest) => conflict.set(Some(Conflict { latest, edited })),
                            Err(error) => banner.set(Some(error)),
                        }
                    });
                }
                Some(Err(error)) if is_about_the_input(&error.kind) => errors.show(&error),
                Some(Err(error)) => banner.set(Some(error)),
                None => {}
            }
        });
    }

    let reload = move |_| {
        if let Some(Conflict { latest, .. }) = conflict.get_untracked() {
            values.set(UserValues::from_user(&latest.value));
            base.set(latest);
            conflict.set(None);
            notice.set(t.edits_discarded.into());
        }
    };
    let reapply = {
        let save = save.clone();
        move |_| {
            if let Some(Conflict { latest, edited }) = conflict.get_untracked() {
                let mine = values.get_untracked();
                values.set(mine.with_fields_from(&edited, UserValues::from_user(&latest.value)));
                base.set(latest);
                conflict.set(None);
                save();
            }
        }
    };

    view! {
        <PageHeading title=title/>
        <ErrorSummary items=errors.summary()/>
        {move || banner.get().map(|error| view! { <ErrorBanner error=error/> })}
        {move || conflict.get().map(|c| view! {
            <ConflictView conflict=c mine=values.get_untracked() on_reload=reload on_reapply=reapply.clone()/>
        })}
        <p class="ua-notice" role="status" aria-live="polite">{move || notice.get()}</p>
        <p class="ua-details-line">{t.username} ": " <strong>{original.value.username.clone()}</strong></p>
        <form class="ua-form" on:submit=on_submit novalidate>
            <UserFields values errors creating=false/>
            <FormActions pending submit=t.save_changes submitting=t.saving
                cancel_href=routes::href(&profile_path)/>
        </form>
    }
}

/// Someone else saved first: for each field the admin edited, their value
/// beside the one on the server now, and the two ways forward.
#[component]
fn ConflictView(
    conflict: Conflict,
    mine: UserValues,
    on_reload: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_reapply: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let theirs = UserValues::from_user(&conflict.latest.value);
    let t = t();
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let rows = conflict
        .edited
        .iter()
        .map(|field| {
            let changed = mine.text(*field) != theirs.text(*field);
            view! {
                <tr>
                    <th scope="row">{field.label()}</th>
                    <td>{mine.text(*field)}</td>
                    <td>{theirs.text(*field)} {(!changed).then_some(t.same_as_yours)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="ua-conflict" aria-labelledby="ua-conflict-title">
            <h2 id="ua-conflict-title" tabindex="-1" node_ref=heading>{t.conflict_title}</h2>
            <p>{t.conflict_text}</p>
            <table class="ua-table ua-conflict__table">
                <thead><tr><th scope="col">{t.field}</th><th scope="col">{t.your_edit}</th><th scope="col">{t.saved_now}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="ua-actions">
                <button type="button" class="ua-button ua-button--primary" on:click=on_reapply>{t.reapply_edits}</button>
                <button type="button" class="ua-button" on:click=on_reload>{t.discard_edits}</button>
            </div>
        </section>
    }
}
