//! The reference API server for user-admin: the REST contract in
//! `openapi.yaml`, on SQLite, plus serving the built frontend for the demo and
//! the end-to-end tests.

pub mod frontend;
pub mod options;

use axum::Router;

pub use options::Options;

/// Builds the whole HTTP application from the command-line options.
pub fn app(options: &Options) -> std::io::Result<Router> {
    let mut router = Router::new();
    if let Some(dir) = &options.static_dir {
        router = router.fallback_service(frontend::service(dir, options.demo_token.as_deref())?);
    }
    Ok(router)
}
