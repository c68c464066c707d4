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
                        // Focus the field itself; the router must not treat the link as navigation.
                        let focus = move |event: leptos::ev::MouseEvent| {
                            event.prevent_default();
                            if let Some(field) = host.element_by_id(&target) {
                                let _ = field.focus();
                            }
                        };
                        view! { <li><a href=format!("#{id}") on:click=focus>{item.message}</a></li> }.into_any()
                    }
                    None => view! { <li>{item.message}</li> }.into_any(),
                })
                .collect_view();
            view! {
                <div class="ua-error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="ua-error-summary-title">
                    <h2 id="ua-error-summary-title" class="ua-error-summary__title">{t.there_is_a_problem}</h2>
                    <ul class="ua-error-summary__list">{entries}</ul>
                </div>
            }
        })
    }
}
