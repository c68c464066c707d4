//! `--dialect NAME`: the same directory served in the shape and under the
//! paths of another system's user API, so the admin can be run (and tested)
//! against each built-in API profile.
//!
//! A dialect is a translation in front of the contract's own router: each
//! request is mapped to contract calls, and each answer (errors included)
//! reshaped into that system's format. Storage, validation and permissions
//! stay the contract's, so every dialect is as real as the contract.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

/// The systems the reference server can speak; each has a built-in API
/// profile of the same name in the admin.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Our own contract (`openapi.yaml`) at `/api/v1`.
    #[default]
    Contract,
    /// A collaboration platform's users API: search answers one bare array.
    Circuit,
    /// A BPM product's user-details resource: one user at a time.
    IbmBpm,
    /// A payments platform's management API: pages from 1, `_links`.
    AdyenManagement,
    /// A User Admin API: `meta` paging, `{"message"}` errors, read only.
    UserAdminApi,
}

impl Dialect {
    /// Where the API lives; the admin's `api-base`.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Contract => crate::model::API_PREFIX,
            Self::Circuit => "/rest/v2",
            Self::IbmBpm => "/rest/bpm/wle/v1",
            Self::AdyenManagement => "/v3/companies/DEMO",
            Self::UserAdminApi => "/user-admin-api/v1",
        }
    }

    /// The built-in profile of the admin that speaks this dialect.
    pub fn profile_name(self) -> &'static str {
        match self {
            Self::Contract => "contract",
            Self::Circuit => "circuit",
            Self::IbmBpm => "ibm-bpm",
            Self::AdyenManagement => "adyen-management",
            Self::UserAdminApi => "user-admin-api",
        }
    }

    /// The router for this dialect around `api`, the contract's router.
    pub fn router(self, api: Router) -> Router {
        if self == Self::Contract {
            return api;
        }
        Router::new()
            .fallback(translate)
            .with_state(Translator { dialect: self, api })
    }
}

#[derive(Clone)]
struct Translator {
    dialect: Dialect,
    api: Router,
}

/// A contract answer, read whole.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    /// An error the translation itself gives, in the contract's problem
    /// shape, so it goes out in the system's format like any other.
    fn problem(status: StatusCode, problem: Value) -> Answer {
        Answer {
            status,
            headers: HeaderMap::new(),
            body: Bytes::from(problem.to_string()),
        }
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn ok(&self) -> bool {
        self.status.is_success()
    }
}

/// The request headers a contract call takes over.
const FORWARDED: [header::HeaderName; 4] = [
    header::AUTHORIZATION,
    header::ACCEPT_LANGUAGE,
    header::CONTENT_TYPE,
    header::IF_MATCH,
];

impl Translator {
    async fn call(
        &self,
        method: Method,
        path: &str,
        from: &HeaderMap,
        body: Bytes,
        if_match: Option<&str>,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        for name in FORWARDED {
            if let Some(value) = from.get(&name) {
                request = request.header(&name, value);
            }
        }
        if let Some(tag) = if_match.and_then(|t| HeaderValue::from_str(t).ok()) {
            request = request.header(header::IF_MATCH, tag);
        }
        let request = request
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body))
            .expect("a request built from valid parts");
        let response = match self.api.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let (parts, body) = response.into_parts();
        Answer {
            status: parts.status,
            headers: parts.headers,
            body: to_bytes(body, 16 * 1024 * 1024).await.unwrap_or_default(),
        }
    }

    async fn get(&self, path: &str, from: &HeaderMap) -> Answer {
        self.call(Method::GET, path, from, Bytes::new(), None).await
    }

    /// A contract error in this dialect's format.
    fn error(&self, answer: &Answer) -> Response {
        let problem = answer.json();
        let detail = problem["detail"]
            .as_str()
            .or(problem["title"].as_str())
            .unwrap_or("The request failed.")
            .to_owned();
        let status = answer.status;
        let mut response = match self.dialect {
            Dialect::Contract | Dialect::Circuit => {
                return (status, answer.headers.clone(), answer.body.clone()).into_response()
            }
            Dialect::IbmBpm => json_answer(
                status,
                json!({"status": "error", "Data": {
                    "status": status.as_u16().to_string(),
                    "exceptionType": "com.lombardisoftware.core.TeamWorksException",
                    "errorNumber": format!("CWTBG{:04}E", status.as_u16()),
                    "errorMessage": detail,
                    "errorMessageParameters": [],
                    "programmersDetails": null}}),
            ),
            Dialect::AdyenManagement => {
                let fields: Vec<Value> = problem["errors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|field| {
                        let name = field["pointer"]
                            .as_str()
                            .or(field["parameter"].as_str())
                            .unwrap_or("")
                            .trim_start_matches("#/")
                            .replace("timeZone", "timeZoneCode");
                        json!({"name": name, "value": "", "message": field["detail"]})
                    })
                    .collect();
                let mut body = json!({
                    "type": "https://docs.adyen.com/errors/general/invalid-field-value",
                    "title": problem["title"], "status": status.as_u16(), "detail": detail,
                    "errorCode": format!("{}_000", status.as_u16()),
                    "requestId": problem["instance"]});
                if !fields.is_empty() {
                    body["invalidFields"] = Value::Array(fields);
                }
                let mut response = json_answer(status, body);
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/problem+json"),
                );
                response
            }
            Dialect::UserAdminApi if status == StatusCode::UNAUTHORIZED => json_answer(
                status,
                json!({"error": "invalid_token",
                       "error_description": "The access token is invalid or has expired"}),
            ),
            Dialect::UserAdminApi => json_answer(status, json!({ "message": detail })),
        };
        // What the client needs to act on: a challenge, a wait.
        for name in [header::WWW_AUTHENTICATE, header::RETRY_AFTER, header::ALLOW] {
            if let Some(value) = answer.headers.get(&name) {
                response.headers_mut().insert(name, value.clone());
            }
        }
        response
    }

    fn no_such_operation(&self, method: &Method) -> Response {
        let status = if *method == Method::GET {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::METHOD_NOT_ALLOWED
        };
        let message = if status == StatusCode::NOT_FOUND {
            "There is no such resource in this API."
        } else {
            "Method Not Allowed"
        };
        let problem = json!({"title": message, "status": status.as_u16(), "detail": message});
        self.error(&Answer::problem(status, problem))
    }
}

fn json_answer(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// The query parameter `name`, decoded.
fn parameter(query: &str, name: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn encoded(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .unwrap_or_default()
        .trim_start_matches("v=")
        .to_owned()
}

/// A contract user renamed member by member (`renames` as (ours, theirs)).
fn renamed(user: &Value, renames: &[(&str, &str)], dropped: &[&str]) -> Value {
    let Some(object) = user.as_object() else {
        return user.clone();
    };
    let mut out = Map::new();
    for (name, value) in object {
        if dropped.contains(&name.as_str()) {
            continue;
        }
        let name = renames
            .iter()
            .find(|(ours, _)| ours == name)
            .map_or(name.as_str(), |(_, theirs)| theirs);
        out.insert(name.to_owned(), value.clone());
    }
    Value::Object(out)
}

async fn translate(State(translator): State<Translator>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, crate::routes::BODY_LIMIT)
        .await
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or("").to_owned();
    let method = parts.method.clone();
    let headers = parts.headers;
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match translator.dialect {
        Dialect::Contract => translator.no_such_operation(&method),
        Dialect::Circuit => circuit(&translator, &method, &segments, &query, &headers, body).await,
        Dialect::IbmBpm => ibm_bpm(&translator, &method, &segments, &query, &headers).await,
        Dialect::AdyenManagement => {
            adyen(&translator, &method, &segments, &query, &headers, body).await
        }
        Dialect::UserAdminApi => {
            user_admin_api(&translator, &method, &segments, &query, &headers).await
        }
    }
}

// The collaboration platform: `userId`, `displayName`, `emailAddress`.
const CIRCUIT_USER: [(&str, &str); 3] = [
    ("id", "userId"),
    ("fullName", "displayName"),
    ("email", "emailAddress"),
];

async fn circuit(
    translator: &Translator,
    method: &Method,
    segments: &[&str],
    query: &str,
    headers: &HeaderMap,
    body: Bytes,
) -> Response {
    let user = |answer: Answer| -> Response {
        if !answer.ok() {
            return translator.error(&answer);
        }
        json_answer(
            answer.status,
            renamed(&answer.json(), &CIRCUIT_USER, &["_links"]),
        )
    };
    match (method.as_str(), segments) {
        // Search: every match in one bare array; no match is a 404.
        ("GET", ["users"]) => {
            let name = parameter(query, "name").filter(|n| !n.trim().is_empty());
            let search = name
                .as_deref()
                .map_or(String::new(), |n| format!("&q={}", encoded(n)));
            let mut users = Vec::new();
            for page in 0.. {
                let answer = translator
                    .get(&format!("/users?page={page}&limit=100{search}"), headers)
                    .await;
                if !answer.ok() {
                    return translator.error(&answer);
                }
                let page = answer.json();
                let items = page["items"].as_array().cloned().unwrap_or_default();
                users.extend(items.iter().map(|u| renamed(u, &CIRCUIT_USER, &["_links"])));
                if page["_links"]["next"].is_null() {
                    break;
                }
            }
            if users.is_empty() && name.is_some() {
                let problem = json!({"title": "The search term did not match any results.",
                                     "status": 404});
                return translator.error(&Answer::problem(StatusCode::NOT_FOUND, problem));
            }
            json_answer(StatusCode::OK, Value::Array(users))
        }
        ("GET", ["users", "profile"]) => user(translator.get("/users/profile", headers).await),
        // Presence is the contract's shape already; there is no event stream.
        ("GET", ["users", "presence"]) => {
            let answer = translator
                .get(&format!("/users/presence?{query}"), headers)
                .await;
            (
                answer.status,
                [(header::CONTENT_TYPE, "application/json")],
                answer.body,
            )
                .into_response()
        }
        ("PUT", ["users", "presence"]) => {
            let answer = translator
                .call(Method::PUT, "/users/presence", headers, body, None)
                .await;
            (
                answer.status,
                [(header::CONTENT_TYPE, "application/json")],
                answer.body,
            )
                .into_response()
        }
        ("GET", ["users", id, "presence"]) => {
            let answer = translator
                .get(&format!("/users/{}/presence", encoded(id)), headers)
                .await;
            (
                answer.status,
                [(header::CONTENT_TYPE, "application/json")],
                answer.body,
            )
                .into_response()
        }
        ("GET", ["users", id]) => user(
            translator
                .get(&format!("/users/{}", encoded(id)), headers)
                .await,
        ),
        _ => translator.no_such_operation(method),
    }
}

async fn ibm_bpm(
    translator: &Translator,
    method: &Method,
    segments: &[&str],
    query: &str,
    headers: &HeaderMap,
) -> Response {
    if (method.as_str(), segments) != ("GET", &["user"][..]) {
        return translator.no_such_operation(method);
    }
    // Without userID (and userName): the signed-in user.
    let answer = match (parameter(query, "userID"), parameter(query, "userName")) {
        (Some(id), _) => {
            translator
                .get(&format!("/users/{}", encoded(&id)), headers)
                .await
        }
        (None, Some(name)) => {
            let search = translator
                .get(&format!("/users?q={}&limit=100", encoded(&name)), headers)
                .await;
            let found = search.json()["items"]
                .as_array()
                .and_then(|items| items.iter().find(|u| u["username"] == name.as_str()))
                .and_then(|u| u["id"].as_str().map(str::to_owned));
            match found {
                Some(id) => {
                    translator
                        .get(&format!("/users/{}", encoded(&id)), headers)
                        .await
                }
                None if !search.ok() => search,
                None => Answer::problem(
                    StatusCode::NOT_FOUND,
                    json!({"detail": format!("The user {name} does not exist.")}),
                ),
            }
        }
        (None, None) => translator.get("/users/profile", headers).await,
    };
    if !answer.ok() {
        return translator.error(&answer);
    }
    let user = answer.json();
    let data = json!({
        "userID": user["id"], "userName": user["username"], "fullName": user["fullName"],
        "emailAddress": user["email"], "isDisabled": !user["active"].as_bool().unwrap_or(true),
        "memberships": user["memberships"], "userPreferences": user["preferences"],
        "lastLoginDate": user["lastLoginAt"], "permissions": user["permissions"],
    });
    json_answer(StatusCode::OK, json!({"status": "200", "data": data}))
}

const ADYEN_USER: [(&str, &str); 1] = [("timeZone", "timeZoneCode")];

async fn adyen(
    translator: &Translator,
    method: &Method,
    segments: &[&str],
    query: &str,
    headers: &HeaderMap,
    body: Bytes,
) -> Response {
    let prefix = Dialect::AdyenManagement.prefix();
    let user_json = |user: &Value| {
        let mut user = renamed(user, &ADYEN_USER, &["_links"]);
        user["_links"] = json!({"self": {"href": format!("{prefix}/users/{}", user["id"].as_str().unwrap_or(""))}});
        user
    };
    match (method.as_str(), segments) {
        ("GET", ["users"]) => {
            let number = |name: &str, default: u64| {
                parameter(query, name)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(default)
            };
            let (page, size) = (number("pageNumber", 1).max(1), number("pageSize", 10));
            let answer = translator
                .get(&format!("/users?page={}&limit={size}", page - 1), headers)
                .await;
            if !answer.ok() {
                return translator.error(&answer);
            }
            let list = answer.json();
            let pages = list["meta"]["pageCount"].as_u64().unwrap_or(1);
            let link =
                |n: u64| json!({"href": format!("{prefix}/users?pageNumber={n}&pageSize={size}")});
            let mut links =
                json!({"self": link(page), "first": link(1), "last": link(pages.max(1))});
            if page < pages {
                links["next"] = link(page + 1);
            }
            if page > 1 {
                links["prev"] = link(page - 1);
            }
            let data: Vec<Value> = list["items"]
                .as_array()
                .into_iter()
                .flatten()
                .map(user_json)
                .collect();
            json_answer(
                StatusCode::OK,
                json!({
                "_links": links, "itemsTotal": list["meta"]["totalCount"], "pagesTotal": pages,
                "data": data}),
            )
        }
        ("GET", ["users", id]) => {
            let answer = translator
                .get(&format!("/users/{}", encoded(id)), headers)
                .await;
            if !answer.ok() {
                return translator.error(&answer);
            }
            json_answer(StatusCode::OK, user_json(&answer.json()))
        }
        // A JSON body of the changed fields, no ETags: applied to the
        // version stored now.
        ("PATCH", ["users", id]) => {
            let changes: Value = match serde_json::from_slice(&body) {
                Ok(Value::Object(changes)) => Value::Object(changes),
                _ => {
                    let problem =
                        json!({"title": "The request body is not a JSON object.", "status": 400});
                    return translator.error(&Answer::problem(StatusCode::BAD_REQUEST, problem));
                }
            };
            let path = format!("/users/{}", encoded(id));
            let current = translator.get(&path, headers).await;
            if !current.ok() {
                return translator.error(&current);
            }
            let etag = current
                .headers
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let patch = renamed(&changes, &[("timeZoneCode", "timeZone")], &[]);
            let mut forwarded = headers.clone();
            forwarded.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/merge-patch+json"),
            );
            let answer = translator
                .call(
                    Method::PATCH,
                    &path,
                    &forwarded,
                    Bytes::from(patch.to_string()),
                    etag.as_deref(),
                )
                .await;
            if !answer.ok() {
                return translator.error(&answer);
            }
            json_answer(StatusCode::OK, user_json(&answer.json()))
        }
        _ => translator.no_such_operation(method),
    }
}

async fn user_admin_api(
    translator: &Translator,
    method: &Method,
    segments: &[&str],
    query: &str,
    headers: &HeaderMap,
) -> Response {
    let answer = match (method.as_str(), segments) {
        ("GET", ["users"]) => {
            let page = parameter(query, "page").unwrap_or_else(|| "0".into());
            let limit = parameter(query, "limit").unwrap_or_else(|| "25".into());
            let path = format!("/users?page={}&limit={}", encoded(&page), encoded(&limit));
            translator.get(&path, headers).await
        }
        ("GET", ["users", id]) => {
            translator
                .get(&format!("/users/{}", encoded(id)), headers)
                .await
        }
        _ => return translator.no_such_operation(method),
    };
    if !answer.ok() {
        return translator.error(&answer);
    }
    let mut value = answer.json();
    // `meta` and `items` as the contract sends them, without its links.
    if let Some(object) = value.as_object_mut() {
        object.remove("_links");
        for item in object
            .get_mut("items")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(item) = item.as_object_mut() {
                item.remove("_links");
            }
        }
    }
    json_answer(StatusCode::OK, value)
}
