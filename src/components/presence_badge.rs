//! A user's presence: a shape and a word, never colour alone. The status
//! message and, for do-not-disturb, its end time are in the tooltip and in
//! the accessible name.

use leptos::prelude::*;

use crate::api::wire::{Presence, PresenceState};
use crate::format;
use crate::i18n::{fill, Messages};

/// Whether a presence list's badges should be marked stale: its last
/// refresh failed and the last good data is older than 1.5 refresh intervals.
pub fn is_stale<T>(state: &crate::resource::QueryState<T>, refresh_ms: u32) -> bool {
    let after = f64::from(refresh_ms) * 1.5;
    state.error.is_some()
        && state
            .fetched_at
            .is_some_and(|at| js_sys::Date::now() - at > after)
}

/// The badge of one user's presence query (its first item), marked stale
/// when its refreshes keep failing.
#[component]
pub fn OnePresenceBadge(
    state: Signal<crate::resource::QueryState<Vec<Presence>>>,
) -> impl IntoView {
    let refresh_ms = crate::config::presence_refresh_ms();
    move || {
        let state = state.get();
        let presence = state.data.as_ref().and_then(|list| list.first().cloned());
        view! { <PresenceBadge presence=presence stale=is_stale(&state, refresh_ms)/> }
    }
}

/// (modifier class, icon, label) for a state.
/// The word for a presence state (a do-not-disturb that is over reads
/// as available).
pub fn presence_word(state: &PresenceState, dnd_over: bool, t: &'static Messages) -> &'static str {
    look(state, dnd_over, t).2
}

fn look(
    state: &PresenceState,
    dnd_over: bool,
    t: &'static Messages,
) -> (&'static str, &'static str, &'static str) {
    match state {
        PresenceState::Available => ("available", "●", t.available),
        PresenceState::Away => ("away", "◐", t.away),
        PresenceState::Busy => ("busy", "■", t.busy),
        PresenceState::DoNotDisturb if dnd_over => ("available", "●", t.available),
        PresenceState::DoNotDisturb => ("dnd", "⊘", t.do_not_disturb),
        PresenceState::Offline => ("offline", "○", t.offline),
        PresenceState::Unknown(_) => ("unknown", "?", t.unknown),
    }
}

/// `presence` is `None` while it loads; `stale` marks a badge whose last
/// refreshes failed (it keeps showing the last known state).
#[component]
pub fn PresenceBadge(presence: Option<Presence>, #[prop(optional)] stale: bool) -> impl IntoView {
    let Some(presence) = presence else {
        return view! { <span class="ua-presence ua-presence--loading">"…"</span> }.into_any();
    };
    let now = js_sys::Date::now();
    let until = presence.dnd_until.as_deref().and_then(format::parse_time);
    // A do-not-disturb that ends shows as ended at that moment, without
    // waiting for the next refresh.
    let dnd_over = RwSignal::new(until.is_some_and(|until| until <= now));
    if let (PresenceState::DoNotDisturb, Some(until)) = (&presence.state, until) {
        let wait = until - now;
        if wait > 0.0 && wait < f64::from(i32::MAX) {
            if let Ok(timer) = set_timeout_with_handle(
                move || dnd_over.set(true),
                std::time::Duration::from_millis(wait as u64),
            ) {
                on_cleanup(move || timer.clear());
            }
        }
    }
    let t = crate::i18n::t();
    view! { {move || badge(&presence, dnd_over.get(), stale, t)} }.into_any()
}

fn badge(
    presence: &Presence,
    dnd_over: bool,
    stale: bool,
    t: &'static Messages,
) -> impl IntoView + use<> {
    let (modifier, icon, label) = look(&presence.state, dnd_over, t);
    let mut tooltip = label.to_owned();
    if let (PresenceState::DoNotDisturb, false, Some(end)) =
        (&presence.state, dnd_over, presence.dnd_until.as_deref())
    {
        tooltip.push_str(&fill(
            t.presence_until,
            &[("time", &format::date_time(end))],
        ));
    }
    if let Some(message) = presence.status_message.as_deref().filter(|m| !m.is_empty()) {
        tooltip.push_str(&format!(": {message}"));
    }
    if stale {
        tooltip.push_str(t.may_be_out_of_date);
    }
    let class = format!(
        "ua-presence ua-presence--{modifier}{}",
        if stale { " ua-presence--stale" } else { "" }
    );
    let details = tooltip.strip_prefix(label).unwrap_or("").to_owned();
    view! {
        <span class=class title=tooltip>
            <span class="ua-presence__icon" aria-hidden="true">{icon}</span>
            <span class="ua-presence__label">{label}</span>
            <span class="ua-visually-hidden">{details}</span>
        </span>
    }
}
