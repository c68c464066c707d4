//! The table of one page of users: sortable column headers (buttons with
//! `aria-sort`), and a row per user with their presence badge.

use leptos::prelude::*;

use super::list_state::{aria_sort, toggled_sort};
use super::selection::{PageTick, Selection};
use super::view::ListView;
use crate::api::profile::Capabilities;
use crate::api::wire::{Page, Presence, User};
use crate::components::presence_badge::{is_stale, PresenceBadge};
use crate::config::presence_refresh_ms;
use crate::format;
use crate::i18n::{fill, t, Messages};
use crate::resource::bulk::Target;
use crate::resource::{use_capabilities, QueryState};
use crate::routes;

/// The table takes focus when the control that changed the page is gone.
pub const TABLE_ID: &str = "ua-user-table";

/// Columns: (label, sort key if sortable). An API that cannot sort gets
/// plain headers; one without presence, no presence column.
pub fn columns(
    t: &'static Messages,
    can: Capabilities,
) -> Vec<(&'static str, Option<&'static str>)> {
    let sortable = |key| can.sort.then_some(key);
    let mut columns = vec![
        (t.name, sortable("fullName")),
        (t.username, sortable("username")),
        (t.email, sortable("email")),
        (t.roles, None),
    ];
    if can.presence_badges {
        columns.push((t.presence, None));
    }
    columns.push((t.last_login, sortable("lastLoginAt")));
    columns
}

#[component]
pub fn UserTable(
    page: Page,
    view: ListView,
    presence: Signal<QueryState<Vec<Presence>>>,
    busy: bool,
    refocus: StoredValue<Option<String>>,
    /// Ticked users, when the admin may change users.
    selection: Option<RwSignal<Selection>>,
) -> impl IntoView {
    let t = t();
    let targets: Vec<Target> = page.items.iter().map(Target::of).collect();
    let tick_all = selection.map(|selection| {
        let tick = {
            let targets = targets.clone();
            Memo::new(move |_| selection.with(|s| s.page_tick(&targets)))
        };
        let on_change = move |event| {
            let on = event_target_checked(&event);
            selection.update(|s| s.set_page(&targets, on));
        };
        view! {
            <th scope="col" class="ua-table__tick">
                <input type="checkbox" aria-label=t.bulk.select_page
                    prop:checked=move || tick.get() == PageTick::All
                    prop:indeterminate=move || tick.get() == PageTick::Some
                    on:change=on_change/>
            </th>
        }
    });
    let can = use_capabilities();
    let headers = columns(t, can)
        .into_iter()
        .map(|(label, key)| match key {
            Some(key) => view! { <SortHeader label key view refocus/> }.into_any(),
            None => view! { <th scope="col">{label}</th> }.into_any(),
        })
        .collect_view();
    let now = js_sys::Date::now();
    let rows = page
        .items
        .into_iter()
        .map(|user| {
            let presence = can.presence_badges.then_some(presence);
            view! { <UserRow user=user presence now=now selection/> }
        })
        .collect_view();
    view! {
        <table class="ua-table" id=TABLE_ID tabindex="-1" class:ua-table--busy=busy aria-busy=busy.to_string()>
            <caption class="ua-visually-hidden">{t.users}</caption>
            <thead><tr>{tick_all}{headers}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A column header that sorts by `key`; a second click flips the direction.
#[component]
fn SortHeader(
    label: &'static str,
    key: &'static str,
    view: ListView,
    refocus: StoredValue<Option<String>>,
) -> impl IntoView {
    let id = format!("ua-sort-{key}");
    let sort = move || view.params().get().sort;
    let on_click = {
        let id = id.clone();
        move |_| {
            refocus.set_value(Some(id.clone()));
            let sort = toggled_sort(view.now().sort.as_deref(), key);
            view.push(|view| view.sort = Some(sort));
        }
    };
    view! {
        <th scope="col" aria-sort=move || aria_sort(sort().as_deref(), key)>
            <button type="button" class="ua-sort" id=id on:click=on_click>
                {label}
                <span class="ua-sort__arrow" aria-hidden="true">
                    {move || match aria_sort(sort().as_deref(), key) {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}

#[component]
fn UserRow(
    user: User,
    /// `None`: the API has no presence, and the table no presence column.
    presence: Option<Signal<QueryState<Vec<Presence>>>>,
    now: f64,
    selection: Option<RwSignal<Selection>>,
) -> impl IntoView {
    let refresh_ms = presence_refresh_ms();
    let name = user
        .full_name
        .clone()
        .unwrap_or_else(|| user.username.clone());
    let href = routes::href(&routes::user(&user.id));
    let id = user.id.clone();
    let badge = presence.map(|presence| {
        let badge = move || {
            let state = presence.get();
            let found = state
                .data
                .as_ref()
                .and_then(|list| list.iter().find(|p| p.user_id == id).cloned());
            view! { <PresenceBadge presence=found stale=is_stale(&state, refresh_ms)/> }
        };
        view! { <td>{badge}</td> }
    });
    let last_login = user.last_login_at.clone().map(|at| {
        let exact = format::date_time(&at);
        view! { <time datetime=at.clone() title=exact>{format::relative_time(&at, now)}</time> }
    });
    let t = t();
    let target = Target::of(&user);
    let ticked = {
        let id = user.id.clone();
        move || selection.is_some_and(|s| s.with(|s| s.contains(&id)))
    };
    let tick = selection.map(|selection| {
        let label = fill(t.bulk.select_user, &[("name", &name)]);
        let ticked = ticked.clone();
        view! {
            <td class="ua-table__tick">
                <input type="checkbox" aria-label=label prop:checked=ticked
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        selection.update(|s| s.set(&target, on));
                    }/>
            </td>
        }
    });
    view! {
        <tr class:ua-row--selected=ticked>
            {tick}
            <td>
                <span class="ua-avatar" aria-hidden="true">{format::initials(&name)}</span>
                <a href=href>{name.clone()}</a>
                {(!user.active).then(|| view! { <span class="ua-tag">{t.inactive}</span> })}
            </td>
            <td class="ua-table__username">{user.username.clone()}</td>
            <td>{user.email.clone().unwrap_or_default()}</td>
            <td>{user.roles.join(", ")}</td>
            {badge}
            <td>{last_login.map(IntoAny::into_any).unwrap_or_else(|| t.never.into_any())}</td>
        </tr>
    }
}
