//! `cargo xtask bench`: what a first visit downloads, and how fast the built
//! app is in headless Chromium against the reference server at each directory
//! size, measured the same way every time, with cold loads of the react-admin
//! peer (`bench/react-admin`) alternating with ours. Prints a Markdown table
//! and writes one JSON document to `target/bench/report.json`.

use std::process::Command;

use crate::step::{run, step, Failure, ServerProcess};
use crate::{build_bundle, root};

pub const SIZE_BUDGET: &str = "bench/size-budget.json";

/// Options after `cargo xtask bench`.
pub struct Options {
    pub scales: Vec<u64>,
    pub runs: u32,
    pub round_trips: u32,
    pub screenshots: Option<String>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, Failure> {
        let mut options = Options {
            scales: vec![1_000, 1_000_000],
            // These machines are shared: single cold loads vary by ±100 ms,
            // medians of 5 by ±60 ms between invocations.
            runs: 11,
            round_trips: 200,
            screenshots: None,
        };
        let mut args = args.iter();
        while let Some(name) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| Failure::new(format!("{name} needs a value")))?;
            let number = || {
                value
                    .parse::<u64>()
                    .map_err(|_| Failure::new(format!("{name} must be a number: {value}")))
            };
            match name.as_str() {
                "--scales" => {
                    options.scales = value
                        .split(',')
                        .map(|s| s.trim().parse::<u64>())
                        .collect::<Result<_, _>>()
                        .map_err(|_| Failure::new(format!("--scales must be numbers: {value}")))?
                }
                "--runs" => options.runs = number()? as u32,
                "--round-trips" => options.round_trips = number()? as u32,
                "--screenshots" => options.screenshots = Some(value.clone()),
                other => return Err(Failure::new(format!("unknown option {other}"))),
            }
        }
        Ok(options)
    }
}

/// The react-admin app the cold load is compared with, and its build.
const PEER: &str = "bench/react-admin";
const PEER_DIST: &str = "bench/react-admin/dist";

/// A reference server for one app's files with the seeded directory.
fn start_server(files: &str, seed_users: &str) -> Result<ServerProcess, Failure> {
    ServerProcess::start(
        &root().join("target/release/user-admin-server"),
        &[
            "--listen",
            "127.0.0.1:0",
            "--static",
            files,
            "--in-memory",
            "--seed-users",
            seed_users,
            "--demo-token",
            "dev-admin-token",
            "--quiet",
        ],
    )
}

/// Builds the react-admin peer as a production bundle with the same
/// precompressed copies our release build has.
fn build_peer() -> Result<(), Failure> {
    let dir = root().join(PEER);
    crate::setup::npm_packages_in(&dir, "install the react-admin peer's npm packages")?;
    step("build the react-admin peer (vite build)", || {
        run(Command::new("npm")
            .args(["run", "--silent", "build", "--", "--logLevel", "error"])
            .current_dir(&dir))
    })?;
    step("precompress the react-admin peer", || {
        run(Command::new("node")
            .arg("build/precompress.js")
            .env("TRUNK_STAGING_DIR", root().join(PEER_DIST).join("assets"))
            .env("TRUNK_PROFILE", "release"))
    })
}

/// What a node script printed.
fn node_output(command: &mut Command) -> Result<String, Failure> {
    let output = command
        .env("NODE_PATH", root().join("node_modules"))
        .output()
        .map_err(|e| Failure::new(format!("could not run node: {e}")))?;
    if !output.status.success() {
        return Err(Failure::new(format!(
            "{} failed:\n{}",
            "node",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The bundle's sizes against the budget; `cargo xtask test` runs this too.
pub fn check_size_budget() -> Result<(), Failure> {
    step(
        "size of a first visit against bench/size-budget.json",
        || {
            run(Command::new("node").args(["bench/size.js", "dist", "--budget", SIZE_BUDGET]))
                .map_err(|failure| {
                    failure.hint(
                        "the bundle grew past the budget: make it smaller, or raise the budget in \
                     bench/size-budget.json with the reason in the commit message",
                    )
                })
        },
    )
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0 / 1024.0);
    format!("{cpu}, {cores} cores, {memory_gib:.0} GiB")
}

pub fn bench(options: &Options) -> Result<(), Failure> {
    build_bundle()?;
    let size = step("measure the bundle (bench/size.js)", || {
        node_output(Command::new("node").args(["bench/size.js", "dist", "--json"]))
    })?;
    step("build the reference server (release)", || {
        run(Command::new("cargo").args(["build", "--release", "-p", "user-admin-server"]))
    })?;
    build_peer()?;
    let mut scales = Vec::new();
    for (index, users) in options.scales.iter().enumerate() {
        let seed = users.to_string();
        let server = step(
            &format!("start the reference server with {users} users"),
            || start_server("dist", &seed),
        )?;
        let peer = step(
            &format!("start a second one with {users} users for the react-admin peer"),
            || start_server(PEER_DIST, &seed),
        )?;
        let mut command = Command::new("node");
        command.arg("bench/ui.js").arg(&server.url).args([
            "--runs",
            &options.runs.to_string(),
            "--round-trips",
            &options.round_trips.to_string(),
            "--peer",
            &peer.url,
        ]);
        // Screenshots once, from the first (smallest) directory.
        if let (0, Some(dir)) = (index, &options.screenshots) {
            command.args(["--screenshots", dir]);
        }
        let report = step(
            &format!("measure the app in headless Chromium ({users} users)"),
            || node_output(&mut command),
        )?;
        scales.push(format!("\"{users}\": {report}"));
        drop((server, peer));
    }
    let document = format!(
        "{{\"machine\": {machine:?}, \"size\": {size}, \"ui\": {{{}}}}}",
        scales.join(", "),
        machine = machine(),
    );
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| Failure::new(format!("target/bench: {e}")))?;
    std::fs::write(out.join("report.json"), &document)
        .map_err(|e| Failure::new(format!("target/bench/report.json: {e}")))?;
    let table = node_output(
        Command::new("node")
            .arg("bench/table.js")
            .arg(out.join("report.json")),
    )?;
    println!("\n{table}\n\nThe JSON document: target/bench/report.json");
    Ok(())
}
