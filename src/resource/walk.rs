//! Every page of one filter and sort, fetched in sequence at the largest
//! page size, for work on the whole filtered directory (an export, a bulk
//! change of all matching users). Pages are not cached: a walk of 10,000
//! users must not push the screens' entries out of the cache.

use super::Directory;
use crate::api::client::CancelToken;
use crate::api::endpoints::CallOptions;
use crate::api::params::ListParams;
use crate::api::wire::{Page, Presence};
use crate::api::ApiError;

/// The contract's largest page.
pub const WALK_PAGE_SIZE: u64 = 100;
/// A walk ends here whatever the server says (10 million users).
const MAX_PAGES: u64 = 100_000;

/// How a walk ended.
#[derive(Clone, Debug, PartialEq)]
pub enum WalkEnd {
    /// Every page was read.
    Complete,
    /// Stopped by the admin.
    Stopped,
    /// A page failed (after the client's retries); the pages before it were
    /// handed over.
    Failed(Box<ApiError>),
}

impl Directory {
    /// Reads the pages of `view`'s filter and sort in order and hands each
    /// to `on_page` with the presence of its users when `with_presence`
    /// (none when the API cannot tell). Ends on the last page, on a page
    /// that repeats the one before (a server ignoring `page`), or at stop.
    pub async fn walk_pages(
        &self,
        view: &ListParams,
        with_presence: bool,
        stop: &CancelToken,
        mut on_page: impl FnMut(&Page, &[Presence]),
    ) -> WalkEnd {
        let options = CallOptions {
            cancel: Some(stop.clone()),
            on_retry: None,
        };
        let mut previous_first: Option<String> = None;
        for number in 0..MAX_PAGES {
            let params = ListParams {
                page: number,
                limit: WALK_PAGE_SIZE,
                ..view.clone()
            };
            let page = match self.client.list_users(&params, &options).await {
                Ok(page) => page,
                Err(_) if stop.is_cancelled() => return WalkEnd::Stopped,
                Err(error) => return WalkEnd::Failed(Box::new(error)),
            };
            let first = page.items.first().map(|user| user.id.clone());
            if first.is_none() || first == previous_first {
                return WalkEnd::Complete;
            }
            let presence = if with_presence {
                let ids: Vec<String> = page.items.iter().map(|u| u.id.clone()).collect();
                self.client
                    .presences(&ids, &options)
                    .await
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            if stop.is_cancelled() {
                return WalkEnd::Stopped;
            }
            on_page(&page, &presence);
            let more = page
                .has_next
                .unwrap_or(page.items.len() as u64 >= WALK_PAGE_SIZE);
            if !more {
                return WalkEnd::Complete;
            }
            previous_first = first;
        }
        WalkEnd::Complete
    }
}
