//! Command-line options.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// Reference implementation of the user-admin REST contract, on SQLite.
///
/// Serves the API at /api/v1 and, with --static, the built frontend at /.
#[derive(Parser, Debug, Clone)]
#[command(name = "user-admin-server", version, about, long_about = None)]
pub struct Options {
    /// Serve the API in the shape and under the paths of another system's
    /// user API (the admin's built-in profile of the same name); the page
    /// served by --static is told the API base and profile to use.
    #[arg(long, value_enum, default_value_t = crate::dialect::Dialect::Contract)]
    pub dialect: crate::dialect::Dialect,

    /// Address to listen on. Port 0 picks a free port; the bound address is
    /// printed on the first line of output.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// SQLite database file. Created and seeded when new. Default:
    /// user-admin.sqlite3 in the system's temporary folder.
    #[arg(long, value_name = "FILE", conflicts_with = "in_memory")]
    pub database: Option<PathBuf>,

    /// Keep the database in memory only (for tests); it is seeded at start.
    #[arg(long)]
    pub in_memory: bool,

    /// How many users to seed into a new database (at least the two dev
    /// accounts are always there). Up to 1,000,000.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    pub seed_users: u64,

    /// Bearer token with every scope (users:read, users:write, presence:write).
    #[arg(long, default_value = "dev-admin-token")]
    pub admin_token: String,

    /// Bearer token with users:read only.
    #[arg(long, default_value = "dev-viewer-token")]
    pub viewer_token: String,

    /// An origin allowed to call the API from a browser (CORS). Repeatable.
    /// `http://127.0.0.1:*` allows any port of that host.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,

    /// Serve the built frontend (Trunk's dist/) from this folder at /, with
    /// the strict Content-Security-Policy and fallback to index.html.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// Serve the example portal page (examples/portal/) from this folder at
    /// /portal, embedding the frontend served by --static.
    #[arg(long = "example-portal", value_name = "DIR", requires = "static_dir")]
    pub example_portal: Option<PathBuf>,

    /// Hand this bearer token to the served page through the host element's
    /// data-token, so the demo opens signed in. Never put in a URL.
    #[arg(long, value_name = "TOKEN")]
    pub demo_token: Option<String>,

    /// Delay every API response by this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,

    /// Enable fault injection for tests: POST /__faults (see the server's
    /// README section in the repository for the rule format).
    #[arg(long)]
    pub faults: bool,

    /// How often an idle presence event stream gets a heartbeat comment.
    #[arg(long, value_name = "MS", default_value_t = 15_000,
        value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
    pub presence_heartbeat_ms: u64,

    /// Presence event streams one account may have open at once (a portal
    /// proxying many admins through one account needs more).
    #[arg(long, value_name = "N", default_value_t = 8,
        value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub presence_streams_per_account: u64,

    /// Do not print a log line per request.
    #[arg(long)]
    pub quiet: bool,
}

impl Options {
    /// Options as they would be parsed from `args` (for tests).
    pub fn from_args<'a>(args: impl IntoIterator<Item = &'a str>) -> Self {
        Self::parse_from(std::iter::once("user-admin-server").chain(args))
    }
}
