//! `user-admin-server`: see `--help`.

use clap::Parser;
use user_admin_server::{app, open_database, Options};

#[tokio::main]
async fn main() {
    let options = Options::parse();
    if let Err(message) = run(options).await {
        eprintln!("user-admin-server: {message}");
        std::process::exit(1);
    }
}

async fn run(options: Options) -> Result<(), String> {
    let database = tokio::task::spawn_blocking({
        let options = options.clone();
        move || open_database(&options)
    })
    .await
    .map_err(|e| e.to_string())??;
    let router = app(&options, database).map_err(|e| format!("cannot serve the frontend: {e}"))?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    // The first line is read by `cargo xtask` and the tests to find the port.
    println!("user-admin-server listening on http://{address}");
    user_admin_server::serve::serve(
        listener,
        router,
        user_admin_server::serve::Timeouts::default(),
        shutdown_signal(),
    )
    .await
    .map_err(|e| e.to_string())
}

/// Stops on Ctrl-C or SIGTERM (what test runners and `cargo xtask` send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
