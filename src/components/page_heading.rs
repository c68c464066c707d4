//! A screen's `<h1>`, which also names the document and takes focus after
//! in-app navigation so screen-reader and keyboard users land on the new screen.

use leptos::html;
use leptos::prelude::*;

/// Whether this admin has shown a screen yet. Its first heading must not
/// take focus: the admin may be embedded in a portal page the user is
/// reading elsewhere (per mounted admin, not per page).
#[derive(Clone, Copy)]
pub struct ScreensShown(StoredValue<bool>);

pub fn provide_screens_shown() {
    provide_context(ScreensShown(StoredValue::new(false)));
}

/// The screen's title as an `<h1>`, the document title, and focus on navigation.
#[component]
pub fn PageHeading(#[prop(into)] title: String) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    crate::host::use_host().set_title(&format!("{title} – {}", crate::i18n::t().product));
    let take_focus = use_context::<ScreensShown>().is_some_and(|shown| {
        let seen = shown.0.get_value();
        shown.0.set_value(true);
        seen
    });
    Effect::new(move |_| {
        if let (true, Some(element)) = (take_focus, heading.get()) {
            let _ = element.focus();
        }
    });
    view! { <h1 class="ua-page-title" tabindex="-1" node_ref=heading>{title}</h1> }
}
