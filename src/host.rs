//! Talking back to the host page: bubbling, composed `CustomEvent`s on the
//! element the admin is mounted in, so a portal can listen on the element or
//! anywhere above it (they also cross shadow roots).
//!
//! | event | `detail` |
//! |---|---|
//! | `user-admin:token-expired` | none; answer with a new `data-token` within 3 s |
//! | `user-admin:session-expired` | none; drafts are kept |
//! | `user-admin:user-created` | `{userKey, location}` (`location` may be null) |
//! | `user-admin:user-updated` | `{id, fields}`: the user's id and the changed member names |
//! | `user-admin:users-updated` | `{ids, action, role, failed}`: a bulk change's changed ids, `activate`, `deactivate`, `add-role` or `remove-role`, the role (or null), the ids it failed for |
//! | `user-admin:navigate` | `{path, url}`: the admin's own path and the full URL |

use leptos::prelude::*;
use wasm_bindgen::JsValue;

pub const TOKEN_EXPIRED_EVENT: &str = "user-admin:token-expired";
pub const SESSION_EXPIRED_EVENT: &str = "user-admin:session-expired";
pub const USER_CREATED_EVENT: &str = "user-admin:user-created";
pub const USER_UPDATED_EVENT: &str = "user-admin:user-updated";
pub const USERS_UPDATED_EVENT: &str = "user-admin:users-updated";
pub const NAVIGATE_EVENT: &str = "user-admin:navigate";

/// Dispatches `name` with `detail` on `host`, from a microtask.
///
/// A host listener may do anything, including removing the admin, which
/// disposes every signal of the screen that sent the event. Dispatching
/// after the current reactive work has finished means no code of ours runs
/// after the listener returns, so a listener can never pull the screen away
/// under a running effect.
pub fn notify(host: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let (host, name, detail) = (host.clone(), name.to_owned(), detail.clone());
    wasm_bindgen_futures::spawn_local(async move { dispatch(&host, &name, &detail) });
}

fn dispatch(host: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The host element, as context for the screens (none in component tests
/// that mount without a host).
#[derive(Clone)]
pub struct Host {
    element: Option<send_wrapper::SendWrapper<web_sys::HtmlElement>>,
    /// Whether the admin is the page (standalone) and so names it in
    /// `document.title`. Embedded in a portal, the title is the portal's.
    owns_page: bool,
}

impl Host {
    /// The admin is the page itself (or a test mounts it without a host).
    pub fn page(element: Option<web_sys::HtmlElement>) -> Self {
        Self {
            element: element.map(send_wrapper::SendWrapper::new),
            owns_page: true,
        }
    }

    /// The admin is one element of a portal's page.
    pub fn embedded(element: web_sys::HtmlElement) -> Self {
        Self {
            element: Some(send_wrapper::SendWrapper::new(element)),
            owns_page: false,
        }
    }

    /// Whether the admin is the whole page rather than part of a portal's.
    pub fn owns_page(&self) -> bool {
        self.owns_page
    }

    /// Sets `document.title` when the admin owns the page.
    pub fn set_title(&self, title: &str) {
        if self.owns_page {
            document().set_title(title);
        }
    }

    /// The element with `id` among the admin's own: inside the host's shadow
    /// root when there is one (ids there are invisible to `document`).
    pub fn element_by_id(&self, id: &str) -> Option<web_sys::HtmlElement> {
        use wasm_bindgen::JsCast;
        let shadow = self.element.as_ref().and_then(|host| host.shadow_root());
        let found = match shadow {
            Some(root) => root.get_element_by_id(id),
            None => document().get_element_by_id(id),
        };
        found.and_then(|element| element.dyn_into().ok())
    }

    fn send(&self, name: &str, members: &[(&str, JsValue)]) {
        if let Some(host) = &self.element {
            let detail = js_sys::Object::new();
            for (key, value) in members {
                let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), value);
            }
            notify(host, name, &detail);
        }
    }

    pub fn user_created(&self, user_key: &str, location: Option<&str>) {
        let location = location.map_or(JsValue::NULL, JsValue::from_str);
        self.send(
            USER_CREATED_EVENT,
            &[("userKey", user_key.into()), ("location", location)],
        );
    }

    pub fn user_updated(&self, id: &str, fields: &[String]) {
        let fields: js_sys::Array = fields.iter().map(|f| JsValue::from_str(f)).collect();
        self.send(
            USER_UPDATED_EVENT,
            &[("id", id.into()), ("fields", fields.into())],
        );
    }

    pub fn users_updated(
        &self,
        ids: &[String],
        action: &str,
        role: Option<&str>,
        failed: &[String],
    ) {
        let list = |ids: &[String]| -> JsValue {
            ids.iter()
                .map(|id| JsValue::from_str(id))
                .collect::<js_sys::Array>()
                .into()
        };
        let role = role.map_or(JsValue::NULL, JsValue::from_str);
        self.send(
            USERS_UPDATED_EVENT,
            &[
                ("ids", list(ids)),
                ("action", action.into()),
                ("role", role),
                ("failed", list(failed)),
            ],
        );
    }

    pub fn navigated(&self, path: &str, url: &str) {
        self.send(
            NAVIGATE_EVENT,
            &[("path", path.into()), ("url", url.into())],
        );
    }
}

pub fn use_host() -> Host {
    use_context::<Host>().unwrap_or_else(|| Host::page(None))
}
