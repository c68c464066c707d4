//! Typed functions for every operation, sent the way the API profile
//! spells it (our contract by default). An operation the profile says the
//! API lacks fails as [`ApiError::not_offered`] without a request; the
//! screens do not offer it in the first place (`Capabilities`).

use gloo_net::http::Method;
use serde_json::{Map, Value};

use super::client::{ApiRequest, Body, CancelToken, Client, RetryObserver, StreamOffer};
use super::next_links::MAX_STEPS;
use super::profile::Paging;
use super::wire_values::{has_link_relation, link_target};

/// The link relation by which a batch presence answer names its event stream.
pub const PRESENCE_EVENTS_REL: &str = "https://user-admin.example/rels/presence-events";
use super::error::ApiError;
use super::params::{encode, ListParams};
use super::profile::UpdateMethod;
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
        let profile = self.api_profile();
        match self
            .send(&request, options.cancel.as_ref(), options.on_retry.as_ref())
            .await
        {
            Ok(mut response) => {
                response.body = profile.body_in_contract_names(std::mem::take(&mut response.body));
                Ok(response)
            }
            Err(mut error) => {
                profile.name_errors_as_contract(&mut error);
                Err(error)
            }
        }
    }

    pub async fn list_users(
        &self,
        params: &ListParams,
        options: &CallOptions,
    ) -> Result<Page, ApiError> {
        let profile = self.api_profile();
        let list = profile.list.as_ref().ok_or_else(ApiError::not_offered)?;
        if list.paging == Paging::Links {
            return self.list_by_links(params, options).await;
        }
        let path = profile
            .list_path(params)
            .ok_or_else(ApiError::not_offered)?;
        let whole = list.paging == Paging::Whole;
        let searched = params.q.as_deref().is_some_and(|q| !q.trim().is_empty());
        let response = match self.call(ApiRequest::get(path), options).await {
            // A search API that answers "no match" with 404.
            Err(error) if whole && searched && error.status == Some(404) => {
                return Ok(Page::cut_from_whole(Page::default(), 0, params.limit));
            }
            answer => answer?,
        };
        let page = decoded(response.status, wire::decode_page(&response.body))?;
        Ok(if whole {
            Page::cut_from_whole(page, params.page, params.limit)
        } else {
            page
        })
    }

    /// A page of a list paged by `next` links: the link the page before
    /// gave, walked to from the furthest page whose link is known.
    async fn list_by_links(
        &self,
        params: &ListParams,
        options: &CallOptions,
    ) -> Result<Page, ApiError> {
        let first = ListParams {
            page: 0,
            ..params.clone()
        };
        let first = self
            .api_profile()
            .list_path(&first)
            .ok_or_else(ApiError::not_offered)?;
        let (mut number, mut path) = self.next_links().start(&first, params.page);
        let last_step = number.saturating_add(MAX_STEPS);
        loop {
            let response = self.call(ApiRequest::get(path.clone()), options).await?;
            let mut page = decoded(response.status, wire::decode_page(&response.body))?;
            let header_link = response
                .link
                .as_deref()
                .and_then(|l| link_target(l, "next"));
            let next = page
                .next_link
                .take()
                .or_else(|| header_link.map(str::to_owned))
                .and_then(|link| self.path_of_link(&link, &path));
            self.next_links().learn(&first, number, next.clone());
            match next {
                Some(link) if number < params.page && number < last_step => {
                    number += 1;
                    path = link;
                }
                next => {
                    page.page = Some(number);
                    page.has_prev = Some(number > 0);
                    page.has_next = Some(next.is_some());
                    return Ok(page);
                }
            }
        }
    }

    pub async fn get_user(
        &self,
        id: &str,
        options: &CallOptions,
    ) -> Result<Versioned<User>, ApiError> {
        let path = self.api_profile().user_path(id);
        let response = self.call(ApiRequest::get(path), options).await?;
        let user = decoded(response.status, wire::decode_user(&response.body))?;
        Ok(Versioned {
            value: user,
            etag: response.etag,
        })
    }

    pub async fn profile(&self, options: &CallOptions) -> Result<Versioned<User>, ApiError> {
        let path = self
            .api_profile()
            .me
            .clone()
            .ok_or_else(ApiError::not_offered)?;
        let response = self.call(ApiRequest::get(path), options).await?;
        let user = decoded(response.status, wire::decode_user(&response.body))?;
        Ok(Versioned {
            value: user,
            etag: response.etag,
        })
    }

    /// `POST /users` (the profile's `create`). Send the same
    /// `idempotency_key` for retries of one submission.
    pub async fn create_user(
        &self,
        user: &Map<String, Value>,
        idempotency_key: &str,
        options: &CallOptions,
    ) -> Result<Accepted, ApiError> {
        let profile = self.api_profile();
        let path = profile.create.clone().ok_or_else(ApiError::not_offered)?;
        let request = ApiRequest {
            method: Method::POST,
            path,
            body: Some(Body {
                content_type: "application/json",
                text: Value::Object(profile.renamed_body(user)).to_string(),
            }),
            idempotency_key: Some(idempotency_key.to_owned()),
            if_match: None,
            event_stream: false,
            last_event_id: None,
        };
        let response = self.call(request, options).await?;
        let location = response.location.as_deref();
        let user_key = decoded(
            response.status,
            wire::decode_created(&response.body, location),
        )?;
        Ok(Accepted {
            user_key,
            location: response.location,
        })
    }

    /// Saves the changed fields (`patch`, a merge-patch of contract names):
    /// `PATCH /users/{id}` with `If-Match` in our contract, else as the
    /// profile says. A `PUT` sends the user as the server has it now with
    /// the changes applied, so members the admin never saw are kept.
    pub async fn patch_user(
        &self,
        id: &str,
        etag: &str,
        patch: &Map<String, Value>,
    ) -> Result<Versioned<User>, ApiError> {
        let profile = self.api_profile();
        let (path, method, if_match) = profile.update_path(id).ok_or_else(ApiError::not_offered)?;
        let changes = profile.renamed_body(patch);
        let (method, content_type, body) = match method {
            UpdateMethod::MergePatch => (Method::PATCH, "application/merge-patch+json", changes),
            UpdateMethod::Patch => (Method::PATCH, "application/json", changes),
            UpdateMethod::Put => {
                let current = self
                    .call(
                        ApiRequest::get(profile.user_path(id)),
                        &CallOptions::default(),
                    )
                    .await?;
                let mut whole = match serde_json::from_slice(&current.body) {
                    Ok(Value::Object(whole)) => whole,
                    _ => {
                        return Err(ApiError::unusable(
                            current.status,
                            "the user is not a JSON object",
                        ))
                    }
                };
                // Read under our names (see `call`), changed, and sent back
                // under the API's.
                super::patch::apply_merge_patch(&mut whole, patch);
                (
                    Method::PUT,
                    "application/json",
                    profile.renamed_body(&whole),
                )
            }
        };
        let request = ApiRequest {
            method,
            path,
            body: Some(Body {
                content_type,
                text: Value::Object(body).to_string(),
            }),
            idempotency_key: None,
            // Without it a PATCH is not retried (it might apply twice).
            if_match: (if_match && !etag.is_empty()).then(|| etag.to_owned()),
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
        let path = self
            .api_profile()
            .roles
            .clone()
            .ok_or_else(ApiError::not_offered)?;
        let response = self.call(ApiRequest::get(path), options).await?;
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
        let path = self
            .api_profile()
            .presence_batch_path(ids)
            .ok_or_else(ApiError::not_offered)?;
        let response = self.call(ApiRequest::get(path), options).await?;
        let linked = response
            .link
            .as_deref()
            .is_some_and(|link| has_link_relation(link, PRESENCE_EVENTS_REL));
        if linked && self.api_profile().capabilities().presence_events {
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
        let Some(path) = self.api_profile().presence_events_path(ids) else {
            self.note_presence_stream(StreamOffer::Refused);
            return Err(ApiError::not_offered());
        };
        let mut request = ApiRequest::get(path);
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
        let path = self
            .api_profile()
            .presence_path(id)
            .ok_or_else(ApiError::not_offered)?;
        let response = self.call(ApiRequest::get(path), options).await?;
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
        let path = self
            .api_profile()
            .set_presence_path()
            .ok_or_else(ApiError::not_offered)?
            .to_owned();
        let request = ApiRequest {
            method: Method::PUT,
            path,
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
