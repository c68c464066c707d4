//! The frame around every screen: product name, navigation, content area.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::flash::FlashNotice;
use crate::config::app_href;
use crate::resource::users::use_may_write_users;

/// Header with the navigation and a `<main>` landmark for the current screen.
/// `<A>` marks the link of the current screen with `aria-current="page"`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // Admins who may not change users are not offered the form.
    let may_write = use_may_write_users();
    // Tell the host where the admin is, so the portal can follow (breadcrumbs).
    let location = leptos_router::hooks::use_location();
    let host = crate::host::use_host();
    Effect::new(move |_| {
        let search = location.search.get();
        let query = match search.as_str() {
            "" => String::new(),
            q if q.starts_with('?') => q.to_owned(),
            q => format!("?{q}"),
        };
        let path = format!("{}{query}", location.pathname.get());
        let url = window().location().href().unwrap_or_default();
        let base = use_context::<crate::config::Config>()
            .map(|c| c.base_path)
            .unwrap_or_default();
        let own = path.strip_prefix(base.as_str()).unwrap_or(&path);
        host.navigated(if own.is_empty() { "/" } else { own }, &url);
    });
    view! {
        <div class="ua-app">
            <header class="ua-header">
                <span class="ua-brand">"User admin"</span>
                <nav class="ua-nav" aria-label="User admin">
                    <ul>
                        <li><A href=app_href("/") exact=true>"Users"</A></li>
                        {move || (may_write.get() == Some(true)).then(|| view! {
                            <li><A href=app_href("/users/new")>"Create user"</A></li>
                        })}
                        <li><A href=app_href("/profile")>"My profile"</A></li>
                        <li><A href=app_href("/me")>"My presence"</A></li>
                    </ul>
                </nav>
            </header>
            <main class="ua-main">
                <FlashNotice/>
                {children()}
            </main>
        </div>
    }
}
