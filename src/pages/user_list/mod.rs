//! The user list: one page of the directory, searched, filtered and sorted on
//! the server, with everything in the URL.

mod bulk_dialog;
mod bulk_report;
mod bulk_steps;
mod dialogs;
mod empty;
mod export;
mod filters;
pub mod list_state;
mod open_by_id;
mod parameters;
mod search_box;
pub mod selection;
mod selection_bar;
mod table;
mod view;

use leptos::prelude::*;

use crate::api::wire::Page;
use crate::components::error_banner::ErrorBanner;
use crate::components::form_field::InlineError;
use crate::components::page_heading::PageHeading;
use crate::components::pager::Pager;
use crate::components::retry_notice::RetryNotice;
use crate::components::skeleton_table::SkeletonTable;
use crate::i18n::t;
use crate::resource::bulk::Target;
use crate::resource::{
    keep_presence_fresh, use_capabilities, use_directory, use_live_presence, use_may_change_users,
    use_may_create_users, use_presence, use_user_page,
};
use crate::routes;
use dialogs::{ExportButton, LazyBulkDialog, LazySelectionBar};
use empty::NoUsers;
use filters::Filters;
use list_state::PAGE_SIZES;
use search_box::SearchBox;
use selection_bar::{refresh_from_page, use_selection, SelectionStatus};
use table::{columns, UserTable, TABLE_ID};
use view::{use_list_view, ListView};

#[component]
pub fn UserList() -> impl IntoView {
    if !use_capabilities().list {
        return view! { <open_by_id::OpenById/> }.into_any();
    }
    let view = use_list_view();
    let params = view.params();
    let page = use_user_page(params);
    // Rows format dates and numbers: the formatters are made while the
    // first page is on the wire rather than after it has arrived.
    crate::format::make_when_idle();
    // Presence for every user on the page from one request, refreshed while
    // the tab is visible and at once when it becomes visible again.
    let ids = ids_on(page);
    let presence = use_presence(ids);
    keep_presence_fresh();
    use_live_presence(ids, presence);
    let may_write = use_may_change_users();
    let may_create = use_may_create_users();
    let can = use_capabilities();
    let selection = use_selection(view);
    let shown = Signal::derive(move || page.with(|state| state.data.clone()));
    let targets = Memo::new(move |_| {
        page.with(|state| {
            let items = state
                .data
                .as_ref()
                .map(|p| p.items.as_slice())
                .unwrap_or_default();
            items.iter().map(Target::of).collect::<Vec<_>>()
        })
    });
    Effect::new(move |_| targets.with(|page| refresh_from_page(selection, page)));
    // Once the first rows are in, the other screens load while the admin reads.
    Effect::new(move |_| {
        if page.with(|state| state.data.is_some()) {
            crate::lazy::prefetch_when_idle(prefetch_the_rest);
        }
    });
    let total = Signal::derive(move || page.with(|state| state.data.as_ref()?.total_count));
    let asked = RwSignal::new(None);
    let errors = parameters::use_parameter_errors(view, page);
    // The table is rebuilt for each page; the control the admin used (a sort
    // header, a pager link) gets focus back once the new rows are in.
    let refocus = StoredValue::new(None::<String>);
    let host = crate::host::use_host();
    let skeleton_due = skeleton_due();
    let retry = {
        let directory = use_directory();
        Callback::new(move |()| directory.refresh_page(&params.get_untracked()))
    };

    let t = t();
    view! {
        <PageHeading title=t.users/>
        <div class="ua-toolbar">
            {can.search.then(|| view! { <SearchBox view errors/> })}
            <Filters view errors/>
            <ExportButton view page=shown/>
            {move || (may_create.get() == Some(true)).then(|| view! {
                <a href=routes::href(&routes::new_user()) class="ua-button ua-button--primary">{t.create_user}</a>
            })}
        </div>
        {move || (may_write.get() == Some(true)).then(|| view! {
            <SelectionStatus selection/>
            <LazySelectionBar selection page=targets.into() total view ask=asked.write_only()/>
            <LazyBulkDialog selection view asked/>
        })}
        <InlineError errors name="sort"/>
        <InlineError errors name="limit"/>
        <InlineError errors name="page"/>
        <RetryNotice wait=Signal::derive(move || page.with(|state| state.retrying_in))/>
        {move || {
            let state = page.get();
            let error = state.error.clone().map(|error| view! { <ErrorBanner error=error on_retry=retry/> });
            let body = match state.data.clone() {
                None if state.error.is_some() => None,
                None if !skeleton_due.get() => None,
                None => {
                    let labels = columns(t, can).iter().map(|(label, _)| *label).collect();
                    // A screen's worth (the smallest page): rows below the
                    // fold are never seen before the data replaces them, and
                    // each costs building and layout before the first row.
                    let rows = params.get().limit.min(PAGE_SIZES[0]) as usize;
                    Some(view! { <SkeletonTable columns=labels rows caption=t.users_loading status=t.loading_users/> }.into_any())
                }
                Some(data) if data.items.is_empty() => Some(view! { <NoUsers view/> }.into_any()),
                Some(data) => Some(
                    view! {
                        <UserTable page=data.clone() view presence busy=state.fetching refocus
                            selection=(may_write.get() == Some(true)).then_some(selection)/>
                        {data.complete.then(|| view! {
                            <p class="ua-list-complete" role="status">
                                {crate::i18n::fill(t.list_complete, &[("count", &crate::format::number(data.total_count.unwrap_or_default()))])}
                            </p>
                        })}
                        <ListPager page=data view refocus/>
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
    .into_any()
}

/// How long the first page may take before the loading skeleton is drawn.
const SKELETON_DELAY_MS: u64 = 150;

/// Whether the loading skeleton may be drawn yet. An answer that comes
/// sooner goes straight from the toolbar to the rows: no grey flash, and no
/// skeleton to build and lay out while the first rows wait.
fn skeleton_due() -> RwSignal<bool> {
    let due = RwSignal::new(false);
    set_timeout(
        move || {
            // The list may be gone by then.
            let _ = due.try_set(true);
        },
        std::time::Duration::from_millis(SKELETON_DELAY_MS),
    );
    due
}

/// The screens and dialogs that are not in the first download.
fn prefetch_the_rest() {
    routes::prefetch_screens();
    dialogs::prefetch();
    parameters::prefetch();
}

/// The ids of the users on the page (none while it loads).
fn ids_on(page: Signal<crate::resource::QueryState<Page>>) -> Signal<Vec<String>> {
    let ids = Memo::new(move |_| {
        page.with(|state| {
            state
                .data
                .as_ref()
                .map(|p| p.items.iter().map(|u| u.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    ids.into()
}

/// The pager for the page shown. Without a total or links from the server
/// (a bare array, a page without `meta`), a full page suggests there may be more.
#[component]
fn ListPager(page: Page, view: ListView, refocus: StoredValue<Option<String>>) -> impl IntoView {
    let current = view.now();
    let has_next = page
        .has_next
        .unwrap_or(page.items.len() as u64 >= current.limit);
    let has_prev = page.has_prev.unwrap_or(current.page > 0);
    let previous = has_prev.then(|| view.page_href(current.page.saturating_sub(1)));
    let next = has_next.then(|| view.page_href(current.page.saturating_add(1)));
    let on_size = Callback::new(move |limit: u64| view.push(|view| view.limit = limit));
    view! {
        <Pager page=current.page limit=current.limit sizes=&PAGE_SIZES rows=page.items.len()
            total=page.total_count page_count=page.page_count
            previous next on_size refocus/>
    }
}
