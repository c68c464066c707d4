//! A notice that outlives a navigation ("Changes saved." on the profile the
//! edit form returns to). It is read out by a polite live region that is in
//! the page before the text arrives, and goes with the next navigation.

use crate::router::use_location;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<(String, String)>>);

impl Flash {
    /// Shows `message` on the screen at `path` (an app path, e.g. `/users/7`).
    pub fn show_on(&self, path: String, message: impl Into<String>) {
        self.0.set(Some((path, message.into())));
    }
}

pub fn provide_flash() {
    provide_context(Flash(RwSignal::new(None)));
}

pub fn use_flash() -> Flash {
    expect_context::<Flash>()
}

/// The live region; place it once, above the screens.
#[component]
pub fn FlashNotice() -> impl IntoView {
    let Flash(slot) = use_flash();
    let location = use_location();
    let text = move || {
        let path = location.pathname.get();
        slot.with(|notice| {
            notice
                .as_ref()
                .filter(|(on, _)| path.ends_with(on.as_str()))
                .map(|(_, message)| message.clone())
        })
    };
    view! {
        <p class="ua-flash" role="status" aria-live="polite">{text}</p>
    }
}
