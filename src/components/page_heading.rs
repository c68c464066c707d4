//! A screen's `<h1>`, which also names the document and takes focus after
//! in-app navigation so screen-reader and keyboard users land on the new screen.

use std::cell::Cell;

use leptos::html;
use leptos::prelude::*;

/// Application name appended to every document title.
const PRODUCT_NAME: &str = "User admin";

thread_local! {
    // The first heading after start-up must not take focus: the admin may be
    // embedded in a portal page the user is reading elsewhere.
    static HAS_RENDERED_A_SCREEN: Cell<bool> = const { Cell::new(false) };
}

/// The screen's title as an `<h1>`, the document title, and focus on navigation.
#[component]
pub fn PageHeading(#[prop(into)] title: String) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    document().set_title(&format!("{title} – {PRODUCT_NAME}"));
    let take_focus = HAS_RENDERED_A_SCREEN.with(|seen| seen.replace(true));
    Effect::new(move |_| {
        if let (true, Some(element)) = (take_focus, heading.get()) {
            let _ = element.focus();
        }
    });
    view! { <h1 class="ua-page-title" tabindex="-1" node_ref=heading>{title}</h1> }
}
