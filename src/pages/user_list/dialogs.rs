//! The list's bulk changes (the selection bar and its dialog) and CSV export
//! are parts that load when first needed (see `lazy`): their code is not in
//! a first visit's download. The bar is mounted at the first tick, each
//! dialog once the admin first asks for it, and opens then.

use leptos::prelude::*;

use super::bulk_dialog::{ActionKind, BulkDialog};
use super::export::ExportDialog;
use super::selection::Selection;
use super::selection_bar::SelectionBar;
use super::view::ListView;
use crate::api::wire::Page;
use crate::i18n::t;
use crate::lazy::deferred;
use crate::resource::bulk::Target;

#[derive(Clone, Copy)]
struct Bulk(fn(RwSignal<Selection>, ListView, RwSignal<Option<ActionKind>>) -> AnyView);

/// What the selection bar is drawn from (see `SelectionBar`).
#[derive(Clone, Copy)]
struct BarInputs {
    selection: RwSignal<Selection>,
    page: Signal<Vec<Target>>,
    total: Signal<Option<u64>>,
    view: ListView,
    ask: WriteSignal<Option<ActionKind>>,
}

#[derive(Clone, Copy)]
struct Bar(fn(BarInputs) -> AnyView);

#[derive(Clone, Copy)]
struct Export(fn(ListView, Signal<Option<Page>>, RwSignal<bool>) -> AnyView);

crate::split_point!(static BULK: Bulk = list_dialogs => Bulk(|selection, view, asked| {
    view! { <BulkDialog selection view asked/> }.into_any()
}));
crate::split_point!(static BAR: Bar = list_dialogs => Bar(|inputs| {
    let BarInputs { selection, page, total, view, ask } = inputs;
    view! { <SelectionBar selection page total view ask/> }.into_any()
}));
crate::split_point!(static EXPORT: Export = list_dialogs => Export(|view, page, asked| {
    view! { <ExportDialog view page asked/> }.into_any()
}));

/// Loads the selection bar and both dialogs in the background.
pub fn prefetch() {
    BAR.prefetch();
    BULK.prefetch();
    EXPORT.prefetch();
}

/// True from the first time `condition` holds: a part once shown stays
/// mounted (a dialog keeps its state between openings).
fn wanted_once(condition: impl Fn() -> bool + 'static) -> ReadSignal<bool> {
    let wanted = RwSignal::new(false);
    Effect::new(move |_| {
        if condition() {
            wanted.set(true);
        }
    });
    wanted.read_only()
}

/// The selection bar, from the first time a user is ticked (or at once,
/// when the tab kept a selection from before a reload).
#[component]
pub fn LazySelectionBar(
    selection: RwSignal<Selection>,
    page: Signal<Vec<Target>>,
    total: Signal<Option<u64>>,
    view: ListView,
    ask: WriteSignal<Option<ActionKind>>,
) -> impl IntoView {
    let wanted = wanted_once(move || !selection.with(Selection::is_empty));
    let inputs = BarInputs {
        selection,
        page,
        total,
        view,
        ask,
    };
    move || {
        wanted
            .get()
            .then(|| deferred(&BAR, true, move |Bar(bar)| bar(inputs)))
    }
}

/// The bulk dialog, from the first time the selection bar asks for an action.
#[component]
pub fn LazyBulkDialog(
    selection: RwSignal<Selection>,
    view: ListView,
    asked: RwSignal<Option<ActionKind>>,
) -> impl IntoView {
    let wanted = wanted_once(move || asked.with(Option::is_some));
    move || {
        wanted.get().then(|| {
            deferred(&BULK, true, move |Bulk(dialog)| {
                dialog(selection, view, asked)
            })
        })
    }
}

/// "Export CSV" and, from its first use, the export dialog.
#[component]
pub fn ExportButton(view: ListView, page: Signal<Option<Page>>) -> impl IntoView {
    let asked = RwSignal::new(false);
    let wanted = RwSignal::new(false);
    let ask = move |_| {
        wanted.set(true);
        asked.set(true);
    };
    view! {
        <button type="button" class="ua-button" aria-haspopup="dialog" on:click=ask>
            {t().bulk.export_csv}
        </button>
        {move || {
            wanted.get().then(|| {
                deferred(&EXPORT, true, move |Export(dialog)| dialog(view, page, asked))
            })
        }}
    }
}
