//! Typed functions for every endpoint of the contract.

use gloo_net::http::Method;
use serde_json::{Map, Value};

use super::client::{ApiRequest, Body, CancelToken, Client, RetryObserver};
use super::error::ApiError;
use super::wire::{self, DecodeError, Page, Presence, User};

/// The list query of `GET /users`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListParams {
    pub page: u64,
    pub limit: u64,
    pub q: Option<String>,
    pub active: Option<bool>,
    pub role: Option<String>,
    /// A contract sort key, `-` first for descending.
    pub sort: Option<String>,
}

impl ListParams {
    /// `?page=0&limit=25&…`, parameters in a fixed order (it is also a cache key).
    pub fn query_string(&self) -> String {
        let mut pairs = vec![
            ("page", self.page.to_string()),
            ("limit", self.limit.max(1).to_string()),
        ];
        if let Some(q) = self.q.as_ref().filter(|q| !q.trim().is_empty()) {
            pairs.push(("q", q.trim().to_owned()));
        }
        if let Some(active) = self.active {
            pairs.push(("active", active.to_string()));
        }
        if let Some(role) = self.role.as_ref().filter(|r| !r.is_empty()) {
            pairs.push(("role", role.clone()));
        }
        if let Some(sort) = self.sort.as_ref().filter(|s| !s.is_empty()) {
            pairs.push(("sort", sort.clone()));
        }
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("?{}", encoded.join("&"))
    }
}

/// Percent-encodes a query value or path segment (everything but RFC 3986's
/// unreserved characters).
pub fn encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_queries_are_stable_and_encoded() {
        let params = ListParams {
            page: 2,
            limit: 50,
            q: Some(" Zoë & co ".into()),
            active: Some(false),
            role: None,
            sort: Some("-lastLoginAt".into()),
        };
        assert_eq!(
            params.query_string(),
            "?page=2&limit=50&q=Zo%C3%AB%20%26%20co&active=false&sort=-lastLoginAt"
        );
        assert_eq!(
            ListParams {
                limit: 25,
                ..ListParams::default()
            }
            .query_string(),
            "?page=0&limit=25"
        );
    }
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

// ApiError is the one error model and travels by value to the screens;
// a request's failure is rare enough that its size does not matter.
#[allow(clippy::result_large_err)]
fn decoded<T>(status: u16, result: Result<T, DecodeError>) -> Result<T, ApiError> {
    result.map_err(|DecodeError(why)| ApiError::unusable(status, why))
}

/// Per-call options: cancellation and a retry observer.
#[derive(Clone, Default)]
pub struct CallOptions {
    pub cancel: Option<CancelToken>,
    pub on_retry: Option<RetryObserver>,
}

impl Client {
    async fn call(
        &self,
        request: ApiRequest,
        options: &CallOptions,
    ) -> Result<super::client::RawResponse, ApiError> {
        self.send(&request, options.cancel.as_ref(), options.on_retry.as_ref())
            .await
    }

    pub async fn list_users(
        &self,
        params: &ListParams,
        options: &CallOptions,
    ) -> Result<Page, ApiError> {
        let response = self
            .call(
                ApiRequest::get(format!("/users{}", params.query_string())),
                options,
            )
            .await?;
        decoded(response.status, wire::decode_page(&response.body))
    }

    pub async fn get_user(
        &self,
        id: &str,
        options: &CallOptions,
    ) -> Result<Versioned<User>, ApiError> {
        let response = self
            .call(ApiRequest::get(format!("/users/{}", encode(id))), options)
            .await?;
        let user = decoded(response.status, wire::decode_user(&response.body))?;
        Ok(Versioned {
            value: user,
            etag: response.etag,
        })
    }

    pub async fn profile(&self, options: &CallOptions) -> Result<Versioned<User>, ApiError> {
        let response = self
            .call(ApiRequest::get("/users/profile"), options)
            .await?;
        let user = decoded(response.status, wire::decode_user(&response.body))?;
        Ok(Versioned {
            value: user,
            etag: response.etag,
        })
    }

    /// `POST /users`. Send the same `idempotency_key` for retries of one submission.
    pub async fn create_user(
        &self,
        user: &Map<String, Value>,
        idempotency_key: &str,
        options: &CallOptions,
    ) -> Result<Accepted, ApiError> {
        let request = ApiRequest {
            method: Method::POST,
            path: "/users".into(),
            body: Some(Body {
                content_type: "application/json",
                text: Value::Object(user.clone()).to_string(),
            }),
            idempotency_key: Some(idempotency_key.to_owned()),
            if_match: None,
        };
        let response = self.call(request, options).await?;
        let user_key = decoded(response.status, wire::decode_user_key(&response.body))?;
        Ok(Accepted {
            user_key,
            location: response.location,
        })
    }

    /// `PATCH /users/{id}` with a merge-patch of only the changed fields.
    pub async fn patch_user(
        &self,
        id: &str,
        etag: &str,
        patch: &Map<String, Value>,
    ) -> Result<Versioned<User>, ApiError> {
        let request = ApiRequest {
            method: Method::PATCH,
            path: format!("/users/{}", encode(id)),
            body: Some(Body {
                content_type: "application/merge-patch+json",
                text: Value::Object(patch.clone()).to_string(),
            }),
            idempotency_key: None,
            if_match: Some(etag.to_owned()),
        };
        let response = self.call(request, &CallOptions::default()).await?;
        let user = decoded(response.status, wire::decode_user(&response.body))?;
        Ok(Versioned {
            value: user,
            etag: response.etag,
        })
    }

    pub async fn roles(&self, options: &CallOptions) -> Result<Vec<Role>, ApiError> {
        let response = self.call(ApiRequest::get("/roles"), options).await?;
        let value: Value = decoded(
            response.status,
            serde_json::from_slice(&response.body)
                .map_err(|_| DecodeError("the roles are not JSON")),
        )?;
        let items = value
            .get("items")
            .and_then(Value::as_array)
            .or(value.as_array())
            .cloned()
            .unwrap_or_default();
        Ok(items
            .iter()
            .filter_map(|item| {
                Some(Role {
                    name: item.get("name")?.as_str()?.to_owned(),
                    description: item
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                })
            })
            .collect())
    }

    /// Presence of up to 100 users in one request.
    pub async fn presences(
        &self,
        ids: &[String],
        options: &CallOptions,
    ) -> Result<Vec<Presence>, ApiError> {
        let joined: Vec<String> = ids.iter().map(|id| encode(id)).collect();
        let response = self
            .call(
                ApiRequest::get(format!("/users/presence?userIds={}", joined.join(","))),
                options,
            )
            .await?;
        decoded(response.status, wire::decode_presences(&response.body))
    }

    pub async fn presence(&self, id: &str, options: &CallOptions) -> Result<Presence, ApiError> {
        let response = self
            .call(
                ApiRequest::get(format!("/users/{}/presence", encode(id))),
                options,
            )
            .await?;
        decoded(response.status, wire::decode_presence(&response.body))
    }

    pub async fn set_own_presence(
        &self,
        change: &PresenceChange,
        options: &CallOptions,
    ) -> Result<Presence, ApiError> {
        let mut pairs = Vec::new();
        if let Some(state) = &change.state {
            pairs.push(format!("state={}", encode(state)));
        }
        if let Some(until) = &change.dnd_until {
            pairs.push(format!("dndUntil={}", encode(until)));
        }
        if let Some(message) = &change.status_message {
            pairs.push(format!("statusMessage={}", encode(message)));
        }
        if change.clear_dnd {
            pairs.push("clearDnd=true".into());
        }
        let request = ApiRequest {
            method: Method::PUT,
            path: "/users/presence".into(),
            body: Some(Body {
                content_type: "application/x-www-form-urlencoded",
                text: pairs.join("&"),
            }),
            idempotency_key: None,
            if_match: None,
        };
        let response = self.call(request, options).await?;
        decoded(response.status, wire::decode_presence(&response.body))
    }
}
