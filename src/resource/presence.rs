//! Presence: read in batches for the users on screen, kept fresh while the
//! tab is visible, and the signed-in admin's own presence changed at once on
//! screen and put back if the server refuses.

use leptos::prelude::*;

use super::directory::{use_directory, Directory};
use super::query::{fetcher, Fetcher, QueryState};
use super::{use_cache, use_query};
use crate::api::endpoints::CallOptions;
use crate::api::wire::PresenceChange;
use crate::api::wire::{Presence, PresenceState};
use crate::api::ApiError;

/// The prefix every presence key starts with.
const PRESENCES: &str = "presence:";

pub fn presence_key(ids: &[String]) -> String {
    format!("{PRESENCES}{}", ids.join(","))
}

impl Directory {
    /// The presence of `ids` in one request; from a batch, each user's
    /// presence is also cached under its own key (the profile reads it from
    /// there).
    pub fn presence_fetcher(&self, ids: Vec<String>) -> Fetcher<Vec<Presence>> {
        // An API without presence: no badges, and nothing is asked.
        let offered = self.client.api_profile().capabilities().presence_badges;
        if ids.is_empty() || !offered {
            return fetcher(&self.client, |_, _| async { Ok(Vec::new()) });
        }
        let directory = self.clone();
        fetcher(&self.client, move |client, options| {
            let (directory, ids) = (directory.clone(), ids.clone());
            async move {
                let list = client.presences(&ids, &options).await?;
                if ids.len() > 1 {
                    for presence in &list {
                        let one = vec![presence.user_id.clone()];
                        let fetch = directory.presence_fetcher(one.clone());
                        let key = presence_key(&one);
                        directory.cache.seed(&key, vec![presence.clone()], fetch);
                    }
                }
                Ok(list)
            }
        })
    }

    /// Sets the signed-in admin's (`id`) presence. The badges show the
    /// change at once; they show the server's answer when it comes, or the
    /// presence from before when the change fails or is cancelled.
    pub async fn set_own_presence(
        &self,
        id: &str,
        change: PresenceChange,
        options: CallOptions,
    ) -> Result<Presence, ApiError> {
        let before = self
            .cache
            .get::<Vec<Presence>>(&presence_key(&[id.to_owned()]))
            .and_then(|list| list.into_iter().next());
        if let Some(mut optimistic) = before.clone() {
            apply(&mut optimistic, &change);
            self.show_presence(optimistic);
        }
        let saved = self.client.set_own_presence(&change, &options).await;
        match &saved {
            Ok(presence) => {
                self.show_presence(presence.clone());
                self.cache.invalidate(PRESENCES);
            }
            Err(_) => {
                if let Some(before) = before {
                    self.show_presence(before);
                }
            }
        }
        saved
    }

    /// Asks for every presence on screen again.
    pub fn refresh_presence(&self) {
        self.cache.invalidate(PRESENCES);
    }

    /// Puts a presence into every cached presence list that holds its user.
    pub(super) fn show_presence(&self, presence: Presence) {
        self.cache.update_all::<Vec<Presence>>(PRESENCES, |list| {
            for item in list.iter_mut().filter(|p| p.user_id == presence.user_id) {
                *item = presence.clone();
            }
        });
    }
}

/// The presence of the users `ids` names, in one request; nothing is asked
/// for no users.
pub fn use_presence(ids: Signal<Vec<String>>) -> Signal<QueryState<Vec<Presence>>> {
    let directory = use_directory();
    use_query(
        use_cache(),
        move || presence_key(&ids.get()),
        move |_| directory.presence_fetcher(ids.get_untracked()),
    )
}

/// The presence of one user.
pub fn use_presence_of(id: String) -> Signal<QueryState<Vec<Presence>>> {
    use_presence(Signal::stored(vec![id]))
}

/// Refreshes every presence on screen on the host's interval while the tab is
/// visible, and at once when it becomes visible again; nothing while hidden.
/// Stops with the calling component.
pub fn keep_presence_fresh() {
    let cache = use_cache();
    let live = use_context::<super::live_presence::LiveStreams>();
    let refresh = move || {
        // A healthy event stream keeps the badges current already.
        if !document().hidden() && !live.is_some_and(|live| live.any()) {
            cache.invalidate(PRESENCES);
        }
    };
    let every = crate::config::presence_refresh_ms();
    let interval = set_interval_with_handle(
        refresh.clone(),
        std::time::Duration::from_millis(u64::from(every)),
    )
    .ok();
    let visibility = window_event_listener_untyped("visibilitychange", move |_| refresh());
    on_cleanup(move || {
        if let Some(interval) = interval {
            interval.clear();
        }
        visibility.remove();
    });
}

/// What the change will make of a presence (for the optimistic badge).
fn apply(presence: &mut Presence, change: &PresenceChange) {
    if change.clear_dnd {
        if presence.state == PresenceState::DoNotDisturb {
            presence.state = PresenceState::Available;
        }
        presence.dnd_until = None;
        return;
    }
    if let Some(state) = &change.state {
        presence.state = PresenceState::parse(state);
    }
    presence.dnd_until = change.dnd_until.clone();
    if let Some(message) = &change.status_message {
        presence.status_message = Some(message.clone()).filter(|m| !m.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dnd() -> Presence {
        Presence {
            user_id: "u1".into(),
            state: PresenceState::DoNotDisturb,
            dnd_until: Some("2026-12-02T09:00:00Z".into()),
            status_message: Some("In a meeting".into()),
            updated_at: None,
        }
    }

    #[test]
    fn clearing_do_not_disturb_makes_the_badge_available_at_once() {
        let mut presence = dnd();
        apply(
            &mut presence,
            &PresenceChange {
                clear_dnd: true,
                ..PresenceChange::default()
            },
        );
        assert_eq!(presence.state, PresenceState::Available);
        assert_eq!(presence.dnd_until, None);
        assert_eq!(presence.status_message.as_deref(), Some("In a meeting"));
    }

    #[test]
    fn an_emptied_status_message_is_no_message() {
        let mut presence = dnd();
        apply(
            &mut presence,
            &PresenceChange {
                state: Some("away".into()),
                status_message: Some(String::new()),
                ..PresenceChange::default()
            },
        );
        assert_eq!(presence.state, PresenceState::Away);
        assert_eq!(presence.dnd_until, None);
        assert_eq!(presence.status_message, None);
    }
}
