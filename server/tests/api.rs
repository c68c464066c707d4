//! The contract over real HTTP: every endpoint and every error status.

mod support;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support::{TestServer, ADMIN, VIEWER};

fn usernames(reply: &support::Reply) -> Vec<String> {
    reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn list_pages_through_the_directory_with_meta_and_links() {
    let server = TestServer::start(&[]).await;
    let first = server.get("/api/v1/users?limit=10", ADMIN).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        first.body["meta"],
        json!({"page": 0, "count": 10, "pageCount": 30, "totalCount": 300})
    );
    assert!(first.body["_links"]["prev"].is_null());
    let next = first.body["_links"]["next"]["href"].as_str().unwrap();
    assert_eq!(next, "/api/v1/users?page=1&limit=10");

    let second = server.get(next, ADMIN).await;
    assert_eq!(second.body["meta"]["page"], 1);
    assert_eq!(
        second.body["_links"]["prev"]["href"],
        "/api/v1/users?page=0&limit=10"
    );
    let (a, b) = (usernames(&first), usernames(&second));
    assert!(
        a.last().unwrap().to_lowercase() < b[0].to_lowercase(),
        "pages continue in username order"
    );

    let last = server.get("/api/v1/users?limit=10&page=29", ADMIN).await;
    assert!(last.body["_links"]["next"].is_null());
    let beyond = server.get("/api/v1/users?limit=10&page=40", ADMIN).await;
    assert_eq!(beyond.body["meta"]["count"], 0);
}

#[tokio::test]
async fn search_matches_username_full_name_and_email_case_insensitively() {
    let server = TestServer::start(&[]).await;
    let reply = server.get("/api/v1/users?q=JANSEN&limit=100", ADMIN).await;
    let items = reply.body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert_eq!(reply.body["meta"]["totalCount"], items.len());
    for user in items {
        let haystack = format!(
            "{} {} {}",
            user["username"], user["fullName"], user["email"]
        )
        .to_lowercase();
        assert!(haystack.contains("jansen"), "{haystack}");
    }
    // Non-ASCII full names are found too, and short queries work without the index.
    let accented = server
        .get("/api/v1/users?q=M%C3%BCller&limit=100", ADMIN)
        .await;
    assert!(accented.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["fullName"].as_str().unwrap().contains("Müller")));
    assert!(accented.body["meta"]["totalCount"].as_u64().unwrap() > 0);
    let short = server.get("/api/v1/users?q=ad", ADMIN).await;
    assert!(usernames(&short).contains(&"admin".to_owned()));
}

#[tokio::test]
async fn an_sql_looking_search_is_just_text() {
    let server = TestServer::start(&[]).await;
    for q in [
        "'; DROP TABLE users; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "a\"b",
        "NEAR(x y)",
        "*",
    ] {
        let path = format!("/api/v1/users?q={}", urlencode(q));
        let reply = server.get(&path, ADMIN).await;
        assert_eq!(reply.status, StatusCode::OK, "{q}");
        assert_eq!(reply.body["meta"]["totalCount"], 0, "{q} matches nothing");
    }
    assert_eq!(
        server.get("/api/v1/users", ADMIN).await.body["meta"]["totalCount"],
        300
    );
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn filters_by_active_and_role_and_sorts_both_ways() {
    let server = TestServer::start(&[]).await;
    let inactive = server
        .get("/api/v1/users?active=false&limit=100", ADMIN)
        .await;
    let active = server.get("/api/v1/users?active=true&limit=1", ADMIN).await;
    let inactive_count = inactive.body["meta"]["totalCount"].as_u64().unwrap();
    assert!(inactive_count > 0);
    assert_eq!(
        inactive_count + active.body["meta"]["totalCount"].as_u64().unwrap(),
        300
    );
    assert!(inactive.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["active"] == false));

    let billing = server
        .get("/api/v1/users?role=billing&limit=100", ADMIN)
        .await;
    assert!(billing.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["roles"].as_array().unwrap().contains(&json!("billing"))));

    for key in ["username", "fullName", "email", "lastLoginAt", "createdAt"] {
        let up = server
            .get(&format!("/api/v1/users?sort={key}&limit=100"), ADMIN)
            .await;
        let down = server
            .get(&format!("/api/v1/users?sort=-{key}&limit=100"), ADMIN)
            .await;
        let values = |reply: &support::Reply| -> Vec<String> {
            reply.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u[key].as_str().unwrap_or("").to_lowercase())
                .collect()
        };
        let ascending = values(&up);
        let mut sorted = ascending.clone();
        sorted.sort();
        assert_eq!(ascending, sorted, "sort={key}");
        let descending = values(&down);
        let mut reversed = descending.clone();
        reversed.sort_by(|a, b| b.cmp(a));
        assert_eq!(descending, reversed, "sort=-{key}");
    }
}

#[tokio::test]
async fn bad_list_parameters_are_400_naming_the_parameter() {
    let server = TestServer::start(&[]).await;
    for (query, parameter) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=-1", "limit"),
        ("limit=abc", "limit"),
        ("page=-1", "page"),
        ("sort=age", "sort"),
        ("active=yes", "active"),
        ("role=astronaut", "role"),
    ] {
        let reply = server.get(&format!("/api/v1/users?{query}"), ADMIN).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(reply.error_locations(), [parameter], "{query}");
    }
    let both = server.get("/api/v1/users?limit=0&sort=nope", ADMIN).await;
    assert_eq!(both.error_locations(), ["limit", "sort"]);
}

#[tokio::test]
async fn a_user_comes_with_an_etag_and_an_unknown_id_is_404() {
    let server = TestServer::start(&[]).await;
    let user = server.some_user(3).await;
    let reply = server
        .get(user["_links"]["self"]["href"].as_str().unwrap(), ADMIN)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, user);
    assert!(reply.header("etag").unwrap().starts_with('"'));
    let missing = server.get("/api/v1/users/no-such-user", ADMIN).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing.header("content-type"),
        Some("application/problem+json")
    );
}

#[tokio::test]
async fn the_profile_says_who_is_signed_in_and_what_they_may_do() {
    let server = TestServer::start(&[]).await;
    let admin = server.get("/api/v1/users/profile", ADMIN).await;
    assert_eq!(admin.body["username"], "admin");
    assert_eq!(
        admin.body["permissions"],
        json!(["users:read", "users:write", "presence:write"])
    );
    assert!(admin.header("etag").is_some());
    let viewer = server.get("/api/v1/users/profile", VIEWER).await;
    assert_eq!(viewer.body["permissions"], json!(["users:read"]));
}

#[tokio::test]
async fn missing_or_wrong_tokens_get_401_with_a_challenge_and_the_viewer_cannot_write() {
    let server = TestServer::start(&[]).await;
    let anonymous = server
        .send(
            Method::GET,
            "/api/v1/users",
            server.request(Method::GET, "/api/v1/users", None),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous
        .header("www-authenticate")
        .unwrap()
        .starts_with("Bearer"));
    let wrong = server.get("/api/v1/users", "stolen").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong
        .header("www-authenticate")
        .unwrap()
        .contains("error=\"invalid_token\""));

    let create = server
        .post_json(
            "/api/v1/users",
            VIEWER,
            &json!({"username": "x", "email": "x@example.com"}),
        )
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    assert!(create
        .header("www-authenticate")
        .unwrap()
        .contains("insufficient_scope"));
    let user = server.some_user(0).await;
    let path = user["_links"]["self"]["href"].as_str().unwrap();
    let patch = server
        .patch(path, VIEWER, Some("\"v1\""), &json!({"fullName": "X"}))
        .await;
    assert_eq!(patch.status, StatusCode::FORBIDDEN);
    let presence = server
        .put_form("/api/v1/users/presence", VIEWER, &[("state", "AWAY")])
        .await;
    assert_eq!(presence.status, StatusCode::FORBIDDEN);
    assert_eq!(
        server.get("/api/v1/users", VIEWER).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn create_returns_202_with_the_key_and_location_of_the_new_user() {
    let server = TestServer::start(&[]).await;
    let body = json!({"username": "new.person", "fullName": "Nía Person", "email": "nia@example.com",
                      "roles": ["support"], "timeZone": "Europe/Amsterdam",
                      "preferences": {"Locale": "nl"}, "memberships": ["tw_allUsers"]});
    let reply = server.post_json("/api/v1/users", ADMIN, &body).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    let key = reply.body["userKey"].as_str().unwrap();
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/api/v1/users/{key}")
    );
    let created = server.get(reply.header("location").unwrap(), ADMIN).await;
    assert_eq!(created.body["username"], "new.person");
    assert_eq!(created.body["fullName"], "Nía Person");
    assert_eq!(created.body["roles"], json!(["support"]));
    assert_eq!(created.body["active"], true);
    assert_eq!(created.body["preferences"], json!({"Locale": "nl"}));
    assert_eq!(
        server.get("/api/v1/users?q=new.person", ADMIN).await.body["meta"]["totalCount"],
        1
    );
    assert_eq!(
        server.get("/api/v1/users", ADMIN).await.body["meta"]["totalCount"],
        301
    );
}

#[tokio::test]
async fn a_replayed_idempotency_key_creates_no_second_user() {
    let server = TestServer::start(&[]).await;
    let body = json!({"username": "once", "email": "once@example.com"});
    let send = |body: Value| {
        let request = server
            .request(Method::POST, "/api/v1/users", Some(ADMIN))
            .header("idempotency-key", "k-123")
            .json(&body);
        server.send(Method::POST, "/api/v1/users", request)
    };
    let first = send(body.clone()).await;
    let again = send(body.clone()).await;
    assert_eq!(first.status, StatusCode::ACCEPTED);
    assert_eq!(again.status, StatusCode::ACCEPTED);
    assert_eq!(first.body["userKey"], again.body["userKey"]);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        server.get("/api/v1/users?q=once", ADMIN).await.body["meta"]["totalCount"],
        1
    );
    let different = send(json!({"username": "twice", "email": "twice@example.com"})).await;
    assert_eq!(different.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        server.get("/api/v1/users", ADMIN).await.body["meta"]["totalCount"],
        301
    );
}

#[tokio::test]
async fn taken_username_and_email_are_both_reported_in_one_response() {
    let server = TestServer::start(&[]).await;
    let existing = server.some_user(5).await;
    let body = json!({"username": existing["username"].as_str().unwrap().to_uppercase(), "email": existing["email"]});
    let reply = server.post_json("/api/v1/users", ADMIN, &body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.error_locations(), ["#/email", "#/username"]);
    assert!(reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["detail"] == "is already taken"));
}

#[tokio::test]
async fn a_taken_username_is_reported_beside_other_invalid_fields() {
    let server = TestServer::start(&[]).await;
    let existing = server.some_user(7).await;
    let body = json!({"username": existing["username"], "email": "new-person@example.com",
                      "timeZone": "Mars/Olympus_Mons"});
    let reply = server.post_json("/api/v1/users", ADMIN, &body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.error_locations(), ["#/timeZone", "#/username"]);

    // An edit too: another user's email beside an unknown time zone.
    let user = server.some_user(8).await;
    let id = user["id"].as_str().unwrap();
    let etag = server
        .get(&format!("/api/v1/users/{id}"), ADMIN)
        .await
        .header("etag")
        .map(str::to_owned);
    let patch = json!({"email": existing["email"], "timeZone": "Mars/Olympus_Mons"});
    let reply = server
        .patch(
            &format!("/api/v1/users/{id}"),
            ADMIN,
            etag.as_deref(),
            &patch,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.error_locations(), ["#/email", "#/timeZone"]);
}

#[tokio::test]
async fn a_wrong_type_in_every_field_is_one_422_naming_each_field() {
    let server = TestServer::start(&[]).await;
    let body = json!({"username": 5, "fullName": [], "email": true, "active": "yes", "roles": "admin",
                      "timeZone": 3, "memberships": {}, "preferences": "dark", "shoeSize": 44});
    let reply = server.post_json("/api/v1/users", ADMIN, &body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.error_locations(),
        [
            "#/active",
            "#/email",
            "#/fullName",
            "#/memberships",
            "#/preferences",
            "#/roles",
            "#/shoeSize",
            "#/timeZone",
            "#/username"
        ]
    );
    assert_eq!(reply.body["detail"], "9 fields are invalid.");
}

#[tokio::test]
async fn contract_validation_rules_apply_to_create() {
    let server = TestServer::start(&[]).await;
    let long = "x".repeat(256);
    let body = json!({"username": long, "email": "not-an-address", "fullName": long, "timeZone": "Europe/Atlantis",
                      "roles": ["support", "astronaut"]});
    let reply = server.post_json("/api/v1/users", ADMIN, &body).await;
    assert_eq!(
        reply.error_locations(),
        [
            "#/email",
            "#/fullName",
            "#/roles/1",
            "#/timeZone",
            "#/username"
        ]
    );
    let missing = server.post_json("/api/v1/users", ADMIN, &json!({})).await;
    assert_eq!(missing.error_locations(), ["#/email", "#/username"]);
    let bad_chars = server
        .post_json(
            "/api/v1/users",
            ADMIN,
            &json!({"username": "jane doe!", "email": "j@example.com"}),
        )
        .await;
    assert_eq!(bad_chars.error_locations(), ["#/username"]);
}

#[tokio::test]
async fn unreadable_bodies_are_400_413_or_415_never_500() {
    let server = TestServer::start(&[]).await;
    let raw = |body: Vec<u8>, content_type: &str| {
        server
            .request(Method::POST, "/api/v1/users", Some(ADMIN))
            .header("content-type", content_type)
            .body(body)
    };
    let malformed = server
        .send(
            Method::POST,
            "/api/v1/users",
            raw(b"{\"username\": ".to_vec(), "application/json"),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    let not_utf8 = server
        .send(
            Method::POST,
            "/api/v1/users",
            raw(vec![b'{', 0xff, 0xfe, b'}'], "application/json"),
        )
        .await;
    assert_eq!(not_utf8.status, StatusCode::BAD_REQUEST);
    let array = server
        .send(
            Method::POST,
            "/api/v1/users",
            raw(b"[1,2]".to_vec(), "application/json"),
        )
        .await;
    assert_eq!(array.status, StatusCode::BAD_REQUEST);
    let huge = format!("{{\"username\": \"{}\"}}", "a".repeat(1024 * 1024));
    let too_big = server
        .send(
            Method::POST,
            "/api/v1/users",
            raw(huge.into_bytes(), "application/json"),
        )
        .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    let wrong_type = server
        .send(
            Method::POST,
            "/api/v1/users",
            raw(b"username=x".to_vec(), "text/plain"),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let json_with_charset = server
        .send(
            Method::POST,
            "/api/v1/users",
            raw(
                br#"{"username":"cs","email":"cs@example.com"}"#.to_vec(),
                "application/json; charset=utf-8",
            ),
        )
        .await;
    assert_eq!(json_with_charset.status, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn patch_changes_only_the_sent_fields_and_needs_a_current_etag() {
    let server = TestServer::start(&[]).await;
    let user = server.some_user(7).await;
    let (path, etag) = server.user_path_and_etag(7).await;

    let no_if_match = server
        .patch(&path, ADMIN, None, &json!({"fullName": "Changed"}))
        .await;
    assert_eq!(no_if_match.status, StatusCode::PRECONDITION_REQUIRED);

    let reply = server
        .patch(
            &path,
            ADMIN,
            Some(&etag),
            &json!({"fullName": "Changed Name", "roles": ["auditor"]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body["fullName"], "Changed Name");
    assert_eq!(reply.body["roles"], json!(["auditor"]));
    for unchanged in [
        "username",
        "email",
        "active",
        "timeZone",
        "memberships",
        "preferences",
        "createdAt",
        "lastLoginAt",
    ] {
        assert_eq!(
            reply.body[unchanged], user[unchanged],
            "{unchanged} must not change"
        );
    }
    let new_etag = reply.header("etag").unwrap();
    assert_ne!(new_etag, etag);

    let stale = server
        .patch(
            &path,
            ADMIN,
            Some(&etag),
            &json!({"fullName": "Lost update"}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        server.get(&path, ADMIN).await.body["fullName"],
        "Changed Name"
    );

    let prefs = server
        .patch(
            &path,
            ADMIN,
            Some(new_etag),
            &json!({"preferences": {"Theme": null, "Locale": "de"}}),
        )
        .await;
    assert_eq!(prefs.body["preferences"], json!({"Locale": "de"}));
}

#[tokio::test]
async fn patch_validation_errors_point_at_their_fields() {
    let server = TestServer::start(&[]).await;
    let user = server.some_user(8).await;
    let other = server.some_user(9).await;
    let path = user["_links"]["self"]["href"].as_str().unwrap();
    let reply = server
        .patch(path, ADMIN, Some("*"), &json!({"email": "broken", "timeZone": "Nowhere/City", "username": "renamed", "active": 1}))
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.error_locations(),
        ["#/active", "#/email", "#/timeZone", "#/username"]
    );
    let taken = server
        .patch(path, ADMIN, Some("*"), &json!({"email": other["email"]}))
        .await;
    assert_eq!(taken.error_locations(), ["#/email"]);
    let missing = server
        .patch(
            "/api/v1/users/nobody",
            ADMIN,
            Some("*"),
            &json!({"fullName": "x"}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let wrong_type = server
        .send(
            Method::PATCH,
            path,
            server
                .request(Method::PATCH, path, Some(ADMIN))
                .header("if-match", "*")
                .json(&json!({})),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn of_two_concurrent_patches_with_one_etag_exactly_one_wins() {
    let server = TestServer::start(&[]).await;
    let (path, etag) = server.user_path_and_etag(10).await;
    for round in 0..5 {
        let etag = server
            .get(&path, ADMIN)
            .await
            .header("etag")
            .unwrap()
            .to_owned();
        let (first, second) = (
            json!({"fullName": format!("A{round}")}),
            json!({"fullName": format!("B{round}")}),
        );
        let (a, b) = tokio::join!(
            server.patch(&path, ADMIN, Some(&etag), &first),
            server.patch(&path, ADMIN, Some(&etag), &second),
        );
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort();
        assert_eq!(statuses, [200, 412], "round {round}");
    }
    assert_ne!(etag, server.get(&path, ADMIN).await.header("etag").unwrap());
}

#[tokio::test]
async fn roles_lists_the_assignable_roles() {
    let server = TestServer::start(&[]).await;
    let reply = server.get("/api/v1/roles", ADMIN).await;
    let names: Vec<&str> = reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "admin",
            "auditor",
            "billing",
            "developer",
            "support",
            "viewer"
        ]
    );
}

#[tokio::test]
async fn presence_comes_one_at_a_time_or_up_to_100_in_one_call() {
    let server = TestServer::start(&[]).await;
    let page = server.get("/api/v1/users?limit=100", ADMIN).await;
    let ids: Vec<&str> = page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    let batch = server
        .get(
            &format!("/api/v1/users/presence?userIds={}", ids.join(",")),
            ADMIN,
        )
        .await;
    assert_eq!(batch.status, StatusCode::OK);
    let returned: Vec<&str> = batch
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["userId"].as_str().unwrap())
        .collect();
    assert_eq!(returned, ids);
    let one = server
        .get(&format!("/api/v1/users/{}/presence", ids[0]), ADMIN)
        .await;
    assert_eq!(one.body, batch.body[0]);

    let too_many = vec![ids[0]; 101].join(",");
    let reply = server
        .get(&format!("/api/v1/users/presence?userIds={too_many}"), ADMIN)
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.error_locations(), ["userIds"]);
    assert_eq!(
        server.get("/api/v1/users/presence", ADMIN).await.status,
        StatusCode::BAD_REQUEST
    );
    let unknown = server
        .get(
            &format!("/api/v1/users/presence?userIds={},ghost", ids[0]),
            ADMIN,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body["detail"].as_str().unwrap().contains("ghost"));
    assert_eq!(
        server
            .get("/api/v1/users/ghost/presence", ADMIN)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn setting_your_own_presence_validates_dnd() {
    let server = TestServer::start(&[]).await;
    let past = (chrono::Utc::now() - chrono::Duration::minutes(10)).to_rfc3339();
    let reply = server
        .put_form(
            "/api/v1/users/presence",
            ADMIN,
            &[("state", "DND"), ("dndUntil", &past)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.error_locations(), ["#/dndUntil"]);
    let missing = server
        .put_form("/api/v1/users/presence", ADMIN, &[("state", "DND")])
        .await;
    assert_eq!(missing.error_locations(), ["#/dndUntil"]);
    let bad = server
        .put_form(
            "/api/v1/users/presence",
            ADMIN,
            &[("state", "SLEEPING"), ("statusMessage", &"m".repeat(256))],
        )
        .await;
    assert_eq!(bad.error_locations(), ["#/state", "#/statusMessage"]);

    let until = (chrono::Utc::now() + chrono::Duration::hours(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let set = server
        .put_form(
            "/api/v1/users/presence",
            ADMIN,
            &[
                ("state", "DND"),
                ("dndUntil", &until),
                ("statusMessage", "In a workshop"),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::OK);
    assert_eq!(
        (set.body["state"].as_str(), set.body["dndUntil"].as_str()),
        (Some("DND"), Some(until.as_str()))
    );
    let admin_id = server.get("/api/v1/users/profile", ADMIN).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let seen = server
        .get(&format!("/api/v1/users/{admin_id}/presence"), VIEWER)
        .await;
    assert_eq!(seen.body["statusMessage"], "In a workshop");

    let cleared = server
        .put_form("/api/v1/users/presence", ADMIN, &[("clearDnd", "true")])
        .await;
    assert_eq!(cleared.body["state"], "AVAILABLE");
    assert!(cleared.body["dndUntil"].is_null());
    let json_body = server
        .send(
            Method::PUT,
            "/api/v1/users/presence",
            server
                .request(Method::PUT, "/api/v1/users/presence", Some(ADMIN))
                .json(&json!({"state": "AWAY"})),
        )
        .await;
    assert_eq!(json_body.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn a_wrong_method_is_405_with_allow_and_unknown_paths_are_404_problems() {
    let server = TestServer::start(&[]).await;
    let reply = server
        .send(
            Method::DELETE,
            "/api/v1/users",
            server.request(Method::DELETE, "/api/v1/users", Some(ADMIN)),
        )
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(reply.header("allow").unwrap().contains("POST"));
    let unknown = server
        .send(
            Method::GET,
            "/api/v1/nothing",
            server.request(Method::GET, "/api/v1/nothing", Some(ADMIN)),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.header("content-type"),
        Some("application/problem+json")
    );
}

#[tokio::test]
async fn cors_allows_configured_origins_and_exposes_the_contract_headers() {
    let server = TestServer::start(&["--cors-origin", "https://portal.example"]).await;
    let preflight = server
        .client
        .request(Method::OPTIONS, format!("{}/api/v1/users/x", server.base))
        .header("origin", "https://portal.example")
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization, if-match, content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://portal.example"
    );
    let reply = server
        .send(
            Method::GET,
            "/api/v1/roles",
            server
                .request(Method::GET, "/api/v1/roles", Some(ADMIN))
                .header("origin", "https://portal.example"),
        )
        .await;
    let exposed = reply
        .header("access-control-expose-headers")
        .unwrap()
        .to_lowercase();
    for name in [
        "etag",
        "location",
        "retry-after",
        "www-authenticate",
        "allow",
    ] {
        assert!(exposed.contains(name), "{name} is exposed");
    }
    let wildcard = TestServer::start(&["--cors-origin", "http://127.0.0.1:*"]).await;
    for (origin, allowed) in [
        ("http://127.0.0.1:4711", true),
        ("http://127.0.0.1:", false),
        ("http://127.0.0.1.evil:80", false),
    ] {
        let request = wildcard
            .request(Method::GET, "/api/v1/roles", Some(ADMIN))
            .header("origin", origin);
        let reply = wildcard.send(Method::GET, "/api/v1/roles", request).await;
        assert_eq!(
            reply.header("access-control-allow-origin").is_some(),
            allowed,
            "{origin}"
        );
    }
    let other = server
        .send(
            Method::GET,
            "/api/v1/roles",
            server
                .request(Method::GET, "/api/v1/roles", Some(ADMIN))
                .header("origin", "https://evil.example"),
        )
        .await;
    assert!(other.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn injected_faults_fail_the_next_requests_then_stop() {
    let server = TestServer::start(&[]).await;
    server.add_fault(json!({"path": "/api/v1/users", "method": "GET", "count": 2, "status": 503, "retryAfter": "3"})).await;
    for _ in 0..2 {
        let reply = server.get("/api/v1/users", ADMIN).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(reply.header("retry-after"), Some("3"));
    }
    assert_eq!(
        server.get("/api/v1/users", ADMIN).await.status,
        StatusCode::OK
    );

    server
        .add_fault(json!({"path": "/api/v1/roles", "dropConnection": true}))
        .await;
    let dropped = server
        .request(Method::GET, "/api/v1/roles", Some(ADMIN))
        .send()
        .await;
    assert!(dropped.is_err(), "the connection closes without an answer");
    assert_eq!(
        server.get("/api/v1/roles", ADMIN).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn each_user_on_a_list_page_carries_the_etag_a_patch_needs() {
    let server = TestServer::start(&[]).await;
    let page = server.get("/api/v1/users?limit=5&page=3", ADMIN).await;
    let item = page.body["items"][2].clone();
    let path = item["_links"]["self"]["href"].as_str().unwrap();
    let one = server.get(path, ADMIN).await;
    assert_eq!(item["version"], one.header("etag").unwrap());
    assert_eq!(one.body["version"], item["version"]);

    let changed = server
        .patch(
            path,
            ADMIN,
            item["version"].as_str(),
            &json!({"active": false}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.body["version"], changed.header("etag").unwrap());
    assert_ne!(changed.body["version"], item["version"]);
    // The list now carries the new version, and the old one is refused.
    let again = server.get("/api/v1/users?limit=5&page=3", ADMIN).await;
    assert_eq!(again.body["items"][2]["version"], changed.body["version"]);
    let stale = server
        .patch(
            path,
            ADMIN,
            item["version"].as_str(),
            &json!({"active": true}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
}
