//! The frame around every screen: product name, navigation, content area.

use leptos::prelude::*;

use crate::components::flash::FlashNotice;
use crate::config::use_config;
use crate::resource::{use_capabilities, use_may_create_users};
use crate::router::use_location;
use crate::routes::{self, href, use_current_screen, Screen};

/// Header with the navigation and a `<main>` landmark for the current screen.
/// The link of the current screen has `aria-current="page"`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // Admins who may not create users, or whose API cannot, are not
    // offered the form; an API without presence has no presence screen.
    let may_write = use_may_create_users();
    let can = use_capabilities();
    let (own_presence, has_profile) = (can.own_presence, can.profile);
    // Tell the host where the admin is, so the portal can follow (breadcrumbs).
    let location = use_location();
    let host = crate::host::use_host();
    let events = host.clone();
    let config = use_config();
    // The host's locale names the language of everything below (screen
    // readers pick their voice from it).
    let lang = config.locale.clone();
    Effect::new(move |_| {
        let search = location.search.get();
        let query = if search.is_empty() { "" } else { "?" };
        let path = format!("{}{query}{search}", location.pathname.get());
        let url = format!(
            "{}{path}{}",
            window().location().origin().unwrap_or_default(),
            location.hash.get()
        );
        let base = use_config().base_path;
        let own = path.strip_prefix(base.as_str()).unwrap_or(&path);
        events.navigated(if own.is_empty() { "/" } else { own }, &url);
    });
    // Standalone, the admin is the page: banner and main landmarks. In a
    // portal those are the portal's; the admin is one named region of it.
    let owns_page = host.owns_page();
    // A screen's code starts loading when the pointer or focus reaches a
    // link to it, before the click.
    let links = StoredValue::new(use_config());
    let t = crate::i18n::t();
    view! {
        <div
            class="ua-app"
            lang=lang
            role=(!owns_page).then_some("region")
            aria-label=(!owns_page).then_some(t.product)
            on:pointerover=move |event| links.with_value(|config| prefetch_link(config, event.target()))
            on:focusin=move |event| links.with_value(|config| prefetch_link(config, event.target()))
        >
            <div class="ua-header" role=owns_page.then_some("banner")>
                <span class="ua-brand">{t.product}</span>
                <nav class="ua-nav" aria-label=t.product>
                    <ul>
                        <li>{nav_link(routes::list(), Screen::List, t.users)}</li>
                        {move || (may_write.get() == Some(true)).then(|| view! {
                            <li>{nav_link(routes::new_user(), Screen::NewUser, t.create_user)}</li>
                        })}
                        {has_profile.then(|| view! {
                            <li>{nav_link(routes::own_profile(), Screen::OwnProfile, t.my_profile)}</li>
                        })}
                        {own_presence.then(|| view! {
                            <li>{nav_link(routes::my_presence(), Screen::MyPresence, t.my_presence)}</li>
                        })}
                    </ul>
                </nav>
            </div>
            <div class="ua-main" role=owns_page.then_some("main")>
                <FlashNotice/>
                {children()}
            </div>
        </div>
    }
}

/// A link of the navigation, marked as the current page while its screen is
/// shown.
fn nav_link(route: String, screen: Screen, label: &'static str) -> impl IntoView {
    let current = use_current_screen();
    let is_current = move || current.with(|shown| *shown == screen).then_some("page");
    view! { <a href=href(&route) aria-current=is_current>{label}</a> }
}

/// Starts loading the screen a link under the pointer or focus leads to.
fn prefetch_link(config: &crate::config::Config, target: Option<web_sys::EventTarget>) {
    use wasm_bindgen::JsCast;
    let link = target
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten());
    let href = link.and_then(|link| link.get_attribute("href"));
    if let Some(route) = href.as_deref().and_then(|href| config.route_of(href)) {
        routes::prefetch_for(route);
    }
}
