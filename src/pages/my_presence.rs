//! "My presence": the signed-in admin sets their state, do-not-disturb until
//! a time, and a status message. The badge changes at once and goes back,
//! with a notice, if the server refuses.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::wire::PresenceChange;
use crate::api::wire::{Presence, PresenceState, User};
use crate::api::ErrorKind;
use crate::components::error_banner::{message, ErrorBanner};
use crate::components::error_summary::ErrorSummary;
use crate::components::form_field::{BoundInput, Field, FormErrors};
use crate::components::page_heading::PageHeading;
use crate::components::presence_badge::OnePresenceBadge;
use crate::components::retry_notice::RetryNotice;
use crate::i18n::{fill, t, Messages};
use crate::resource::access::{may_set_presence, WRITE_PRESENCE};
use crate::resource::{use_directory, use_presence_of, use_profile, Mutation};

const MAX_MESSAGE: usize = 255;
/// The states an admin can choose: (wire code, label).
fn states(t: &'static Messages) -> [(&'static str, &'static str); 5] {
    [
        ("AVAILABLE", t.available),
        ("AWAY", t.away),
        ("BUSY", t.busy),
        ("DND", t.do_not_disturb),
        ("OFFLINE", t.offline),
    ]
}

#[component]
pub fn MyPresence() -> impl IntoView {
    let profile = use_profile();
    let t = t();
    if !crate::resource::use_capabilities().own_presence {
        return view! {
            <PageHeading title=t.my_presence/>
            <p class="ua-banner" role="status">{t.api_has_no_presence}</p>
        }
        .into_any();
    }
    view! {
        <PageHeading title=t.my_presence/>
        {move || {
            let state = profile.get();
            match (state.data, state.error) {
                (Some(me), _) => view! { <PresenceForm me=me.value/> }.into_any(),
                (None, Some(error)) => view! { <ErrorBanner error=error/> }.into_any(),
                (None, None) => view! { <p role="status">{t.loading_presence}</p> }.into_any(),
            }
        }}
    }
    .into_any()
}

#[component]
fn PresenceForm(me: User) -> impl IntoView {
    let can_set = may_set_presence(&me);
    let current = use_presence_of(me.id.clone());

    // What the admin has typed; filled from the server once, then theirs.
    let state = RwSignal::new(String::new());
    let until_local = RwSignal::new(String::new());
    let status_message = RwSignal::new(String::new());
    let filled = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(presence) = current.get().data.and_then(|list| list.into_iter().next()) {
            if !filled.get_value() {
                filled.set_value(true);
                state.set(state_code(&presence.state).to_owned());
                until_local.set(
                    presence
                        .dnd_until
                        .as_deref()
                        .map(utc_to_local_input)
                        .unwrap_or_default(),
                );
                status_message.set(presence.status_message.unwrap_or_default());
            }
        }
    });

    let errors = FormErrors::new("ua-presence");
    let t = t();
    errors.title_while_shown(t.my_presence.to_owned());
    let notice = RwSignal::new(String::new());
    let mutation = Mutation::<Presence>::new();
    let pending = {
        let state = mutation.state();
        Signal::derive(move || state.get().pending)
    };
    let (retrying, cancel) = (mutation.retry_wait(), mutation.cancel_callback());

    {
        let result = mutation.state();
        Effect::new(move |_| {
            let outcome = result.with(|s| if s.pending { None } else { s.result.clone() });
            match outcome {
                Some(Ok(_)) => {
                    errors.clear();
                    notice.set(t.presence_saved.into());
                }
                // Cancelled while the server was busy: nothing changed.
                Some(Err(error)) if error.kind == ErrorKind::Cancelled => {}
                Some(Err(error)) => {
                    errors.show(&error);
                    notice.set(fill(
                        t.presence_not_changed,
                        &[("reason", &message(&error))],
                    ));
                }
                None => {}
            }
        });
    }
    let send = {
        let (directory, mutation, id) = (use_directory(), mutation.clone(), me.id.clone());
        Rc::new(move |change: PresenceChange| {
            notice.set(String::new());
            // The badge shows the change at once, and the old state again on refusal.
            let (directory, id) = (directory.clone(), id.clone());
            mutation.run_with(move |options| async move {
                directory.set_own_presence(&id, change, options).await
            });
        })
    };

    let on_submit = {
        let send = send.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let chosen = state.get_untracked();
            let until = until_local.get_untracked();
            let dnd_until = (chosen == "DND" && !until.is_empty())
                .then(|| local_input_to_utc(&until))
                .flatten();
            send(PresenceChange {
                state: Some(chosen),
                dnd_until,
                status_message: Some(status_message.get_untracked()),
                clear_dnd: false,
            });
        }
    };
    let clear_dnd = {
        let send = send.clone();
        move |_| {
            send(PresenceChange {
                clear_dnd: true,
                ..PresenceChange::default()
            });
            state.set("AVAILABLE".into());
            until_local.set(String::new());
        }
    };
    let quick = move |minutes_from_now: Option<f64>| {
        move |_| {
            let target = match minutes_from_now {
                Some(minutes) => {
                    js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + minutes * 60_000.0))
                }
                None => tomorrow_at_nine(),
            };
            until_local.set(date_to_local_input(&target));
            state.set("DND".into());
        }
    };

    let counter = Signal::derive(move || {
        fill(
            t.chars_used,
            &[
                ("used", &status_message.get().chars().count().to_string()),
                ("max", &MAX_MESSAGE.to_string()),
            ],
        )
    });

    view! {
        <ErrorSummary items=errors.summary()/>
        <p class="ua-own-presence">{t.you_appear_as} <OnePresenceBadge state=current/></p>
        <p class="ua-visually-hidden" role="status" aria-live="polite">{move || notice.get()}</p>
        <p class="ua-notice" aria-hidden="true">{move || notice.get()}</p>
        <RetryNotice wait=retrying on_cancel=cancel/>
        {(!can_set).then(|| view! { <p class="ua-banner">{fill(t.may_not_set_presence, &[("scope", WRITE_PRESENCE)])}</p> })}
        <form class="ua-form" on:submit=on_submit novalidate>
            <Field errors=errors name="state" label=t.state value=state>
                <select
                    id=errors.field_id("state")
                    prop:value=move || state.get()
                    on:change=move |e| state.set(event_target_value(&e))
                    aria-invalid=errors.invalid("state")
                    aria-describedby=errors.described_by("state")
                >
                    {states(t).into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                </select>
            </Field>
            <Field errors=errors name="dndUntil" label=t.dnd_until value=until_local
                hint=Signal::stored(t.dnd_until_hint.to_owned())>
                <BoundInput errors name="dndUntil" value=until_local input_type="datetime-local"/>
                <div class="ua-quick-choices" role="group" aria-label=t.quick_choices>
                    <button type="button" class="ua-button" on:click=quick(Some(30.0))>{t.thirty_minutes}</button>
                    <button type="button" class="ua-button" on:click=quick(Some(60.0))>{t.one_hour}</button>
                    <button type="button" class="ua-button" on:click=quick(None)>{t.until_tomorrow}</button>
                </div>
            </Field>
            <Field errors=errors name="statusMessage" label=t.status_message value=status_message hint=counter>
                <BoundInput errors name="statusMessage" value=status_message input_type="text"/>
            </Field>
            <div class="ua-actions">
                <button type="submit" class="ua-button ua-button--primary" disabled=move || pending.get() || !can_set>
                    {move || if pending.get() { t.saving } else { t.save_presence }}
                </button>
                <button type="button" class="ua-button" on:click=clear_dnd disabled=move || pending.get() || !can_set>
                    {t.clear_dnd}
                </button>
            </div>
        </form>
    }
}

fn state_code(state: &PresenceState) -> &'static str {
    match state {
        PresenceState::Available => "AVAILABLE",
        PresenceState::Away => "AWAY",
        PresenceState::Busy => "BUSY",
        PresenceState::DoNotDisturb => "DND",
        PresenceState::Offline | PresenceState::Unknown(_) => "OFFLINE",
    }
}

/// `2026-11-22T18:00` (what a datetime-local input holds) for a Date, in local time.
fn date_to_local_input(date: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

fn utc_to_local_input(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        String::new()
    } else {
        date_to_local_input(&date)
    }
}

/// A datetime-local value (local time) as an RFC 3339 time in UTC.
fn local_input_to_utc(local: &str) -> Option<String> {
    let date = js_sys::Date::new(&JsValue::from_str(local));
    (!date.get_time().is_nan()).then(|| {
        let iso: String = date.to_iso_string().into();
        // `2026-11-22T17:00:00.000Z` → `2026-11-22T17:00:00Z`
        format!("{}Z", iso.split('.').next().unwrap_or(&iso))
    })
}

fn tomorrow_at_nine() -> js_sys::Date {
    let date = js_sys::Date::new_0();
    date.set_date(date.get_date() + 1);
    date.set_hours(9);
    date.set_minutes(0);
    date.set_seconds(0);
    date
}
