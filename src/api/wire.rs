//! Wire types and their decoders. Each decoder reads our contract and the
//! dialects of other user APIs leniently: unknown members are ignored, a missing
//! optional member is `None`, a member of the wrong type counts as missing.

use serde_json::{Map, Value};

/// Why a success body could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub &'static str);

#[derive(Clone, Debug, PartialEq)]
pub struct User {
    pub id: String,
    pub username: String,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub active: bool,
    pub roles: Vec<String>,
    pub time_zone: Option<String>,
    pub memberships: Vec<String>,
    /// Key/value pairs in the order the server sent them.
    pub preferences: Vec<(String, String)>,
    pub last_login_at: Option<String>,
    pub created_at: Option<String>,
    /// The apps available to the user (`apps`, where an API sends them).
    pub apps: Vec<String>,
    /// On the signed-in user's profile: what they may do.
    pub permissions: Vec<String>,
    /// The user's ETag as a member (`version`), where the API sends one in
    /// list items, so a conditional change needs no read first.
    pub version: Option<String>,
}

/// One page of users and what is known about the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub items: Vec<User>,
    pub page: Option<u64>,
    pub page_count: Option<u64>,
    pub total_count: Option<u64>,
    /// `Some` when the server said; `None` for a bare array (then a full page
    /// suggests there may be more).
    pub has_next: Option<bool>,
    pub has_prev: Option<bool>,
    /// Items that were not users (no id or username) and were left out.
    pub skipped: usize,
    /// Cut by the admin from one answer that held every user of the search
    /// (an API without paging): the total is exact and the list complete.
    pub complete: bool,
    /// The `next` link as the answer gave it (unchecked: it comes from the
    /// network; see `profile::link_below_base`).
    pub next_link: Option<String>,
}

impl Page {
    /// Page `page` of `limit` users, cut from an answer holding them all.
    pub fn cut_from_whole(whole: Page, page: u64, limit: u64) -> Page {
        let limit = limit.max(1);
        let total = whole.items.len() as u64;
        let page_count = total.div_ceil(limit).max(1);
        let page = page.min(page_count - 1);
        let start = (page * limit) as usize;
        let items = whole
            .items
            .into_iter()
            .skip(start)
            .take(limit as usize)
            .collect();
        Page {
            items,
            page: Some(page),
            page_count: Some(page_count),
            total_count: Some(total),
            has_next: Some(page + 1 < page_count),
            has_prev: Some(page > 0),
            skipped: whole.skipped,
            complete: true,
            next_link: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresenceState {
    Available,
    Away,
    Busy,
    DoNotDisturb,
    Offline,
    /// A state this client does not know, kept as sent.
    Unknown(String),
}

impl PresenceState {
    pub fn parse(text: &str) -> Self {
        match text.trim().to_ascii_uppercase().as_str() {
            "AVAILABLE" => Self::Available,
            "AWAY" => Self::Away,
            "BUSY" => Self::Busy,
            "DND" | "DO_NOT_DISTURB" => Self::DoNotDisturb,
            "OFFLINE" => Self::Offline,
            _ => Self::Unknown(text.chars().take(40).collect()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Presence {
    pub user_id: String,
    pub state: PresenceState,
    pub dnd_until: Option<String>,
    pub status_message: Option<String>,
    pub updated_at: Option<String>,
}

fn text(object: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match object.get(*name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    })
}

/// Ids come as strings or numbers (a numeric `userID` or `userKey`).
fn id(object: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match object.get(*name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn strings(object: &Map<String, Value>, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .find_map(|name| object.get(*name)?.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn count(object: &Map<String, Value>, name: &str) -> Option<u64> {
    object.get(name)?.as_u64()
}

/// The WLE REST API wraps its payload: `{"status": "200", "data": {…}}`.
fn unwrap_envelope(value: &Value) -> &Value {
    match value.as_object() {
        Some(object)
            if object.contains_key("status")
                && object.get("data").is_some_and(|d| d.is_object()) =>
        {
            &object["data"]
        }
        _ => value,
    }
}

/// A string, number or boolean as text; `None` for null, lists and objects.
/// Written directly rather than through `Value`'s `Display`, which would
/// bring `std::io`'s error formatting into the first download.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A user from any dialect, or `None` without an id and a username.
pub fn user_from_value(value: &Value) -> Option<User> {
    let object = unwrap_envelope(value).as_object()?;
    let preferences = ["preferences", "userPreferences"]
        .iter()
        .find_map(|name| object.get(*name)?.as_object())
        .map(|prefs| {
            prefs
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), scalar_text(v)?)))
                .collect()
        })
        .unwrap_or_default();
    let active = match (
        object.get("active").and_then(Value::as_bool),
        object.get("isDisabled").and_then(Value::as_bool),
    ) {
        (Some(active), _) => active,
        (None, Some(disabled)) => !disabled,
        (None, None) => true,
    };
    Some(User {
        id: id(object, &["id", "userID", "userId"])?,
        username: text(object, &["username", "userName"])?,
        full_name: text(object, &["fullName", "displayName", "name"]),
        email: text(object, &["email", "emailAddress"]),
        active,
        roles: strings(object, &["roles"]),
        time_zone: text(object, &["timeZone", "timeZoneCode"]),
        memberships: strings(object, &["memberships"]),
        preferences,
        last_login_at: text(object, &["lastLoginAt", "lastLoginDate"]),
        created_at: text(object, &["createdAt"]),
        apps: strings(object, &["apps"]),
        permissions: strings(object, &["permissions"]),
        version: text(object, &["version", "etag"]).filter(|tag| is_entity_tag(tag)),
    })
}

/// An entity-tag as `If-Match` takes it (`"…"` or `W/"…"`): a bare number
/// or name is some other kind of version and cannot be sent back.
fn is_entity_tag(tag: &str) -> bool {
    let opaque = tag.strip_prefix("W/").unwrap_or(tag);
    tag.len() <= 256
        && opaque.len() >= 2
        && opaque.starts_with('"')
        && opaque.ends_with('"')
        && opaque[1..opaque.len() - 1]
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '"')
}

pub fn decode_user(body: &[u8]) -> Result<User, DecodeError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|_| DecodeError("the user is not valid JSON"))?;
    user_from_value(&value).ok_or(DecodeError("the answer is not a user"))
}

/// A page as `{meta, items}` (ours), `{data, _links}` (HAL-style links)
/// or a bare array (no paging).
pub fn decode_page(body: &[u8]) -> Result<Page, DecodeError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|_| DecodeError("the list is not valid JSON"))?;
    let value = unwrap_envelope(&value);
    let (items, object) = match value {
        Value::Array(items) => (items.as_slice(), None),
        Value::Object(object) => {
            let items = ["items", "data", "users", "results"]
                .iter()
                .find_map(|name| object.get(*name)?.as_array())
                .ok_or(DecodeError("the answer is not a list of users"))?;
            (items.as_slice(), Some(object))
        }
        _ => return Err(DecodeError("the answer is not a list of users")),
    };
    let users: Vec<User> = items.iter().filter_map(user_from_value).collect();
    let skipped = items.len() - users.len();
    let meta = object.and_then(|o| o.get("meta")?.as_object());
    let links = object.and_then(|o| o.get("_links")?.as_object());
    let has_link = |name: &str| links.map(|l| l.get(name).is_some_and(|link| !link.is_null()));
    let page = meta.and_then(|m| count(m, "page"));
    // Without `meta`, the payments platform's `pagesTotal` and `itemsTotal`.
    let page_count = meta
        .and_then(|m| count(m, "pageCount"))
        .or_else(|| object.and_then(|o| count(o, "pagesTotal")));
    let has_next = has_link("next").or(match (page, page_count) {
        (Some(page), Some(pages)) => Some(page.saturating_add(1) < pages),
        _ => None,
    });
    let has_prev = has_link("prev").or(page.map(|p| p > 0));
    // HAL `_links.next.href`, JSON:API `links.next`, or a top-level `next`.
    let href = |link: &Value| match link {
        Value::String(href) => Some(href.clone()),
        Value::Object(link) => link.get("href")?.as_str().map(str::to_owned),
        _ => None,
    };
    let next_link = object.and_then(|o| {
        [o.get("_links"), o.get("links")]
            .into_iter()
            .flatten()
            .find_map(|links| href(links.get("next")?))
            .or_else(|| o.get("next")?.as_str().map(str::to_owned))
    });
    Ok(Page {
        items: users,
        page,
        page_count,
        total_count: meta
            .and_then(|m| count(m, "totalCount"))
            .or_else(|| object.and_then(|o| count(o, "itemsTotal"))),
        has_next,
        has_prev,
        skipped,
        complete: false,
        next_link,
    })
}

fn presence_from_value(value: &Value) -> Option<Presence> {
    let object = unwrap_envelope(value).as_object()?;
    Some(Presence {
        user_id: id(object, &["userId", "id", "userID"])?,
        state: PresenceState::parse(&text(object, &["state", "presence"]).unwrap_or_default()),
        dnd_until: text(object, &["dndUntil"]),
        status_message: text(object, &["statusMessage"]),
        updated_at: text(object, &["updatedAt"]),
    })
}

pub fn decode_presence(body: &[u8]) -> Result<Presence, DecodeError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|_| DecodeError("the presence is not valid JSON"))?;
    presence_from_value(&value).ok_or(DecodeError("the answer is not a presence"))
}

/// `[Presence]`; entries that are not presences are left out.
pub fn decode_presences(body: &[u8]) -> Result<Vec<Presence>, DecodeError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| DecodeError("the presences are not valid JSON"))?;
    let items = match unwrap_envelope(&value) {
        Value::Array(items) => items,
        Value::Object(object) => object
            .get("items")
            .and_then(Value::as_array)
            .ok_or(DecodeError("the answer is not a list of presences"))?,
        _ => return Err(DecodeError("the answer is not a list of presences")),
    };
    Ok(items.iter().filter_map(presence_from_value).collect())
}

/// The id of a created user: `{"userKey": …}` (a string or a number) or
/// the created user in the body, also in a `{status, data}` envelope; else
/// the last path segment of the `Location` header (a `201` with no body).
pub fn decode_created(body: &[u8], location: Option<&str>) -> Result<String, DecodeError> {
    let value = serde_json::from_slice::<Value>(body).ok();
    value
        .as_ref()
        .and_then(|value| unwrap_envelope(value).as_object())
        .and_then(|object| id(object, &["userKey", "id", "userID"]))
        .or_else(|| location.and_then(id_in_location))
        .ok_or(DecodeError("the answer names no user"))
}

fn id_in_location(location: &str) -> Option<String> {
    let path = location.split(['?', '#']).next()?.trim_end_matches('/');
    let (_, segment) = path.rsplit_once('/')?;
    let id = percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .ok()?;
    (!id.is_empty() && !id.chars().any(char::is_control)).then(|| id.into_owned())
}

/// A user and the ETag to send back in `If-Match`.
#[derive(Clone, Debug, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    pub etag: Option<String>,
}

/// A create the server accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub user_key: String,
    pub location: Option<String>,
}

/// A role the admin can assign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub name: String,
    pub description: String,
}

/// The signed-in admin's own presence change (form-urlencoded on the wire).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PresenceChange {
    pub state: Option<String>,
    pub dnd_until: Option<String>,
    pub status_message: Option<String>,
    pub clear_dnd: bool,
}
