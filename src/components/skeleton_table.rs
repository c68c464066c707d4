//! A table's shape while its rows are on the way: the real column headers
//! and grey rows, so the page does not jump when the data comes, and a
//! status line for screen readers.

use leptos::prelude::*;

#[component]
pub fn SkeletonTable(
    columns: Vec<&'static str>,
    rows: usize,
    /// The table's caption while loading ("Users, loading").
    caption: &'static str,
    /// What the status line says ("Loading users…").
    status: &'static str,
) -> impl IntoView {
    let cells = columns.len();
    view! {
        <table class="ua-table ua-table--loading" aria-busy="true">
            <caption class="ua-visually-hidden">{caption}</caption>
            <thead><tr>{columns.into_iter().map(|label| view! { <th scope="col">{label}</th> }).collect_view()}</tr></thead>
            <tbody>
                {(0..rows).map(|_| view! {
                    <tr class="ua-skeleton-row">
                        {(0..cells).map(|_| view! { <td><span class="ua-skeleton"></span></td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <p class="ua-visually-hidden" role="status">{status}</p>
    }
}
