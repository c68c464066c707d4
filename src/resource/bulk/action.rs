//! What a bulk change does to one user, and which users it would change:
//! plain values, tested natively.

use serde_json::{Map, Value};

use crate::api::wire::User;

/// A change an admin makes to many users at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkAction {
    Activate,
    Deactivate,
    AddRole(String),
    RemoveRole(String),
}

/// What a bulk run needs of one user: the state the action looks at, the
/// name the admin knows them by, and the ETag to change them with (`None`
/// when the API sent none with the list: the user is read first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub name: String,
    pub active: bool,
    pub roles: Vec<String>,
    pub version: Option<String>,
}

impl Target {
    pub fn of(user: &User) -> Self {
        Self {
            id: user.id.clone(),
            name: user
                .full_name
                .clone()
                .unwrap_or_else(|| user.username.clone()),
            active: user.active,
            roles: user.roles.clone(),
            version: user.version.clone(),
        }
    }
}

impl BulkAction {
    /// Whether `target` would change; one that would not is skipped, not sent.
    pub fn changes(&self, target: &Target) -> bool {
        match self {
            Self::Activate => !target.active,
            Self::Deactivate => target.active,
            Self::AddRole(role) => !target.roles.contains(role),
            Self::RemoveRole(role) => target.roles.contains(role),
        }
    }

    /// The merge-patch for `target`. Roles go as the whole new list (a
    /// merge-patch replaces an array); `If-Match` makes sure it is built
    /// from the roles the server holds.
    pub fn patch(&self, target: &Target) -> Map<String, Value> {
        let mut patch = Map::new();
        match self {
            Self::Activate | Self::Deactivate => {
                patch.insert("active".into(), Value::Bool(*self == Self::Activate));
            }
            Self::AddRole(role) => {
                let mut roles = target.roles.clone();
                if !roles.contains(role) {
                    roles.push(role.clone());
                }
                patch.insert("roles".into(), roles.into());
            }
            Self::RemoveRole(role) => {
                let roles: Vec<String> = target
                    .roles
                    .iter()
                    .filter(|r| *r != role)
                    .cloned()
                    .collect();
                patch.insert("roles".into(), roles.into());
            }
        }
        patch
    }

    /// The name the host's `user-admin:users-updated` event gives it.
    pub fn event_name(&self) -> &'static str {
        match self {
            Self::Activate => "activate",
            Self::Deactivate => "deactivate",
            Self::AddRole(_) => "add-role",
            Self::RemoveRole(_) => "remove-role",
        }
    }

    pub fn role(&self) -> Option<&str> {
        match self {
            Self::AddRole(role) | Self::RemoveRole(role) => Some(role),
            Self::Activate | Self::Deactivate => None,
        }
    }

    /// The list query parameter whose pages may hold other users after this
    /// change (`active` or `role`); pages filtered by anything else keep
    /// their members and only need the changed users updated in place.
    pub fn filter_it_moves(&self) -> &'static str {
        match self {
            Self::Activate | Self::Deactivate => "active",
            Self::AddRole(_) | Self::RemoveRole(_) => "role",
        }
    }
}

/// The users a run would change and those already in that state, each
/// user once (a user selected twice is changed once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub changing: Vec<Target>,
    pub unchanged: Vec<Target>,
}

pub fn plan(action: &BulkAction, targets: impl IntoIterator<Item = Target>) -> Plan {
    let mut seen = std::collections::HashSet::new();
    let mut plan = Plan::default();
    for target in targets {
        if !seen.insert(target.id.clone()) {
            continue;
        }
        if action.changes(&target) {
            plan.changing.push(target);
        } else {
            plan.unchanged.push(target);
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(id: &str, active: bool, roles: &[&str]) -> Target {
        Target {
            id: id.into(),
            name: format!("User {id}"),
            active,
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            version: Some(format!("\"v{id}\"")),
        }
    }

    #[test]
    fn users_already_in_the_state_are_left_out_and_each_user_counts_once() {
        let targets = [
            target("1", true, &[]),
            target("2", false, &[]),
            target("1", true, &[]),
            target("3", true, &[]),
        ];
        let plan = plan(&BulkAction::Deactivate, targets.clone());
        let ids = |list: &[Target]| list.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&plan.changing), ["1", "3"]);
        assert_eq!(ids(&plan.unchanged), ["2"]);
        let plan = super::plan(&BulkAction::Activate, targets);
        assert_eq!(ids(&plan.changing), ["2"]);
    }

    #[test]
    fn a_role_change_sends_the_whole_new_role_list() {
        let user = target("1", true, &["support", "auditor"]);
        let add = BulkAction::AddRole("admin".into());
        assert_eq!(
            Value::Object(add.patch(&user)),
            serde_json::json!({"roles": ["support", "auditor", "admin"]})
        );
        let remove = BulkAction::RemoveRole("support".into());
        assert_eq!(
            Value::Object(remove.patch(&user)),
            serde_json::json!({"roles": ["auditor"]})
        );
        assert!(!BulkAction::AddRole("support".into()).changes(&user));
        assert!(!BulkAction::RemoveRole("admin".into()).changes(&user));
        assert_eq!(
            Value::Object(BulkAction::Deactivate.patch(&user)),
            serde_json::json!({"active": false})
        );
    }
}
