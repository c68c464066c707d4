//! The directory as the screens see it: reads through the cache by what
//! they name (`use_user(id)`, `use_profile()`…), and writes that keep every
//! cached copy current. Screens never pair a cache key with a fetcher.

use leptos::prelude::*;
use serde_json::{Map, Value};

use super::query::{fetcher, Fetcher, QueryCache, QueryHandle, QueryState};
use super::{use_cache, use_client, use_query};
use crate::api::client::Client;
use crate::api::endpoints::CallOptions;
use crate::api::params::ListParams;
use crate::api::wire::{Accepted, Role, Versioned};
use crate::api::wire::{Page, User};
use crate::api::ApiError;

/// Cache key of a directory page: the request itself.
pub fn page_key(params: &ListParams) -> String {
    format!("{PAGES}{}", params.query_string())
}

/// The prefix every directory page's key starts with.
pub(super) const PAGES: &str = "users";

pub fn user_key(id: &str) -> String {
    format!("user:{id}")
}

pub const PROFILE_KEY: &str = "profile";
pub const ROLES_KEY: &str = "roles";

/// The API client and the cache of one mounted admin, for reads and writes
/// outside a component's reactive scope (a save, a test).
#[derive(Clone)]
pub struct Directory {
    pub(super) client: Client,
    pub(super) cache: QueryCache,
}

/// The mounted admin's [`Directory`].
pub fn use_directory() -> Directory {
    Directory::new(use_client(), use_cache())
}

impl Directory {
    pub fn new(client: Client, cache: QueryCache) -> Self {
        Self { client, cache }
    }

    /// A page of the directory; each user on it is also cached under its own
    /// key, so a profile opened from the list needs no request of its own.
    pub fn page_fetcher(&self, params: &ListParams) -> Fetcher<Page> {
        let (directory, params) = (self.clone(), params.clone());
        fetcher(&self.client, move |client, options| {
            let (directory, params) = (directory.clone(), params.clone());
            async move {
                let page = client.list_users(&params, &options).await?;
                for user in &page.items {
                    let version = Versioned {
                        value: user.clone(),
                        etag: user.version.clone(),
                    };
                    let fetch = directory.user_fetcher(&user.id);
                    directory.cache.seed(&user_key(&user.id), version, fetch);
                }
                Ok(page)
            }
        })
    }

    pub fn user_fetcher(&self, id: &str) -> Fetcher<Versioned<User>> {
        let id = id.to_owned();
        fetcher(&self.client, move |client, options| {
            let id = id.clone();
            async move { client.get_user(&id, &options).await }
        })
    }

    /// The signed-in admin, with what they may do.
    fn profile_fetcher(&self) -> Fetcher<Versioned<User>> {
        fetcher(&self.client, |client, options| async move {
            client.profile(&options).await
        })
    }

    fn roles_fetcher(&self) -> Fetcher<Vec<Role>> {
        fetcher(&self.client, |client, options| async move {
            client.roles(&options).await
        })
    }

    pub fn read_page(&self, params: &ListParams) -> QueryHandle<Page> {
        self.cache
            .read(&page_key(params), self.page_fetcher(params))
    }

    pub fn read_user(&self, id: &str) -> QueryHandle<Versioned<User>> {
        self.cache.read(&user_key(id), self.user_fetcher(id))
    }

    /// Asks for a page again (Try again after a failure).
    pub fn refresh_page(&self, params: &ListParams) {
        self.cache.invalidate(&page_key(params));
    }

    /// Asks for a user again; readers see the new version when it comes.
    pub fn refresh_user(&self, id: &str) {
        self.cache.invalidate(&user_key(id));
    }

    /// Asks for the signed-in admin's profile again.
    pub fn refresh_profile(&self) {
        self.cache.invalidate(PROFILE_KEY);
    }

    /// The user as the server holds it now, past the cache (what changed
    /// since the admin started editing).
    pub async fn latest_user(&self, id: &str) -> Result<Versioned<User>, ApiError> {
        self.client.get_user(id, &CallOptions::default()).await
    }

    /// Saves a merge-patch; on success the cached user and every cached list
    /// page holding that user show the new version without a reload.
    pub async fn save_user(
        &self,
        id: &str,
        etag: &str,
        patch: &Map<String, Value>,
    ) -> Result<Versioned<User>, ApiError> {
        let saved = self.save_user_only(id, etag, patch).await?;
        self.show_in_pages(std::slice::from_ref(&saved.value));
        Ok(saved)
    }

    /// Saves a merge-patch and caches the user, leaving the list pages as
    /// they are: a bulk run shows all its answers in the pages at once,
    /// rather than re-rendering a page per user.
    pub(super) async fn save_user_only(
        &self,
        id: &str,
        etag: &str,
        patch: &Map<String, Value>,
    ) -> Result<Versioned<User>, ApiError> {
        let saved = self.client.patch_user(id, etag, patch).await?;
        self.cache.set(&user_key(id), saved.clone());
        Ok(saved)
    }

    /// Every cached list page holding one of `users` shows their new version.
    pub(super) fn show_in_pages(&self, users: &[User]) {
        if users.is_empty() {
            return;
        }
        self.cache.update_all::<Page>(&format!("{PAGES}?"), |page| {
            for item in page.items.iter_mut() {
                if let Some(user) = users.iter().find(|user| user.id == item.id) {
                    *item = user.clone();
                }
            }
        });
    }

    /// Activates or deactivates a user. A user shown from a list page has no
    /// ETag yet: it is read first. On a 412 the cached user is refreshed, so
    /// the screen behind the question shows the other admin's version.
    pub async fn set_active(
        &self,
        id: &str,
        etag: Option<String>,
        active: bool,
    ) -> Result<Versioned<User>, ApiError> {
        let etag = match etag {
            Some(etag) => etag,
            None => self.latest_user(id).await?.etag.unwrap_or_default(),
        };
        let mut patch = Map::new();
        patch.insert("active".into(), Value::Bool(active));
        let saved = self.save_user(id, &etag, &patch).await;
        if saved
            .as_ref()
            .is_err_and(|e| e.kind == crate::api::ErrorKind::PreconditionFailed)
        {
            self.refresh_user(id);
        }
        saved
    }

    /// Creates a user; every list page may now be different, so they refetch.
    pub async fn create_user(
        &self,
        user: &Map<String, Value>,
        idempotency_key: &str,
        options: &CallOptions,
    ) -> Result<Accepted, ApiError> {
        let accepted = self
            .client
            .create_user(user, idempotency_key, options)
            .await?;
        self.cache.invalidate(&format!("{PAGES}?"));
        Ok(accepted)
    }
}

/// The directory page `params` names, following it as it changes.
pub fn use_user_page(params: Memo<ListParams>) -> Signal<QueryState<Page>> {
    let directory = use_directory();
    use_query(
        use_cache(),
        move || page_key(&params.get()),
        move |_| directory.page_fetcher(&params.get_untracked()),
    )
}

/// One user by the id the API addresses them by.
pub fn use_user(id: Memo<String>) -> Signal<QueryState<Versioned<User>>> {
    let directory = use_directory();
    use_query(
        use_cache(),
        move || user_key(&id.get()),
        move |_| directory.user_fetcher(&id.get_untracked()),
    )
}

/// The signed-in admin's own user, with their permissions.
pub fn use_profile() -> Signal<QueryState<Versioned<User>>> {
    let directory = use_directory();
    use_query(
        use_cache(),
        || PROFILE_KEY.to_owned(),
        move |_| directory.profile_fetcher(),
    )
}

/// The roles an admin can assign (and filter by).
pub fn use_roles() -> Signal<QueryState<Vec<Role>>> {
    let directory = use_directory();
    use_query(
        use_cache(),
        || ROLES_KEY.to_owned(),
        move |_| directory.roles_fetcher(),
    )
}
