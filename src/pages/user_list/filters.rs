//! The status and role filters; each change starts the view at its first page.

use leptos::prelude::*;

use super::view::ListView;
use crate::components::form_field::{FormErrors, InlineError};
use crate::i18n::t;
use crate::resource::{use_capabilities, use_roles};

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
    let active_value = move || {
        match params.get().active {
            Some(true) => "true",
            Some(false) => "false",
            None => "",
        }
        .to_owned()
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
    let active_value = Signal::derive(active_value);
    let role_value = Signal::derive(move || params.get().role.unwrap_or_default());
    // Only the filters the API has (the role filter also needs its roles).
    let can = use_capabilities();
    let by_active = can.filter_active.then(|| view! {
        <FilterSelect id="ua-filter-active" name="active" label=t.status errors value=active_value on_change=on_active>
            <option value="">{t.all}</option>
            <option value="true">{t.active}</option>
            <option value="false">{t.inactive}</option>
        </FilterSelect>
    });
    let by_role = (can.filter_role && can.roles).then(|| view! {
        <FilterSelect id="ua-filter-role" name="role" label=t.role errors value=role_value on_change=on_role>
            <option value="">{t.all_roles}</option>
            {role_options}
        </FilterSelect>
    });
    (by_active.is_some() || by_role.is_some())
        .then(|| view! { <div class="ua-filters">{by_active}{by_role}</div> })
}

/// One labelled filter; `name` is its query parameter, where a 400's
/// complaint about it lands.
#[component]
fn FilterSelect(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    errors: FormErrors,
    value: Signal<String>,
    on_change: impl Fn(leptos::ev::Event) + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="ua-filter">
            <label for=id>{label}</label>
            <InlineError errors name/>
            <select
                id=id
                on:change=on_change
                prop:value=move || value.get()
                aria-invalid=errors.invalid(name)
                aria-describedby=errors.described_by(name)
            >
                {children()}
            </select>
        </div>
    }
}
