//! The status and role filters; each change starts the view at its first page.

use leptos::prelude::*;

use super::view::ListView;
use crate::components::form_field::{FormErrors, InlineError};
use crate::i18n::t;
use crate::resource::use_roles;

#[component]
pub fn Filters(view: ListView, errors: FormErrors) -> impl IntoView {
    let params = view.params();
    let roles = use_roles();
    let on_active = move |event: leptos::ev::Event| {
        let active = match event_target_value(&event).as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        view.push(|view| view.active = active);
    };
    let on_role = move |event: leptos::ev::Event| {
        let role = Some(event_target_value(&event)).filter(|r| !r.is_empty());
        view.push(|view| view.role = role);
    };
    let active_value = move || match params.get().active {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    };
    let role_options = move || {
        roles
            .get()
            .data
            .unwrap_or_default()
            .into_iter()
            .map(|role| view! { <option value=role.name.clone()>{role.name.clone()}</option> })
            .collect_view()
    };
    let t = t();
    view! {
        <div class="ua-filters">
            <div class="ua-filter">
                <label for="ua-filter-active">{t.status}</label>
                <InlineError errors name="active"/>
                <select
                    id="ua-filter-active"
                    on:change=on_active
                    prop:value=active_value
                    aria-invalid=errors.invalid("active")
                    aria-describedby=errors.described_by("active")
                >
                    <option value="">{t.all}</option>
                    <option value="true">{t.active}</option>
                    <option value="false">{t.inactive}</option>
                </select>
            </div>
            <div class="ua-filter">
                <label for="ua-filter-role">{t.role}</label>
                <InlineError errors name="role"/>
                <select
                    id="ua-filter-role"
                    on:change=on_role
                    prop:value=move || params.get().role.unwrap_or_default()
                    aria-invalid=errors.invalid("role")
                    aria-describedby=errors.described_by("role")
                >
                    <option value="">{t.all_roles}</option>
                    {role_options}
                </select>
            </div>
        </div>
    }
}
