//! The pager under a paged table: where the admin is ("26–50 of 1,000 ·
//! Page 2 of 40"), Previous and Next as links (so they open in a new tab and
//! survive a reload), and the page size.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{fill, t};

/// The 1-based numbers of the first and last row on a page, saturating: a
/// page number from the URL or the server may be anything up to `u64::MAX`.
pub fn rows_shown(page: u64, limit: u64, rows: usize) -> (u64, u64) {
    let before = page.saturating_mul(limit);
    (before.saturating_add(1), before.saturating_add(rows as u64))
}

/// Ids of the pager's controls: the screen gives focus back to the one the
/// admin used once the new page is in.
pub const PREVIOUS_ID: &str = "ua-pager-prev";
pub const NEXT_ID: &str = "ua-pager-next";
pub const SIZE_ID: &str = "ua-page-size";

#[component]
pub fn Pager(
    /// 0-based page shown.
    page: u64,
    /// Rows per page, one of `sizes`.
    limit: u64,
    sizes: &'static [u64],
    /// Rows on this page.
    rows: usize,
    total: Option<u64>,
    page_count: Option<u64>,
    /// Where Previous and Next go; `None` hides the link.
    previous: Option<String>,
    next: Option<String>,
    on_size: Callback<u64>,
    /// Told which control the admin used.
    refocus: StoredValue<Option<String>>,
) -> impl IntoView {
    let (first, last) = rows_shown(page, limit, rows);
    let t = t();
    let summary = match total {
        Some(total) => fill(
            t.range_of_total,
            &[
                ("first", &format::number(first)),
                ("last", &format::number(last)),
                ("total", &format::number(total)),
            ],
        ),
        None => format!("{}–{}", format::number(first), format::number(last)),
    };
    let pages = page_count.map(|count| {
        fill(
            t.page_of_pages,
            &[
                ("page", &format::number(page.saturating_add(1))),
                ("pages", &format::number(count.max(1))),
            ],
        )
    });
    let on_change = move |event: leptos::ev::Event| {
        refocus.set_value(Some(SIZE_ID.into()));
        if let Ok(size) = event_target_value(&event).parse() {
            on_size.run(size);
        }
    };
    let link = move |href: String, rel: &'static str, id: &'static str, label: &'static str| {
        view! {
            <a href=href rel=rel id=id on:click=move |_| refocus.set_value(Some(id.into()))>{label}</a>
        }
    };
    view! {
        <nav class="ua-pager" aria-label=t.pages>
            <p class="ua-pager__summary" aria-live="polite">{summary} {pages.map(|p| view! { <span class="ua-pager__pages">" · " {p}</span> })}</p>
            <div class="ua-pager__controls">
                {previous.map(|href| link(href, "prev", PREVIOUS_ID, t.previous))}
                {next.map(|href| link(href, "next", NEXT_ID, t.next))}
                <label>
                    {t.rows_per_page} " "
                    <select id=SIZE_ID on:change=on_change prop:value=limit.to_string()>
                        {sizes.iter().map(|size| view! { <option value=size.to_string()>{size.to_string()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_numbers_saturate_at_the_end_of_the_number_range() {
        assert_eq!(rows_shown(0, 25, 25), (1, 25));
        assert_eq!(rows_shown(2, 25, 3), (51, 53));
        assert_eq!(rows_shown(u64::MAX, 100, 25), (u64::MAX, u64::MAX));
        assert_eq!(
            rows_shown(u64::MAX / 100, 100, 100).0,
            (u64::MAX / 100) * 100 + 1
        );
        assert_eq!(rows_shown(u64::MAX, 25, 0).0, u64::MAX);
    }
}
