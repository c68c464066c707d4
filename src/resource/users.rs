//! The directory's queries and what each mutation changes in the cache.

use std::rc::Rc;

use serde_json::{Map, Value};

use super::query::{Fetcher, QueryCache, QueryHandle};
use crate::api::client::Client;
use crate::api::endpoints::{Accepted, ListParams, Role, Versioned};
use crate::api::wire::{Page, Presence, User};
use crate::api::ApiError;

/// Cache key of a directory page: the request itself.
pub fn page_key(params: &ListParams) -> String {
    format!("users{}", params.query_string())
}

pub fn user_key(id: &str) -> String {
    format!("user:{id}")
}

/// A page of the directory; each user on it is also cached under its own
/// key, so a profile opened from the list needs no request of its own.
pub fn page_fetcher(cache: &QueryCache, client: &Client, params: &ListParams) -> Fetcher<Page> {
    let (cache, client, params) = (cache.clone(), client.clone(), params.clone());
    Rc::new(move |options| {
        let (cache, client, params) = (cache.clone(), client.clone(), params.clone());
        Box::pin(async move {
            let page = client.list_users(&params, &options).await?;
            for user in &page.items {
                let version = Versioned {
                    value: user.clone(),
                    etag: None,
                };
                cache.seed(
                    &user_key(&user.id),
                    version,
                    user_fetcher(&client, &user.id),
                );
            }
            Ok(page)
        })
    })
}

pub fn user_fetcher(client: &Client, id: &str) -> Fetcher<Versioned<User>> {
    let (client, id) = (client.clone(), id.to_owned());
    Rc::new(move |options| {
        let (client, id) = (client.clone(), id.clone());
        Box::pin(async move { client.get_user(&id, &options).await })
    })
}

pub fn presence_key(ids: &[String]) -> String {
    format!("presence:{}", ids.join(","))
}

/// The presence of `ids` in one request; from a batch, each user's presence
/// is also cached under its own key (the profile reads it from there).
pub fn presence_fetcher(
    cache: &QueryCache,
    client: &Client,
    ids: Vec<String>,
) -> Fetcher<Vec<Presence>> {
    let (cache, client) = (cache.clone(), client.clone());
    Rc::new(move |options| {
        let (cache, client, ids) = (cache.clone(), client.clone(), ids.clone());
        Box::pin(async move {
            let list = client.presences(&ids, &options).await?;
            if ids.len() > 1 {
                for presence in &list {
                    let one = vec![presence.user_id.clone()];
                    let fetcher = presence_fetcher(&cache, &client, one.clone());
                    cache.seed(&presence_key(&one), vec![presence.clone()], fetcher);
                }
            }
            Ok(list)
        })
    })
}

/// The signed-in admin, with what they may do.
pub fn profile_fetcher(client: &Client) -> Fetcher<Versioned<User>> {
    let client = client.clone();
    Rc::new(move |options| {
        let client = client.clone();
        Box::pin(async move { client.profile(&options).await })
    })
}

pub const PROFILE_KEY: &str = "profile";
pub const ROLES_KEY: &str = "roles";

pub fn roles_fetcher(client: &Client) -> Fetcher<Vec<Role>> {
    let client = client.clone();
    Rc::new(move |options| {
        let client = client.clone();
        Box::pin(async move { client.roles(&options).await })
    })
}

/// Whether the signed-in admin may change users: `None` until their profile
/// is known (controls stay hidden rather than flash). A server that sends no
/// permissions is trusted to answer 403 where needed.
pub fn may_write_users(profile: Option<&User>) -> Option<bool> {
    profile.map(|me| me.permissions.is_empty() || me.permissions.iter().any(|p| p == WRITE_USERS))
}

/// The permission that creating, editing and deactivating users needs.
pub const WRITE_USERS: &str = "users:write";

pub fn read_page(cache: &QueryCache, client: &Client, params: &ListParams) -> QueryHandle<Page> {
    cache.read(&page_key(params), page_fetcher(cache, client, params))
}

pub fn read_user(cache: &QueryCache, client: &Client, id: &str) -> QueryHandle<Versioned<User>> {
    cache.read(&user_key(id), user_fetcher(client, id))
}

/// Saves a merge-patch; on success the cached user and every cached list
/// page holding that user show the new version without a reload.
pub async fn save_user(
    cache: &QueryCache,
    client: &Client,
    id: &str,
    etag: &str,
    patch: &Map<String, Value>,
) -> Result<Versioned<User>, ApiError> {
    let saved = client.patch_user(id, etag, patch).await?;
    cache.set(&user_key(id), saved.clone());
    let user = saved.value.clone();
    cache.update_all::<Page>("users?", |page| {
        for item in page.items.iter_mut().filter(|item| item.id == user.id) {
            *item = user.clone();
        }
    });
    Ok(saved)
}

/// Creates a user; every list page may now be different, so they refetch.
pub async fn create_user(
    cache: &QueryCache,
    client: &Client,
    user: &Map<String, Value>,
    idempotency_key: &str,
    options: &crate::api::endpoints::CallOptions,
) -> Result<Accepted, ApiError> {
    let accepted = client.create_user(user, idempotency_key, options).await?;
    cache.invalidate("users?");
    Ok(accepted)
}

/// Refreshes every presence on screen on the host's interval while the tab is
/// visible, and at once when it becomes visible again; nothing while hidden.
/// Stops with the calling component.
pub fn keep_presence_fresh(cache: QueryCache) {
    use leptos::prelude::*;
    let refresh = move || {
        if !document().hidden() {
            cache.invalidate("presence:");
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

/// Whether the signed-in admin may change users, as far as the API said.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteAccess {
    /// Their profile is on its way: controls stay hidden rather than flash.
    Loading,
    Allowed,
    Refused,
    /// Their profile could not be read (a failure, or an API without
    /// `/users/profile`): permissions are unknown, so the controls are
    /// shown and a 403 from the server explains itself. The error is kept
    /// for the screen to show, unless the API simply has no such endpoint.
    Unknown(Option<Box<ApiError>>),
}

impl WriteAccess {
    pub fn from_profile(state: &super::QueryState<Versioned<User>>) -> Self {
        match (&state.data, &state.error) {
            (Some(me), _) => match may_write_users(Some(&me.value)) {
                Some(false) => Self::Refused,
                _ => Self::Allowed,
            },
            (None, Some(error)) if error.kind == crate::api::ErrorKind::NotFound => {
                Self::Unknown(None)
            }
            (None, Some(error)) => Self::Unknown(Some(Box::new(error.clone()))),
            (None, None) => Self::Loading,
        }
    }

    /// `None` while loading, else whether to offer the write controls.
    pub fn offers_controls(&self) -> Option<bool> {
        match self {
            Self::Loading => None,
            Self::Refused => Some(false),
            Self::Allowed | Self::Unknown(_) => Some(true),
        }
    }
}

/// [`WriteAccess`] of the signed-in admin, read through the cache.
pub fn use_write_access() -> leptos::prelude::Signal<WriteAccess> {
    use leptos::prelude::*;
    let client = super::use_client();
    let profile = super::use_query(
        super::use_cache(),
        || PROFILE_KEY.to_owned(),
        move |_| profile_fetcher(&client),
    );
    Signal::derive(move || profile.with(WriteAccess::from_profile))
}

/// Whether to offer the controls that change users (`None` while loading).
pub fn use_may_write_users() -> leptos::prelude::Signal<Option<bool>> {
    use leptos::prelude::*;
    let access = use_write_access();
    Signal::derive(move || access.with(WriteAccess::offers_controls))
}

/// Asks for the signed-in admin's profile again (Try again after a failure).
pub fn retry_profile(cache: &QueryCache) {
    cache.invalidate(PROFILE_KEY);
}
