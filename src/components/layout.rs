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
