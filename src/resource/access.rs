//! What the signed-in admin may do, from the permissions in their profile.
//!
//! *Invariant:* every permission check goes through [`has_permission`], so
//! "a server that sends no permissions" means the same on every screen.

use leptos::prelude::*;

use super::directory::use_profile;
use super::QueryState;
use crate::api::client::Client;
use crate::api::profile::{ApiProfile, Capabilities};
use crate::api::wire::User;
use crate::api::wire::Versioned;
use crate::api::{ApiError, ErrorKind};

/// Creating, editing and deactivating users.
pub const WRITE_USERS: &str = "users:write";
/// Setting one's own presence.
pub const WRITE_PRESENCE: &str = "presence:write";

/// Whether `user` holds `permission`. A server that sends no permissions at
/// all is trusted to answer 403 where needed, so everything is offered.
pub fn has_permission(user: &User, permission: &str) -> bool {
    user.permissions.is_empty() || user.permissions.iter().any(|p| p == permission)
}

/// Whether the signed-in admin may change users: `None` until their profile
/// is known (controls stay hidden rather than flash).
pub fn may_write_users(profile: Option<&User>) -> Option<bool> {
    profile.map(|me| has_permission(me, WRITE_USERS))
}

/// Whether the signed-in admin may set their own presence.
pub fn may_set_presence(me: &User) -> bool {
    has_permission(me, WRITE_PRESENCE)
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
    pub fn from_profile(state: &QueryState<Versioned<User>>) -> Self {
        match (&state.data, &state.error) {
            (Some(me), _) => match may_write_users(Some(&me.value)) {
                Some(false) => Self::Refused,
                _ => Self::Allowed,
            },
            (None, Some(error)) if error.kind == ErrorKind::NotFound => Self::Unknown(None),
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
pub fn use_write_access() -> Signal<WriteAccess> {
    let profile = use_profile();
    Signal::derive(move || profile.with(WriteAccess::from_profile))
}

/// Whether to offer the controls that change users (`None` while loading).
pub fn use_may_write_users() -> Signal<Option<bool>> {
    let access = use_write_access();
    Signal::derive(move || access.with(WriteAccess::offers_controls))
}

/// What the portal's API has, from its profile: an operation it lacks is
/// not offered, whatever the admin's permissions.
pub fn use_capabilities() -> Capabilities {
    use_context::<Client>().map_or_else(
        || ApiProfile::default().capabilities(),
        |client| client.api_profile().capabilities(),
    )
}

/// [`use_may_write_users`] for an operation the API may lack: `Some(false)`
/// at once when it does.
fn writes_if(offered: bool) -> Signal<Option<bool>> {
    let may_write = use_may_write_users();
    Signal::derive(move || {
        if offered {
            may_write.get()
        } else {
            Some(false)
        }
    })
}

/// Whether to offer creating users.
pub fn use_may_create_users() -> Signal<Option<bool>> {
    writes_if(use_capabilities().create)
}

/// Whether to offer changing users (edit, activate, bulk changes).
pub fn use_may_change_users() -> Signal<Option<bool>> {
    writes_if(use_capabilities().update)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_with(permissions: &[&str]) -> User {
        let body = br#"{"id": "u1", "username": "ada"}"#;
        let Ok(mut user) = crate::api::wire::decode_user(body) else {
            panic!("the test's user does not decode");
        };
        user.permissions = permissions.iter().map(|p| (*p).to_owned()).collect();
        user
    }

    #[test]
    fn a_listed_permission_allows_and_a_missing_one_refuses() {
        let reader = user_with(&["users:read"]);
        assert!(!has_permission(&reader, WRITE_USERS));
        assert!(!may_set_presence(&reader));
        let writer = user_with(&["users:read", WRITE_USERS, WRITE_PRESENCE]);
        assert_eq!(may_write_users(Some(&writer)), Some(true));
        assert!(may_set_presence(&writer));
        assert_eq!(may_write_users(None), None);
    }

    #[test]
    fn a_server_that_sends_no_permissions_is_trusted_to_refuse_itself() {
        let unknown = user_with(&[]);
        assert_eq!(may_write_users(Some(&unknown)), Some(true));
        assert!(may_set_presence(&unknown));
    }
}
