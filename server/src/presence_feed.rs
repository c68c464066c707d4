//! Presence changes as a feed for `GET /users/presence/events`: each change
//! gets an increasing id, goes to every open stream at once (a broadcast
//! channel: a slow reader never holds up the writer or other readers), and
//! is kept in a bounded log so a stream that reconnects with
//! `Last-Event-ID` gets what it missed.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::broadcast;

use crate::model::Presence;

/// Changes kept for resuming streams; an older resume point gets the
/// current state of its users instead.
pub const LOG_LENGTH: usize = 1_000;
/// Changes a stream may fall behind before it is sent the current state
/// instead of each change.
const CHANNEL_CAPACITY: usize = 256;
/// Streams open at once for one account, unless the server is told otherwise.
pub const MAX_STREAMS_PER_ACCOUNT: usize = 8;

/// One change: its id and the user's presence after it.
pub type Change = (u64, Presence);

pub struct PresenceFeed {
    max_per_account: usize,
    sender: broadcast::Sender<Change>,
    /// Bumped to end every open stream (fault injection: a restart).
    ended: tokio::sync::watch::Sender<u64>,
    /// Streams opened before this generation send nothing more (fault
    /// injection: a connection that hangs without closing).
    muted_before: std::sync::atomic::AtomicU64,
    log: Mutex<Log>,
    open: Mutex<HashMap<String, usize>>,
}

#[derive(Default)]
struct Log {
    last_id: u64,
    changes: VecDeque<Change>,
}

/// What a stream that resumes from an event id gets first.
#[derive(Debug, PartialEq)]
pub enum Resume {
    /// The changes after that id to the listed users (maybe none).
    Missed(Vec<Change>),
    /// The id is older than the log (or unknown): the current state of
    /// every listed user, as of `last_id`.
    Snapshot { last_id: u64 },
}

impl Default for PresenceFeed {
    fn default() -> Self {
        Self::with_stream_limit(MAX_STREAMS_PER_ACCOUNT)
    }
}

impl PresenceFeed {
    /// A feed that lets each account open `max_per_account` streams.
    pub fn with_stream_limit(max_per_account: usize) -> Self {
        Self {
            max_per_account,
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
            ended: tokio::sync::watch::channel(0).0,
            muted_before: std::sync::atomic::AtomicU64::new(0),
            log: Mutex::default(),
            open: Mutex::default(),
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl PresenceFeed {
    /// Records a change and sends it to every open stream.
    pub fn publish(&self, presence: Presence) -> u64 {
        let mut log = lock(&self.log);
        log.last_id += 1;
        let change = (log.last_id, presence);
        if log.changes.len() == LOG_LENGTH {
            log.changes.pop_front();
        }
        log.changes.push_back(change.clone());
        // Sent under the lock, so a stream subscribing and reading the log
        // sees every change exactly once. No receivers is not an error.
        let _ = self.sender.send(change);
        log.last_id
    }

    /// Ends every open stream, as a restart of the server would.
    pub fn end_all_streams(&self) {
        self.ended.send_modify(|generation| *generation += 1);
    }

    /// Silences every open stream without closing it; streams opened
    /// later are not affected. Returns the generation new streams get.
    pub fn mute_open_streams(&self) -> u64 {
        self.muted_before
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1
    }

    /// The generation a stream opened now belongs to.
    pub fn generation(&self) -> u64 {
        self.muted_before.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Whether a stream of `generation` has been silenced.
    pub fn is_muted(&self, generation: u64) -> bool {
        generation < self.generation()
    }

    /// Changes when [`PresenceFeed::end_all_streams`] is called.
    pub fn ended(&self) -> tokio::sync::watch::Receiver<u64> {
        self.ended.subscribe()
    }

    /// The id of the newest change (0 before the first).
    pub fn last_id(&self) -> u64 {
        lock(&self.log).last_id
    }

    /// Subscribes to the changes after `after` (none: from now on), with
    /// what the stream missed since `after`.
    pub fn subscribe(
        &self,
        after: Option<u64>,
        wanted: impl Fn(&str) -> bool,
    ) -> (broadcast::Receiver<Change>, Option<Resume>) {
        let log = lock(&self.log);
        let receiver = self.sender.subscribe();
        let resume = after.map(|after| {
            let oldest_kept = log.changes.front().map_or(log.last_id + 1, |(id, _)| *id);
            if after > log.last_id || after + 1 < oldest_kept {
                Resume::Snapshot {
                    last_id: log.last_id,
                }
            } else {
                let missed = log
                    .changes
                    .iter()
                    .filter(|(id, presence)| *id > after && wanted(&presence.user_id))
                    .cloned()
                    .collect();
                Resume::Missed(missed)
            }
        });
        (receiver, resume)
    }

    /// Counts a stream of `account` as open until the guard is dropped;
    /// `None` when the account has as many open as it may.
    pub fn open_stream(self: &Arc<Self>, account: &str) -> Option<StreamGuard> {
        let mut open = lock(&self.open);
        let count = open.entry(account.to_owned()).or_default();
        if *count >= self.max_per_account {
            return None;
        }
        *count += 1;
        Some(StreamGuard {
            feed: Arc::clone(self),
            account: account.to_owned(),
        })
    }

    /// Streams open now for `account`.
    pub fn open_streams(&self, account: &str) -> usize {
        lock(&self.open).get(account).copied().unwrap_or(0)
    }
}

/// One open stream; closing it (the client went away) frees its place.
pub struct StreamGuard {
    feed: Arc<PresenceFeed>,
    account: String,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut open = lock(&self.feed.open);
        if let Some(count) = open.get_mut(&self.account) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.account);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presence(user: &str, state: &str) -> Presence {
        Presence {
            user_id: user.into(),
            state: state.into(),
            dnd_until: None,
            status_message: None,
            updated_at: "2026-12-02T00:00:00Z".into(),
        }
    }

    #[test]
    fn a_resume_gets_the_missed_changes_of_its_users_only() {
        let feed = PresenceFeed::default();
        let first = feed.publish(presence("a", "AWAY"));
        feed.publish(presence("b", "BUSY"));
        feed.publish(presence("a", "DND"));
        let (_, resume) = feed.subscribe(Some(first), |id| id == "a");
        let Some(Resume::Missed(missed)) = resume else {
            panic!("{resume:?}")
        };
        assert_eq!(missed.len(), 1);
        assert_eq!((missed[0].0, missed[0].1.state.as_str()), (3, "DND"));
        assert_eq!(feed.subscribe(None, |_| true).1, None);
    }

    #[test]
    fn a_resume_point_older_than_the_log_gets_the_current_state() {
        let feed = PresenceFeed::default();
        for _ in 0..LOG_LENGTH + 5 {
            feed.publish(presence("a", "AWAY"));
        }
        assert_eq!(
            feed.subscribe(Some(2), |_| true).1,
            Some(Resume::Snapshot {
                last_id: (LOG_LENGTH + 5) as u64
            })
        );
        // An id from the future (another server's) is no resume point either.
        assert!(matches!(
            feed.subscribe(Some(u64::MAX), |_| true).1,
            Some(Resume::Snapshot { .. })
        ));
        assert!(matches!(
            feed.subscribe(Some(6), |_| true).1,
            Some(Resume::Missed(_))
        ));
    }

    #[test]
    fn each_account_has_a_bounded_number_of_streams() {
        let feed = Arc::new(PresenceFeed::default());
        let guards: Vec<_> = (0..MAX_STREAMS_PER_ACCOUNT)
            .map(|_| feed.open_stream("ada").unwrap())
            .collect();
        assert!(feed.open_stream("ada").is_none());
        assert!(feed.open_stream("bob").is_some(), "others are not affected");
        drop(guards);
        assert_eq!(feed.open_streams("ada"), 0);
        assert!(feed.open_stream("ada").is_some());
    }
}
