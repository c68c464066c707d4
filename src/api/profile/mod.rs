//! API profiles: how to call the portal's own API, operation by operation.
//!
//! The response side needs no profile (the decoders in `wire` read every
//! dialect the admin knows). The request side differs per system: paths,
//! parameter names, paging, sort syntax, the update method, and which
//! operations exist at all. A profile is one JSON document a portal gives
//! the admin (the `apiProfile` option of `mount()`, or the `api-profile`
//! attribute naming a built-in); our own contract is the default profile.
//!
//! What a profile leaves out is not offered: [`Capabilities`] tells the
//! screens, so nothing on screen fails because the API lacks something.

mod builtin;
mod fetch;
mod members;
mod parse;
pub mod renames;
mod urls;

pub use builtin::{builtin, BUILTIN_NAMES};
pub use fetch::fetch_profile;
pub use members::ProfileError;

/// One API's request side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiProfile {
    /// The built-in's name, or the `name` a portal gave its own profile.
    pub name: String,
    /// `None`: the API has no list of users.
    pub list: Option<ListOperation>,
    /// Path (and query) of one user, with `{id}`.
    pub user: String,
    /// The signed-in user, with their permissions.
    pub me: Option<String>,
    /// Path users are created at (POST, JSON).
    pub create: Option<String>,
    pub update: Option<UpdateOperation>,
    pub roles: Option<String>,
    pub presence: Option<PresenceOperations>,
    /// Contract field names the API spells differently, and its spelling.
    pub fields: Vec<(String, String)>,
}

/// `GET` of a page of users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOperation {
    pub path: String,
    pub paging: Paging,
    /// The page size parameter; `None`: the API decides the size.
    pub size: Option<String>,
    pub search: Option<String>,
    pub sort: Option<SortParameter>,
    /// The filters the API has, by contract name (`active`, `role`).
    pub active: Option<String>,
    pub role: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paging {
    /// A page number parameter; `first` is the first page's number (0 or 1).
    Page { parameter: String, first: u64 },
    /// An offset parameter: the index of the page's first user.
    Offset { parameter: String },
    /// One answer holds every user: the admin pages through it itself.
    Whole,
    /// The first page is the list's path; each next one is the `next` link
    /// of the page before (in the body or a `Link` header).
    Links,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortParameter {
    pub parameter: String,
    pub syntax: SortSyntax,
}

/// How a descending sort is spelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortSyntax {
    /// `sort=-email` (our contract, JSON:API).
    Minus,
    /// `sort=email,desc` (Spring Data style).
    Comma,
    /// `sort=email&order=desc`: the direction in a parameter of its own.
    Order { parameter: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateOperation {
    /// Path of the user to change, with `{id}`.
    pub path: String,
    pub method: UpdateMethod,
    /// Sends the user's ETag in `If-Match` (a stale edit is refused).
    pub if_match: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateMethod {
    /// `PATCH`, `application/merge-patch+json` of only the changed fields.
    MergePatch,
    /// `PATCH`, `application/json` of only the changed fields.
    Patch,
    /// `PUT` of the whole user.
    Put,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresenceOperations {
    /// Presence of many users, with `{ids}` (comma-separated).
    pub batch: Option<String>,
    /// One user's presence, with `{id}`.
    pub one: Option<String>,
    /// Sets the signed-in user's presence (PUT, form-urlencoded).
    pub set: Option<String>,
    /// The event stream of presence changes, with `{ids}`.
    pub events: Option<String>,
}

/// What the screens may offer, because the API has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub list: bool,
    pub search: bool,
    pub sort: bool,
    pub filter_active: bool,
    pub filter_role: bool,
    /// The server pages; `false`: the admin pages through one whole answer.
    pub server_paging: bool,
    pub create: bool,
    pub update: bool,
    pub roles: bool,
    /// Presence badges in the list (the batch call).
    pub presence_badges: bool,
    /// The "my presence" screen (read one, set one's own).
    pub own_presence: bool,
    pub presence_events: bool,
    pub profile: bool,
}

impl Default for ApiProfile {
    /// Our own contract (`openapi.yaml`).
    fn default() -> Self {
        let user = "/users/{id}".to_owned();
        ApiProfile {
            name: builtin::CONTRACT.to_owned(),
            list: Some(parse::default_list()),
            update: Some(UpdateOperation {
                path: user.clone(),
                method: UpdateMethod::MergePatch,
                if_match: true,
            }),
            user,
            me: Some("/users/profile".to_owned()),
            create: Some("/users".to_owned()),
            roles: Some("/roles".to_owned()),
            presence: Some(parse::default_presence()),
            fields: Vec::new(),
        }
    }
}

impl ApiProfile {
    /// Reads a profile from its JSON text.
    pub fn from_json(text: &str) -> Result<Self, ProfileError> {
        let value = serde_json::from_str(text).map_err(|_| ProfileError::not_json())?;
        parse::profile(&value)
    }

    /// Reads a profile from a JSON value (a `mount()` option).
    pub fn from_value(value: &serde_json::Value) -> Result<Self, ProfileError> {
        parse::profile(value)
    }

    pub fn capabilities(&self) -> Capabilities {
        let list = self.list.as_ref();
        let presence = self.presence.as_ref();
        Capabilities {
            list: list.is_some(),
            search: list.is_some_and(|l| l.search.is_some()),
            sort: list.is_some_and(|l| l.sort.is_some()),
            filter_active: list.is_some_and(|l| l.active.is_some()),
            filter_role: list.is_some_and(|l| l.role.is_some()),
            server_paging: list.is_some_and(|l| l.paging != Paging::Whole),
            create: self.create.is_some(),
            update: self.update.is_some(),
            roles: self.roles.is_some(),
            presence_badges: presence.is_some_and(|p| p.batch.is_some()),
            own_presence: presence.is_some_and(|p| p.one.is_some() && p.set.is_some()),
            presence_events: presence.is_some_and(|p| p.events.is_some()),
            profile: self.me.is_some(),
        }
    }

    /// The API's name for a contract field (`timeZone` → `timeZoneCode`).
    pub fn field<'a>(&'a self, contract_name: &'a str) -> &'a str {
        self.fields
            .iter()
            .find(|(ours, _)| ours == contract_name)
            .map_or(contract_name, |(_, theirs)| theirs.as_str())
    }

    /// The contract's name for a field the API named (for the field a
    /// server's validation error points at).
    pub fn contract_field<'a>(&'a self, api_name: &'a str) -> &'a str {
        self.fields
            .iter()
            .find(|(_, theirs)| theirs == api_name)
            .map_or(api_name, |(ours, _)| ours.as_str())
    }

    /// An answer's body with the user fields this API spells differently
    /// under our names, which the decoders read. Our contract renames
    /// nothing; a profile that does was read by the reader's part, which
    /// brought the code (see [`renames`]).
    pub fn body_in_contract_names(&self, body: Vec<u8>) -> Vec<u8> {
        match renames::installed() {
            Some(renames) if !self.fields.is_empty() => (renames.body)(self, body),
            _ => body,
        }
    }

    /// Renames the fields and query parameters a refusal of this API names
    /// to the contract's names, so its errors land on the admin's controls.
    pub fn name_errors_as_contract(&self, error: &mut crate::api::ApiError) {
        if let Some(renames) = renames::installed() {
            (renames.errors)(self, error);
        }
    }
}

#[cfg(test)]
mod tests;
