//! A user's presence: a shape and a word, never colour alone. The status
//! message and, for do-not-disturb, its end time are in the tooltip and in
//! the accessible name.

use leptos::prelude::*;

use crate::api::wire::{Presence, PresenceState};
use crate::format;

/// (modifier class, icon, label) for a state.
fn look(state: &PresenceState, dnd_over: bool) -> (&'static str, &'static str, &'static str) {
    match state {
        PresenceState::Available => ("available", "●", "Available"),
        PresenceState::Away => ("away", "◐", "Away"),
        PresenceState::Busy => ("busy", "■", "Busy"),
        PresenceState::DoNotDisturb if dnd_over => ("available", "●", "Available"),
        PresenceState::DoNotDisturb => ("dnd", "⊘", "Do not disturb"),
        PresenceState::Offline => ("offline", "○", "Offline"),
        PresenceState::Unknown(_) => ("unknown", "?", "Unknown"),
    }
}

/// `presence` is `None` while it loads; `stale` marks a badge whose last
/// refresh failed.
#[component]
pub fn PresenceBadge(presence: Option<Presence>, #[prop(optional)] stale: bool) -> impl IntoView {
    let Some(presence) = presence else {
        return view! { <span class="ua-presence ua-presence--loading">"…"</span> }.into_any();
    };
    let now = js_sys::Date::now();
    let until = presence.dnd_until.as_deref().and_then(format::parse_time);
    // A do-not-disturb that has ended shows as such without waiting for a poll.
    let dnd_over = until.is_some_and(|until| until <= now);
    let (modifier, icon, label) = look(&presence.state, dnd_over);
    let mut tooltip = label.to_owned();
    if let (PresenceState::DoNotDisturb, false, Some(end)) =
        (&presence.state, dnd_over, presence.dnd_until.as_deref())
    {
        tooltip.push_str(&format!(" until {}", format::date_time(end)));
    }
    if let Some(message) = presence.status_message.as_deref().filter(|m| !m.is_empty()) {
        tooltip.push_str(&format!(": {message}"));
    }
    if stale {
        tooltip.push_str(" (may be out of date)");
    }
    let class = format!(
        "ua-presence ua-presence--{modifier}{}",
        if stale { " ua-presence--stale" } else { "" }
    );
    view! {
        <span class=class title=tooltip.clone()>
            <span class="ua-presence__icon" aria-hidden="true">{icon}</span>
            <span class="ua-presence__label">{label}</span>
            <span class="ua-visually-hidden">{tooltip.strip_prefix(label).unwrap_or("").to_owned()}</span>
        </span>
    }
    .into_any()
}
