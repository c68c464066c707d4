//! The admin's router: the page's URL as a signal, in-app navigation through
//! the History API, Back and Forward, and clicks on links to the admin's own
//! paths, all under the base path the host gives.
//!
//! Its own rather than leptos_router's: the admin has a flat table of seven
//! paths (`routes`), and a general router's nested and lazy routes, redirects
//! and server integration were a tenth of the first download
//! (docs/performance.md). What a portal relies on stays: several admins on
//! one page each follow their own base path, links inside a shadow root are
//! followed, and a link that leaves the base path, opens a new tab, downloads
//! or says `rel="external"` is left to the browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::{use_config, Config};

/// The page's URL as `window.location` spells it: the path percent-encoded,
/// the search without its `?`, the hash with its `#`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Url {
    pub path: String,
    pub search: String,
    pub hash: String,
}

impl Url {
    fn of_page() -> Self {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        Self {
            path: location.pathname().unwrap_or_default(),
            search: search.strip_prefix('?').unwrap_or(&search).to_owned(),
            hash: location.hash().unwrap_or_default(),
        }
    }
}

/// The current URL, part by part, each changing only when that part does.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub search: Memo<String>,
    pub hash: Memo<String>,
    pub query: Memo<Query>,
}

/// How a navigation changes history.
#[derive(Clone, Copy, Debug)]
pub struct Go {
    /// Replace the current entry, so Back skips it (a search as it is typed,
    /// a form that has done its work).
    pub replace: bool,
    /// Scroll the page to its top, as a new page would be.
    pub scroll: bool,
}

impl Default for Go {
    fn default() -> Self {
        Self {
            replace: false,
            scroll: true,
        }
    }
}

/// One mounted admin's router. Several admins on a page each have their own.
#[derive(Clone, Copy)]
pub struct Router {
    url: RwSignal<Url>,
    location: Location,
    config: StoredValue<Config>,
}

impl Router {
    /// Follows the page's URL for as long as the calling owner lives, under
    /// the base path of the admin's `Config`, and provides the router to
    /// everything below it.
    pub fn provide() -> Self {
        let config = use_config();
        let url = RwSignal::new(Url::of_page());
        let location = Location {
            pathname: Memo::new(move |_| url.with(|u| u.path.clone())),
            search: Memo::new(move |_| url.with(|u| u.search.clone())),
            hash: Memo::new(move |_| url.with(|u| u.hash.clone())),
            query: Memo::new(move |_| url.with(|u| Query::parse(&u.search))),
        };
        let router = Self {
            url,
            location,
            config: StoredValue::new(config),
        };
        // Back, Forward, and another admin's navigations that Back returns to.
        let on_popstate = window_event_listener(leptos::ev::popstate, move |_| {
            url.set(Url::of_page());
        });
        // On the window, not the admin's element: a portal's own link to one
        // of the admin's paths opens that screen without reloading the page.
        let on_click = window_event_listener(leptos::ev::click, move |event| {
            router.follow_link(&event);
        });
        on_cleanup(move || {
            on_popstate.remove();
            on_click.remove();
        });
        provide_context(router);
        router
    }

    pub fn location(&self) -> Location {
        self.location
    }

    /// Goes to an in-app route (`/users/u1`, relative to the base path).
    pub fn go(&self, route: &str, how: Go) {
        let href = self.config.with_value(|config| config.href(route));
        self.go_to_href(&href, how);
    }

    fn go_to_href(&self, href: &str, how: Go) {
        let history = window().history();
        let here = self.url.with_untracked(full_path);
        // The same address again (its nav link clicked twice) adds no entry.
        let replace = how.replace || here == href;
        let written = history.and_then(|history| {
            let state = wasm_bindgen::JsValue::NULL;
            if replace {
                history.replace_state_with_url(&state, "", Some(href))
            } else {
                history.push_state_with_url(&state, "", Some(href))
            }
        });
        if written.is_err() {
            // A page whose history cannot be written (a sandboxed frame):
            // the browser loads the address instead.
            let _ = window().location().set_href(href);
            return;
        }
        self.url.set(Url::of_page());
        if how.scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Opens a link to one of the admin's own paths without reloading the
    /// page. Anything else is the browser's, as is a click some other code
    /// has already handled (a form asking before unsaved edits are lost).
    fn follow_link(&self, event: &web_sys::MouseEvent) {
        if !is_plain_click(event) {
            return;
        }
        // The composed path reaches into shadow roots; the innermost link
        // is the one clicked.
        let path = event.composed_path();
        let Some(link) = path
            .iter()
            .find_map(|target| target.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let external = link
            .get_attribute("rel")
            .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
        if !link.target().is_empty() || link.has_attribute("download") || external {
            return;
        }
        let Ok(target) = web_sys::Url::new(&link.href()) else {
            return;
        };
        let origin = window().location().origin().unwrap_or_default();
        let ours = target.origin() == origin
            && self.config.with_value(|c| c.owns_path(&target.pathname()));
        if !ours {
            return;
        }
        event.prevent_default();
        let href = format!("{}{}{}", target.pathname(), target.search(), target.hash());
        self.go_to_href(&href, Go::default());
    }
}

/// A primary-button click without modifier keys (those open a new tab or
/// window, or save the link) that no other code has handled yet.
pub fn is_plain_click(event: &web_sys::MouseEvent) -> bool {
    !(event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key())
}

fn full_path(url: &Url) -> String {
    let query = if url.search.is_empty() { "" } else { "?" };
    format!("{}{query}{}{}", url.path, url.search, url.hash)
}

/// The router of the admin the calling component is in.
pub fn use_router() -> Router {
    expect_context::<Router>()
}

pub fn use_location() -> Location {
    use_router().location()
}

/// A query string's parameters, decoded as a form would send them (`+` is
/// a space; a malformed escape stays as typed, bytes that are not UTF-8
/// become U+FFFD).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(search: &str) -> Self {
        let query = search.strip_prefix('?').unwrap_or(search);
        let pairs = form_urlencoded::parse(query.as_bytes());
        Self(pairs.into_owned().collect())
    }

    /// The parameter's value; the last one when the URL repeats it.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.clone())
    }
}

/// One path segment decoded (`a%2Fb` is the id `a/b`; `+` stays a plus).
pub fn decode_segment(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_decoded_once() {
        let query = Query::parse("q=J%C3%BCrgen+M&sort=-email&x=%2541");
        assert_eq!(query.get("q").as_deref(), Some("Jürgen M"));
        assert_eq!(query.get("sort").as_deref(), Some("-email"));
        assert_eq!(query.get("x").as_deref(), Some("%41"));
        assert_eq!(query.get("page"), None);
    }

    #[test]
    fn a_repeated_parameter_reads_as_its_last_value() {
        assert_eq!(
            Query::parse("?page=1&page=3").get("page").as_deref(),
            Some("3")
        );
    }

    #[test]
    fn malformed_escapes_and_bare_names_do_not_fail() {
        let query = Query::parse("q=100%&flag&=v&&%FF=x");
        assert_eq!(query.get("q").as_deref(), Some("100%"));
        assert_eq!(query.get("flag").as_deref(), Some(""));
        assert_eq!(query.get("").as_deref(), Some("v"));
        assert_eq!(query.get("\u{FFFD}").as_deref(), Some("x"));
        assert_eq!(Query::parse(""), Query::default());
    }

    #[test]
    fn a_path_segment_keeps_its_plus_signs() {
        assert_eq!(decode_segment("a%2Fb%20c"), "a/b c");
        assert_eq!(decode_segment("first+last"), "first+last");
    }

    #[test]
    fn the_full_path_joins_path_search_and_hash() {
        let url = Url {
            path: "/admin/".into(),
            search: "q=a".into(),
            hash: "#top".into(),
        };
        assert_eq!(full_path(&url), "/admin/?q=a#top");
        assert_eq!(full_path(&Url::default()), "");
    }
}
