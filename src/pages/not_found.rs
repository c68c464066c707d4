//! Shown for any path under the base path that no screen claims.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::config::{app_href, Config};
use crate::pages::UserList;

/// What a path no route matches shows: "not found" below the base path; the
/// start screen outside it. The URL is outside when the portal's page is not
/// the admin's own, or when another admin on the same page owns the URL
/// (Back to one of its entries must not turn this one into an error).
#[component]
pub fn Unmatched() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let config = use_context::<Config>().unwrap_or_default();
    // The router calls this again whenever it falls back, so no tracking here.
    if config.owns_path(&location.pathname.get_untracked()) {
        return view! { <NotFound/> }.into_any();
    }
    match use_context::<OutsideScreen>() {
        Some(outside) => outside.render(|| view! { <UserList/> }.into_any()),
        None => view! { <UserList/> }.into_any(),
    }
}

/// Owns the start screen shown while the URL is outside the base path.
///
/// The router renders its fallback under its own effect, whose owner it
/// clears on every URL change, also one that leaves the fallback on screen
/// (another admin's Back on the same page): the list would stay visible with
/// its signals gone. Owned here instead, it lives until the URL comes back
/// under the base path or the next fallback replaces it.
#[derive(Clone, Copy)]
pub struct OutsideScreen {
    parent: StoredValue<Owner>,
    current: StoredValue<Option<Owner>>,
}

impl OutsideScreen {
    /// Provides it for the screens below the calling component (the layout,
    /// inside the router, so the screen still sees the router's context).
    pub fn provide() -> Self {
        let outside = Self {
            parent: StoredValue::new(Owner::current().unwrap_or_default()),
            current: StoredValue::new(None),
        };
        provide_context(outside);
        outside
    }

    fn render(&self, screen: impl FnOnce() -> AnyView) -> AnyView {
        let owner = self.parent.with_value(Owner::child);
        let view = owner.with(screen);
        // Replacing the previous owner disposes the previous screen.
        self.current.set_value(Some(owner));
        view
    }

    /// The URL is the admin's again: the start screen is gone from view.
    pub fn release(&self) {
        self.current.set_value(None);
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <PageHeading title=t.page_not_found/>
        <p>{t.no_page_here}<a href=app_href("/")>{t.go_to_list}</a>"."</p>
    }
}
