//! "Export CSV": the list's filter and sort, every page read in sequence at
//! the largest page size, each page written into the file as it arrives;
//! over [`ASK_ABOVE`] rows it asks first. A failure half-way stops with the
//! rows so far, which the admin downloads or discards; Cancel leaves no file.

use leptos::html;
use leptos::prelude::*;

use super::view::ListView;
use crate::api::client::CancelToken;
use crate::api::params::ListParams;
use crate::api::wire::{Page, Presence, User};
use crate::api::ApiError;
use crate::components::error_banner::ErrorBanner;
use crate::components::presence_badge::presence_word;
use crate::components::progress::{total_words, Progress};
use crate::csv;
use crate::download::FileParts;
use crate::i18n::{fill, t, Messages};
use crate::resource::use_directory;
use crate::resource::walk::{WalkEnd, WALK_PAGE_SIZE};

/// Larger exports are confirmed first, with what they will cost.
pub const ASK_ABOVE: u64 = 10_000;
const TITLE_ID: &str = "ua-export-title";
const CSV_TYPE: &str = "text/csv;charset=utf-8";

#[derive(Clone)]
enum Step {
    Closed,
    Confirm {
        total: u64,
        requests: u64,
        bytes: u64,
    },
    Running {
        rows: u64,
        total: Option<u64>,
    },
    Failed {
        rows: u64,
        total: Option<u64>,
        error: Box<ApiError>,
    },
    Saved {
        file: String,
        rows: u64,
    },
}

/// The header row: the list's columns, in the admin's language.
pub fn header(t: &'static Messages) -> String {
    csv::record([
        t.name,
        t.username,
        t.email,
        t.roles,
        t.status,
        t.presence,
        t.last_login,
    ])
}

/// The rows of one page, with presence where the API told it.
pub fn rows(users: &[User], presence: &[Presence], t: &'static Messages) -> String {
    let mut text = String::new();
    for user in users {
        let state = presence
            .iter()
            .find(|p| p.user_id == user.id)
            .map(|p| presence_word(&p.state, false, t))
            .unwrap_or_default();
        let roles = user.roles.join(", ");
        text.push_str(&csv::record([
            user.full_name.as_deref().unwrap_or_default(),
            user.username.as_str(),
            user.email.as_deref().unwrap_or_default(),
            roles.as_str(),
            if user.active { t.active } else { t.inactive },
            state,
            user.last_login_at.as_deref().unwrap_or_default(),
        ]));
    }
    text
}

/// `users-2026-12-01-jansen-inactive.csv` for today and the view's filter.
fn file_name(view: &ListParams, partial: bool, t: &'static Messages) -> String {
    let today = js_sys::Date::new_0();
    let date = format!(
        "{:04}-{:02}-{:02}",
        today.get_full_year(),
        today.get_month() + 1,
        today.get_date()
    );
    let active = view.active.map(|a| if a { t.active } else { t.inactive });
    let parts = [
        view.q.as_deref(),
        view.role.as_deref(),
        active,
        partial.then_some("partial"),
    ];
    let parts: Vec<&str> = parts.into_iter().flatten().collect();
    csv::file_name(&date, &parts)
}

/// The export dialog; the list's Export button (in `dialogs`) sets `asked`.
#[component]
pub fn ExportDialog(
    view: ListView,
    page: Signal<Option<Page>>,
    /// Set by the button; taken (and reset) here.
    asked: RwSignal<bool>,
) -> impl IntoView {
    let t = t();
    let b = t.bulk;
    let directory = use_directory();
    let dialog = NodeRef::<html::Dialog>::new();
    let step = RwSignal::new(Step::Closed);
    let stop = StoredValue::new_local(CancelToken::default());
    // What has been written, held by the browser until saved or discarded.
    let file = StoredValue::new_local(None::<FileParts>);
    let focus_title = {
        let host = crate::host::use_host();
        Callback::new(move |()| {
            let host = host.clone();
            request_animation_frame(move || {
                if let Some(title) = host.element_by_id(TITLE_ID) {
                    let _ = title.focus();
                }
            });
        })
    };
    let save = Callback::new(move |(rows, partial): (u64, bool)| {
        let name = file_name(&view.now(), partial, t);
        let saved = file.with_value(|parts| {
            let container = dialog.get_untracked()?;
            Some(parts.as_ref()?.save(&name, CSV_TYPE, &container))
        });
        file.set_value(None);
        if saved == Some(true) {
            step.try_set(Step::Saved { file: name, rows });
        }
    });
    let start = Callback::new(move |()| {
        let total = page.with_untracked(|p| p.as_ref().and_then(|p| p.total_count));
        let token = CancelToken::default();
        stop.set_value(token.clone());
        let mut parts = FileParts::new();
        parts.push(csv::BYTE_ORDER_MARK);
        parts.push(&header(t));
        file.set_value(Some(parts));
        step.set(Step::Running { rows: 0, total });
        focus_title.run(());
        let directory = directory.clone();
        let params = view.now();
        leptos::task::spawn_local(async move {
            let mut rows_written = 0;
            let end = directory
                .walk_pages(&params, true, &token, |page, presence| {
                    let text = rows(&page.items, presence, t);
                    file.update_value(|parts| {
                        if let Some(parts) = parts {
                            parts.push(&text);
                        }
                    });
                    rows_written += page.items.len() as u64;
                    step.try_set(Step::Running {
                        rows: rows_written,
                        total,
                    });
                })
                .await;
            match end {
                WalkEnd::Complete => save.run((rows_written, false)),
                WalkEnd::Stopped => file.set_value(None),
                WalkEnd::Failed(error) => {
                    step.try_set(Step::Failed {
                        rows: rows_written,
                        total,
                        error,
                    });
                }
            }
        });
    });
    let open = move || {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
        let (total, bytes_per_row) = page.with_untracked(|p| {
            let p = p.as_ref();
            let sample = p.map(|p| rows(&p.items, &[], t).len() / p.items.len().max(1));
            (p.and_then(|p| p.total_count), sample.unwrap_or(100) as u64)
        });
        match total {
            Some(total) if total > ASK_ABOVE => {
                let requests = total.div_ceil(WALK_PAGE_SIZE) * 2;
                step.set(Step::Confirm {
                    total,
                    requests,
                    bytes: total * bytes_per_row,
                });
                focus_title.run(());
            }
            _ => start.run(()),
        }
    };
    Effect::new(move |_| {
        if asked.get() {
            asked.set(false);
            open();
        }
    });
    let close = move || {
        stop.with_value(CancelToken::cancel);
        file.set_value(None);
        step.set(Step::Closed);
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let body = move || {
        match step.get() {
        Step::Closed => ().into_any(),
        Step::Confirm { total, requests, bytes } => view! {
            <h2 id=TITLE_ID tabindex="-1">{fill(b.export_question, &[("users", &b.users(total))])}</h2>
            <p>{fill(b.export_estimate, &[
                ("requests", &crate::format::number(requests)),
                ("size", &megabytes(bytes)),
            ])}</p>
            <div class="ua-actions">
                <button type="button" class="ua-button ua-button--primary" on:click=move |_| start.run(())>{b.export}</button>
                <button type="button" class="ua-button" on:click=move |_| close()>{t.cancel}</button>
            </div>
        }
        .into_any(),
        Step::Running { rows, total } => view! {
            <h2 id=TITLE_ID tabindex="-1">{b.exporting}</h2>
            <Progress done=rows total labelled_by=TITLE_ID/>
            <div class="ua-actions">
                <button type="button" class="ua-button" on:click=move |_| close()>{t.cancel}</button>
            </div>
        }
        .into_any(),
        Step::Failed { rows, total, error } => view! {
            <h2 id=TITLE_ID tabindex="-1">{fill(b.export_stopped, &[
                ("done", &crate::format::number(rows)),
                ("total", &total_words(total)),
            ])}</h2>
            <ErrorBanner error=*error/>
            <div class="ua-actions">
                {(rows > 0).then(|| view! {
                    <button type="button" class="ua-button" on:click=move |_| save.run((rows, true))>
                        {fill(b.download_partial, &[("count", &crate::format::number(rows))])}
                    </button>
                })}
                <button type="button" class="ua-button" on:click=move |_| close()>{b.discard}</button>
            </div>
        }
        .into_any(),
        Step::Saved { file, rows } => view! {
            <h2 id=TITLE_ID tabindex="-1">{b.export_csv}</h2>
            <p role="status">{if rows == 0 {
                b.export_empty.to_owned()
            } else {
                fill(b.export_done, &[("file", &file), ("users", &b.users(rows))])
            }}</p>
            <div class="ua-actions">
                <button type="button" class="ua-button" on:click=move |_| close()>{b.close}</button>
            </div>
        }
        .into_any(),
    }
    };
    let on_cancel = move |event: web_sys::Event| {
        event.prevent_default();
        close();
    };
    view! {
        <dialog class="ua-dialog" node_ref=dialog aria-labelledby=TITLE_ID on:cancel=on_cancel>
            {body}
        </dialog>
    }
}

/// `12.3 MB` (decimal megabytes, one decimal; integer arithmetic, so no
/// float formatting is linked in).
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}
