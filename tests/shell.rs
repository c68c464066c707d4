//! The app shell in a real browser: navigation between screens.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use user_admin::config::Config;
use user_admin::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the admin into a fresh host element at `path`.
fn mount_at(
    path: &str,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    mount_with(path, Config::default())
}

fn mount_with(
    path: &str,
    config: Config,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || view! { <App config=config/> });
    (host, handle)
}

/// Lets the router and effects run: a few ticks and a macrotask.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn nav_link(host: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    let links = host.query_selector_all("nav a").unwrap();
    (0..links.length())
        .filter_map(|i| links.item(i))
        .find(|link| link.text_content().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no nav link {label:?}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn clicking_a_nav_link_shows_that_screen_and_moves_focus_to_its_title() {
    let (host, _handle) = mount_at("/");
    settle().await;
    assert_eq!(text_of(&host, "h1"), "Users");
    assert_eq!(
        nav_link(&host, "Users")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );

    nav_link(&host, "My presence").click();
    settle().await;

    assert_eq!(text_of(&host, "h1"), "My presence");
    assert_eq!(window().location().pathname().unwrap(), "/me");
    assert_eq!(
        nav_link(&host, "My presence")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    assert_eq!(nav_link(&host, "Users").get_attribute("aria-current"), None);
    let focused = document().active_element().map(|e| e.tag_name());
    assert_eq!(
        focused.as_deref(),
        Some("H1"),
        "focus lands on the new screen's title"
    );
    assert!(document().title().starts_with("My presence"));
    host.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_path_shows_not_found_with_a_way_back() {
    let (host, _handle) = mount_at("/no/such/screen");
    settle().await;
    assert_eq!(text_of(&host, "h1"), "Page not found");
    assert!(host
        .query_selector("[role=main] a[href='/']")
        .unwrap()
        .is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn under_a_base_path_routes_and_links_carry_the_prefix() {
    let config =
        Config::from_attributes(|name| (name == "base-path").then(|| "/portal/admin/".to_owned()));
    let (host, _handle) = mount_with("/portal/admin/users/new", config);
    settle().await;
    assert_eq!(text_of(&host, "h1"), "Create user");
    assert_eq!(
        nav_link(&host, "My presence")
            .get_attribute("href")
            .as_deref(),
        Some("/portal/admin/me")
    );
    nav_link(&host, "My presence").click();
    settle().await;
    assert_eq!(window().location().pathname().unwrap(), "/portal/admin/me");
    assert_eq!(text_of(&host, "h1"), "My presence");
    host.remove();
}

#[wasm_bindgen_test]
fn mount_options_given_as_numbers_are_read_as_the_browser_writes_them() {
    let options = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        js_sys::Reflect::set(&options, &JsValue::from_str(key), &value).unwrap();
    };
    set("presenceRefreshMs", JsValue::from_f64(45_000.0));
    set("basePath", JsValue::from_str("/portal/admin"));
    let config = user_admin::embed::config_from_options(&options);
    assert_eq!(config.presence_refresh_ms, 45_000);
    assert_eq!(config.base_path, "/portal/admin");
    // A number no interval can be: the default, not a panic.
    set("presenceRefreshMs", JsValue::from_f64(1e21));
    let config = user_admin::embed::config_from_options(&options);
    assert_eq!(
        config.presence_refresh_ms,
        Config::default().presence_refresh_ms
    );
}
