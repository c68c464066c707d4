//! The presence event stream: a change reaches every stream that lists the
//! user, `Last-Event-ID` resumes without losing a change, a resume point too
//! old gets the current state, heartbeats, the cap on open streams, and a
//! reader that never reads does not hold up the others.

#[allow(dead_code)]
mod support;

use std::time::Duration;

use reqwest::{Method, StatusCode};
use support::{TestServer, ADMIN, VIEWER};

/// An open stream and what has come through it so far.
struct Stream {
    response: reqwest::Response,
    text: String,
}

impl Stream {
    async fn open(server: &TestServer, ids: &[&str], last_event_id: Option<&str>) -> Self {
        let path = format!("/api/v1/users/presence/events?userIds={}", ids.join(","));
        let mut request = server.request(Method::GET, &path, Some(VIEWER));
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Self {
            response,
            text: String::new(),
        }
    }

    /// Reads until `done` holds for what came, or fails after `seconds`.
    async fn until(&mut self, seconds: u64, done: impl Fn(&str) -> bool) -> &str {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        while !done(&self.text) {
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .unwrap_or_else(|_| panic!("not within {seconds} s; so far: {}", self.text))
                .unwrap()
                .expect("the stream stays open");
            self.text.push_str(&String::from_utf8_lossy(&chunk));
        }
        &self.text
    }

    /// The `presence` events so far: (id, data).
    fn events(&self) -> Vec<(u64, serde_json::Value)> {
        self.text
            .split("\n\n")
            .filter(|block| block.contains("event: presence"))
            .map(|block| {
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|line| line.strip_prefix(name))
                        .unwrap()
                        .to_owned()
                };
                (
                    field("id: ").parse().unwrap(),
                    serde_json::from_str(&field("data: ")).unwrap(),
                )
            })
            .collect()
    }
}

async fn admin_id(server: &TestServer) -> String {
    let profile = server.get("/api/v1/users/profile", ADMIN).await;
    profile.body["id"].as_str().unwrap().to_owned()
}

async fn set_state(server: &TestServer, state: &str, message: &str) {
    let form = [("state", state), ("statusMessage", message)];
    let reply = server
        .put_form("/api/v1/users/presence", ADMIN, &form)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
}

#[tokio::test]
async fn a_change_reaches_every_stream_that_lists_the_user_and_only_those() {
    let server = TestServer::start(&[]).await;
    let me = admin_id(&server).await;
    let other = server.some_user(3).await["id"].as_str().unwrap().to_owned();
    let mut mine = Stream::open(&server, &[&other, &me], None).await;
    let mut theirs = Stream::open(&server, &[&other], None).await;
    // Each stream starts with the current state of its users.
    mine.until(5, |t| t.matches("event: presence").count() == 2)
        .await;
    theirs
        .until(5, |t| t.matches("event: presence").count() == 1)
        .await;
    set_state(&server, "AWAY", "At lunch").await;
    mine.until(5, |t| t.contains("At lunch")).await;
    let events = mine.events();
    assert_eq!(events.len(), 3);
    assert_eq!(events[2].1["userId"], me.as_str());
    assert_eq!(events[2].1["state"], "AWAY");
    assert!(events[2].0 > events[0].0, "ids increase");
    // The other stream does not list the admin: nothing after its start.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let quiet = tokio::time::timeout(Duration::from_millis(300), theirs.response.chunk()).await;
    assert!(quiet.is_err(), "{:?}", quiet);
}

#[tokio::test]
async fn last_event_id_resumes_without_losing_a_change() {
    let server = TestServer::start(&[]).await;
    let me = admin_id(&server).await;
    let mut stream = Stream::open(&server, &[&me], None).await;
    stream.until(5, |t| t.contains("event: presence")).await;
    set_state(&server, "BUSY", "first").await;
    stream.until(5, |t| t.contains("first")).await;
    let (seen, _) = stream.events()[1].clone();
    drop(stream); // the connection is gone
    set_state(&server, "AWAY", "second").await;
    set_state(&server, "AVAILABLE", "third").await;
    let mut resumed = Stream::open(&server, &[&me], Some(&seen.to_string())).await;
    resumed.until(5, |t| t.contains("third")).await;
    let events = resumed.events();
    let messages: Vec<_> = events
        .iter()
        .map(|(_, p)| p["statusMessage"].clone())
        .collect();
    assert_eq!(messages, ["second", "third"]);
    assert_eq!(events[0].0, seen + 1);
    assert_eq!(events[1].0, seen + 2);
}

#[tokio::test]
async fn a_resume_point_the_server_does_not_have_gets_the_current_state_of_each_user() {
    let server = TestServer::start(&[]).await;
    let me = admin_id(&server).await;
    let other = server.some_user(5).await["id"].as_str().unwrap().to_owned();
    set_state(&server, "BUSY", "now").await;
    let mut stream = Stream::open(&server, &[&me, &other], Some("987654321")).await;
    stream
        .until(5, |t| t.matches("event: presence").count() == 2)
        .await;
    let events = stream.events();
    let mine = events
        .iter()
        .find(|(_, p)| p["userId"] == me.as_str())
        .unwrap();
    assert_eq!(mine.1["statusMessage"], "now");
    assert!(events.iter().any(|(_, p)| p["userId"] == other.as_str()));
}

#[tokio::test]
async fn a_stream_names_its_heartbeat_interval_first() {
    let server = TestServer::start(&["--presence-heartbeat-ms", "4000"]).await;
    let me = admin_id(&server).await;
    let mut stream = Stream::open(&server, &[&me], None).await;
    let text = stream.until(3, |t| t.contains("event: presence")).await;
    assert!(
        text.starts_with("retry: 2000\n: heartbeat-ms 4000\n\n"),
        "{text}"
    );
}

#[tokio::test]
async fn an_idle_stream_gets_heartbeats() {
    let server = TestServer::start(&["--presence-heartbeat-ms", "200"]).await;
    let me = admin_id(&server).await;
    let mut stream = Stream::open(&server, &[&me], None).await;
    let text = stream
        .until(3, |t| t.matches(": heartbeat").count() >= 2)
        .await;
    assert_eq!(text.matches("event: presence").count(), 1, "only the start");
}

#[tokio::test]
async fn each_account_has_a_bounded_number_of_open_streams() {
    let server = TestServer::start(&["--presence-heartbeat-ms", "100"]).await;
    let me = admin_id(&server).await;
    let mut open = Vec::new();
    for _ in 0..8 {
        open.push(Stream::open(&server, &[&me], None).await);
    }
    let path = format!("/api/v1/users/presence/events?userIds={me}");
    let refused = server.get(&path, VIEWER).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.header("retry-after").is_some());
    // Another account is not affected.
    let admin = server
        .request(Method::GET, &path, Some(ADMIN))
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), StatusCode::OK);
    // A stream the client closed frees its place (noticed at the next write).
    open.pop();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let again = server
            .request(Method::GET, &path, Some(VIEWER))
            .send()
            .await
            .unwrap();
        if again.status() == StatusCode::OK {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the place was never freed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_reader_that_never_reads_does_not_hold_up_the_others() {
    let server = TestServer::start(&[]).await;
    let me = admin_id(&server).await;
    let _stalled = Stream::open(&server, &[&me], None).await; // never read
    let mut reader = Stream::open(&server, &[&me], None).await;
    for round in 0..300 {
        let state = if round % 2 == 0 { "AWAY" } else { "BUSY" };
        set_state(&server, state, &format!("round {round}")).await;
    }
    reader.until(10, |t| t.contains("\"round 299\"")).await;
    let rounds: Vec<_> = reader.events()[1..]
        .iter()
        .map(|(_, p)| p["statusMessage"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<_> = (0..300).map(|round| format!("round {round}")).collect();
    assert_eq!(rounds, expected, "every change, in order");
}

#[tokio::test]
async fn the_batch_answer_links_to_the_stream_and_bad_lists_are_refused() {
    let server = TestServer::start(&[]).await;
    let me = admin_id(&server).await;
    let batch = server
        .get(&format!("/api/v1/users/presence?userIds={me}"), VIEWER)
        .await;
    let link = batch.header("link").unwrap();
    assert!(
        link.contains(&format!("/api/v1/users/presence/events?userIds={me}>")),
        "{link}"
    );
    assert!(link.contains("rel=\"https://user-admin.example/rels/presence-events\""));
    let none = server.get("/api/v1/users/presence/events", VIEWER).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    let unknown = server
        .get("/api/v1/users/presence/events?userIds=no-such-user", VIEWER)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let anonymous = server
        .request(
            Method::GET,
            &format!("/api/v1/users/presence/events?userIds={me}"),
            None,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
