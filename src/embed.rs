//! Mounting into the host page.
//!
//! The admin never takes over `<body>`: it renders inside the host element the
//! portal gives it (`<div id="user-admin" data-api-base=… data-base-path=…>`),
//! reading its configuration from that element's `data-*` attributes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::Config;
use crate::App;

/// The id of the element the admin mounts into on a standalone page.
pub const HOST_ELEMENT_ID: &str = "user-admin";

/// Reads the configuration from a host element's `data-*` attributes.
pub fn config_from_element(host: &web_sys::Element) -> Config {
    Config::from_attributes(|name| host.get_attribute(&format!("data-{name}")))
}

/// Mounts the admin into `host` and keeps it mounted for the page's lifetime.
pub fn mount_into(host: web_sys::HtmlElement) {
    let config = config_from_element(&host);
    leptos::mount::mount_to(host, move || view! { <App config=config/> }).forget();
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
