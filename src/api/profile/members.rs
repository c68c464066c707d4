//! The checks every member of a profile goes through: objects with only
//! known members, path templates that stay below the API base, parameter
//! names, choices. Each failure names the member it is about.

use serde_json::{Map, Value};

/// A wrong profile: which member, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    /// The member's path, e.g. `list.sortSyntax`; `""` for the document.
    pub member: String,
    pub problem: String,
}

impl ProfileError {
    pub(super) fn at(member: &str, problem: impl Into<String>) -> Self {
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

pub(super) type Parsed<T> = Result<T, ProfileError>;

/// The fields of a user a profile may rename.
pub(super) const CONTRACT_FIELDS: [&str; 8] = [
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
pub(super) struct Members<'a> {
    at: String,
    pub(super) object: &'a Map<String, Value>,
}

/// Absent (as in our contract), `null` (the API has none), or given.
pub(super) enum Member<'a> {
    Absent,
    Null,
    Given(&'a Value),
}

impl Member<'_> {
    pub(super) fn is_given(&self) -> bool {
        !matches!(self, Member::Absent)
    }
}

impl<'a> Members<'a> {
    pub(super) fn of(value: &'a Value, at: &str, known: &[&str]) -> Parsed<Self> {
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

    pub(super) fn path(&self, name: &str) -> String {
        if self.at.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.at)
        }
    }

    pub(super) fn member(&self, name: &str) -> Member<'a> {
        match self.object.get(name) {
            None => Member::Absent,
            Some(Value::Null) => Member::Null,
            Some(value) => Member::Given(value),
        }
    }

    /// A path template: absent gives `default`, `null` gives `None`.
    pub(super) fn path_template(
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
    pub(super) fn parameter(&self, name: &str, default: Option<&str>) -> Parsed<Option<String>> {
        match self.member(name) {
            Member::Absent => Ok(default.map(str::to_owned)),
            Member::Null => Ok(None),
            Member::Given(value) => parameter_name(&self.path(name), value).map(Some),
        }
    }

    /// One of `choices`, as its index; absent gives `default`.
    pub(super) fn choice(&self, name: &str, choices: &[&str], default: usize) -> Parsed<usize> {
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
pub(super) fn parameter_name(at: &str, value: &Value) -> Parsed<String> {
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
