//! "37 of 120": a progress bar and the same words, announced politely; a
//! total the server did not give reads as "?".

use leptos::prelude::*;

use crate::i18n::{fill, t};

/// A total in the admin's locale, or "?" when the server did not say.
pub fn total_words(total: Option<u64>) -> String {
    total
        .map(crate::format::number)
        .unwrap_or_else(|| "?".into())
}

/// "37 of 120" (or "37 of ?") in the admin's locale.
pub fn done_of_total(done: u64, total: Option<u64>) -> String {
    fill(
        t().bulk.progress,
        &[
            ("done", &crate::format::number(done)),
            ("total", &total_words(total)),
        ],
    )
}

#[component]
pub fn Progress(
    done: u64,
    total: Option<u64>,
    /// The id of the heading that names what is in progress.
    labelled_by: &'static str,
) -> impl IntoView {
    let words = done_of_total(done, total);
    view! {
        <progress class="ua-progress" max=total.unwrap_or(0).max(1).to_string() value=done.to_string()
            aria-labelledby=labelled_by aria-valuetext=words.clone()></progress>
        <p role="status" class="ua-progress__words">{words}</p>
    }
}
