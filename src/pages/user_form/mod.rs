//! The fields the create and edit forms share: each bound to the form's
//! values, each a place server errors can land.

use leptos::prelude::*;

use crate::api::wire::Role;
use crate::api::ErrorKind;
use crate::components::form_field::{Field, FormErrors};
use crate::format;
use crate::resource::use_roles;

mod draft;
pub mod values;

pub use draft::{Draft, Submission};
use values::MAX_LENGTH;
pub use values::{UserField, UserValues};

/// Submit and Cancel under a user form. The submit button stays focusable
/// while the request runs (`aria-disabled`, not `disabled`), and a second
/// press does nothing.
#[component]
pub fn FormActions(
    pending: Signal<bool>,
    /// The button's words, and its words while the request runs.
    submit: &'static str,
    submitting: &'static str,
    /// Where Cancel goes.
    cancel_href: String,
) -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <div class="ua-actions">
            <button type="submit" class="ua-button ua-button--primary" aria-disabled=move || pending.get().then_some("true")>
                {move || if pending.get() { submitting } else { submit }}
            </button>
            <a class="ua-button" href=cancel_href>{t.cancel}</a>
        </div>
    }
}

/// Errors that belong on the form (field messages and the summary); the
/// rest (permission, outage, network) get a banner.
pub fn is_about_the_input(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::Validation | ErrorKind::BadRequest | ErrorKind::Conflict
    )
}

/// Runs the cheap checks before sending: shows what fails on its field and
/// returns false, or clears the old errors and returns true.
pub fn passes_checks(values: &UserValues, creating: bool, errors: FormErrors) -> bool {
    let problems = values.check(creating);
    if problems.is_empty() {
        errors.clear();
        return true;
    }
    errors.show_checks(
        problems
            .into_iter()
            .map(|(field, message)| (field.wire_name(), message))
            .collect(),
    );
    false
}

/// The form's values for one field, as text (what an error is held against).
fn text_of(values: RwSignal<UserValues>, field: UserField) -> Signal<String> {
    Signal::derive(move || values.with(|v| v.text(field)))
}

/// A text input bound to one field of the form.
#[component]
fn TextInput(
    values: RwSignal<UserValues>,
    errors: FormErrors,
    field: UserField,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    read: fn(&UserValues) -> &String,
    write: fn(&mut UserValues) -> &mut String,
) -> impl IntoView {
    let name = field.wire_name();
    view! {
        <input
            id=errors.field_id(name)
            name=name
            type=input_type.unwrap_or("text")
            autocomplete=autocomplete
            list=list
            spellcheck="false"
            prop:value=move || values.with(|v| read(v).clone())
            on:input=move |event| {
                let text = event_target_value(&event);
                values.update(|v| *write(v) = text);
            }
            aria-invalid=errors.invalid(name)
            aria-describedby=errors.described_by(name)
        />
    }
}

/// Username (create only), full name, email, status, roles and time zone.
#[component]
pub fn UserFields(
    values: RwSignal<UserValues>,
    errors: FormErrors,
    /// A create also asks for the username, which cannot change later.
    creating: bool,
) -> impl IntoView {
    let t = crate::i18n::t();
    let username = creating.then(|| {
        view! {
            <Field errors=errors name="username" label=t.username value=text_of(values, UserField::Username)
                hint=Signal::stored(t.username_hint.to_owned())>
                <TextInput values errors field=UserField::Username autocomplete="off"
                    read=|v| &v.username write=|v| &mut v.username/>
            </Field>
        }
    });
    // Names other user APIs give the same fields (in their error paths too).
    for (alias, field) in [
        ("userName", "username"),
        ("emailAddress", "email"),
        ("timeZoneCode", "timeZone"),
        ("isDisabled", "active"),
    ] {
        errors.alias(alias, field);
    }
    let full_name_hint = Signal::derive(move || {
        let used = values.with(|v| v.full_name.chars().count());
        crate::i18n::fill(
            t.chars_used,
            &[
                ("used", &used.to_string()),
                ("max", &MAX_LENGTH.to_string()),
            ],
        )
    });
    view! {
        {username}
        <Field errors=errors name="fullName" label=t.full_name value=text_of(values, UserField::FullName) hint=full_name_hint>
            <TextInput values errors field=UserField::FullName autocomplete="off"
                read=|v| &v.full_name write=|v| &mut v.full_name/>
        </Field>
        <Field errors=errors name="email" label=t.email value=text_of(values, UserField::Email)>
            <TextInput values errors field=UserField::Email input_type="email" autocomplete="off"
                read=|v| &v.email write=|v| &mut v.email/>
        </Field>
        <Field errors=errors name="active" label=t.status value=text_of(values, UserField::Active) group=true>
            <div class="ua-choice">
                <input
                    id=format!("{}-checkbox", errors.field_id("active"))
                    type="checkbox"
                    prop:checked=move || values.with(|v| v.active)
                    on:change=move |event| {
                        let checked = event_target_checked(&event);
                        values.update(|v| v.active = checked);
                    }
                    aria-invalid=errors.invalid("active")
                />
                <label for=format!("{}-checkbox", errors.field_id("active"))>{t.active_can_sign_in}</label>
            </div>
        </Field>
        <RolesPicker values errors/>
        <Field errors=errors name="timeZone" label=t.time_zone value=text_of(values, UserField::TimeZone)
            hint=Signal::stored(t.time_zone_hint.to_owned())>
            <TextInput values errors field=UserField::TimeZone autocomplete="off" list="ua-time-zones"
                read=|v| &v.time_zone write=|v| &mut v.time_zone/>
            <datalist id="ua-time-zones">
                {format::time_zones().into_iter().map(|zone| view! { <option value=zone/> }).collect_view()}
            </datalist>
        </Field>
    }
}

/// One checkbox per assignable role (from `GET /roles`), plus any role the
/// user holds that the list does not name, so it can still be taken away.
#[component]
fn RolesPicker(values: RwSignal<UserValues>, errors: FormErrors) -> impl IntoView {
    let roles = use_roles();
    let choices = move || {
        let mut list: Vec<Role> = roles.get().data.unwrap_or_default();
        for held in values.with(|v| v.roles.clone()) {
            if !list.iter().any(|role| role.name == held) {
                list.push(Role {
                    name: held,
                    description: String::new(),
                });
            }
        }
        list
    };
    let t = crate::i18n::t();
    let loading = move || {
        roles.with(|state| {
            if state.data.is_none() && state.error.is_none() {
                Some(view! { <p class="ua-hint" role="status">{t.loading_roles}</p> })
            } else {
                None
            }
        })
    };
    let failed = move || {
        roles.with(|state| {
            state.error.as_ref().map(|_| {
                view! { <p class="ua-hint">{t.roles_unavailable}</p> }
            })
        })
    };
    view! {
        <Field errors=errors name="roles" label=t.roles value=text_of(values, UserField::Roles) group=true>
            {loading}
            {failed}
            // Keyed by description too: a held role shown before the list
            // arrived is redrawn with its description.
            <For each=choices key=|role| (role.name.clone(), role.description.clone()) let(role)>
                <RoleChoice values errors role/>
            </For>
        </Field>
    }
}

#[component]
fn RoleChoice(values: RwSignal<UserValues>, errors: FormErrors, role: Role) -> impl IntoView {
    let name = role.name.clone();
    let id = format!("{}-{}", errors.field_id("roles"), css_safe(&name));
    let checked = {
        let name = name.clone();
        move || values.with(|v| v.roles.contains(&name))
    };
    let toggle = move |event| {
        let on = event_target_checked(&event);
        values.update(|v| {
            v.roles.retain(|r| *r != name);
            if on {
                v.roles.push(name.clone());
            }
        });
    };
    let description = (!role.description.is_empty()).then(|| {
        view! { <span class="ua-choice__hint">{role.description.clone()}</span> }
    });
    view! {
        <div class="ua-choice">
            <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle
                aria-invalid=errors.invalid("roles")/>
            <label for=id>{role.name.clone()} {description}</label>
        </div>
    }
}

/// A role name made safe for an element id.
fn css_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}
