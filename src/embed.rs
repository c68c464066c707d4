//! Mounting into the host page.
//!
//! The admin never takes over `<body>`: it renders inside an element the
//! portal gives it. Two ways in:
//! - `mountAdmin(container, host, options)`, called by the `<user-admin>`
//!   element and `mount()` of `user-admin.js`: renders into `container` (inside
//!   the host's shadow root), sends events on `host`, and returns a
//!   [`MountedAdmin`] that takes new tokens and unmounts.
//! - `mountHostPage()`, called by the standalone page's loader: renders into
//!   `<div id="user-admin" data-api-base=… data-base-path=… data-token=…>`.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::client::{Client, ClientConfig, TokenRefresher, WeakClient};
use crate::config::{Config, ProfileSource};
use crate::host::Host;
use crate::state::drafts::DraftStore;
use crate::App;

pub use crate::host::{SESSION_EXPIRED_EVENT, TOKEN_EXPIRED_EVENT};

/// The id of the element the admin mounts into on a standalone page.
pub const HOST_ELEMENT_ID: &str = "user-admin";

/// How long the host has to answer a `token-expired` event.
const TOKEN_WAIT_STEPS: u32 = 30;
const TOKEN_WAIT_STEP_MS: u64 = 100;

/// Reads the configuration from a host element's `data-*` attributes.
pub fn config_from_element(host: &web_sys::Element) -> Config {
    Config::from_attributes(|name| host.get_attribute(&format!("data-{name}")))
}

/// Reads the configuration from `mount()`'s options object, whose members
/// are the attribute names in camelCase (`apiBase`, `basePath`, …).
pub fn config_from_options(options: &JsValue) -> Config {
    let config = Config::from_attributes(|name| {
        let key = camel_case(name);
        let value = js_sys::Reflect::get(options, &JsValue::from_str(&key)).ok()?;
        value.as_string().or_else(|| {
            // The browser's own number to text (`1500`, `1e21`): Rust's
            // float formatting would add ~10 KB to the first download.
            use wasm_bindgen::JsCast;
            let number = value.dyn_ref::<js_sys::Number>()?;
            number.to_string_with_radix(10).ok().map(String::from)
        })
    });
    // `apiProfile` may also be the profile document itself.
    let profile = js_sys::Reflect::get(options, &JsValue::from_str("apiProfile"))
        .ok()
        .filter(|value| value.is_object());
    match profile {
        Some(document) => Config {
            api_profile: ProfileSource::Document(
                js_sys::JSON::stringify(&document)
                    .ok()
                    .and_then(|text| text.as_string()),
            ),
            ..config
        },
        None => config,
    }
}

fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        match c {
            '-' => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The token source a host gave: a function returning a token or a promise
/// of one (preferred), else the `token-expired` event answered by a new
/// token within 3 s (`setToken()`, the `token` property or `data-token`).
type TokenFunction = Rc<RefCell<Option<js_sys::Function>>>;

/// The API client for one mounted admin: its token, renewed through the host.
fn client_for_host(
    host: &web_sys::HtmlElement,
    config: &Config,
    token_function: TokenFunction,
) -> Client {
    let mut client_config = ClientConfig::new(&config.api_base);
    client_config.token = config.token.clone();
    // Resolved at mount: a tag `Intl` accepts, so also a valid header value.
    client_config.accept_language = config.locale.clone();
    let client = Client::new(client_config);
    if config.token.is_none() && token_function.borrow().is_some() {
        client.ask_for_token_first();
    }
    client.set_token_refresher(token_from_host(
        host.clone(),
        client.downgrade(),
        token_function,
    ));
    let expired_host = host.clone();
    client.on_session_expired(Rc::new(move || {
        notify_host(&expired_host, SESSION_EXPIRED_EVENT)
    }));
    client
}

fn token_from_host(
    host: web_sys::HtmlElement,
    client: WeakClient,
    token_function: TokenFunction,
) -> TokenRefresher {
    Rc::new(move || {
        let host = host.clone();
        let client = client.clone();
        let function = token_function.borrow().clone();
        Box::pin(async move {
            if let Some(function) = function {
                return token_from_function(&function).await;
            }
            let before_attribute = host.get_attribute("data-token");
            let before = client.upgrade()?.token();
            notify_host(&host, TOKEN_EXPIRED_EVENT);
            for _ in 0..TOKEN_WAIT_STEPS {
                client.upgrade()?.sleep(TOKEN_WAIT_STEP_MS).await;
                let client = client.upgrade().filter(|c| !c.is_closed())?;
                let attribute = non_blank(host.get_attribute("data-token"));
                if attribute.is_some() && attribute != before_attribute {
                    return attribute;
                }
                let now = non_blank(client.token());
                if now.is_some() && now != before {
                    return now;
                }
            }
            None
        })
    })
}

/// Calls the host's token function; a throw, a rejection or anything but a
/// non-blank string means "no token".
async fn token_from_function(function: &js_sys::Function) -> Option<String> {
    let returned = function.call0(&JsValue::NULL).ok()?;
    let value = match returned.dyn_into::<js_sys::Promise>() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok()?,
        Err(value) => value,
    };
    non_blank(value.as_string())
}

fn non_blank(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

fn notify_host(host: &web_sys::HtmlElement, name: &str) {
    crate::host::notify(host, name, &JsValue::NULL);
}

/// An admin on the page: the view (dropping it removes the DOM) and the
/// reactive owner everything of this admin hangs from.
struct Mounted {
    view: Box<dyn std::any::Any>,
    /// Cleaned up explicitly on unmount: event handlers still referenced
    /// from detached DOM keep owners alive, and with them the router's
    /// window listeners, until the browser collects that DOM.
    owner: Owner,
}

/// Renders the admin into `container`, with `host` as the element events go to.
fn mount(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    config: Config,
    token_function: TokenFunction,
    drafts: DraftStore,
) -> (Client, Mounted) {
    let config = Config {
        locale: Some(crate::locale::resolve(config.locale.as_deref())),
        ..config
    };
    let client = client_for_host(&host, &config, token_function);
    let app_client = client.clone();
    let standalone = container == host;
    let owner = Owner::new();
    let handle = owner.with(|| {
        leptos::mount::mount_to(container, move || {
            provide_context(if standalone {
                Host::page(Some(host))
            } else {
                Host::embedded(host)
            });
            view! { <App config=config client=app_client drafts=drafts/> }
        })
    });
    (
        client,
        Mounted {
            view: Box::new(handle),
            owner,
        },
    )
}

/// One admin mounted by `mountAdmin`; JavaScript holds it until `unmount()`.
#[wasm_bindgen]
pub struct MountedAdmin {
    client: Client,
    drafts: DraftStore,
    token_function: TokenFunction,
    /// Taken on unmount: removes the view and runs every cleanup
    /// (listeners, intervals, timers).
    mounted: Option<Mounted>,
}

#[wasm_bindgen]
impl MountedAdmin {
    /// Gives the admin a new bearer token (also the answer to `token-expired`).
    #[wasm_bindgen(js_name = setToken)]
    pub fn set_token(&self, token: Option<String>) {
        self.client.set_token(non_blank(token));
    }

    /// Sets (or with `null` removes) the function asked for a token on a 401.
    #[wasm_bindgen(js_name = setTokenFunction)]
    pub fn set_token_function(&self, function: Option<js_sys::Function>) {
        if function.is_some() {
            self.client.ask_for_token_first();
        }
        *self.token_function.borrow_mut() = function;
    }

    /// Removes the admin: its DOM, listeners, timers and requests in flight.
    /// Returns the unsaved input its forms were left with, for the next
    /// mount on the same element (`mountAdmin`'s last argument).
    pub fn unmount(&mut self) -> KeptDrafts {
        self.client.close();
        if let Some(mounted) = self.mounted.take() {
            drop(mounted.view);
            mounted.owner.cleanup();
        }
        KeptDrafts(self.drafts.clone())
    }
}

/// Unsaved form input handed from one mount to the next (opaque to JS).
#[wasm_bindgen]
pub struct KeptDrafts(DraftStore);

/// Mounts an admin into `container`; `options` holds `apiBase`, `basePath`,
/// `locale`, `token`, `presenceRefreshMs`, `apiProfile` (a built-in's name,
/// a same-origin URL or a profile document) and `getToken` (a function).
/// `kept` is what the previous mount's `unmount()` returned, if any.
#[wasm_bindgen(js_name = mountAdmin)]
pub fn mount_admin(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    options: JsValue,
    kept: Option<KeptDrafts>,
) -> MountedAdmin {
    let config = config_from_options(&options);
    let token_function: TokenFunction = Rc::new(RefCell::new(
        js_sys::Reflect::get(&options, &JsValue::from_str("getToken"))
            .ok()
            .and_then(|value| value.dyn_into::<js_sys::Function>().ok()),
    ));
    let drafts = kept.map(|kept| kept.0).unwrap_or_default();
    let (client, mounted) = mount(
        container,
        host,
        config,
        token_function.clone(),
        drafts.clone(),
    );
    MountedAdmin {
        client,
        drafts,
        token_function,
        mounted: Some(mounted),
    }
}

/// Finds `#user-admin` in the document and mounts into it for the page's
/// lifetime. Without a host element there is nothing to do: the error goes
/// to the console, not a panic.
#[wasm_bindgen(js_name = mountHostPage)]
pub fn mount_into_host_page() {
    let host = document()
        .get_element_by_id(HOST_ELEMENT_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match host {
        Some(host) => {
            let config = config_from_element(&host);
            let (_client, mounted) = mount(
                host.clone(),
                host,
                config,
                TokenFunction::default(),
                DraftStore::new(),
            );
            std::mem::forget(mounted);
        }
        None => leptos::logging::error!(
            "user-admin: no element with id \"{HOST_ELEMENT_ID}\" to mount into"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn attribute_names_become_option_names() {
        assert_eq!(camel_case("api-base"), "apiBase");
        assert_eq!(camel_case("presence-refresh-ms"), "presenceRefreshMs");
        assert_eq!(camel_case("locale"), "locale");
    }
}
