//! One exchange with the API over gloo-net: the request's headers (only
//! values the browser accepts), the body read with a cap, and the answer
//! sorted into a response, an event stream or an [`ApiError`].

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, RequestCredentials, RequestInit};

use super::{ApiRequest, Client, RawResponse};
use crate::api::error::{is_json_media_type, ApiError, MAX_ERROR_BODY};
use crate::api::wire_values::{is_header_value, read_capped};

/// Largest success body read (a directory page is a few tens of KiB).
const MAX_BODY: usize = 8 * 1024 * 1024;

impl Client {
    pub(super) async fn fetch(
        &self,
        request: &ApiRequest,
        controller: &AbortController,
    ) -> Result<RawResponse, ApiError> {
        let url = format!("{}{}", self.0.config.api_base, request.path);
        let accept = if request.event_stream {
            "text/event-stream, application/problem+json"
        } else {
            "application/json, application/problem+json"
        };
        let token = self
            .0
            .token
            .borrow()
            .as_deref()
            .map(|token| format!("Bearer {token}"));
        // `Headers.set` throws on a value that is not a header value, and a
        // throw inside the request would leave it pending for good.
        let optional = [
            ("Accept-Language", self.0.config.accept_language.as_deref()),
            ("Idempotency-Key", request.idempotency_key.as_deref()),
            ("If-Match", request.if_match.as_deref()),
            ("Last-Event-ID", request.last_event_id.as_deref()),
        ];
        let mut headers = vec![("Accept", accept)];
        headers.extend(token.as_deref().map(|value| ("Authorization", value)));
        for (name, value) in optional {
            match value {
                Some(value) if is_header_value(value) => headers.push((name, value)),
                Some(_) if name == "Accept-Language" => {}
                Some(_) => {
                    return Err(ApiError::network(format!(
                        "{name} is not a valid header value"
                    )))
                }
                None => {}
            }
        }
        headers.extend(
            request
                .body
                .as_ref()
                .map(|body| ("Content-Type", body.content_type)),
        );
        let init = web_sys::RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_signal(Some(&controller.signal()));
        init.set_credentials(if self.0.config.include_credentials {
            RequestCredentials::Include
        } else {
            RequestCredentials::SameOrigin
        });
        if let Some(body) = &request.body {
            init.set_body(&JsValue::from_str(&body.text));
        }
        let sent = request_to(&url, &init, &headers)?.send().await;
        let response = sent.map_err(|error| ApiError::network(no_answer(error)))?;
        let status = response.status();
        let headers = response.headers();
        let content_type = headers.get("content-type");
        let is_stream = content_type
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/event-stream"));
        if request.event_stream && is_stream && (200..300).contains(&status) {
            let events = response
                .body()
                .map(|body| body.get_reader().unchecked_into());
            return Ok(RawResponse {
                status,
                etag: None,
                location: None,
                link: None,
                body: Vec::new(),
                events,
            });
        }
        let declared_length = headers
            .get("content-length")
            .and_then(|v| v.parse::<usize>().ok());
        let too_large = || ApiError::too_large(status, MAX_BODY);
        if declared_length.is_some_and(|length| length > MAX_BODY) {
            return Err(too_large());
        }
        // Also capped when no length was declared (chunked, or a lie).
        let Some(body) = read_capped(&response, MAX_BODY).await? else {
            return Err(too_large());
        };
        if (200..300).contains(&status) {
            let is_json = content_type.as_deref().is_some_and(is_json_media_type);
            if !is_json && status != 204 && !body.is_empty() {
                // An SSO login page or a proxy's HTML with 200: never parsed, never shown.
                return Err(ApiError::unexpected_body(
                    status,
                    content_type.as_deref(),
                    &body,
                ));
            }
            return Ok(RawResponse {
                status,
                etag: headers.get("etag"),
                location: headers.get("location"),
                link: headers.get("link"),
                body,
                events: None,
            });
        }
        let body = &body[..body.len().min(MAX_ERROR_BODY)];
        Err(ApiError::from_response(
            status,
            content_type.as_deref(),
            |name| headers.get(name),
            body,
        ))
    }
}

/// The request for exactly `url`. gloo-net's `RequestBuilder` parses the URL
/// again and, when it already has a query, appends one of its own even when
/// empty (`/users?page=0&limit=25&`), which a strict API may refuse; it also
/// makes two `Request`s and a `URL` for each request.
// ApiError travels by value (see `endpoints::decoded`).
#[allow(clippy::result_large_err)]
pub(crate) fn request_to(
    url: &str,
    init: &RequestInit,
    headers: &[(&str, &str)],
) -> Result<gloo_net::http::Request, ApiError> {
    let refused = |error: JsValue| {
        ApiError::network(
            error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
                .unwrap_or_else(|| "the request could not be made".to_owned()),
        )
    };
    let set = web_sys::Headers::new().map_err(refused)?;
    for (name, value) in headers {
        set.set(name, value).map_err(refused)?;
    }
    init.set_headers(&set);
    web_sys::Request::new_with_str_and_init(url, init)
        .map(gloo_net::http::Request::from)
        .map_err(refused)
}

/// What the browser said about a request that got no answer. Matched, not
/// formatted: gloo-net's `Display` also covers serde_json's errors, whose
/// wording would come into the first download for a case sending never has.
fn no_answer(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => error.to_string(),
        gloo_net::Error::GlooError(text) => text,
        gloo_net::Error::SerdeError(_) => String::new(),
    }
}
