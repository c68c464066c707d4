//! `cargo xtask bench-server`: latency of `GET /users` at 1 k, 100 k and 1 M
//! users, measured from this process over HTTP/1.1 keep-alive on 127.0.0.1.
//! Bounded: a fixed number of sequential requests per scenario, each scenario
//! stopped after 20 s.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::root;
use crate::step::{run, step, Failure, ServerProcess};

const REQUESTS: usize = 200;
const WARM_UP: usize = 5;
const TIME_LIMIT: Duration = Duration::from_secs(20);

const SCENARIOS: &[(&str, &str)] = &[
    ("first page", "/api/v1/users?limit=25"),
    (
        "search, many matches (q=jansen)",
        "/api/v1/users?limit=25&q=jansen",
    ),
    (
        "search, few matches (q=zoe.tanaka)",
        "/api/v1/users?limit=25&q=zoe.tanaka",
    ),
    (
        "search, 2-letter prefix (q=zo)",
        "/api/v1/users?limit=25&q=zo",
    ),
    (
        "filter (active=false&role=billing)",
        "/api/v1/users?limit=25&active=false&role=billing",
    ),
    (
        "sort (-lastLoginAt)",
        "/api/v1/users?limit=25&sort=-lastLoginAt",
    ),
    ("deep page (middle of the directory)", "MIDDLE"),
];

pub fn bench_server(sizes: &[u64]) -> Result<(), Failure> {
    step("build the reference server (release)", || {
        run(Command::new("cargo").args(["build", "--release", "-p", "user-admin-server"]))
    })?;
    let folder = root().join("target/bench");
    std::fs::create_dir_all(&folder).map_err(|e| Failure::new(e.to_string()))?;
    let mut rows = Vec::new();
    for &size in sizes {
        let database = folder.join(format!("users-{size}.sqlite3"));
        let database = database.to_string_lossy().into_owned();
        let seed = size.to_string();
        let server = step(
            &format!("start the server with {size} users (seeded once into {database})"),
            || {
                ServerProcess::start(
                    &root().join("target/release/user-admin-server"),
                    &[
                        "--listen",
                        "127.0.0.1:0",
                        "--database",
                        &database,
                        "--seed-users",
                        &seed,
                        "--quiet",
                    ],
                )
            },
        )?;
        let address = server.url.trim_start_matches("http://").to_owned();
        let middle_page = size / 25 / 2;
        for (name, path) in SCENARIOS {
            let path = if *path == "MIDDLE" {
                format!("/api/v1/users?limit=25&page={middle_page}")
            } else {
                path.to_string()
            };
            let timings =
                measure(&address, &path).map_err(|e| Failure::new(format!("{name}: {e}")))?;
            rows.push((size, name.to_string(), timings));
        }
        drop(server);
    }
    print_report(&rows);
    Ok(())
}

struct Timings {
    first_ms: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    count: usize,
}

fn measure(address: &str, path: &str) -> Result<Timings, String> {
    let mut connection = Connection::open(address)?;
    let started = Instant::now();
    let first_ms = connection.get(path)?;
    for _ in 0..WARM_UP {
        connection.get(path)?;
    }
    let mut samples = Vec::with_capacity(REQUESTS);
    while samples.len() < REQUESTS && started.elapsed() < TIME_LIMIT {
        samples.push(connection.get(path)?);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Ok(Timings {
        first_ms,
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        max_ms: at(1.0),
        count: samples.len(),
    })
}

/// A minimal HTTP/1.1 keep-alive client: enough for JSON with Content-Length.
struct Connection {
    reader: BufReader<TcpStream>,
    address: String,
}

impl Connection {
    fn open(address: &str) -> Result<Self, String> {
        let stream = TcpStream::connect(address).map_err(|e| e.to_string())?;
        stream.set_nodelay(true).ok();
        stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
        Ok(Self {
            reader: BufReader::new(stream),
            address: address.to_owned(),
        })
    }

    /// Milliseconds from sending the request to the last byte of the body.
    fn get(&mut self, path: &str) -> Result<f64, String> {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer dev-admin-token\r\nAccept: application/json\r\n\r\n",
            self.address
        );
        let started = Instant::now();
        self.reader
            .get_mut()
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut status_line = String::new();
        self.reader
            .read_line(&mut status_line)
            .map_err(|e| e.to_string())?;
        if !status_line.starts_with("HTTP/1.1 200") {
            return Err(format!("{path}: {}", status_line.trim()));
        }
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            self.reader
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value
                        .trim()
                        .parse()
                        .map_err(|_| "bad content-length".to_owned())?;
                }
            }
        }
        let mut body = vec![0; length];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| e.to_string())?;
        Ok(started.elapsed().as_secs_f64() * 1000.0)
    }
}

fn print_report(rows: &[(u64, String, Timings)]) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!("\nGET /users on 127.0.0.1, {cores} cores ({cpu}); sequential keep-alive requests, release build.");
    println!("\"first\" is the first request after start (counts not yet cached).\n");
    println!("| users | scenario | first ms | p50 ms | p99 ms | max ms | requests |");
    println!("|---:|---|---:|---:|---:|---:|---:|");
    let mut json = Vec::new();
    for (size, name, t) in rows {
        println!(
            "| {size} | {name} | {:.1} | {:.2} | {:.2} | {:.2} | {} |",
            t.first_ms, t.p50_ms, t.p99_ms, t.max_ms, t.count
        );
        json.push(format!(
            "{{\"users\": {size}, \"scenario\": \"{name}\", \"firstMs\": {:.2}, \"p50Ms\": {:.3}, \"p99Ms\": {:.3}, \"maxMs\": {:.3}, \"requests\": {}}}",
            t.first_ms, t.p50_ms, t.p99_ms, t.max_ms, t.count
        ));
    }
    let path = root().join("target/bench/server.json");
    if std::fs::write(&path, format!("[\n  {}\n]\n", json.join(",\n  "))).is_ok() {
        println!("\nJSON: {}", path.display());
    }
}
