//! The project's automation: `cargo xtask <command>`.
//!
//! Every command installs what it needs first (idempotently: only what is
//! missing or at the wrong version), says what it is doing, and names the step
//! that failed with a hint on how to fix it.

mod bench;
mod bench_server;
mod setup;
mod step;

use std::path::{Path, PathBuf};
use std::process::Command;

use step::{run, step, Failure, ServerProcess};

const USAGE: &str = "\
cargo xtask <command>

Commands:
  demo [--dialect NAME]
          install what is missing, build the frontend, start the reference
          server with seeded data serving it, print the URL (Ctrl-C stops it);
          with a dialect the server speaks that system's API and the pages
          use its built-in profile
  test    install what is missing (the browsers too), then run every suite:
          formatting and clippy, native tests, component tests in headless
          Chromium, the end-to-end suite against a server on 127.0.0.1, and
          the main tasks in Chromium, Firefox ESR and WebKit
  build   install what is missing and build the release bundle into dist/
  setup   only install what is missing
  bench [--scales 1000,1000000] [--runs 5] [--round-trips 200] [--screenshots DIR]
          the bundle's size (raw, gzip, brotli) and, for each directory size,
          cold load, first paint, search, profile open and memory of the
          built app in headless Chromium against a seeded server on 127.0.0.1;
          prints a Markdown table, writes target/bench/report.json
  bench-server [SIZES]
          latency of GET /users at 1000,100000,1000000 users (or the
          comma-separated SIZES given), from a client on 127.0.0.1";

fn main() {
    let command = std::env::args().nth(1).unwrap_or_default();
    let result = match command.as_str() {
        "demo" => demo(std::env::args().skip(2).collect()),
        "test" => test(),
        "build" => setup::frontend_tools().and_then(|_| build_bundle()),
        "setup" => setup::frontend_tools().and_then(|_| setup::browser()),
        "bench" => setup::frontend_tools()
            .and_then(|_| setup::browser())
            .and_then(|_| {
                let args: Vec<String> = std::env::args().skip(2).collect();
                bench::bench(&bench::Options::parse(&args)?)
            }),
        "bench-server" => {
            let sizes = std::env::args()
                .nth(2)
                .unwrap_or_else(|| "1000,100000,1000000".into());
            match sizes
                .split(',')
                .map(|s| s.trim().parse::<u64>())
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(sizes) => bench_server::bench_server(&sizes),
                Err(_) => Err(step::Failure::new(format!(
                    "sizes must be numbers: {sizes}"
                ))),
            }
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command {other:?}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(failure) = result {
        eprintln!("\nxtask: {failure}");
        std::process::exit(1);
    }
}

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// `demo [--dialect NAME]`: the server speaks that system's API, and both
/// pages use its built-in profile.
fn demo(args: Vec<String>) -> Result<(), Failure> {
    let dialect = match args.as_slice() {
        [] => None,
        [flag, name] if flag == "--dialect" => Some(name.clone()),
        _ => {
            return Err(Failure::new(format!("demo takes no arguments but --dialect NAME, not {args:?}"))
                .hint("e.g. cargo xtask demo --dialect circuit (target/debug/user-admin-server --help lists the dialects)"))
        }
    };
    setup::frontend_tools()?;
    build_bundle()?;
    step("build the reference server (release)", || {
        run(Command::new("cargo").args(["build", "--release", "-p", "user-admin-server"]))
    })?;
    let server = step("start the reference server", || {
        let mut args = vec![
            "--listen",
            "127.0.0.1:8080",
            "--static",
            "dist",
            "--example-portal",
            "examples/portal",
            "--demo-token",
            "dev-admin-token",
        ];
        if let Some(dialect) = &dialect {
            args.extend(["--dialect", dialect.as_str()]);
        }
        ServerProcess::start(&root().join("target/release/user-admin-server"), &args)
    })?;
    println!();
    println!("  user-admin demo: {}/", server.url);
    println!(
        "  embedded in an example portal: {}/portal/admin/",
        server.url
    );
    match &dialect {
        None => println!(
            "  API: {}/api/v1 (the directory is kept in user-admin.sqlite3 in the system temp folder)",
            server.url
        ),
        Some(dialect) => println!(
            "  API: the {dialect} dialect, through its built-in profile (the directory is kept in user-admin.sqlite3 in the system temp folder)"
        ),
    }
    println!("  The page is signed in with the admin token. API tokens for your own calls:");
    println!("    dev-admin-token   every scope");
    println!("    dev-viewer-token  users:read only");
    println!();
    println!("  Ctrl-C stops the server.");
    server.wait();
    Ok(())
}

fn test() -> Result<(), Failure> {
    let started = std::time::Instant::now();
    setup::frontend_tools()?;
    setup::browser()?;
    step("check formatting (cargo fmt --check)", || {
        run(Command::new("cargo").args(["fmt", "--all", "--check"]))
    })?;
    step("lint native code (cargo clippy)", || {
        run(Command::new("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step(
        "lint browser code (cargo clippy --target wasm32-unknown-unknown)",
        || {
            run(Command::new("cargo").args([
                "clippy",
                "-p",
                "user-admin",
                "--all-targets",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ]))
        },
    )?;
    step("native tests (cargo test --workspace)", || {
        run(Command::new("cargo").args(["test", "--workspace"]))
    })?;
    build_bundle()?;
    bench::check_size_budget()?;
    step("build the reference server", || {
        run(Command::new("cargo").args(["build", "-p", "user-admin-server"]))
    })?;
    // One server for the browser suites: the built app, fault injection, and
    // CORS for the component-test page (served by the runner on a random port).
    let server = step("start the reference server on 127.0.0.1", || {
        ServerProcess::start(
            &root().join("target/debug/user-admin-server"),
            &[
                "--listen",
                "127.0.0.1:0",
                "--static",
                "dist",
                "--example-portal",
                "examples/portal",
                "--in-memory",
                "--faults",
                "--quiet",
                "--cors-origin",
                "http://127.0.0.1:*",
                "--demo-token",
                "dev-admin-token",
                // Every browser test signs in as the same account, and a
                // closed page's presence stream is released only at its next
                // heartbeat: the default of 8 would refuse later tests'
                // streams. The limit itself is tested in server/tests.
                "--presence-streams-per-account",
                "64",
            ],
        )
    })?;
    // One more server per built-in API profile, speaking that system's
    // dialect (tests/e2e/dialects.spec.js); each has its own directory.
    let mut dialects = Vec::new();
    for dialect in ["circuit", "ibm-bpm", "adyen-management", "user-admin-api"] {
        let server = step(
            &format!("start the reference server speaking {dialect}"),
            || {
                ServerProcess::start(
                    &root().join("target/debug/user-admin-server"),
                    &[
                        "--listen",
                        "127.0.0.1:0",
                        "--static",
                        "dist",
                        "--example-portal",
                        "examples/portal",
                        "--in-memory",
                        "--quiet",
                        "--demo-token",
                        "dev-admin-token",
                        "--dialect",
                        dialect,
                    ],
                )
            },
        )?;
        dialects.push((dialect, server));
    }
    let dialect_urls = format!(
        "{{{}}}",
        dialects
            .iter()
            .map(|(name, server)| format!("\"{name}\": \"{}\"", server.url))
            .collect::<Vec<_>>()
            .join(", ")
    );
    step(
        "component and resource tests in headless Chromium (wasm-bindgen-test)",
        || {
            run(Command::new("cargo")
                .args([
                    "test",
                    "-p",
                    "user-admin",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .env("CHROMEDRIVER", setup::CHROMEDRIVER)
                .env("USER_ADMIN_TEST_API", &server.url))
        },
    )?;
    step(
        "end-to-end tests (Playwright + axe in headless Chromium)",
        || {
            run(Command::new(root().join("node_modules/.bin/playwright"))
                .arg("test")
                .env("E2E_BASE_URL", &server.url)
                .env("E2E_DIALECTS", &dialect_urls))
        },
    )?;
    // The main tasks in each engine over WebDriver. WebKit takes its
    // language from the process locale: once as en_US.UTF-8, once as a
    // machine with LANG=C.UTF-8 and no LC_ALL starts it, when its language
    // is "C", which is no language tag.
    for (engine, label, lang) in [
        ("chromium", "Chromium", None),
        ("firefox", "Firefox ESR", None),
        ("webkit", "WebKit", Some(("en_US.UTF-8", "en-US"))),
        ("webkit", "WebKit with LANG=C.UTF-8", Some(("C.UTF-8", "C"))),
    ] {
        step(
            &format!("main tasks in {label} (WebDriver, tests/engines)"),
            || {
                let mut command = Command::new("node");
                command
                    .args(["--test", "--test-reporter=spec", "tests/engines/"])
                    .env("ENGINE", engine)
                    .env("E2E_BASE_URL", &server.url);
                if let Some((locale, navigator_language)) = lang {
                    command
                        .env("LANG", locale)
                        .env_remove("LC_ALL")
                        .env_remove("LANGUAGE")
                        .env_remove("LC_MESSAGES")
                        .env("EXPECT_NAVIGATOR_LANGUAGE", navigator_language);
                }
                run(&mut command)
            },
        )?;
    }
    drop(server);
    drop(dialects);
    println!(
        "\nEvery suite passed in {:.0} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Trunk's release build into `dist/`, with the npm wasm-opt on PATH.
fn build_bundle() -> Result<(), Failure> {
    step("fetch crates for the offline build (cargo fetch)", || {
        run(release_build_env(Command::new("cargo").args([
            "fetch",
            "--target",
            "wasm32-unknown-unknown",
        ])))
    })?;
    step("build the release bundle (trunk build --release)", || {
        run(release_build_env(
            Command::new("trunk").args(["build", "--release"]),
        ))
    })
}

/// The release wasm compiles the standard library with the app instead of
/// linking the prebuilt one, so that a panic is a bare trap: no panic
/// machinery, no message formatting and no source locations in the bundle
/// (about 24 KB gzip of the first visit, see docs/performance.md). A panic
/// was already fatal (`panic = "abort"`); only its console message goes.
/// `-Z build-std` and the immediate-abort strategy are unstable, so the
/// installed stable toolchain is told to accept them for this build only
/// (RUSTC_BOOTSTRAP). Debug builds, `trunk serve` and the tests use the
/// prebuilt standard library; a plain `trunk build --release` still works,
/// with the larger bundle.
fn release_build_env(command: &mut Command) -> &mut Command {
    command
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        // Added to .cargo/config.toml's flags for the target, not replacing them.
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Cllvm-args=--inline-threshold=0",
        )
}
