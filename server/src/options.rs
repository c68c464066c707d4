//! Command-line options.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// Reference implementation of the user-admin REST contract.
#[derive(Parser, Debug, Clone)]
#[command(name = "user-admin-server", version, about)]
pub struct Options {
    /// Address to listen on. Port 0 picks a free port; the bound address is
    /// printed on the first line of output.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Serve the built frontend (Trunk's `dist/`) from this folder at `/`,
    /// with the strict Content-Security-Policy and SPA fallback.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// Hand this bearer token to the served page through the host element's
    /// `data-token`, so the demo opens signed in. Never put in a URL.
    #[arg(long, value_name = "TOKEN")]
    pub demo_token: Option<String>,
}
