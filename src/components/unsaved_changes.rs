//! Asks before unsaved edits are lost: on reload or closing the tab (the
//! browser's own prompt) and on in-app links (a confirmation). Pristine and
//! saved forms never ask.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Guards the calling component's lifetime while `dirty` is true. Returns
/// whether the admin chose to leave and lose the edits (then the form must
/// not keep them as a draft).
pub fn guard_unsaved_changes(dirty: Signal<bool>) -> StoredValue<bool> {
    let discarded = StoredValue::new(false);
    let leave_question = crate::i18n::t().leave_question;
    let before_unload = window_event_listener_untyped("beforeunload", move |event| {
        if dirty.get_untracked() && !discarded.get_value() {
            // Both, for the browsers that still read `returnValue`.
            event.prevent_default();
            if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                event.set_return_value(leave_question);
            }
        }
    });

    // Capture phase, so this runs before the router's click handler, which
    // leaves alone a click whose default was prevented.
    let on_click =
        Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            if !dirty.get_untracked() || !leaves_the_page(&event) {
                return;
            }
            let stay = !window()
                .confirm_with_message(leave_question)
                .unwrap_or(true);
            if stay {
                event.prevent_default();
            } else {
                discarded.set_value(true);
            }
        });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    let _ = document().add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        on_click.as_ref().unchecked_ref(),
        &options,
    );
    let on_click = send_wrapper::SendWrapper::new(on_click);
    on_cleanup(move || {
        before_unload.remove();
        let _ = document().remove_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
    });
    discarded
}

/// A plain click on a link to another page (not to an anchor on this one).
fn leaves_the_page(event: &web_sys::MouseEvent) -> bool {
    if !crate::router::is_plain_click(event) {
        return false;
    }
    // The first node of the composed path: inside a shadow root, `target`
    // seen from the document is the host element, not the link.
    let link = event
        .composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()
        .and_then(|e| e.closest("a[href]").ok().flatten());
    match link {
        Some(link) => {
            let href = link.get_attribute("href").unwrap_or_default();
            let new_tab = link.get_attribute("target").is_some_and(|t| t == "_blank");
            !href.starts_with('#') && !new_tab && !link.has_attribute("download")
        }
        None => false,
    }
}
