//! The contract's resources as they go over the wire.

use serde::Serialize;
use serde_json::{Map, Value};

/// Path prefix of the API, and of the links the server writes into resources.
pub const API_PREFIX: &str = "/api/v1";

/// Presence states of the contract.
pub const PRESENCE_STATES: [&str; 5] = ["AVAILABLE", "AWAY", "BUSY", "DND", "OFFLINE"];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SelfLink {
    #[serde(rename = "self")]
    pub self_link: Link,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub active: bool,
    pub roles: Vec<String>,
    pub time_zone: Option<String>,
    pub memberships: Vec<String>,
    pub preferences: Map<String, Value>,
    pub last_login_at: Option<String>,
    pub created_at: String,
    #[serde(rename = "_links")]
    pub links: SelfLink,
    /// Row id, for joins; never sent.
    #[serde(skip)]
    pub seq: i64,
    /// Bumped on every change; the ETag is made from it. Sent as `version`,
    /// the ETag value itself, so a client holding a list page can send a
    /// conditional PATCH for any user on it without reading the user first.
    #[serde(rename = "version", serialize_with = "etag_value")]
    pub version: i64,
}

fn etag_value<S: serde::Serializer>(version: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("\"v{version}\""))
}

impl User {
    /// The strong ETag of this version of the user.
    pub fn etag(&self) -> String {
        format!("\"v{}\"", self.version)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Presence {
    pub user_id: String,
    pub state: String,
    pub dnd_until: Option<String>,
    pub status_message: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub name: String,
    pub description: String,
}

/// A validated new user.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub active: bool,
    pub roles: Vec<String>,
    pub time_zone: Option<String>,
    pub memberships: Vec<String>,
    pub preferences: Map<String, Value>,
}

/// A validated merge-patch: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserChanges {
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub active: Option<bool>,
    pub roles: Option<Vec<String>>,
    pub time_zone: Option<Option<String>>,
    pub memberships: Option<Vec<String>>,
    /// An RFC 7396 patch for the preferences object (`null` members remove).
    pub preferences: Option<Value>,
}

/// RFC 3339 in UTC with second precision, as the contract writes times.
pub fn format_time(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
