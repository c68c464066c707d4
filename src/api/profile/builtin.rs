//! The built-in profiles: our contract, and the systems whose user APIs
//! portals already have, each as far as its documentation goes. They are
//! profile documents like a portal's own, read by the same parser.

use super::{ApiProfile, ProfileError};

pub(super) const CONTRACT: &str = "contract";

/// Every built-in, by the name `api-profile` takes.
pub const BUILTIN_NAMES: [&str; 5] = [
    CONTRACT,
    "circuit",
    "ibm-bpm",
    "adyen-management",
    "user-admin-api",
];

/// The built-in profile called `name`.
pub fn builtin(name: &str) -> Result<ApiProfile, ProfileError> {
    let document = match name {
        // Everything as in `openapi.yaml`.
        CONTRACT => return Ok(ApiProfile::default()),
        // A collaboration platform's users API (`/rest/v2`): search by
        // name answers one bare array; profile, one user, presence of many
        // in one call, one's own presence set form-encoded. No create,
        // no update, no roles, no sort.
        "circuit" => {
            r#"{"name": "circuit",
                "list": {"path": "/users", "paging": "whole", "searchParameter": "name",
                         "sortParameter": null, "activeParameter": null, "roleParameter": null},
                "create": null, "update": null, "roles": null,
                "presence": {"batch": "/users/presence?userIds={ids}", "one": "/users/{id}/presence",
                             "set": "/users/presence", "events": null}}"#
        }
        // A BPM product's user-details resource (`/rest/bpm/wle/v1`): one
        // user by id, or the signed-in one, in a `{status, data}` envelope.
        // There is no list and nothing to change.
        "ibm-bpm" => {
            r#"{"name": "ibm-bpm", "list": null,
                "user": "/user?userID={id}&includeInternalMemberships=true",
                "me": "/user?includeInternalMemberships=true",
                "create": null, "update": null, "roles": null, "presence": null,
                "fields": {"username": "userName", "email": "emailAddress",
                           "lastLoginAt": "lastLoginDate"}}"#
        }
        // A payments platform's management API (a company's `/users`):
        // pages numbered from 1 with `_links`, get and update a user with
        // a JSON PATCH body and no ETags, `timeZoneCode` for the time zone.
        "adyen-management" => {
            r#"{"name": "adyen-management",
                "list": {"path": "/users", "pageParameter": "pageNumber", "firstPage": 1,
                         "sizeParameter": "pageSize", "searchParameter": null,
                         "sortParameter": null, "activeParameter": null, "roleParameter": null},
                "me": null, "create": null,
                "update": {"method": "patch", "ifMatch": false},
                "roles": null, "presence": null,
                "fields": {"timeZone": "timeZoneCode"}}"#
        }
        // A User Admin API's conventions: `page` (from 0) and `limit`,
        // answered with `meta` and `items`; reading only.
        "user-admin-api" => {
            r#"{"name": "user-admin-api",
                "list": {"searchParameter": null, "sortParameter": null,
                         "activeParameter": null, "roleParameter": null},
                "me": null, "create": null, "update": null, "roles": null, "presence": null}"#
        }
        _ => {
            return Err(ProfileError {
                member: String::new(),
                problem: format!(
                    "there is no built-in profile called \"{}\" (there are: {})",
                    name.chars().take(64).collect::<String>(),
                    BUILTIN_NAMES.join(", ")
                ),
            })
        }
    };
    ApiProfile::from_json(document)
}
