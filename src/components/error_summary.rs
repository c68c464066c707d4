//! The GOV.UK error summary: "There is a problem", one entry per error, each
//! a link to its field with the same words as the inline message. It takes
//! focus when it appears, so keyboard and screen-reader users land on it.

use leptos::html;
use leptos::prelude::*;

/// One entry: the message, and the id of the field it belongs to (none for
/// errors about the whole form).
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryItem {
    pub field_id: Option<String>,
    pub message: String,
}

#[component]
pub fn ErrorSummary(items: Signal<Vec<SummaryItem>>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if !items.get().is_empty() {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    let host = crate::host::use_host();
    let t = crate::i18n::t();
    move || {
        let list = items.get();
        (!list.is_empty()).then(|| {
            let entries = list
                .into_iter()
                .map(|item| match item.field_id {
                    Some(id) => {
                        let target = id.clone();
                        let host = host.clone();
                        // The router must not treat the link as navigation.
                        let focus = move |event: leptos::ev::MouseEvent| {
                            event.prevent_default();
                            if let Some(field) = host.element_by_id(&target) {
                                focus_field(&field);
                            }
                        };
                        view! { <li><a href=format!("#{id}") on:click=focus>{item.message}</a></li> }.into_any()
                    }
                    None => view! { <li>{item.message}</li> }.into_any(),
                })
                .collect_view();
            view! {
                // The alert is a child of the element that takes focus: with
                // both on one element, some screen readers announce the
                // summary twice or cut the announcement off (GOV.UK Frontend).
                <div class="ua-error-summary" tabindex="-1" node_ref=summary aria-labelledby="ua-error-summary-title">
                    <div role="alert">
                        <h2 id="ua-error-summary-title" class="ua-error-summary__title">{t.there_is_a_problem}</h2>
                        <ul class="ua-error-summary__list">{entries}</ul>
                    </div>
                </div>
            }
        })
    }
}

/// Focuses a field from its summary link with its label (or a group's
/// legend) scrolled into view: scrolled to the input alone, the question it
/// answers would sit above the top of the screen.
fn focus_field(field: &web_sys::HtmlElement) {
    let caption = if field.tag_name().eq_ignore_ascii_case("fieldset") {
        field.query_selector("legend").ok().flatten()
    } else {
        field
            .closest(".ua-field")
            .ok()
            .flatten()
            .and_then(|wrapper| wrapper.query_selector("label").ok().flatten())
    };
    match caption {
        Some(caption) => {
            caption.scroll_into_view();
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = field.focus_with_options(&options);
        }
        None => {
            let _ = field.focus();
        }
    }
}
