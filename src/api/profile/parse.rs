//! Reading and validating a profile document.
//!
//! A profile comes from the host page, so it is untrusted: every member is
//! checked, and the first wrong one is named (`list.paging must be one of
//! "page", "offset", "whole"`), for the portal team to fix. An absent member
//! is as in our contract; `null` means the API has no such operation.

use serde_json::Value;

use super::members::{parameter_name, Member, Members, Parsed, ProfileError, CONTRACT_FIELDS};
use super::{
    ApiProfile, ListOperation, Paging, PresenceOperations, SortParameter, SortSyntax, UpdateMethod,
    UpdateOperation,
};

pub(super) fn profile(value: &Value) -> Parsed<ApiProfile> {
    let root = Members::of(
        value,
        "",
        &[
            "name", "list", "user", "me", "create", "update", "roles", "presence", "fields",
        ],
    )?;
    let name = match root.member("name") {
        Member::Absent => "custom".to_owned(),
        Member::Given(Value::String(name))
            if !name.trim().is_empty()
                && name.len() <= 64
                && !name.chars().any(char::is_control) =>
        {
            name.trim().to_owned()
        }
        _ => {
            return Err(ProfileError::at(
                "name",
                "must be a text of 1 to 64 characters",
            ))
        }
    };
    let list = match root.member("list") {
        Member::Absent => Some(default_list()),
        Member::Null => None,
        Member::Given(value) => Some(list(value)?),
    };
    let user = root
        .path_template("user", Some("/users/{id}"), &["id"], &["id"])?
        .ok_or_else(|| {
            ProfileError::at("user", "cannot be null: the admin reads one user at a time")
        })?;
    let update = match root.member("update") {
        Member::Absent => Some(UpdateOperation {
            path: user.clone(),
            method: UpdateMethod::MergePatch,
            if_match: true,
        }),
        Member::Null => None,
        Member::Given(value) => Some(update(value, &user)?),
    };
    let presence = match root.member("presence") {
        Member::Absent => Some(default_presence()),
        Member::Null => None,
        Member::Given(value) => Some(presence(value)?),
    };
    Ok(ApiProfile {
        name,
        list,
        me: root.path_template("me", Some("/users/profile"), &[], &[])?,
        create: root.path_template("create", Some("/users"), &[], &[])?,
        update,
        roles: root.path_template("roles", Some("/roles"), &[], &[])?,
        presence,
        fields: match root.member("fields") {
            Member::Given(value) => fields(value)?,
            _ => Vec::new(),
        },
        user,
    })
}

pub(super) fn default_list() -> ListOperation {
    ListOperation {
        path: "/users".into(),
        paging: Paging::Page {
            parameter: "page".into(),
            first: 0,
        },
        size: Some("limit".into()),
        search: Some("q".into()),
        sort: Some(SortParameter {
            parameter: "sort".into(),
            syntax: SortSyntax::Minus,
        }),
        active: Some("active".into()),
        role: Some("role".into()),
    }
}

fn list(value: &Value) -> Parsed<ListOperation> {
    let list = Members::of(
        value,
        "list",
        &[
            "path",
            "paging",
            "pageParameter",
            "firstPage",
            "offsetParameter",
            "sizeParameter",
            "searchParameter",
            "sortParameter",
            "sortSyntax",
            "orderParameter",
            "activeParameter",
            "roleParameter",
        ],
    )?;
    let path = list
        .path_template("path", Some("/users"), &[], &[])?
        .ok_or_else(|| ProfileError::at("list.path", "cannot be null (give \"list\": null)"))?;
    let required = |name: &str, default: &str| {
        list.parameter(name, Some(default))?
            .ok_or_else(|| ProfileError::at(&list.path(name), "cannot be null with this paging"))
    };
    let paging = match list.choice("paging", &["page", "offset", "whole", "links"], 0)? {
        0 => Paging::Page {
            parameter: required("pageParameter", "page")?,
            first: match list.member("firstPage") {
                Member::Absent => 0,
                Member::Given(Value::Number(n)) if n.as_u64().is_some_and(|n| n <= 1) => {
                    n.as_u64().unwrap_or_default()
                }
                _ => return Err(ProfileError::at("list.firstPage", "must be 0 or 1")),
            },
        },
        1 => Paging::Offset {
            parameter: required("offsetParameter", "offset")?,
        },
        2 => Paging::Whole,
        _ => Paging::Links,
    };
    let sort = match list.parameter("sortParameter", Some("sort"))? {
        Some(parameter) => Some(SortParameter {
            parameter,
            syntax: match list.choice("sortSyntax", &["minus", "comma", "order"], 0)? {
                0 => SortSyntax::Minus,
                1 => SortSyntax::Comma,
                _ => SortSyntax::Order {
                    parameter: required("orderParameter", "order")?,
                },
            },
        }),
        None => None,
    };
    let ordered = matches!(
        &sort,
        Some(SortParameter {
            syntax: SortSyntax::Order { .. },
            ..
        })
    );
    if !ordered && list.member("orderParameter").is_given() {
        return Err(ProfileError::at(
            "list.orderParameter",
            "is only read with \"sortSyntax\": \"order\"",
        ));
    }
    // Paging through one whole answer: the server gets no page size.
    let size = match paging {
        Paging::Whole => None,
        _ => list.parameter("sizeParameter", Some("limit"))?,
    };
    Ok(ListOperation {
        path,
        paging,
        size,
        search: list.parameter("searchParameter", Some("q"))?,
        sort,
        active: list.parameter("activeParameter", Some("active"))?,
        role: list.parameter("roleParameter", Some("role"))?,
    })
}

fn update(value: &Value, user: &str) -> Parsed<UpdateOperation> {
    let update = Members::of(value, "update", &["path", "method", "ifMatch"])?;
    Ok(UpdateOperation {
        path: update
            .path_template("path", Some(user), &["id"], &["id"])?
            .ok_or_else(|| ProfileError::at("update.path", "cannot be null"))?,
        method: [
            UpdateMethod::MergePatch,
            UpdateMethod::Patch,
            UpdateMethod::Put,
        ][update.choice("method", &["merge-patch", "patch", "put"], 0)?],
        if_match: match update.member("ifMatch") {
            Member::Absent => true,
            Member::Given(Value::Bool(send)) => *send,
            _ => return Err(ProfileError::at("update.ifMatch", "must be true or false")),
        },
    })
}

pub(super) fn default_presence() -> PresenceOperations {
    PresenceOperations {
        batch: Some("/users/presence?userIds={ids}".into()),
        one: Some("/users/{id}/presence".into()),
        set: Some("/users/presence".into()),
        events: Some("/users/presence/events?userIds={ids}".into()),
    }
}

fn presence(value: &Value) -> Parsed<PresenceOperations> {
    let presence = Members::of(value, "presence", &["batch", "one", "set", "events"])?;
    let contract = default_presence();
    Ok(PresenceOperations {
        batch: presence.path_template("batch", contract.batch.as_deref(), &["ids"], &["ids"])?,
        one: presence.path_template("one", contract.one.as_deref(), &["id"], &["id"])?,
        set: presence.path_template("set", contract.set.as_deref(), &[], &[])?,
        events: presence.path_template("events", contract.events.as_deref(), &["ids"], &["ids"])?,
    })
}

fn fields(value: &Value) -> Parsed<Vec<(String, String)>> {
    let fields = Members::of(value, "fields", &CONTRACT_FIELDS)?;
    fields
        .object
        .iter()
        .map(|(ours, theirs)| Ok((ours.clone(), parameter_name(&fields.path(ours), theirs)?)))
        .collect()
}
