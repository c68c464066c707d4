//! The reference API server for user-admin: the REST contract in
//! `openapi.yaml`, on SQLite, plus serving the built frontend for the demo and
//! the end-to-end tests.

pub mod auth;
pub mod db;
pub mod dialect;
pub mod faults;
pub mod frontend;
pub mod model;
pub mod options;
pub mod presence_feed;
pub mod problem;
pub mod routes;
pub mod seed;
pub mod serve;
pub mod validate;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use options::Options;

use crate::auth::Tokens;
use crate::db::Database;
use crate::problem::Problem;

/// Opens (and if new, seeds) the database the options name.
pub fn open_database(options: &Options) -> Result<Database, String> {
    let path = match (options.in_memory, &options.database) {
        (true, _) => None,
        (false, Some(path)) => Some(path.clone()),
        (false, None) => Some(std::env::temp_dir().join("user-admin.sqlite3")),
    };
    let database = Database::open(path.as_deref()).map_err(|e| {
        format!(
            "cannot open the database {}: {e}",
            path.as_deref()
                .map_or("in memory".into(), |p| p.display().to_string())
        )
    })?;
    if database.user_count().map_err(|e| e.to_string())? == 0 {
        let started = Instant::now();
        seed::seed(&database, options.seed_users, chrono::Utc::now())
            .map_err(|e| format!("cannot seed: {e}"))?;
        eprintln!(
            "seeded {} users in {:.1} s",
            options.seed_users.max(2),
            started.elapsed().as_secs_f64()
        );
    } else {
        database.finish_bulk_load().map_err(|e| e.to_string())?;
    }
    Ok(database)
}

/// Builds the whole HTTP application.
pub fn app(options: &Options, database: Database) -> std::io::Result<Router> {
    let limit = usize::try_from(options.presence_streams_per_account).unwrap_or(usize::MAX);
    let presence = Arc::new(presence_feed::PresenceFeed::with_stream_limit(limit));
    let state = routes::AppState {
        db: Arc::new(database),
        tokens: Arc::new(Tokens {
            admin: options.admin_token.clone(),
            viewer: options.viewer_token.clone(),
        }),
        presence: Arc::clone(&presence),
        presence_heartbeat: Duration::from_millis(options.presence_heartbeat_ms),
    };
    let mut api = routes::router(state)
        .layer(DefaultBodyLimit::max(routes::BODY_LIMIT))
        .layer(middleware::map_response(problem_for_bare_errors));
    if options.latency_ms > 0 {
        let latency = Duration::from_millis(options.latency_ms);
        api = api.layer(middleware::from_fn(
            move |request: Request, next: Next| async move {
                tokio::time::sleep(latency).await;
                next.run(request).await
            },
        ));
    }
    let api = options.dialect.router(api);
    let mut router = Router::new().nest(options.dialect.prefix(), api);
    if options.faults {
        let faults = faults::Faults::default();
        router = router
            .layer(middleware::from_fn_with_state(
                faults.clone(),
                faults::inject,
            ))
            .merge(faults::control_router(faults, presence));
    }
    if !options.cors_origins.is_empty() {
        router = router.layer(cors(&options.cors_origins));
    }
    // The pages served tell the admin which API base and profile to use.
    let dialect_host = if options.dialect == dialect::Dialect::Contract {
        vec![]
    } else {
        vec![
            ("api-base", options.dialect.prefix()),
            ("api-profile", options.dialect.profile_name()),
        ]
    };
    if let Some(dir) = &options.example_portal {
        router = router.nest(
            "/portal",
            frontend::example_portal(dir, options.demo_token.as_deref(), &dialect_host)?,
        );
    }
    if let Some(dir) = &options.static_dir {
        // The standalone page reads them as data attributes of its host div.
        let mut host = vec![];
        if let Some(token) = &options.demo_token {
            host.push(("data-token", token.as_str()));
        }
        if options.dialect != dialect::Dialect::Contract {
            host.push(("data-api-base", options.dialect.prefix()));
            host.push(("data-api-profile", options.dialect.profile_name()));
        }
        router = router.fallback_service(frontend::service(dir, &host)?);
    }
    if !options.quiet {
        router = router.layer(middleware::from_fn(log_request));
    }
    Ok(router)
}

/// An origin ending in `:*` allows any port of that host (test pages served
/// on a random port).
fn cors(origins: &[String]) -> CorsLayer {
    let origins = origins.to_vec();
    let allowed = AllowOrigin::predicate(move |origin: &HeaderValue, _| {
        let origin = origin.to_str().unwrap_or("");
        origins
            .iter()
            .any(|allowed| match allowed.strip_suffix('*') {
                Some(host) if allowed.ends_with(":*") => {
                    origin.strip_prefix(host).is_some_and(|port| {
                        !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())
                    })
                }
                _ => allowed == origin,
            })
    });
    CorsLayer::new()
        .allow_origin(allowed)
        .allow_credentials(true)
        // DELETE only reaches /__faults (tests); the API itself has no DELETE.
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::PUT,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("last-event-id"),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::WWW_AUTHENTICATE,
            header::ALLOW,
            header::LINK,
        ])
        .max_age(Duration::from_secs(600))
}

/// Errors axum produces itself (405 from routing, 413 from the body limit…)
/// come without a body; the contract says every error is problem+json.
async fn problem_for_bare_errors(response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if status.as_u16() < 400 || is_problem {
        return response;
    }
    let mut problem = Problem::for_status(status);
    if let Some(allow) = response
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
    {
        problem = problem
            .detail(format!("Allowed here: {allow}."))
            .header(header::ALLOW, allow);
    }
    if status == StatusCode::METHOD_NOT_ALLOWED && !response.headers().contains_key(header::ALLOW) {
        problem = problem.detail(
            "This resource does not accept that method; the Allow header lists those it does.",
        );
    }
    problem.into_response()
}

/// One JSON line per request: method, path, status, duration.
async fn log_request(request: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let line = serde_json::json!({
        "method": method.as_str(),
        "path": path,
        "status": response.status().as_u16(),
        "ms": (started.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
    });
    println!("{line}");
    response
}
