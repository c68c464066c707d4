//! Mounting into the host page.
//!
//! The admin never takes over `<body>`: it renders inside the host element the
//! portal gives it (`<div id="user-admin" data-api-base=… data-base-path=…>`),
//! reading its configuration from that element's `data-*` attributes.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::client::{sleep_ms, Client, ClientConfig, TokenRefresher};
use crate::config::Config;
use crate::App;

pub use crate::host::{SESSION_EXPIRED_EVENT, TOKEN_EXPIRED_EVENT};

/// The id of the element the admin mounts into on a standalone page.
pub const HOST_ELEMENT_ID: &str = "user-admin";

/// Reads the configuration from a host element's `data-*` attributes.
pub fn config_from_element(host: &web_sys::Element) -> Config {
    Config::from_attributes(|name| host.get_attribute(&format!("data-{name}")))
}

/// The API client for a host element: its token, renewed through the host.
pub fn client_for_host(host: &web_sys::HtmlElement, config: &Config) -> Client {
    let mut client_config = ClientConfig::new(&config.api_base);
    client_config.token = config.token.clone();
    client_config.accept_language = web_sys::window().and_then(|w| w.navigator().language());
    let client = Client::new(client_config);
    client.set_token_refresher(token_from_host(host.clone()));
    let expired_host = host.clone();
    client.on_session_expired(Rc::new(move || {
        notify_host(&expired_host, SESSION_EXPIRED_EVENT)
    }));
    client
}

/// Asks the host for a new token and waits briefly for it to arrive.
fn token_from_host(host: web_sys::HtmlElement) -> TokenRefresher {
    Rc::new(move || {
        let host = host.clone();
        Box::pin(async move {
            let before = host.get_attribute("data-token");
            notify_host(&host, TOKEN_EXPIRED_EVENT);
            for _ in 0..30 {
                sleep_ms(100).await;
                let now = host
                    .get_attribute("data-token")
                    .filter(|t| !t.trim().is_empty());
                if now.is_some() && now != before {
                    return now;
                }
            }
            None
        })
    })
}

fn notify_host(host: &web_sys::HtmlElement, name: &str) {
    crate::host::notify(host, name, &wasm_bindgen::JsValue::NULL);
}

/// Mounts the admin into `host` and keeps it mounted for the page's lifetime.
pub fn mount_into(host: web_sys::HtmlElement) {
    let config = config_from_element(&host);
    let client = client_for_host(&host, &config);
    let element = host.clone();
    leptos::mount::mount_to(host, move || {
        provide_context(crate::host::Host::new(Some(element)));
        view! { <App config=config client=client/> }
    })
    .forget();
}

/// Finds `#user-admin` in the document and mounts into it. Without a host
/// element there is nothing to do: the error goes to the console, not a panic.
pub fn mount_into_host_page() {
    let host = document()
        .get_element_by_id(HOST_ELEMENT_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match host {
        Some(host) => mount_into(host),
        None => leptos::logging::error!(
            "user-admin: no element with id \"{HOST_ELEMENT_ID}\" to mount into"
        ),
    }
}
