//! What the user forms hold, as plain values: built from a user, checked
//! with the server's cheap rules, and turned into a create body or a
//! merge-patch of only the changed fields.

use crate::i18n::{fill, t};
use serde_json::{Map, Value};

use crate::api::patch::merge_patch;
use crate::api::wire::User;

/// The longest username, full name and email the server accepts.
pub const MAX_LENGTH: usize = 255;

/// The editable fields of a user, as the form holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserValues {
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub active: bool,
    pub roles: Vec<String>,
    pub time_zone: String,
}

/// A field of the form: its wire name and how the admin sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserField {
    Username,
    FullName,
    Email,
    Active,
    Roles,
    TimeZone,
}

impl UserField {
    pub const EDITABLE: [UserField; 5] = [
        UserField::FullName,
        UserField::Email,
        UserField::Active,
        UserField::Roles,
        UserField::TimeZone,
    ];

    /// The member name in request bodies and error paths.
    pub fn wire_name(self) -> &'static str {
        match self {
            UserField::Username => "username",
            UserField::FullName => "fullName",
            UserField::Email => "email",
            UserField::Active => "active",
            UserField::Roles => "roles",
            UserField::TimeZone => "timeZone",
        }
    }

    pub fn label(self) -> &'static str {
        let t = t();
        match self {
            UserField::Username => t.username,
            UserField::FullName => t.full_name,
            UserField::Email => t.email,
            UserField::Active => t.status,
            UserField::Roles => t.roles,
            UserField::TimeZone => t.time_zone,
        }
    }
}

impl UserValues {
    pub fn from_user(user: &User) -> Self {
        Self {
            username: user.username.clone(),
            full_name: user.full_name.clone().unwrap_or_default(),
            email: user.email.clone().unwrap_or_default(),
            active: user.active,
            roles: user.roles.clone(),
            time_zone: user.time_zone.clone().unwrap_or_default(),
        }
    }

    /// The field as the admin reads it (also what an error is held against).
    pub fn text(&self, field: UserField) -> String {
        let t = t();
        match field {
            UserField::Username => self.username.clone(),
            UserField::FullName => self.full_name.clone(),
            UserField::Email => self.email.clone(),
            UserField::Active => if self.active { t.active } else { t.inactive }.to_owned(),
            UserField::Roles if self.roles.is_empty() => t.none.to_owned(),
            UserField::Roles => self.roles.join(", "),
            UserField::TimeZone => self.time_zone.clone(),
        }
    }

    /// The editable fields as JSON; an empty optional text is `null`.
    fn editable_json(&self) -> Map<String, Value> {
        let optional = |text: &str| {
            let text = text.trim();
            if text.is_empty() {
                Value::Null
            } else {
                Value::String(text.to_owned())
            }
        };
        let mut map = Map::new();
        map.insert("fullName".into(), optional(&self.full_name));
        map.insert("email".into(), optional(&self.email));
        map.insert("active".into(), Value::Bool(self.active));
        map.insert(
            "roles".into(),
            Value::Array(self.roles.iter().cloned().map(Value::String).collect()),
        );
        map.insert("timeZone".into(), optional(&self.time_zone));
        map
    }

    /// The body of `POST /users`: every field the admin filled in.
    pub fn create_body(&self) -> Map<String, Value> {
        let mut body = Map::new();
        body.insert(
            "username".into(),
            Value::String(self.username.trim().into()),
        );
        body.extend(
            self.editable_json()
                .into_iter()
                .filter(|(_, value)| !value.is_null()),
        );
        body
    }

    /// A merge-patch of only what differs from `original`.
    pub fn patch_from(&self, original: &UserValues) -> Map<String, Value> {
        merge_patch(&original.editable_json(), &self.editable_json())
    }

    /// The editable fields whose value differs from `other`.
    pub fn changed_fields(&self, other: &UserValues) -> Vec<UserField> {
        UserField::EDITABLE
            .into_iter()
            .filter(|field| self.text(*field) != other.text(*field))
            .collect()
    }

    /// `other` with this form's values for `fields` (the admin's edits
    /// re-applied onto a newer version).
    pub fn with_fields_from(&self, fields: &[UserField], mut other: UserValues) -> UserValues {
        for field in fields {
            match field {
                UserField::Username => other.username = self.username.clone(),
                UserField::FullName => other.full_name = self.full_name.clone(),
                UserField::Email => other.email = self.email.clone(),
                UserField::Active => other.active = self.active,
                UserField::Roles => other.roles = self.roles.clone(),
                UserField::TimeZone => other.time_zone = self.time_zone.clone(),
            }
        }
        other
    }

    /// The cheap rules the server also applies; the server still decides.
    /// `creating` adds the username, which only a create sends.
    pub fn check(&self, creating: bool) -> Vec<(UserField, String)> {
        let mut problems = Vec::new();
        let t = t();
        let too_long = |text: &str| text.trim().chars().count() > MAX_LENGTH;
        let too_long_message = |field: UserField| {
            fill(
                t.too_long,
                &[("label", field.label()), ("max", &MAX_LENGTH.to_string())],
            )
        };
        if creating {
            let username = self.username.trim();
            if username.is_empty() {
                problems.push((UserField::Username, t.enter_username.to_owned()));
            } else if too_long(username) {
                problems.push((UserField::Username, too_long_message(UserField::Username)));
            } else if !username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-'))
            {
                problems.push((UserField::Username, t.username_characters.to_owned()));
            }
        }
        if too_long(&self.full_name) {
            problems.push((UserField::FullName, too_long_message(UserField::FullName)));
        }
        let email = self.email.trim();
        if email.is_empty() {
            problems.push((UserField::Email, t.enter_email.to_owned()));
        } else if too_long(email) {
            problems.push((UserField::Email, too_long_message(UserField::Email)));
        } else if !looks_like_email(email) {
            problems.push((UserField::Email, t.email_like.to_owned()));
        }
        problems
    }
}

/// One `@` with something on both sides, a dot in the domain, no spaces:
/// the shape only. The server decides whether the address is valid.
fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jane() -> UserValues {
        UserValues {
            username: "jane".into(),
            full_name: "Jane Doe".into(),
            email: "jane@example.com".into(),
            active: true,
            roles: vec!["viewer".into()],
            time_zone: "Europe/Amsterdam".into(),
        }
    }

    #[test]
    fn a_patch_holds_only_the_changed_fields() {
        let mut edited = jane();
        edited.email = "jane.doe@example.com".into();
        edited.roles.push("admin".into());
        assert_eq!(
            Value::Object(edited.patch_from(&jane())),
            json!({"email": "jane.doe@example.com", "roles": ["viewer", "admin"]})
        );
        assert!(jane().patch_from(&jane()).is_empty());
    }

    #[test]
    fn clearing_an_optional_field_sends_null() {
        let mut edited = jane();
        edited.time_zone = "  ".into();
        assert_eq!(
            Value::Object(edited.patch_from(&jane())),
            json!({"timeZone": null})
        );
    }

    #[test]
    fn a_create_body_leaves_out_empty_fields_and_trims() {
        let values = UserValues {
            username: " new.user ".into(),
            email: "new@example.com".into(),
            active: true,
            ..UserValues::default()
        };
        assert_eq!(
            Value::Object(values.create_body()),
            json!({"username": "new.user", "email": "new@example.com", "active": true, "roles": []})
        );
    }

    #[test]
    fn checks_mirror_the_cheap_server_rules() {
        assert!(jane().check(true).is_empty());
        let values = UserValues {
            username: "has space".into(),
            full_name: "x".repeat(256),
            email: "not-an-address".into(),
            ..UserValues::default()
        };
        let fields: Vec<UserField> = values.check(true).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [UserField::Username, UserField::FullName, UserField::Email]
        );
        // An edit never sends the username, so it is not checked.
        assert_eq!(values.check(false).len(), 2);
        for address in [
            "a@b",
            "@example.com",
            "a@.com",
            "a b@example.com",
            "a@b@c.com",
        ] {
            let values = UserValues {
                email: address.into(),
                ..jane()
            };
            assert_eq!(values.check(false).len(), 1, "{address}");
        }
    }

    #[test]
    fn edits_reapply_onto_a_newer_version() {
        let mut mine = jane();
        mine.full_name = "Jane Q. Doe".into();
        let mut theirs = jane();
        theirs.email = "j@example.com".into();
        let merged = mine.with_fields_from(&mine.changed_fields(&jane()), theirs.clone());
        assert_eq!(merged.full_name, "Jane Q. Doe");
        assert_eq!(merged.email, "j@example.com");
        assert_eq!(
            Value::Object(merged.patch_from(&theirs)),
            json!({"fullName": "Jane Q. Doe"})
        );
    }
}
