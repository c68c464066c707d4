//! The bulk dialog's confirmation: what is about to happen, with the role
//! to choose for a role change.

use leptos::prelude::*;

use super::bulk_dialog::{ActionKind, TITLE_ID};
use crate::api::wire::Role;
use crate::i18n::{fill, t};
use crate::resource::bulk::Plan;
use crate::resource::QueryState;

/// How many names the confirmation shows.
const NAMES_SHOWN: usize = 5;

/// What the run will do: the question, who is skipped, the first names; a
/// role to choose for a role change.
#[component]
pub fn Confirmation(
    kind: RwSignal<ActionKind>,
    role: RwSignal<String>,
    planned: Memo<Plan>,
    roles: Signal<QueryState<Vec<Role>>>,
) -> impl IntoView {
    let t = t();
    let b = t.bulk;
    let is_role = matches!(
        kind.get_untracked(),
        ActionKind::AddRole | ActionKind::RemoveRole
    );
    let role_picker = is_role.then(|| {
        let options = move || {
            roles.with(|r| {
                r.data
                    .clone()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| {
                        let selected = r.name == role.get_untracked();
                        view! { <option value=r.name.clone() selected=selected>{r.name.clone()}</option> }
                    })
                    .collect_view()
            })
        };
        view! {
            <div class="ua-field">
                <label for="ua-bulk-role">{t.role}</label>
                <select id="ua-bulk-role" prop:value=move || role.get()
                    on:change=move |e| role.set(event_target_value(&e))>
                    {options}
                </select>
            </div>
        }
    });
    let question = move || {
        let plan = planned.get();
        let users = b.users(plan.changing.len() as u64);
        let template = match kind.get() {
            ActionKind::Activate => b.question_activate,
            ActionKind::Deactivate => b.question_deactivate,
            ActionKind::AddRole => b.question_add_role,
            ActionKind::RemoveRole => b.question_remove_role,
        };
        if plan.changing.is_empty() {
            return b.nothing_to_change.to_owned();
        }
        fill(template, &[("users", &users), ("role", &role.get())])
    };
    let skipped = move || {
        let unchanged = planned.with(|p| p.unchanged.len()) as u64;
        let template = match kind.get() {
            ActionKind::Activate => b.already_active,
            ActionKind::Deactivate => b.already_inactive,
            ActionKind::AddRole => b.already_have_role,
            ActionKind::RemoveRole => b.lack_role,
        };
        (unchanged > 0)
            .then(|| view! { <p>{fill(template, &[("users", &b.users(unchanged))])}</p> })
    };
    let names = move || {
        let plan = planned.get();
        let shown: Vec<&str> = plan
            .changing
            .iter()
            .take(NAMES_SHOWN)
            .map(|t| t.name.as_str())
            .collect();
        let more = plan.changing.len().saturating_sub(NAMES_SHOWN);
        let names = shown.join(", ");
        let text = if more > 0 {
            fill(
                b.names_and_more,
                &[
                    ("names", &names),
                    ("count", &crate::format::number(more as u64)),
                ],
            )
        } else {
            names
        };
        (!text.is_empty()).then(|| view! { <p class="ua-hint">{text}</p> })
    };
    view! {
        <h2 id=TITLE_ID tabindex="-1">{question}</h2>
        {role_picker}
        {skipped}
        {names}
    }
}
