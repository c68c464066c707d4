//! The API client and the resource layer in headless Chromium against the
//! real reference server, which `cargo xtask test` starts (with fault
//! injection on) and names in USER_ADMIN_TEST_API at build time.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Method;
use leptos::prelude::*;
use serde_json::{json, Map, Value};
use user_admin::api::client::{ApiRequest, Body, CancelToken, Client, ClientConfig, RetryObserver};
use user_admin::api::endpoints::CallOptions;
use user_admin::api::error::Cause;
use user_admin::api::params::ListParams;
use user_admin::api::wire::Page;
use user_admin::api::ErrorKind;
use user_admin::i18n::Language;
use user_admin::resource::directory::{page_key, user_key};
use user_admin::resource::query::Fetcher;
use user_admin::resource::{Directory, QueryCache};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn server() -> &'static str {
    match option_env!("USER_ADMIN_TEST_API") {
        Some(url) => url,
        None => panic!("run through `cargo xtask test`, which starts the reference server and sets USER_ADMIN_TEST_API"),
    }
}

fn client_with_token(token: &str) -> Client {
    let mut config = ClientConfig::new(&format!("{}/api/v1", server()));
    config.token = Some(token.to_owned());
    config.backoff_ms = 50;
    Client::new(config)
}

fn admin() -> Client {
    client_with_token("dev-admin-token")
}

/// Resolves after `ms` milliseconds (a timer, no busy wait).
async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Installs fault rules on the server (after clearing the old ones). Every
/// test starts here, so it also starts Leptos' task executor.
async fn faults(rules: &[Value]) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let url = format!("{}/__faults", server());
    gloo_net::http::Request::delete(&url).send().await.unwrap();
    for rule in rules {
        let response = gloo_net::http::Request::post(&url)
            .json(rule)
            .unwrap()
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }
}

/// A page fetcher that counts the requests it starts.
fn counted(
    cache: &QueryCache,
    client: &Client,
    params: &ListParams,
    count: Rc<Cell<u32>>,
) -> Fetcher<Page> {
    let inner = Directory::new(client.clone(), cache.clone()).page_fetcher(params);
    Rc::new(move |options| {
        count.set(count.get() + 1);
        inner(options)
    })
}

async fn until(mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting");
}

#[wasm_bindgen_test]
async fn two_readers_of_one_key_share_one_request() {
    faults(&[]).await;
    let (client, cache) = (admin(), QueryCache::new());
    let params = ListParams {
        limit: 7,
        ..ListParams::default()
    };
    let count = Rc::new(Cell::new(0));
    let first = cache.read(
        &page_key(&params),
        counted(&cache, &client, &params, count.clone()),
    );
    let second = cache.read(
        &page_key(&params),
        counted(&cache, &client, &params, count.clone()),
    );
    until(|| first.state().data.is_some()).await;
    assert_eq!(count.get(), 1, "one request for two readers");
    assert_eq!(second.state().data.unwrap().items.len(), 7);
    // A third reader while the data is fresh gets it at once, with no request.
    let third = cache.read(
        &page_key(&params),
        counted(&cache, &client, &params, count.clone()),
    );
    assert!(third.state().data.is_some());
    assert_eq!(count.get(), 1);
}

#[wasm_bindgen_test]
async fn a_superseded_search_is_aborted_and_never_overwrites_the_newer_one() {
    // The first search is slow; the second answers at once.
    faults(&[json!({"path": "/api/v1/users", "method": "GET", "count": 1, "delayMs": 800})]).await;
    let (client, cache) = (admin(), QueryCache::new());
    let slow = ListParams {
        limit: 5,
        q: Some("jansen".into()),
        ..ListParams::default()
    };
    let fast = ListParams {
        limit: 5,
        q: Some("garcia".into()),
        ..ListParams::default()
    };
    let (slow_key, fast_key) = (page_key(&slow), page_key(&fast));
    let shown = RwSignal::new(slow_key.clone());
    let owner = Owner::new();
    let state = owner.with(|| {
        let (cache, client, seeding) = (cache.clone(), client.clone(), cache.clone());
        user_admin::resource::use_query(
            cache,
            move || shown.get(),
            move |key| {
                let params = if key == page_key(&slow) {
                    slow.clone()
                } else {
                    fast.clone()
                };
                Directory::new(client.clone(), seeding.clone()).page_fetcher(&params)
            },
        )
    });
    sleep(100).await;
    shown.set(fast_key); // the admin typed on
    until(|| state.get_untracked().data.is_some()).await;
    sleep(1_000).await; // long after the slow answer would have come
    let page = state.get_untracked().data.unwrap();
    assert!(
        page.items
            .iter()
            .all(|u| u.full_name.as_deref().unwrap_or("").contains("Garc")),
        "shows the newer search"
    );
    assert!(
        cache.get::<Page>(&slow_key).is_none(),
        "the superseded request was aborted"
    );
    drop(owner);
}

#[wasm_bindgen_test]
async fn saving_a_user_updates_the_cached_user_and_list_pages_without_a_refetch() {
    faults(&[]).await;
    let (client, cache) = (admin(), QueryCache::new());
    let params = ListParams {
        limit: 10,
        page: 3,
        ..ListParams::default()
    };
    let count = Rc::new(Cell::new(0));
    let page = cache.read(
        &page_key(&params),
        counted(&cache, &client, &params, count.clone()),
    );
    until(|| page.state().data.is_some()).await;
    let target = page.state().data.unwrap().items[2].clone();
    // The page cached each of its users: reading one needs no request.
    let directory = Directory::new(client.clone(), cache.clone());
    let user = directory.read_user(&target.id);
    assert_eq!(
        user.state().data.map(|v| v.value.id),
        Some(target.id.clone())
    );
    assert!(!user.state().fetching);
    let etag = client
        .get_user(&target.id, &CallOptions::default())
        .await
        .unwrap()
        .etag
        .unwrap();

    let name = format!("Renamed {}", js_sys::Date::now() as u64);
    let mut patch = Map::new();
    patch.insert("fullName".into(), json!(name));
    let saved = directory
        .save_user(&target.id, &etag, &patch)
        .await
        .unwrap();
    assert_ne!(saved.etag.as_deref(), Some(etag.as_str()));

    let cached_page = cache.get::<Page>(&page_key(&params)).unwrap();
    assert_eq!(
        cached_page.items[2].full_name.as_deref(),
        Some(name.as_str())
    );
    assert_eq!(
        cache
            .get::<user_admin::api::wire::Versioned<user_admin::api::wire::User>>(&user_key(
                &target.id
            ))
            .unwrap()
            .value
            .full_name
            .as_deref(),
        Some(name.as_str())
    );
    assert_eq!(count.get(), 1, "no refetch was needed");

    // The old ETag is stale now: the server refuses and the error says why.
    let stale = directory
        .save_user(&target.id, &etag, &patch)
        .await
        .unwrap_err();
    assert_eq!(stale.kind, ErrorKind::PreconditionFailed);
}

#[wasm_bindgen_test]
async fn an_expired_token_is_refreshed_once_and_the_request_replayed() {
    faults(&[]).await;
    let client = client_with_token("expired-token");
    let asked = Rc::new(Cell::new(0));
    let counter = asked.clone();
    client.set_token_refresher(Rc::new(move || {
        counter.set(counter.get() + 1);
        Box::pin(async { Some("dev-admin-token".to_owned()) })
    }));
    let roles = client.roles(&CallOptions::default()).await.unwrap();
    assert!(!roles.is_empty());
    assert_eq!(asked.get(), 1);

    // A host that hands out another bad token: one retry, then "session expired".
    let client = client_with_token("expired-token");
    let asked = Rc::new(Cell::new(0));
    let expired = Rc::new(Cell::new(false));
    let (counter, flag) = (asked.clone(), expired.clone());
    client.set_token_refresher(Rc::new(move || {
        counter.set(counter.get() + 1);
        Box::pin(async { Some("still-wrong".to_owned()) })
    }));
    client.on_session_expired(Rc::new(move || flag.set(true)));
    let error = client.roles(&CallOptions::default()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unauthenticated);
    assert_eq!(asked.get(), 1, "never loops");
    assert!(expired.get());
}

#[wasm_bindgen_test]
async fn a_503_with_retry_after_is_retried_and_the_wait_is_reported() {
    faults(&[json!({"path": "/api/v1/roles", "count": 1, "status": 503, "retryAfter": "1"})]).await;
    let client = admin();
    let notices = Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = notices.clone();
    let observer: RetryObserver =
        Rc::new(move |attempt, wait| seen.borrow_mut().push((attempt, wait.seconds, wait.busy)));
    let started = js_sys::Date::now();
    let options = CallOptions {
        cancel: None,
        on_retry: Some(observer),
    };
    let roles = client.roles(&options).await.unwrap();
    assert!(!roles.is_empty());
    assert_eq!(*notices.borrow(), [(1, 1, true)]);
    assert!(
        js_sys::Date::now() - started >= 950.0,
        "waited for Retry-After"
    );

    // A conditional PATCH is retried (it cannot apply twice: a retry of
    // one that did apply meets a new ETag): past the 503 the server says
    // there is no such user.
    faults(&[json!({"path": "/api/v1/users/*", "method": "PATCH", "count": 1, "status": 503, "retryAfter": "1"})]).await;
    let error = client
        .patch_user("anyone", "\"v1\"", &Map::new())
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound);

    // A POST without an idempotency key is never retried.
    faults(&[json!({"path": "/api/v1/users", "method": "POST", "count": 1, "status": 503, "retryAfter": "1"})]).await;
    let unkeyed = ApiRequest {
        method: Method::POST,
        path: "/users".into(),
        body: Some(Body {
            content_type: "application/json",
            text: "{}".into(),
        }),
        idempotency_key: None,
        if_match: None,
        event_stream: false,
        last_event_id: None,
    };
    let error = client.send(&unkeyed, None, None).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    faults(&[]).await;
}

#[wasm_bindgen_test]
async fn timeouts_and_cancellation_are_clear_errors() {
    faults(&[json!({"path": "/api/v1/roles", "count": 1, "delayMs": 2000})]).await;
    let mut config = ClientConfig::new(&format!("{}/api/v1", server()));
    config.token = Some("dev-admin-token".into());
    config.timeout_ms = 300;
    config.max_retries = 0;
    let error = Client::new(config)
        .roles(&CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Timeout);

    faults(&[json!({"path": "/api/v1/roles", "count": 1, "delayMs": 2000})]).await;
    let token = CancelToken::default();
    let cancel = token.clone();
    leptos::task::spawn_local(async move {
        sleep(100).await;
        cancel.cancel();
    });
    let error = admin()
        .roles(&CallOptions {
            cancel: Some(token),
            on_retry: None,
        })
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Cancelled);
    faults(&[]).await;
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_a_network_error_that_is_retried() {
    faults(&[
        json!({"path": "/api/v1/users", "method": "GET", "count": 1, "dropConnection": true}),
    ])
    .await;
    let cache = QueryCache::new();
    let page = Directory::new(admin(), cache.clone()).read_page(&ListParams {
        limit: 3,
        ..ListParams::default()
    });
    until(|| page.state().data.is_some()).await;
    assert!(page.state().error.is_none());
}

#[wasm_bindgen_test]
async fn creating_a_user_refreshes_the_list_pages_on_screen() {
    faults(&[]).await;
    let (client, cache) = (admin(), QueryCache::new());
    let params = ListParams {
        limit: 5,
        ..ListParams::default()
    };
    let count = Rc::new(Cell::new(0));
    let page = cache.read(
        &page_key(&params),
        counted(&cache, &client, &params, count.clone()),
    );
    until(|| page.state().data.is_some()).await;
    let before = page.state().data.unwrap().total_count.unwrap();

    let stamp = js_sys::Date::now() as u64;
    let mut user = Map::new();
    user.insert("username".into(), json!(format!("created.{stamp}")));
    user.insert(
        "email".into(),
        json!(format!("created.{stamp}@example.com")),
    );
    let accepted = Directory::new(client.clone(), cache.clone())
        .create_user(&user, &format!("key-{stamp}"), &CallOptions::default())
        .await
        .unwrap();
    assert!(accepted.location.unwrap().ends_with(&accepted.user_key));

    until(|| page.state().data.and_then(|p| p.total_count) == Some(before + 1)).await;
    assert_eq!(count.get(), 2, "the page on screen refetched once");
}

#[wasm_bindgen_test]
async fn a_mutation_runs_once_while_pending_and_keeps_its_error() {
    faults(&[]).await;
    let client = admin();
    let mutation = user_admin::resource::Mutation::new();
    let mut invalid = Map::new();
    invalid.insert("username".into(), json!("has spaces"));
    invalid.insert("email".into(), json!("nope"));
    let (first, second) = (client.clone(), client.clone());
    let (a, b) = (invalid.clone(), invalid.clone());
    assert!(mutation.run(async move {
        first
            .create_user(&a, "k-mutation", &CallOptions::default())
            .await
    }));
    assert!(
        !mutation.run(async move {
            second
                .create_user(&b, "k-mutation", &CallOptions::default())
                .await
        }),
        "a double submit is ignored"
    );
    assert!(mutation.state().get_untracked().pending);
    until(|| !mutation.state().get_untracked().pending).await;
    let error = mutation
        .state()
        .get_untracked()
        .result
        .unwrap()
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Validation);
    let mut fields: Vec<String> = error
        .field_errors
        .iter()
        .map(|e| e.path.display())
        .collect();
    fields.sort();
    assert_eq!(fields, ["email", "username"]);
}

#[wasm_bindgen_test]
async fn the_cache_forgets_what_nobody_reads_and_keeps_what_is_on_screen() {
    use user_admin::resource::query::MAX_ENTRIES;
    let cache = QueryCache::new();
    let fetcher: Fetcher<u32> = Rc::new(|_| Box::pin(async { Ok(7) }));
    let on_screen = cache.read("on-screen", fetcher.clone());
    until(|| on_screen.state().data == Some(7)).await;
    // A thousand distinct searches, each let go when the next one starts.
    for i in 0..1_000 {
        let handle = cache.read(&format!("search:{i}"), fetcher.clone());
        sleep(0).await;
        drop(handle);
    }
    assert!(cache.len() <= MAX_ENTRIES, "{} entries kept", cache.len());
    assert_eq!(cache.get::<u32>("on-screen"), Some(7), "what is read stays");
    // The most recent searches are the ones kept.
    assert!(cache.get::<u32>("search:999").is_some());
    assert!(cache.get::<u32>("search:0").is_none());
}

#[wasm_bindgen_test]
async fn a_token_that_is_not_a_header_value_is_no_token_and_ends_the_session() {
    faults(&[]).await;
    for bad in ["abc\r\nX-Injected: 1", "tok\u{2028}en", "t\u{f6}k\u{20ac}n"] {
        let client = client_with_token(bad);
        assert_eq!(client.token(), None, "{bad:?}");
        let expired = Rc::new(Cell::new(false));
        let flag = expired.clone();
        client.set_token_refresher(Rc::new(|| {
            Box::pin(async { Some("still\nbad".to_owned()) })
        }));
        client.on_session_expired(Rc::new(move || flag.set(true)));
        // Answered (401), not left pending: the admin is told to sign in.
        let error = client.roles(&CallOptions::default()).await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unauthenticated);
        assert!(expired.get());
    }
}

#[wasm_bindgen_test]
async fn a_huge_body_without_content_length_is_capped_not_read_whole() {
    faults(&[json!({"path": "/api/v1/roles", "chunkedBytes": 12 * 1024 * 1024})]).await;
    let error = admin().roles(&CallOptions::default()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnexpectedBody);
    assert_eq!(error.cause, Some(Cause::TooLarge { limit_mib: 8 }));
    let told = Language::English.messages().explain(&error);
    assert!(told.contains("not read"), "{told}");
    // The next request is answered as usual.
    faults(&[]).await;
    assert!(!admin()
        .roles(&CallOptions::default())
        .await
        .unwrap()
        .is_empty());
}
