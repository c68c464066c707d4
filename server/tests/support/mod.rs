//! A real server on 127.0.0.1 for each test, a client for it, and a check of
//! every response against `openapi.yaml`.

use std::net::SocketAddr;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use user_admin_server::{app, open_database, Options};

pub const ADMIN: &str = "dev-admin-token";
pub const VIEWER: &str = "dev-viewer-token";

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    contract: Contract,
}

/// A response, already checked against the contract.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The pointers (or parameters) of the field errors, sorted.
    pub fn error_locations(&self) -> Vec<String> {
        let mut locations: Vec<String> = self.body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                e["pointer"]
                    .as_str()
                    .or(e["parameter"].as_str())
                    .map(str::to_owned)
            })
            .collect();
        locations.sort();
        locations
    }
}

impl TestServer {
    /// Starts a server with `extra` options on an in-memory database with
    /// fault injection on.
    pub async fn start(extra: &[&str]) -> Self {
        let mut args = vec!["--faults"];
        args.extend_from_slice(extra);
        Self::start_without_faults(&args).await
    }

    /// Starts a server as a deployment runs it: no fault injection.
    pub async fn start_without_faults(extra: &[&str]) -> Self {
        let mut args = vec![
            "--in-memory",
            "--quiet",
            "--listen",
            "127.0.0.1:0",
            "--seed-users",
            "300",
        ];
        args.extend_from_slice(extra);
        let options = Options::from_args(args);
        let database = open_database(&options).expect("database opens");
        let router = app(&options, database).expect("app builds");
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .expect("binds");
        let address: SocketAddr = listener.local_addr().unwrap();
        let timeouts = user_admin_server::serve::Timeouts {
            headers: std::time::Duration::from_millis(500),
            body: std::time::Duration::from_millis(500),
        };
        tokio::spawn(async move {
            let forever = std::future::pending::<()>();
            user_admin_server::serve::serve(listener, router, timeouts, forever)
                .await
                .unwrap()
        });
        Self {
            base: format!("http://{address}"),
            client: reqwest::Client::new(),
            contract: Contract::load(),
        }
    }

    pub fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let builder = self.client.request(method, format!("{}{path}", self.base));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    /// Sends, reads the body as JSON and checks the response against the contract.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        request: reqwest::RequestBuilder,
    ) -> Reply {
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body: Value = serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("{method} {path}: not JSON: {text}"));
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        self.contract
            .check(method.as_str(), path, status.as_u16(), content_type, &body);
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(
            Method::GET,
            path,
            self.request(Method::GET, path, Some(token)),
        )
        .await
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send(
            Method::POST,
            path,
            self.request(Method::POST, path, Some(token)).json(body),
        )
        .await
    }

    pub async fn patch(&self, path: &str, token: &str, etag: Option<&str>, body: &Value) -> Reply {
        let mut request = self
            .request(Method::PATCH, path, Some(token))
            .header("content-type", "application/merge-patch+json")
            .body(body.to_string());
        if let Some(etag) = etag {
            request = request.header("if-match", etag);
        }
        self.send(Method::PATCH, path, request).await
    }

    pub async fn put_form(&self, path: &str, token: &str, form: &[(&str, &str)]) -> Reply {
        self.send(
            Method::PUT,
            path,
            self.request(Method::PUT, path, Some(token)).form(form),
        )
        .await
    }

    /// Any user id from the first page.
    pub async fn some_user(&self, index: usize) -> Value {
        self.get("/api/v1/users?limit=100", ADMIN).await.body["items"][index].clone()
    }

    /// A user's path and current ETag, from the first page.
    pub async fn user_path_and_etag(&self, index: usize) -> (String, String) {
        let user = self.some_user(index).await;
        let path = user["_links"]["self"]["href"].as_str().unwrap().to_owned();
        let etag = self
            .get(&path, ADMIN)
            .await
            .header("etag")
            .unwrap()
            .to_owned();
        (path, etag)
    }

    pub async fn add_fault(&self, rule: Value) {
        let status = self
            .client
            .post(format!("{}/__faults", self.base))
            .json(&rule)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
}

/// The machine-readable contract, and a check of status codes, content types
/// and required members.
struct Contract {
    document: Value,
}

impl Contract {
    fn load() -> Self {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml"))
            .unwrap();
        Self {
            document: serde_yaml::from_str(&text).expect("openapi.yaml parses"),
        }
    }

    /// The `paths` entry a concrete path belongs to (static segments win).
    fn path_item(&self, path: &str) -> Option<&Value> {
        let path = path.split('?').next().unwrap().strip_prefix("/api/v1")?;
        let segments: Vec<&str> = path.split('/').collect();
        let paths = self.document["paths"].as_object()?;
        let mut candidates: Vec<(&String, &Value)> = paths
            .iter()
            .filter(|(template, _)| {
                let parts: Vec<&str> = template.split('/').collect();
                parts.len() == segments.len()
                    && parts
                        .iter()
                        .zip(&segments)
                        .all(|(part, segment)| part.starts_with('{') || part == segment)
            })
            .collect();
        candidates.sort_by_key(|(template, _)| template.matches('{').count());
        candidates.first().map(|(_, item)| *item)
    }

    fn check(&self, method: &str, path: &str, status: u16, content_type: &str, body: &Value) {
        let Some(item) = self.path_item(path) else {
            return;
        }; // not part of the contract (e.g. /__faults)
        let Some(operation) = item.get(method.to_ascii_lowercase()) else {
            assert_eq!(
                status, 405,
                "{method} {path} is not in the contract, so it must be 405"
            );
            assert_eq!(content_type, "application/problem+json");
            return;
        };
        let response = operation["responses"]
            .get(status.to_string())
            .unwrap_or_else(|| {
                // The contract's Errors section: 401/403 may come from any operation,
                // 429 and 503 (with Retry-After) from any, as may 413 and 415 for bodies.
                assert!(
                    matches!(status, 401 | 403 | 404 | 413 | 415 | 429 | 503),
                    "{method} {path}: status {status} is not in the contract"
                );
                &self.document["components"]["responses"]["Problem"]
            });
        let response = self.resolve(response);
        let media_type = content_type.split(';').next().unwrap().trim();
        let schema = response["content"]
            .get(media_type)
            .unwrap_or_else(|| {
                panic!(
                    "{method} {path} {status}: content type {content_type} is not in the contract"
                )
            })
            .get("schema")
            .unwrap();
        self.require_members(schema, body, &format!("{method} {path} {status}"));
    }

    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let target = reference
                    .trim_start_matches('#')
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .fold(&self.document, |node, key| &node[key]);
                self.resolve(target)
            }
            None => value,
        }
    }

    fn require_members(&self, schema: &Value, body: &Value, context: &str) {
        let schema = self.resolve(schema);
        if let Some(parts) = schema["allOf"].as_array() {
            for part in parts {
                self.require_members(part, body, context);
            }
        }
        for name in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            assert!(
                body.get(name).is_some(),
                "{context}: required member {name} is missing from {body}"
            );
        }
        if let (Some(properties), Some(object)) =
            (schema["properties"].as_object(), body.as_object())
        {
            for (name, property) in properties {
                if let Some(value) = object.get(name).filter(|v| !v.is_null()) {
                    self.require_members(property, value, &format!("{context} .{name}"));
                }
            }
        }
        if let (Some(items), Some(array)) = (schema.get("items"), body.as_array()) {
            for item in array {
                self.require_members(items, item, context);
            }
        }
    }
}
