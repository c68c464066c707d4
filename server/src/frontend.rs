//! Serves the built frontend: hashed assets with a long cache, `index.html`
//! for every other path (the app routes with the History API), and the strict
//! Content-Security-Policy the app is built to run under.

use std::path::Path;

use axum::http::{header, HeaderValue, Request, Response};
use axum::response::IntoResponse;
use axum::routing::get_service;
use axum::{body::Body, middleware, Router};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// The policy the app must run under: no inline script or style, no eval,
/// and no framing by another site (a signed-in admin page in a stranger's
/// frame is a clickjacking target).
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; frame-ancestors 'self'";

/// Files named by Trunk with a content hash (`app-1a2b3c….wasm`) never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (index.html, boot.js) is revalidated on every visit.
const REVALIDATE: &str = "no-cache";

/// A service for `dist/`: files as they are, `index.html` for unknown paths.
/// `host` are attributes for the host element (`data-token` for the demo,
/// the API base and profile of a `--dialect`).
pub fn service(dir: &Path, host: &[(&str, &str)]) -> std::io::Result<Router> {
    let index = std::fs::read_to_string(dir.join("index.html"))?;
    let index = with_host_attributes(&index, STANDALONE_HOST, host);
    let index_page = move || {
        let index = index.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], index).into_response() }
    };
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(get_service(axum::routing::get(index_page.clone())));
    Ok(Router::new()
        .route("/", axum::routing::get(index_page.clone()))
        .route("/index.html", axum::routing::get(index_page))
        .fallback_service(files)
        .layer(middleware::map_response(security_headers))
        .layer(middleware::from_fn(cache_by_path))
        .layer(CompressionLayer::new()))
}

/// The example portal (`examples/portal/`) at `/portal`: its files, its
/// page for every other path below it (the admin routes under
/// `/portal/admin`), and `/portal/session/token`, standing in for the portal
/// back end that hands its signed-in user an API token (the demo token;
/// 404 without one). Same CSP as the app.
/// The example portal; `host` are attributes for its `<user-admin>` (a
/// dialect's `api-base` and `api-profile`).
pub fn example_portal(
    dir: &Path,
    demo_token: Option<&str>,
    host: &[(&str, &str)],
) -> std::io::Result<Router> {
    let page = std::fs::read_to_string(dir.join("index.html"))?;
    let page = with_host_attributes(&page, PORTAL_HOST, host);
    let page_response = move || {
        let page = page.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response() }
    };
    let token = demo_token.map(str::to_owned);
    let session_token = move || {
        let token = token.clone();
        async move {
            match token {
                Some(token) => axum::Json(serde_json::json!({ "token": token })).into_response(),
                None => axum::http::StatusCode::NOT_FOUND.into_response(),
            }
        }
    };
    let files = ServeDir::new(dir)
        .append_index_html_on_directories(false)
        .fallback(get_service(axum::routing::get(page_response.clone())));
    Ok(Router::new()
        .route("/", axum::routing::get(page_response))
        .route(
            "/session/token",
            axum::routing::get(session_token).layer(middleware::map_response(no_store)),
        )
        .fallback_service(files)
        .layer(middleware::map_response(security_headers))
        .layer(middleware::from_fn(cache_by_path)))
}

async fn no_store(mut response: Response<Body>) -> Response<Body> {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The start of the standalone page's host element, and the portal's.
const STANDALONE_HOST: &str = "<div id=\"user-admin\"";
const PORTAL_HOST: &str = "<user-admin";

/// Puts `attributes` on the host element that starts with `host`, in
/// place of the page's own of the same name.
fn with_host_attributes(index: &str, host: &str, attributes: &[(&str, &str)]) -> String {
    let mut index = index.to_owned();
    if let Some(start) = index.find(host) {
        let end = index[start..]
            .find('>')
            .map_or(index.len(), |end| start + end);
        let mut tag = index[start..end].to_owned();
        for (name, _) in attributes {
            let attribute = format!(" {name}=\"");
            if let Some(at) = tag.find(&attribute) {
                let value_end = tag[at + attribute.len()..]
                    .find('"')
                    .map_or(tag.len(), |close| at + attribute.len() + close + 1);
                tag.replace_range(at..value_end, "");
            }
        }
        index.replace_range(start..end, &tag);
    }
    let written: String = attributes
        .iter()
        .map(|(name, value)| {
            let escaped = value
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;");
            format!(" {name}=\"{escaped}\"")
        })
        .collect();
    index.replacen(host, &format!("{host}{written}"), 1)
}

async fn security_headers(response: Response<Body>) -> Response<Body> {
    let mut response = response;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    if is_html {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    }
    response
}

/// Long-cache hashed assets: the request path decides, since a response does not know it.
async fn cache_by_path(request: Request<Body>, next: middleware::Next) -> Response<Body> {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if hashed { IMMUTABLE } else { REVALIDATE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Trunk names outputs `name-<hex hash>.ext` (`name-<hash>_bg.wasm` for wasm).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_file_names_are_recognised() {
        assert!(is_hashed_asset("/user-admin-3f2a9c0d1e4b5a67_bg.wasm"));
        assert!(is_hashed_asset("/user-admin-3f2a9c0d1e4b5a67.js"));
        assert!(is_hashed_asset("/app-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/boot.js"));
        assert!(!is_hashed_asset("/index.html"));
    }

    #[test]
    fn demo_token_lands_on_the_host_element_escaped() {
        let html = r#"<body><div id="user-admin" data-api-base="/api/v1"></div></body>"#;
        let out = with_host_attributes(html, STANDALONE_HOST, &[("data-token", r#"a"b<c"#)]);
        assert!(out.contains(
            r#"<div id="user-admin" data-token="a&quot;b&lt;c" data-api-base="/api/v1">"#
        ));
        // A dialect's API base replaces the page's.
        let out = with_host_attributes(
            html,
            STANDALONE_HOST,
            &[
                ("data-api-base", "/rest/v2"),
                ("data-api-profile", "circuit"),
            ],
        );
        assert!(out.contains(
            r#"<div id="user-admin" data-api-base="/rest/v2" data-api-profile="circuit">"#
        ));
        // The portal's element likewise, keeping its other attributes.
        let portal = r#"<user-admin api-base="/api/v1" base-path="/portal/admin"></user-admin>"#;
        let out = with_host_attributes(
            portal,
            PORTAL_HOST,
            &[("api-base", "/rest/v2"), ("api-profile", "circuit")],
        );
        assert_eq!(
            out,
            r#"<user-admin api-base="/rest/v2" api-profile="circuit" base-path="/portal/admin"></user-admin>"#
        );
    }
}
