//! Reading and validating a profile document.
//!
//! A profile comes from the host page, so it is untrusted: every member is
//! checked, and the first wrong one is named (`list.paging must be one of
//! "page", "offset", "whole"`), for the portal team to fix. An absent member
//! is as in our contract; `null` means the API has no such operation.

use serde_json::{Map, Value};

use super::{
    ApiProfile, ListOperation, Paging, PresenceOperations, SortParameter, SortSyntax, UpdateMethod,
    UpdateOperation,
};

/// A wrong profile: which member, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    /// The member's path, e.g. `list.sortSyntax`; `""` for the document.
    pub member: String,
    pub problem: String,
}

impl ProfileError {
    fn at(member: &str, problem: impl Into<String>) -> Self {
        Self {
            member: member.to_owned(),
            problem: problem.into(),
        }
    }

    pub fn not_json() -> Self {
        Self::at("", "the profile is not valid JSON")
    }
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.member.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{} {}", self.member, self.problem)
        }
    }
}

type Parsed<T> = Result<T, ProfileError>;

/// The fields of a user a profile may rename.
pub const CONTRACT_FIELDS: [&str; 8] = [
    "username",
    "fullName",
    "email",
    "active",
    "roles",
    "timeZone",
    "lastLoginAt",
    "createdAt",
];

/// An object's members, read with the path they sit at.
struct Members<'a> {
    at: String,
    object: &'a Map<String, Value>,
}

/// Absent (as in our contract), `null` (the API has none), or given.
enum Member<'a> {
    Absent,
    Null,
    Given(&'a Value),
}

impl<'a> Members<'a> {
    fn of(value: &'a Value, at: &str, known: &[&str]) -> Parsed<Self> {
        let object = value
            .as_object()
            .ok_or_else(|| ProfileError::at(at, "must be an object"))?;
        let members = Self {
            at: at.to_owned(),
            object,
        };
        if let Some(unknown) = object.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(ProfileError::at(
                &members.path(unknown),
                format!("is not a member here (known: {})", known.join(", ")),
            ));
        }
        Ok(members)
    }

    fn path(&self, name: &str) -> String {
        if self.at.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.at)
        }
    }

    fn member(&self, name: &str) -> Member<'a> {
        match self.object.get(name) {
            None => Member::Absent,
            Some(Value::Null) => Member::Null,
            Some(value) => Member::Given(value),
        }
    }

    /// A path template: absent gives `default`, `null` gives `None`.
    fn path_template(
        &self,
        name: &str,
        default: Option<&str>,
        required: &[&str],
        allowed: &[&str],
    ) -> Parsed<Option<String>> {
        match self.member(name) {
            Member::Absent => Ok(default.map(str::to_owned)),
            Member::Null => Ok(None),
            Member::Given(value) => template(&self.path(name), value, required, allowed).map(Some),
        }
    }

    /// A query parameter name: absent gives `default`, `null` gives `None`.
    fn parameter(&self, name: &str, default: Option<&str>) -> Parsed<Option<String>> {
        match self.member(name) {
            Member::Absent => Ok(default.map(str::to_owned)),
            Member::Null => Ok(None),
            Member::Given(value) => parameter_name(&self.path(name), value).map(Some),
        }
    }

    /// One of `choices`, as its index; absent gives `default`.
    fn choice(&self, name: &str, choices: &[&str], default: usize) -> Parsed<usize> {
        let wrong = || {
            let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
            ProfileError::at(
                &self.path(name),
                format!("must be one of {}", quoted.join(", ")),
            )
        };
        match self.member(name) {
            Member::Absent => Ok(default),
            Member::Null => Err(wrong()),
            Member::Given(value) => value
                .as_str()
                .and_then(|text| choices.iter().position(|c| *c == text))
                .ok_or_else(wrong),
        }
    }
}

/// A path relative to the API base, optionally with a query, whose `{…}`
/// placeholders are among `allowed` and include every one of `required`.
fn template(at: &str, value: &Value, required: &[&str], allowed: &[&str]) -> Parsed<String> {
    let text = value
        .as_str()
        .ok_or_else(|| ProfileError::at(at, "must be a path (a string)"))?;
    // Relative to the API base, so it can never name another origin.
    let relative = text.starts_with('/') && !text.starts_with("//") && !text.contains("://");
    if !relative || text.len() > 512 {
        return Err(ProfileError::at(
            at,
            "must be a path below the API base, starting with one \"/\"",
        ));
    }
    if text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '#' | '"' | '<' | '>' | '\\'))
    {
        return Err(ProfileError::at(
            at,
            "must not contain spaces, quotes, \"#\", \"<\", \">\" or \"\\\"",
        ));
    }
    let mut rest = text;
    let mut found = Vec::new();
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after
            .find('}')
            .ok_or_else(|| ProfileError::at(at, "has a \"{\" without its \"}\""))?;
        let name = &after[..end];
        if !allowed.contains(&name) {
            let quoted: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
            let problem = if quoted.is_empty() {
                format!("has {{{name}}}, but this path takes no placeholder")
            } else {
                format!("has {{{name}}}, but may only hold {}", quoted.join(", "))
            };
            return Err(ProfileError::at(at, problem));
        }
        found.push(name);
        rest = &after[end + 1..];
    }
    if rest.contains('}') {
        return Err(ProfileError::at(at, "has a \"}\" without its \"{\""));
    }
    if let Some(missing) = required.iter().find(|r| !found.contains(r)) {
        return Err(ProfileError::at(at, format!("must contain {{{missing}}}")));
    }
    Ok(text.to_owned())
}

/// A query parameter or field name: letters, digits and `_ . - [ ]`.
fn parameter_name(at: &str, value: &Value) -> Parsed<String> {
    let name = value.as_str().unwrap_or_default();
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'[' | b']'));
    if valid {
        Ok(name.to_owned())
    } else {
        Err(ProfileError::at(
            at,
            "must be a name of 1 to 64 letters, digits, \"_\", \".\", \"-\", \"[\" or \"]\"",
        ))
    }
}

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

fn default_list() -> ListOperation {
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
    let paging = match list.choice("paging", &["page", "offset", "whole"], 0)? {
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
        _ => Paging::Whole,
    };
    let sort = match list.parameter("sortParameter", Some("sort"))? {
        Some(parameter) => Some(SortParameter {
            parameter,
            syntax: [SortSyntax::Minus, SortSyntax::Comma]
                [list.choice("sortSyntax", &["minus", "comma"], 0)?],
        }),
        None => None,
    };
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

fn default_presence() -> PresenceOperations {
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
