//! The report of a bulk run: what did not change and why (in the server's
//! words), then what changed, what was skipped and what was never started.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{fill, t};
use crate::resource::bulk::{Report, Target};

/// Why a user was not changed: the admin's sentence for the error and the
/// fields the server named.
fn reason(error: &ApiError) -> String {
    let mut parts = vec![t().explain(error)];
    parts.extend(
        error
            .field_errors
            .iter()
            .map(|field| format!("{}: {}", field.path.display(), field.message)),
    );
    parts.join(" ")
}

#[component]
pub fn BulkReport(
    report: Report,
    title_id: &'static str,
    /// Sends the failed ones again (read first).
    retry: Callback<()>,
) -> impl IntoView {
    let b = t().bulk;
    let title = fill(
        b.report_title,
        &[
            (
                "changed",
                &crate::format::number(report.changed.len() as u64),
            ),
            ("total", &crate::format::number(report.total() as u64)),
        ],
    );
    let failed = (!report.failed.is_empty()).then(|| {
        let count = report.failed.len();
        let items = report
            .failed
            .iter()
            .map(|(target, error)| {
                view! {
                    <li><strong>{target.name.clone()}</strong>": "{reason(error)}</li>
                }
            })
            .collect_view();
        view! {
            <h3>{b.report_failed}" ("{count}")"</h3>
            <ul class="ua-report__failed">{items}</ul>
            <button type="button" class="ua-button ua-button--primary" on:click=move |_| retry.run(())>
                {b.retry_failed}
            </button>
        }
    });
    view! {
        <h2 id=title_id tabindex="-1">{title}</h2>
        <div class="ua-report">
            {failed}
            <Names title=b.report_changed users=report.changed.clone()/>
            <Names title=b.report_skipped users=report.skipped.clone()/>
            <Names title=b.report_not_started users=report.not_started.clone()/>
        </div>
    }
}

/// A group of users by name, folded away (a run may change thousands).
#[component]
fn Names(title: &'static str, users: Vec<Target>) -> impl IntoView {
    (!users.is_empty()).then(|| {
        let count = users.len();
        let items = users
            .into_iter()
            .map(|user| view! { <li>{user.name}</li> })
            .collect_view();
        view! {
            <details class="ua-report__group">
                <summary>{title}" ("{count}")"</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::reason;
    use crate::api::ApiError;

    #[test]
    fn a_refused_user_is_explained_in_the_servers_words_with_the_fields_it_named() {
        let body = br#"{"type": "about:blank", "title": "Validation failed", "status": 422,
            "errors": [{"pointer": "/roles", "detail": "auditor cannot be given to contractors"}]}"#;
        let error = ApiError::from_response(422, Some("application/problem+json"), |_| None, body);
        let text = reason(&error);
        assert!(text.starts_with("Validation failed"), "{text}");
        assert!(
            text.contains("auditor cannot be given to contractors"),
            "{text}"
        );
        assert!(text.contains("roles"), "{text}");
    }
}
