//! Bulk changes: one conditional merge-patch per user (so it works with any
//! API that can change one user), at most [`CONCURRENT_REQUESTS`] on the
//! wire, and a stop that starts nothing new while letting those on the wire
//! finish and be reported.

mod action;

use std::cell::RefCell;
use std::collections::VecDeque;

pub use action::{plan, BulkAction, Plan, Target};

use super::directory::PAGES;
use super::Directory;
use crate::api::client::CancelToken;
use crate::api::wire::User;
use crate::api::{ApiError, ErrorKind};

/// How many users are changed at the same time.
pub const CONCURRENT_REQUESTS: usize = 4;

/// What happened to one user of a run.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Saved; the user as the server holds them now.
    Changed(Target),
    /// Read first and found already in that state: nothing was sent.
    AlreadyDone(Target),
    /// The server's refusal or the failure after the client's retries.
    Failed(Box<ApiError>),
}

/// What a run did, user by user, in the order the answers came.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub changed: Vec<Target>,
    pub failed: Vec<(Target, ApiError)>,
    /// Already in that state: left out before the run or found on reading.
    pub skipped: Vec<Target>,
    /// Never sent: the run was stopped first.
    pub not_started: Vec<Target>,
}

impl Report {
    pub fn record(&mut self, target: &Target, outcome: Outcome) {
        match outcome {
            Outcome::Changed(saved) => self.changed.push(saved),
            Outcome::AlreadyDone(read) => self.skipped.push(read),
            Outcome::Failed(error) => self.failed.push((target.clone(), *error)),
        }
    }

    /// Every user the run was about.
    pub fn total(&self) -> usize {
        self.changed.len() + self.failed.len() + self.skipped.len() + self.not_started.len()
    }

    /// The users to send again: read first, since their ETag may be old.
    pub fn to_retry(&self) -> Vec<Target> {
        self.failed
            .iter()
            .map(|(target, _)| Target {
                version: None,
                ..target.clone()
            })
            .collect()
    }
}

impl Directory {
    /// Changes each of `targets` in turn, `CONCURRENT_REQUESTS` at a time,
    /// telling `on_outcome` about each as it ends; returns the targets never
    /// started because `stop` was cancelled. Each user is sent at most once.
    pub async fn run_bulk(
        &self,
        action: &BulkAction,
        targets: Vec<Target>,
        stop: &CancelToken,
        on_outcome: impl Fn(&Target, Outcome),
    ) -> Vec<Target> {
        let mut seen = std::collections::HashSet::new();
        let queue: VecDeque<Target> = targets
            .into_iter()
            .filter(|t| seen.insert(t.id.clone()))
            .collect();
        let queue = RefCell::new(queue);
        let saved = RefCell::new(Vec::new());
        let worker = || async {
            loop {
                if stop.is_cancelled() {
                    break;
                }
                let Some(target) = queue.borrow_mut().pop_front() else {
                    break;
                };
                let (outcome, user) = self.change_one(action, &target).await;
                saved.borrow_mut().extend(user);
                on_outcome(&target, outcome);
            }
        };
        futures_util::future::join_all((0..CONCURRENT_REQUESTS).map(|_| worker())).await;
        // The cached pages take every answer in one update (one re-render
        // of the list, not one per user); pages filtered by what changed
        // may now hold other users and are read again.
        self.show_in_pages(&saved.into_inner());
        let moved = action.filter_it_moves();
        self.cache
            .invalidate_matching(|key| key.starts_with(PAGES) && has_parameter(key, moved));
        queue.into_inner().into()
    }

    /// One user: read first when the list gave no ETag, skip when already
    /// in that state, else a conditional merge-patch. Gives the saved user
    /// too, for the list pages.
    async fn change_one(&self, action: &BulkAction, target: &Target) -> (Outcome, Option<User>) {
        let target = match &target.version {
            Some(_) => target.clone(),
            None => match self.latest_user(&target.id).await {
                Ok(latest) => Target {
                    version: latest.etag.clone(),
                    ..Target::of(&latest.value)
                },
                Err(error) => return (Outcome::Failed(Box::new(error)), None),
            },
        };
        if !action.changes(&target) {
            return (Outcome::AlreadyDone(target), None);
        }
        let etag = target.version.clone().unwrap_or_default();
        match self
            .save_user_only(&target.id, &etag, &action.patch(&target))
            .await
        {
            Ok(saved) => {
                let now = Target {
                    version: saved.etag.clone().or(saved.value.version.clone()),
                    ..Target::of(&saved.value)
                };
                (Outcome::Changed(now), Some(saved.value))
            }
            Err(error) => {
                if error.kind == ErrorKind::PreconditionFailed {
                    self.refresh_user(&target.id);
                }
                (Outcome::Failed(Box::new(error)), None)
            }
        }
    }
}

/// Whether the page key `users?page=0&active=true…` has parameter `name`.
fn has_parameter(key: &str, name: &str) -> bool {
    key.split_once('?').is_some_and(|(_, query)| {
        query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(name))
    })
}

#[cfg(test)]
mod tests {
    use super::has_parameter;

    #[test]
    fn only_pages_filtered_by_the_moved_parameter_match() {
        assert!(has_parameter("users?page=0&limit=25&active=true", "active"));
        assert!(!has_parameter(
            "users?page=0&limit=25&q=active%3Dtrue",
            "active"
        ));
        assert!(!has_parameter("users?page=0&limit=25&role=admin", "active"));
        assert!(has_parameter("users?page=0&limit=25&role=admin", "role"));
    }
}
