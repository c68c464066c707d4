//! The selection: its state for the screen (kept in the tab's
//! `sessionStorage` under the base path, so a reload keeps it), and the bar
//! that says how many are selected, offers "Select all N matching" once a
//! whole page is ticked, and starts the bulk actions.

use leptos::prelude::*;

use super::bulk_dialog::ActionKind;
use super::selection::{Filter, PageTick, Selection};
use super::view::ListView;
use crate::config::use_config;
use crate::i18n::{fill, t};
use crate::resource::bulk::Target;
use crate::storage;

/// The screen's selection, read from and written to the tab's storage; an
/// "all matching" selection ends when the admin moves to another filter.
pub fn use_selection(view: ListView) -> RwSignal<Selection> {
    let key = format!("user-admin:selection:{}", use_config().base_path);
    let stored = storage::read(&key).map(|text| Selection::from_json(&text));
    let selection = RwSignal::new(stored.unwrap_or_default());
    Effect::new(move |_| {
        let (empty, json) = selection.with(|s| (s.is_empty(), s.to_json()));
        if empty {
            storage::remove(&key);
        } else {
            storage::write(&key, &json);
        }
    });
    Effect::new(move |_| {
        let filter = Filter::of(&view.params().get());
        let other = selection.with_untracked(|s| s.matching().is_some_and(|m| m.filter != filter));
        if other {
            selection.update(|s| s.follow_filter(&filter));
        }
    });
    selection
}

/// Takes the newer copies of selected users a page brings.
pub fn refresh_from_page(selection: RwSignal<Selection>, page: &[Target]) {
    let newer = selection.with_untracked(|s| {
        s.picked()
            .iter()
            .any(|picked| page.iter().any(|t| t.id == picked.id && t != picked))
    });
    if newer {
        selection.update(|s| s.refresh(page));
    }
}

/// What the selection amounts to, in words ("3 selected"; empty for none).
fn announcement(selection: RwSignal<Selection>) -> impl Fn() -> String + Copy {
    let b = t().bulk;
    move || {
        let count = selection.with(Selection::count);
        match selection.with(|s| s.matching().map(|m| m.total)) {
            Some(total) if count == total => fill(
                b.all_matching_selected,
                &[("count", &crate::format::number(total))],
            ),
            _ if count == 0 => String::new(),
            _ => fill(
                b.selected_count,
                &[("count", &crate::format::number(count))],
            ),
        }
    }
}

/// The selection said to screen readers. Drawn with the list, before
/// anything is ticked: a live region announces changes, not its arrival.
#[component]
pub fn SelectionStatus(selection: RwSignal<Selection>) -> impl IntoView {
    view! { <p class="ua-visually-hidden" role="status">{announcement(selection)}</p> }
}

/// The bar over the table while users are ticked: their number, Clear,
/// "Select all N matching" and the bulk actions. Loaded with the list's
/// dialogs and drawn from the first tick on (`dialogs::LazySelectionBar`).
#[component]
pub fn SelectionBar(
    selection: RwSignal<Selection>,
    /// The users on the page on screen.
    page: Signal<Vec<Target>>,
    /// How many users match the view, when the server says.
    total: Signal<Option<u64>>,
    view: ListView,
    /// A bulk action the admin asked for.
    ask: WriteSignal<Option<ActionKind>>,
) -> impl IntoView {
    let t = t();
    let b = t.bulk;
    let count = Memo::new(move |_| selection.with(Selection::count));
    let announcement = announcement(selection);
    // Offered once every user on the page is ticked and more match.
    let offer_all = move || {
        let total = total.get()?;
        let page = page.get();
        let whole_page =
            selection.with(|s| s.matching().is_none() && s.page_tick(&page) == PageTick::All);
        (whole_page && total > page.len() as u64).then_some(total)
    };
    let select_all = move |_| {
        if let Some(total) = total.get_untracked() {
            let filter = Filter::of(&view.now());
            selection.update(|s| s.select_matching(filter, total));
        }
    };
    let button = move |kind: ActionKind, label: &'static str| {
        view! {
            <button type="button" class="ua-button" aria-haspopup="dialog"
                on:click=move |_| ask.set(Some(kind))>{label}</button>
        }
    };
    view! {
        <div class="ua-selection" role="group" aria-label=b.actions_for_selected
            hidden=move || count.get() == 0>
            <span class="ua-selection__count" aria-hidden="true">{announcement}</span>
            <button type="button" class="ua-link-button" on:click=move |_| selection.update(Selection::clear)>
                {b.clear_selection}
            </button>
            {move || offer_all().map(|total| view! {
                <button type="button" class="ua-link-button" on:click=select_all>
                    {fill(b.select_all_matching, &[("count", &crate::format::number(total))])}
                </button>
            })}
            <span class="ua-selection__actions">
                {button(ActionKind::Activate, b.activate)}
                {button(ActionKind::Deactivate, b.deactivate)}
                {button(ActionKind::AddRole, b.add_role)}
                {button(ActionKind::RemoveRole, b.remove_role)}
            </span>
        </div>
    }
}
