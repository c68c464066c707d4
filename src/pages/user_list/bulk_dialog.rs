//! A bulk change in a modal `<dialog>`: find the users (all matching a
//! filter are read page by page), confirm (how many change, how many are
//! skipped, the first names), run with a progress bar and Cancel, then the
//! report with "Retry the failed ones".

use leptos::html;
use leptos::prelude::*;

use super::bulk_report::BulkReport;
use super::bulk_steps::Confirmation;
use super::selection::Selection;
use super::view::ListView;
use crate::api::client::CancelToken;
use crate::api::ApiError;
use crate::components::error_banner::ErrorBanner;
use crate::components::progress::Progress;
use crate::host::use_host;
use crate::i18n::t;
use crate::resource::bulk::{plan, BulkAction, Plan, Report, Target};
use crate::resource::walk::WalkEnd;
use crate::resource::{use_directory, use_roles};

/// The dialog's heading, focused at each step (the button used is gone).
pub(super) const TITLE_ID: &str = "ua-bulk-title";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    Activate,
    Deactivate,
    AddRole,
    RemoveRole,
}

#[derive(Clone)]
enum Step {
    Closed,
    Finding {
        found: u64,
        total: u64,
    },
    FindFailed(Box<ApiError>),
    Confirm,
    Running {
        done: usize,
        total: usize,
        stopping: bool,
    },
    Finished,
}

#[component]
pub fn BulkDialog(
    selection: RwSignal<Selection>,
    view: ListView,
    /// Set by the selection bar; taken (and reset) here.
    asked: RwSignal<Option<ActionKind>>,
) -> impl IntoView {
    let t = t();
    let b = t.bulk;
    let directory = use_directory();
    let host = use_host();
    let roles = use_roles();
    let dialog = NodeRef::<html::Dialog>::new();
    let step = RwSignal::new(Step::Closed);
    let kind = RwSignal::new(ActionKind::Deactivate);
    let role = RwSignal::new(String::new());
    let targets = RwSignal::new(Vec::<Target>::new());
    let report = RwSignal::new(Report::default());
    let stop = StoredValue::new_local(CancelToken::default());

    let action = move || match kind.get() {
        ActionKind::Activate => BulkAction::Activate,
        ActionKind::Deactivate => BulkAction::Deactivate,
        ActionKind::AddRole => BulkAction::AddRole(role.get()),
        ActionKind::RemoveRole => BulkAction::RemoveRole(role.get()),
    };
    let planned = Memo::new(move |_| targets.with(|list| plan(&action(), list.iter().cloned())));
    let focus_title = {
        let host = host.clone();
        move || {
            let host = host.clone();
            request_animation_frame(move || {
                if let Some(title) = host.element_by_id(TITLE_ID) {
                    let _ = title.focus();
                }
            });
        }
    };
    let move_to = {
        let focus_title = focus_title.clone();
        move |next: Step| {
            step.try_set(next);
            focus_title();
        }
    };

    // The admin asked for an action: open, and find who it is about.
    Effect::new({
        let (directory, move_to) = (directory.clone(), move_to.clone());
        move |_| {
            let Some(asked_for) = asked.get() else { return };
            asked.set(None);
            kind.set(asked_for);
            if role.get_untracked().is_empty() {
                let first =
                    roles.with_untracked(|r| r.data.as_ref()?.first().map(|r| r.name.clone()));
                role.set(first.unwrap_or_default());
            }
            if let Some(dialog) = dialog.get_untracked() {
                let _ = dialog.show_modal();
            }
            let matching = selection.with_untracked(|s| s.matching().cloned());
            let Some(matching) = matching else {
                targets.set(selection.with_untracked(|s| s.picked().to_vec()));
                move_to(Step::Confirm);
                return;
            };
            let token = CancelToken::default();
            stop.set_value(token.clone());
            move_to(Step::Finding {
                found: 0,
                total: matching.total,
            });
            let (directory, move_to) = (directory.clone(), move_to.clone());
            let params = matching.filter.on(&view.now());
            leptos::task::spawn_local(async move {
                let mut found = Vec::new();
                let end = directory
                    .walk_pages(&params, false, &token, |page, _| {
                        found.extend(
                            page.items
                                .iter()
                                .filter(|u| !matching.except.contains(&u.id))
                                .map(Target::of),
                        );
                        let count = found.len() as u64;
                        step.try_update(|s| {
                            if let Step::Finding { found, .. } = s {
                                *found = count;
                            }
                        });
                    })
                    .await;
                match end {
                    WalkEnd::Complete => {
                        targets.try_set(found);
                        move_to(Step::Confirm);
                    }
                    WalkEnd::Stopped => {}
                    WalkEnd::Failed(error) => move_to(Step::FindFailed(error)),
                }
            });
        }
    });

    let close = move || {
        stop.with_value(CancelToken::cancel);
        step.set(Step::Closed);
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    // Runs `to_change`; a second click while one runs does nothing.
    let run = {
        let (directory, host, move_to) = (directory.clone(), host.clone(), move_to.clone());
        move |to_change: Vec<Target>, skipped: Vec<Target>| {
            if !matches!(step.get_untracked(), Step::Confirm | Step::Finished) {
                return;
            }
            let action = action();
            let token = CancelToken::default();
            stop.set_value(token.clone());
            report.set(Report {
                skipped,
                ..Report::default()
            });
            move_to(Step::Running {
                done: 0,
                total: to_change.len(),
                stopping: false,
            });
            let (directory, host, move_to) = (directory.clone(), host.clone(), move_to.clone());
            leptos::task::spawn_local(async move {
                let not_started = directory
                    .run_bulk(&action, to_change, &token, |target, outcome| {
                        report.try_update(|r| r.record(target, outcome));
                        step.try_update(|s| {
                            if let Step::Running { done, .. } = s {
                                *done += 1;
                            }
                        });
                    })
                    .await;
                let Some(done) = report.try_update(|r| {
                    r.not_started = not_started;
                    r.clone()
                }) else {
                    return; // the admin was removed meanwhile
                };
                selection.try_update(|s| {
                    s.refresh(&[done.changed.clone(), done.skipped.clone()].concat())
                });
                let ids = |list: &[Target]| list.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
                let failed: Vec<String> = done.failed.iter().map(|(t, _)| t.id.clone()).collect();
                host.users_updated(
                    &ids(&done.changed),
                    action.event_name(),
                    action.role(),
                    &failed,
                );
                move_to(Step::Finished);
            });
        }
    };
    let run_planned = {
        let run = run.clone();
        move |_| {
            let Plan {
                changing,
                unchanged,
            } = planned.get_untracked();
            if !changing.is_empty() {
                run(changing, unchanged);
            }
        }
    };
    let retry_failed = Callback::new({
        let run = run.clone();
        move |()| run(report.with_untracked(Report::to_retry), Vec::new())
    });
    // Cancel appears where the run button was: the second click of a
    // double click on that button is not a Cancel.
    let stop_run = move |event: web_sys::MouseEvent| {
        if event.detail() > 1 {
            return;
        }
        stop.with_value(CancelToken::cancel);
        step.update(|s| {
            if let Step::Running { stopping, .. } = s {
                *stopping = true;
            }
        });
    };
    // Escape closes the dialog, but never hides a run that is going on.
    let on_cancel = move |event: web_sys::Event| {
        if matches!(step.get_untracked(), Step::Running { .. }) {
            event.prevent_default();
        } else {
            close();
        }
    };

    let body = move || {
        match step.get() {
        Step::Closed => ().into_any(),
        Step::Finding { found, total } => view! {
            <h2 id=TITLE_ID tabindex="-1">{b.finding_users}</h2>
            <Progress done=found total=Some(total) labelled_by=TITLE_ID/>
            <div class="ua-actions">
                <button type="button" class="ua-button" on:click=move |_| close()>{t.cancel}</button>
            </div>
        }
        .into_any(),
        Step::FindFailed(error) => view! {
            <h2 id=TITLE_ID tabindex="-1">{b.finding_users}</h2>
            <ErrorBanner error=*error/>
            <div class="ua-actions">
                <button type="button" class="ua-button" on:click=move |_| close()>{b.close}</button>
            </div>
        }
        .into_any(),
        Step::Confirm => view! { <Confirmation kind role planned roles/> }
            .into_any(),
        Step::Running { done, total, stopping } => view! {
            <h2 id=TITLE_ID tabindex="-1">{b.changing_users}</h2>
            <Progress done=done as u64 total=Some(total as u64) labelled_by=TITLE_ID/>
            <p class="ua-hint">{b.stop_hint}</p>
            <div class="ua-actions">
                <button type="button" class="ua-button" on:click=stop_run
                    aria-disabled=stopping.then_some("true")>
                    {if stopping { b.stopping } else { t.cancel }}
                </button>
            </div>
        }
        .into_any(),
        Step::Finished => view! { <BulkReport report=report.get() title_id=TITLE_ID retry=retry_failed/> }
            .into_any(),
    }
    };
    let confirm_buttons = move || {
        matches!(step.get(), Step::Confirm).then(|| {
            let label = match kind.get() {
                ActionKind::Activate => b.activate,
                ActionKind::Deactivate => b.deactivate,
                ActionKind::AddRole => b.add_role.trim_end_matches('…'),
                ActionKind::RemoveRole => b.remove_role.trim_end_matches('…'),
            };
            let nothing = planned.with(|p| p.changing.is_empty());
            view! {
                <div class="ua-actions">
                    {(!nothing).then(|| view! {
                        <button type="button" class="ua-button ua-button--primary" on:click=run_planned.clone()>{label}</button>
                    })}
                    <button type="button" class="ua-button" on:click=move |_| close()>
                        {if nothing { b.close } else { t.cancel }}
                    </button>
                </div>
            }
        })
    };
    let finished_buttons = move || {
        matches!(step.get(), Step::Finished).then(|| view! {
            <div class="ua-actions">
                <button type="button" class="ua-button" on:click=move |_| close()>{b.close}</button>
            </div>
        })
    };
    view! {
        <dialog class="ua-dialog ua-dialog--wide" node_ref=dialog aria-labelledby=TITLE_ID on:cancel=on_cancel>
            {body}
            {confirm_buttons}
            {finished_buttons}
        </dialog>
    }
}
