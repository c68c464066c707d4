//! The user list: one page of the directory, searched, filtered and sorted on
//! the server, with everything in the URL.

use crate::i18n::{fill, t, Messages};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::endpoints::{encode, ListParams};
use crate::api::field_path::Location;
use crate::api::wire::{Page, Presence, User};
use crate::components::error_banner::ErrorBanner;
use crate::components::page_heading::PageHeading;
use crate::components::presence_badge::{is_stale, PresenceBadge};
use crate::components::retry_notice::RetryNotice;
use crate::config::{app_href, presence_refresh_ms};
use crate::format;
use crate::pages::list_state::{self, aria_sort, toggled_sort, PAGE_SIZES};
use crate::resource::query::Fetcher;
use crate::resource::users::{
    page_fetcher, page_key, presence_fetcher, presence_key, use_may_write_users,
};
use crate::resource::{use_cache, use_client, use_query, QueryState};

/// Quiet time after the last keystroke before a search is sent.
const SEARCH_DEBOUNCE_MS: u64 = 300;

#[component]
pub fn UserList() -> impl IntoView {
    let query = use_query_map();
    // Outside the base path the query string is not ours (the portal's, or
    // another admin's on the same page): start from the defaults.
    let location = leptos_router::hooks::use_location();
    let config = use_context::<crate::config::Config>().unwrap_or_default();
    let params = Memo::new(move |_| {
        if !config.owns_path(&location.pathname.get()) {
            return ListParams::default();
        }
        query.with(|q| list_state::from_query(|name| q.get(name)))
    });
    let navigate = use_navigate();
    let go = Callback::new(move |(next, replace): (ListParams, bool)| {
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate(&format!("/{}", list_state::to_query(&next)), options);
    });

    let client = use_client();
    let cache = use_cache();
    let page = {
        let (client, seeding) = (client.clone(), cache.clone());
        use_query(
            cache.clone(),
            move || page_key(&params.get()),
            move |_| page_fetcher(&seeding, &client, &params.get_untracked()),
        )
    };
    let presence = use_presence_of_page(page, client.clone(), cache.clone());
    let may_write = use_may_write_users();
    // A 400 that names a query parameter is shown against its control.
    let parameter_errors = Memo::new(move |_| {
        page.with(|state| {
            state
                .error
                .as_ref()
                .map(|error| {
                    error
                        .field_errors
                        .iter()
                        .filter(|f| f.path.location == Location::Query)
                        .map(|f| (f.path.display(), f.message.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // The table is rebuilt for each page; the control the admin used (a sort
    // header, a pager link) gets focus back once the new rows are in.
    let refocus = StoredValue::new(None::<String>);
    let host = crate::host::use_host();
    let retry = {
        let cache = cache.clone();
        Callback::new(move |()| cache.invalidate(&page_key(&params.get_untracked())))
    };

    let t = t();
    view! {
        <PageHeading title=t.users/>
        <div class="ua-toolbar">
            <SearchBox params=params go=go errors=parameter_errors/>
            <Filters params=params go=go errors=parameter_errors/>
            {move || (may_write.get() == Some(true)).then(|| view! {
                <a href=app_href("/users/new") class="ua-button ua-button--primary">{t.create_user}</a>
            })}
        </div>
        <ParameterError name="sort" label=t.sort_order errors=parameter_errors/>
        <ParameterError name="limit" label=t.rows_per_page errors=parameter_errors/>
        <ParameterError name="page" label=t.page errors=parameter_errors/>
        <RetryNotice wait=Signal::derive(move || page.with(|state| state.retrying_in))/>
        {move || {
            let state = page.get();
            let error = state.error.clone().map(|error| view! { <ErrorBanner error=error on_retry=retry/> });
            let body = match state.data.clone() {
                None if state.error.is_some() => None,
                None => Some(view! { <SkeletonTable rows=params.get().limit as usize/> }.into_any()),
                Some(data) if data.items.is_empty() => Some(view! { <NoUsers params=params go=go/> }.into_any()),
                Some(data) => Some(
                    view! {
                        <UserTable page=data.clone() params=params go=go presence=presence busy=state.fetching refocus=refocus/>
                        <Pager page=data params=params go=go refocus=refocus/>
                    }
                    .into_any(),
                ),
            };
            if let Some(id) = refocus.get_value() {
                let settled = !state.fetching;
                let host = host.clone();
                request_animation_frame(move || {
                    let target = host.element_by_id(&id).or_else(|| host.element_by_id(TABLE_ID));
                    if let Some(element) = target {
                        let _ = element.focus();
                    }
                    if settled {
                        refocus.set_value(None);
                    }
                });
            }
            view! { {error} {body} }
        }}
    }
}

/// Presence for every user on the page from one request, refreshed while
/// the tab is visible and at once when it becomes visible again.
fn use_presence_of_page(
    page: Signal<QueryState<Page>>,
    client: crate::api::client::Client,
    cache: crate::resource::QueryCache,
) -> Signal<QueryState<Vec<Presence>>> {
    let ids = Memo::new(move |_| {
        page.with(|state| {
            state
                .data
                .as_ref()
                .map(|p| p.items.iter().map(|u| u.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    crate::resource::users::keep_presence_fresh(cache.clone());
    let seeding = cache.clone();
    use_query(
        cache,
        move || presence_key(&ids.get()),
        move |_| {
            let ids = ids.get_untracked();
            if ids.is_empty() {
                let nothing: Fetcher<Vec<Presence>> =
                    Rc::new(|_| Box::pin(async { Ok(Vec::new()) }));
                nothing
            } else {
                presence_fetcher(&seeding, &client, ids)
            }
        },
    )
}

#[component]
fn SearchBox(
    params: Memo<ListParams>,
    go: Callback<(ListParams, bool)>,
    errors: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let typed = RwSignal::new(params.get_untracked().q.unwrap_or_default());
    // Back/Forward or "clear search" change the URL: show what it says.
    Effect::new(move |_| {
        let q = params.get().q.unwrap_or_default();
        if typed.get_untracked().trim() != q {
            typed.set(q);
        }
    });
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    // A search typed just before the admin is unmounted must not fire after it.
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    let settle = move |text: String| {
        let current = params.get_untracked();
        let q = Some(text.trim().to_owned()).filter(|q| !q.is_empty());
        if q != current.q {
            go.run((
                ListParams {
                    q,
                    page: 0,
                    ..current
                },
                true,
            ));
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || settle(text),
            Duration::from_millis(SEARCH_DEBOUNCE_MS),
        )
        .ok();
        pending.set_value(handle);
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        settle(typed.get_untracked());
    };
    let t = t();
    view! {
        <form class="ua-search" role="search" on:submit=on_submit>
            <label for="ua-search-input">{t.search_users}</label>
            <ParameterError name="q" label=t.search errors=errors/>
            <input
                id="ua-search-input"
                aria-invalid=move || invalid(errors, "q")
                aria-describedby=move || described_by(errors, "q")
                type="search"
                autocomplete="off"
                placeholder=t.search_placeholder
                prop:value=move || typed.get()
                on:input=on_input
            />
        </form>
    }
}

#[component]
fn Filters(
    params: Memo<ListParams>,
    go: Callback<(ListParams, bool)>,
    errors: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let client = use_client();
    let roles = use_query(
        use_cache(),
        || "roles".to_owned(),
        move |_| {
            let client = client.clone();
            let fetcher: Fetcher<Vec<crate::api::endpoints::Role>> = Rc::new(move |options| {
                let client = client.clone();
                Box::pin(async move { client.roles(&options).await })
            });
            fetcher
        },
    );
    let on_active = move |event: leptos::ev::Event| {
        let active = match event_target_value(&event).as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        go.run((
            ListParams {
                active,
                page: 0,
                ..params.get_untracked()
            },
            false,
        ));
    };
    let on_role = move |event: leptos::ev::Event| {
        let role = Some(event_target_value(&event)).filter(|r| !r.is_empty());
        go.run((
            ListParams {
                role,
                page: 0,
                ..params.get_untracked()
            },
            false,
        ));
    };
    let active_value = move || match params.get().active {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    };
    let t = t();
    view! {
        <div class="ua-filters">
            <div class="ua-filter">
                <label for="ua-filter-active">{t.status}</label>
                <ParameterError name="active" label=t.status errors=errors/>
                <select
                    id="ua-filter-active"
                    on:change=on_active
                    prop:value=active_value
                    aria-invalid=move || invalid(errors, "active")
                    aria-describedby=move || described_by(errors, "active")
                >
                    <option value="">{t.all}</option>
                    <option value="true">{t.active}</option>
                    <option value="false">{t.inactive}</option>
                </select>
            </div>
            <div class="ua-filter">
                <label for="ua-filter-role">{t.role}</label>
                <ParameterError name="role" label=t.role errors=errors/>
                <select
                    id="ua-filter-role"
                    on:change=on_role
                    prop:value=move || params.get().role.unwrap_or_default()
                    aria-invalid=move || invalid(errors, "role")
                    aria-describedby=move || described_by(errors, "role")
                >
                    <option value="">{t.all_roles}</option>
                    {move || {
                        roles
                            .get()
                            .data
                            .unwrap_or_default()
                            .into_iter()
                            .map(|role| view! { <option value=role.name.clone()>{role.name.clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
        </div>
    }
}

fn parameter_message(errors: Memo<Vec<(String, String)>>, name: &str) -> Option<String> {
    errors.with(|list| {
        list.iter()
            .find(|(parameter, _)| parameter == name)
            .map(|(_, message)| message.clone())
    })
}

fn invalid(errors: Memo<Vec<(String, String)>>, name: &str) -> Option<&'static str> {
    parameter_message(errors, name).map(|_| "true")
}

fn described_by(errors: Memo<Vec<(String, String)>>, name: &str) -> Option<String> {
    parameter_message(errors, name).map(|_| format!("ua-error-{name}"))
}

/// The server's complaint about one query parameter, next to its control.
#[component]
fn ParameterError(
    name: &'static str,
    label: &'static str,
    errors: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let error_prefix = t().error_prefix;
    move || {
        parameter_message(errors, name).map(|message| {
            view! {
                <p class="ua-field-error" id=format!("ua-error-{name}")>
                    <span class="ua-visually-hidden">{error_prefix}</span>
                    {format!("{label} {message}")}
                </p>
            }
        })
    }
}

/// The table takes focus when the control that changed the page is gone.
const TABLE_ID: &str = "ua-user-table";

/// Columns: (label, sort key if sortable).
fn columns(t: &'static Messages) -> [(&'static str, Option<&'static str>); 6] {
    [
        (t.name, Some("fullName")),
        (t.username, Some("username")),
        (t.email, Some("email")),
        (t.roles, None),
        (t.presence, None),
        (t.last_login, Some("lastLoginAt")),
    ]
}

#[component]
fn UserTable(
    page: Page,
    params: Memo<ListParams>,
    go: Callback<(ListParams, bool)>,
    presence: Signal<QueryState<Vec<Presence>>>,
    busy: bool,
    refocus: StoredValue<Option<String>>,
) -> impl IntoView {
    let t = t();
    let headers = columns(t)
        .into_iter()
        .map(|(label, key)| match key {
            Some(key) => {
                let sort = move || params.get().sort;
                let id = format!("ua-sort-{key}");
                let on_click = move |_| {
                    refocus.set_value(Some(format!("ua-sort-{key}")));
                    let current = params.get_untracked();
                    let sort = toggled_sort(current.sort.as_deref(), key);
                    go.run((
                        ListParams {
                            sort: Some(sort),
                            page: 0,
                            ..current
                        },
                        false,
                    ));
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
                .into_any()
            }
            None => view! { <th scope="col">{label}</th> }.into_any(),
        })
        .collect_view();
    let now = js_sys::Date::now();
    let rows = page
        .items
        .into_iter()
        .map(|user| view! { <UserRow user=user presence=presence now=now/> })
        .collect_view();
    view! {
        <table class="ua-table" id=TABLE_ID tabindex="-1" class:ua-table--busy=busy aria-busy=busy.to_string()>
            <caption class="ua-visually-hidden">{t.users}</caption>
            <thead><tr>{headers}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn UserRow(user: User, presence: Signal<QueryState<Vec<Presence>>>, now: f64) -> impl IntoView {
    let refresh_ms = presence_refresh_ms();
    let name = user
        .full_name
        .clone()
        .unwrap_or_else(|| user.username.clone());
    let href = app_href(&format!("/users/{}", encode(&user.id)));
    let id = user.id.clone();
    let badge = move || {
        let state = presence.get();
        let found = state
            .data
            .as_ref()
            .and_then(|list| list.iter().find(|p| p.user_id == id).cloned());
        view! { <PresenceBadge presence=found stale=is_stale(&state, refresh_ms)/> }
    };
    let last_login = user.last_login_at.clone().map(|at| {
        let exact = format::date_time(&at);
        view! { <time datetime=at.clone() title=exact>{format::relative_time(&at, now)}</time> }
    });
    let t = t();
    view! {
        <tr>
            <td>
                <span class="ua-avatar" aria-hidden="true">{format::initials(&name)}</span>
                <a href=href>{name.clone()}</a>
                {(!user.active).then(|| view! { <span class="ua-tag">{t.inactive}</span> })}
            </td>
            <td>{user.username.clone()}</td>
            <td>{user.email.clone().unwrap_or_default()}</td>
            <td>{user.roles.join(", ")}</td>
            <td>{badge}</td>
            <td>{last_login.map(IntoAny::into_any).unwrap_or_else(|| t.never.into_any())}</td>
        </tr>
    }
}

#[component]
fn SkeletonTable(rows: usize) -> impl IntoView {
    let t = t();
    view! {
        <table class="ua-table ua-table--loading" aria-busy="true">
            <caption class="ua-visually-hidden">{t.users_loading}</caption>
            <thead><tr>{columns(t).into_iter().map(|(label, _)| view! { <th scope="col">{label}</th> }).collect_view()}</tr></thead>
            <tbody>
                {(0..rows).map(|_| view! {
                    <tr class="ua-skeleton-row">
                        {columns(t).iter().map(|_| view! { <td><span class="ua-skeleton"></span></td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <p class="ua-visually-hidden" role="status">{t.loading_users}</p>
    }
}

#[component]
fn NoUsers(params: Memo<ListParams>, go: Callback<(ListParams, bool)>) -> impl IntoView {
    let current = params.get_untracked();
    let filtered = current.q.is_some() || current.active.is_some() || current.role.is_some();
    let clear = move |_| {
        let limit = params.get_untracked().limit;
        go.run((
            ListParams {
                limit,
                ..ListParams::default()
            },
            false,
        ));
    };
    let t = t();
    if !filtered {
        return view! { <p class="ua-empty">{t.directory_empty}</p> }.into_any();
    }
    let what = match &current.q {
        Some(q) => fill(t.no_match_query, &[("query", q)]),
        None => t.no_match_filters.to_owned(),
    };
    view! {
        <div class="ua-empty" role="status">
            <p>{what}</p>
            <button type="button" class="ua-button" on:click=clear>{t.clear_search}</button>
        </div>
    }
    .into_any()
}

#[component]
fn Pager(
    page: Page,
    params: Memo<ListParams>,
    go: Callback<(ListParams, bool)>,
    refocus: StoredValue<Option<String>>,
) -> impl IntoView {
    let current = params.get_untracked();
    let (first, last) = list_state::rows_shown(current.page, current.limit, page.items.len());
    let t = t();
    let summary = match page.total_count {
        Some(total) => fill(
            t.range_of_total,
            &[
                ("first", &format::number(first)),
                ("last", &format::number(last)),
                ("total", &format::number(total)),
            ],
        ),
        None => format!("{}–{}", format::number(first), format::number(last)),
    };
    // Without a total (seed 000, seed 003) a full page suggests there may be more.
    let has_next = page
        .has_next
        .unwrap_or(page.items.len() as u64 >= current.limit);
    let has_prev = page.has_prev.unwrap_or(current.page > 0);
    let link = |to: u64| {
        let query = list_state::to_query(&ListParams {
            page: to,
            ..params.get_untracked()
        });
        app_href(&format!("/{query}"))
    };
    let on_size = move |event: leptos::ev::Event| {
        refocus.set_value(Some("ua-page-size".into()));
        let limit = event_target_value(&event)
            .parse()
            .unwrap_or(list_state::DEFAULT_PAGE_SIZE);
        go.run((
            ListParams {
                limit,
                page: 0,
                ..params.get_untracked()
            },
            false,
        ));
    };
    let pages = page.page_count.map(|count| {
        fill(
            t.page_of_pages,
            &[
                ("page", &format::number(current.page.saturating_add(1))),
                ("pages", &format::number(count.max(1))),
            ],
        )
    });
    view! {
        <nav class="ua-pager" aria-label=t.pages>
            <p class="ua-pager__summary" aria-live="polite">{summary} {pages.map(|p| view! { <span class="ua-pager__pages">" · " {p}</span> })}</p>
            <div class="ua-pager__controls">
                {has_prev.then(|| view! {
                    <a href=link(current.page.saturating_sub(1)) rel="prev" id="ua-pager-prev"
                        on:click=move |_| refocus.set_value(Some("ua-pager-prev".into()))>{t.previous}</a>
                })}
                {has_next.then(|| view! {
                    <a href=link(current.page.saturating_add(1)) rel="next" id="ua-pager-next"
                        on:click=move |_| refocus.set_value(Some("ua-pager-next".into()))>{t.next}</a>
                })}
                <label>
                    {t.rows_per_page} " "
                    <select id="ua-page-size" on:change=on_size prop:value=current.limit.to_string()>
                        {PAGE_SIZES.iter().map(|size| view! { <option value=size.to_string()>{size.to_string()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
        </nav>
    }
}
