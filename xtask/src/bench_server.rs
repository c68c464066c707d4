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
                        "--presence-streams-per-account",
                        "2000",
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
        if size == sizes[0] {
            let streams = step("open 1,000 presence event streams", || {
                streams_memory(&address, server.pid(), 1_000).map_err(Failure::new)
            })?;
            println!("{streams}");
        }
        drop(server);
    }
    print_report(&rows);
    Ok(())
}

/// The server's resident memory before and with `count` open presence
/// streams of 25 users each, read from /proc.
fn streams_memory(address: &str, pid: u32, count: usize) -> Result<String, String> {
    let resident_kib = || -> Result<u64, String> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .map_err(|e| format!("reading the server's memory: {e}"))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| "no VmRSS in /proc status".to_owned())
    };
    let ids = first_page_ids(address)?;
    let path = format!("/api/v1/users/presence/events?userIds={}", ids.join(","));
    let before = resident_kib()?;
    let mut open = Vec::with_capacity(count);
    for _ in 0..count {
        let stream = TcpStream::connect(address).map_err(|e| e.to_string())?;
        stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
        let mut reader = BufReader::new(stream);
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer dev-admin-token\r\nAccept: text/event-stream\r\n\r\n"
        );
        reader
            .get_mut()
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut status = String::new();
        reader.read_line(&mut status).map_err(|e| e.to_string())?;
        if !status.starts_with("HTTP/1.1 200") {
            return Err(format!("stream {}: {}", open.len() + 1, status.trim()));
        }
        open.push(reader);
    }
    std::thread::sleep(Duration::from_secs(1));
    let with = resident_kib()?;
    let per_stream = (with.saturating_sub(before) as f64) / count as f64;
    Ok(format!(
        "server memory with {count} open presence streams (25 users each): {:.1} MiB resident, {:.1} MiB before, {per_stream:.1} KiB per stream",
        with as f64 / 1024.0,
        before as f64 / 1024.0
    ))
}

/// The ids of the first 25 users, from the list's JSON.
fn first_page_ids(address: &str) -> Result<Vec<String>, String> {
    let mut stream = TcpStream::connect(address).map_err(|e| e.to_string())?;
    let request = format!(
        "GET /api/v1/users?limit=25 HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer dev-admin-token\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    // `"id":"…"` of each item, without a JSON parser in this crate.
    let ids: Vec<String> = body
        .split("\"id\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect();
    if ids.is_empty() {
        return Err("the first page has no users".into());
    }
    Ok(ids)
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
