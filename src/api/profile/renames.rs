//! Reading a profile's own names back as ours: the user fields in answers,
//! the fields and list parameters a refusal names. Only a profile other
//! than our contract needs this, so its code comes with the profile reader
//! (a part loaded only then): the reader installs these functions, and
//! [`ApiProfile`] reaches them through [`installed`].

use std::cell::Cell;

use super::{ApiProfile, ListOperation, SortSyntax};

/// The renaming functions, once the profile reader has installed them.
#[derive(Clone, Copy)]
pub struct Renames {
    pub body: fn(&ApiProfile, Vec<u8>) -> Vec<u8>,
    pub errors: fn(&ApiProfile, &mut crate::api::ApiError),
}

thread_local! {
    static INSTALLED: Cell<Option<Renames>> = const { Cell::new(None) };
}

/// The functions, made where they are (in the reader's part).
pub fn renames() -> Renames {
    Renames {
        body: ApiProfile::rename_answer,
        errors: ApiProfile::rename_refusal,
    }
}

pub fn install(renames: Renames) {
    INSTALLED.with(|installed| installed.set(Some(renames)));
}

pub(super) fn installed() -> Option<Renames> {
    INSTALLED.with(Cell::get)
}

impl ApiProfile {
    /// An answer's body with the user fields this API spells differently
    /// under our names, which the decoders read: in the answer itself, in
    /// an envelope's `data`, and in each user of a list.
    fn rename_answer(&self, body: Vec<u8>) -> Vec<u8> {
        if self.fields.is_empty() {
            return body;
        }
        let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&body) else {
            return body;
        };
        self.rename_user_fields(&mut value, 0);
        // As text: the serializer the request bodies use already.
        value.to_string().into_bytes()
    }

    fn rename_user_fields(&self, value: &mut serde_json::Value, depth: u8) {
        use serde_json::Value;
        // A user, an envelope's user, a list's users, an envelope's list.
        if depth > 3 {
            return;
        }
        match value {
            Value::Object(object) => {
                for (ours, theirs) in &self.fields {
                    if !object.contains_key(ours) {
                        if let Some(field) = object.remove(theirs) {
                            object.insert(ours.clone(), field);
                        }
                    }
                }
                for key in ["data", "items", "users", "results"] {
                    if let Some(inner) = object.get_mut(key) {
                        self.rename_user_fields(inner, depth + 1);
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.rename_user_fields(item, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Renames the fields and query parameters a refusal of this API names
    /// to the contract's names, so its errors land on the admin's controls.
    fn rename_refusal(&self, error: &mut crate::api::ApiError) {
        use crate::api::field_path::{Location, Segment};
        let list = self.list.as_ref();
        for field in &mut error.field_errors {
            let Some(Segment::Key(name)) = field.path.segments.first_mut() else {
                continue;
            };
            let ours = match field.path.location {
                Location::Body => Some(self.contract_field(name)),
                Location::Query => list.and_then(|list| list.contract_parameter(name)),
                Location::Header => None,
            };
            if let Some(ours) = ours.filter(|ours| ours != name).map(str::to_owned) {
                *name = ours;
            }
        }
    }
}

impl ListOperation {
    /// The contract's name for one of this list's query parameters.
    fn contract_parameter(&self, name: &str) -> Option<&'static str> {
        let is = |parameter: &Option<String>| parameter.as_deref() == Some(name);
        if is(&self.search) {
            Some("q")
        } else if is(&self.role) {
            Some("role")
        } else if is(&self.active) {
            Some("active")
        } else if is(&self.size) {
            Some("limit")
        } else if self.sort.as_ref().is_some_and(|sort| {
            sort.parameter == name
                || matches!(&sort.syntax, SortSyntax::Order { parameter } if parameter == name)
        }) {
            Some("sort")
        } else {
            None
        }
    }
}
