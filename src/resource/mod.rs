//! The reactive layer between the screens and the API: queries keyed by
//! request with a shared cache, and mutations with pending state. Nothing here
//! renders.

pub mod mutation;
pub mod query;
pub mod users;

pub use mutation::{Mutation, MutationState};
pub use query::{use_query, QueryCache, QueryHandle, QueryState};

use leptos::prelude::*;

use crate::api::client::Client;

/// Makes the API client and the query cache available to every screen.
pub fn provide_api(client: Client, cache: QueryCache) {
    provide_context(client);
    provide_context(cache);
}

/// The API client provided by the app.
pub fn use_client() -> Client {
    expect_context::<Client>()
}

/// The query cache provided by the app.
pub fn use_cache() -> QueryCache {
    expect_context::<QueryCache>()
}
