//! The reactive layer between the screens and the API: queries keyed by
//! request with a shared cache, and mutations with pending state. Nothing here
//! renders.

pub mod mutation;
pub mod query;
pub mod users;

pub use mutation::{Mutation, MutationState};
pub use query::{use_query, QueryCache, QueryHandle, QueryState};
