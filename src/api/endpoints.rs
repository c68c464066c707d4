//! Typed functions for every endpoint of the contract.

use gloo_net::http::Method;
use serde_json::{Map, Value};

use super::client::{ApiRequest, Body, CancelToken, Client, RetryObserver, StreamOffer};
use super::wire_values::has_link_relation;

/// The link relation by which a batch presence answer names its event stream.
pub const PRESENCE_EVENTS_REL: &str = "https://user-admin.example/rels/presence-events";
use super::error::ApiError;
use super::params::{encode, ListParams};
use super::wire::{
    self, Accepted, DecodeError, Page, Presence, PresenceChange, Role, User, Versioned,
};

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
            event_stream: false,
            last_event_id: None,
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
            event_stream: false,
            last_event_id: None,
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
        let linked = response
            .link
            .as_deref()
            .is_some_and(|link| has_link_relation(link, PRESENCE_EVENTS_REL));
        if linked {
            self.note_presence_stream(StreamOffer::Offered);
        }
        decoded(response.status, wire::decode_presences(&response.body))
    }

    /// `GET /users/presence/events`: the presence changes of `ids` as an
    /// event stream, resumed after `last_event_id`. The reader is the
    /// stream's body; `cancel` closes it.
    pub async fn presence_events(
        &self,
        ids: &[String],
        last_event_id: Option<&str>,
        cancel: &CancelToken,
    ) -> Result<web_sys::ReadableStreamDefaultReader, ApiError> {
        let joined: Vec<String> = ids.iter().map(|id| encode(id)).collect();
        let mut request = ApiRequest::get(format!(
            "/users/presence/events?userIds={}",
            joined.join(",")
        ));
        request.event_stream = true;
        request.last_event_id = last_event_id.map(str::to_owned);
        let result = self.send(&request, Some(cancel), None).await;
        if let Err(error) = &result {
            if matches!(error.status, Some(404 | 405 | 501)) {
                self.note_presence_stream(StreamOffer::Refused);
            }
        }
        let response = result?;
        response
            .events
            .ok_or_else(|| ApiError::unexpected_body(response.status, None, &response.body))
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
            event_stream: false,
            last_event_id: None,
        };
        let response = self.call(request, options).await?;
        decoded(response.status, wire::decode_presence(&response.body))
    }
}
