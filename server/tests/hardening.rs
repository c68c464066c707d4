//! What a deployment of the reference server must withstand: framing by
//! other sites, test-only endpoints, clients that grow its caches, several
//! entity tags in If-Match, and clients that send slowly.

#[allow(dead_code)]
mod support;

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;
use support::{TestServer, ADMIN};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use user_admin_server::db::{Database, ListQuery, MAX_CACHED_COUNTS};

#[tokio::test]
async fn the_app_page_may_only_be_framed_by_its_own_origin() {
    let dir = std::env::temp_dir().join(format!("ua-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>x</title>").unwrap();
    let server = TestServer::start(&["--static", dir.to_str().unwrap()]).await;
    for path in ["/", "/users/7"] {
        let response = server
            .request(Method::GET, path, None)
            .send()
            .await
            .unwrap();
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            policy.contains("frame-ancestors 'self'"),
            "{path}: {policy}"
        );
    }
}

#[tokio::test]
async fn fault_injection_does_not_exist_unless_asked_for() {
    let server = TestServer::start_without_faults(&[]).await;
    for method in [Method::POST, Method::DELETE] {
        let response = server
            .request(method.clone(), "/__faults", Some(ADMIN))
            .json(&json!({"path": "/api/v1/users", "status": 500}))
            .send()
            .await
            .unwrap();
        assert!(
            matches!(
                response.status(),
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            ),
            "{method} /__faults: {}",
            response.status()
        );
    }
    // And nothing was injected: the list still answers.
    let list = server.get("/api/v1/users", ADMIN).await;
    assert_eq!(list.status, StatusCode::OK);
}

#[test]
fn distinct_searches_do_not_grow_the_count_cache_without_bound() {
    let database = Database::open(None).unwrap();
    user_admin_server::seed::seed(&database, 20, chrono::Utc::now()).unwrap();
    for i in 0..(MAX_CACHED_COUNTS * 2 + 17) {
        let query = ListQuery {
            limit: 25,
            q: Some(format!("nobody{i}")),
            ..ListQuery::default()
        };
        database.list_users(&query).unwrap();
        assert!(database.cached_counts() <= MAX_CACHED_COUNTS);
    }
}

#[tokio::test]
async fn if_match_with_several_tags_matches_any_of_them() {
    let server = TestServer::start(&[]).await;
    let (path, etag) = server.user_path_and_etag(3).await;
    let tags = format!("\"v999999\", {etag}");
    let reply = server
        .patch(
            &path,
            ADMIN,
            Some(&tags),
            &json!({"fullName": "Tagged Twice"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    assert_eq!(reply.body["fullName"], "Tagged Twice");
    // None of them current: refused.
    let stale = server
        .patch(&path, ADMIN, Some(&tags), &json!({"fullName": "Again"}))
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
}

/// Reads until the server closes the connection; what it sent, if anything.
async fn read_until_closed(stream: &mut tokio::net::TcpStream) -> String {
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let server = TestServer::start(&[]).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    stream
        .write_all(b"GET /api/v1/users HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    read_until_closed(&mut stream).await;
    // The test server's header timeout is 0.5 s; without one this waits 10 s.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_client_that_stops_sending_its_body_is_answered_and_cut_off() {
    let server = TestServer::start(&[]).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ADMIN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"username\":"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let answer = read_until_closed(&mut stream).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(!answer.starts_with("HTTP/1.1 2"), "{answer}");
}
