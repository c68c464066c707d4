//! The reactive layer between the screens and the API: queries keyed by
//! request with a shared cache, and mutations with pending state. Nothing here
//! renders.
//!
//! *Invariant:* screens read and write the directory only through the hooks
//! and the [`Directory`] here; they never hold the API client or pair a
//! cache key with a fetcher.

pub mod access;
pub mod bulk;
pub mod directory;
pub mod live_presence;
pub mod mutation;
pub mod presence;
pub mod query;
pub mod walk;

pub use access::{
    use_capabilities, use_may_change_users, use_may_create_users, use_may_write_users,
    use_write_access, WriteAccess,
};
pub use directory::{use_directory, use_profile, use_roles, use_user, use_user_page, Directory};
pub use live_presence::use_live_presence;
pub use mutation::{Mutation, MutationState};
pub use presence::{keep_presence_fresh, use_presence, use_presence_of};
pub use query::{use_query, QueryCache, QueryHandle, QueryState};

use leptos::prelude::*;

use crate::api::client::Client;

/// Makes the API client and the query cache available to every screen.
pub fn provide_api(client: Client, cache: QueryCache) {
    provide_context(client);
    provide_context(cache);
    live_presence::provide_live_streams();
}

/// The API client provided by the app.
pub fn use_client() -> Client {
    expect_context::<Client>()
}

/// The query cache provided by the app.
pub fn use_cache() -> QueryCache {
    expect_context::<QueryCache>()
}
