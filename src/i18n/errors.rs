//! A failed request in the admin's words: the catalogue's sentence for what
//! went wrong, then what the server itself said (its title, detail and
//! messages about the whole request), never the raw body.

use super::{fill, Messages};
use crate::api::error::Cause;
use crate::api::{ApiError, ErrorKind};

impl Messages {
    /// The title for a status the server did not explain.
    pub fn reason(&self, status: u16) -> &'static str {
        (self.reason_title)(status)
    }

    /// What to tell the admin about `error`.
    pub fn explain(&self, error: &ApiError) -> String {
        let lead = match (error.kind, &error.cause) {
            (ErrorKind::Network, _) => self.unreachable.to_owned(),
            (ErrorKind::Timeout, _) => self.too_slow.to_owned(),
            (ErrorKind::Unauthenticated, _) => self.session_expired.to_owned(),
            (ErrorKind::Forbidden, _) => {
                match error.challenge.as_ref().and_then(|c| c.scope.as_deref()) {
                    Some(scope) => fill(self.forbidden_needs, &[("scope", scope)]),
                    None => self.forbidden.to_owned(),
                }
            }
            (_, Some(Cause::WebPage)) => self.web_page_instead_of_data.to_owned(),
            (_, Some(Cause::TooLarge { limit_mib })) => {
                fill(self.answer_too_large, &[("mib", &limit_mib.to_string())])
            }
            (_, Some(Cause::Unreadable)) => self.unreadable_answer.to_owned(),
            // A title the server wrote stays as the server wrote it.
            _ => match (&error.title, error.status) {
                (Some(title), _) => title.clone(),
                (None, Some(status)) => self.reason(status).to_owned(),
                (None, None) => self.reason(0).to_owned(),
            },
        };
        let mut parts = vec![lead];
        parts.extend(error.detail.clone());
        parts.extend(error.form_errors.iter().cloned());
        parts.join(" ")
    }
}

/// Titles for a status the server did not explain: (status, English, German).
/// The last two rows are the fallbacks for any other 5xx and 4xx status.
const REASONS: [(u16, &str, &str); 16] = [
    (
        400,
        "The request was not valid.",
        "Die Anfrage war nicht gültig.",
    ),
    (401, "You are not signed in.", "Sie sind nicht angemeldet."),
    (
        403,
        "You do not have permission to do this.",
        "Dazu fehlt Ihnen die Berechtigung.",
    ),
    (404, "Not found.", "Nicht gefunden."),
    (
        405,
        "This action is not available.",
        "Diese Aktion ist nicht verfügbar.",
    ),
    (
        409,
        "This conflicts with the current state.",
        "Das widerspricht dem aktuellen Stand.",
    ),
    (410, "This no longer exists.", "Das gibt es nicht mehr."),
    (
        412,
        "Someone else changed this in the meantime.",
        "Jemand anderes hat das inzwischen geändert.",
    ),
    (
        413,
        "What you sent is too large.",
        "Was Sie gesendet haben, ist zu groß.",
    ),
    (
        415,
        "The server did not accept the format of the request.",
        "Der Server hat das Format der Anfrage nicht angenommen.",
    ),
    (
        422,
        "Some of what you entered is not valid.",
        "Einige Ihrer Eingaben sind nicht gültig.",
    ),
    (
        428,
        "The server needs to know which version you changed.",
        "Der Server muss wissen, welche Fassung Sie geändert haben.",
    ),
    (
        429,
        "Too many requests. Please wait a moment.",
        "Zu viele Anfragen. Bitte warten Sie einen Moment.",
    ),
    (
        503,
        "The server is unavailable right now.",
        "Der Server ist gerade nicht verfügbar.",
    ),
    (
        500,
        "Something went wrong on the server.",
        "Auf dem Server ist etwas schiefgegangen.",
    ),
    (0, "The request failed.", "Die Anfrage ist fehlgeschlagen."),
];

/// The row of [`REASONS`] for `status`.
fn reason_row(status: u16) -> (u16, &'static str, &'static str) {
    let key = match status {
        502..=504 => 503,
        500..=599 if !REASONS.iter().any(|(s, ..)| *s == status) => 500,
        _ if REASONS.iter().any(|(s, ..)| *s == status) => status,
        _ => 0,
    };
    REASONS
        .into_iter()
        .find(|(s, ..)| *s == key)
        .unwrap_or(REASONS[REASONS.len() - 1])
}

pub(super) fn english_reason(status: u16) -> &'static str {
    reason_row(status).1
}

pub(super) fn german_reason(status: u16) -> &'static str {
    reason_row(status).2
}

#[cfg(test)]
mod tests {
    use super::super::{DE, EN};
    use crate::api::ApiError;

    fn answer(status: u16, body: &str) -> ApiError {
        let content_type = Some("application/problem+json");
        ApiError::from_response(status, content_type, |_| None, body.as_bytes())
    }

    #[test]
    fn a_status_without_a_title_is_explained_in_the_admins_language() {
        let error = answer(503, "");
        assert_eq!(error.title, None);
        assert_eq!(EN.explain(&error), "The server is unavailable right now.");
        assert_eq!(DE.explain(&error), "Der Server ist gerade nicht verfügbar.");
    }

    #[test]
    fn every_status_has_a_title_in_both_languages() {
        let cases = [
            (412, "Someone else changed this in the meantime."),
            (502, "The server is unavailable right now."),
            (504, "The server is unavailable right now."),
            (500, "Something went wrong on the server."),
            (599, "Something went wrong on the server."),
            (418, "The request failed."),
            (0, "The request failed."),
        ];
        for (status, english) in cases {
            assert_eq!(EN.reason(status), english, "{status}");
            assert!(!DE.reason(status).is_empty());
        }
        assert_eq!(DE.reason(503), "Der Server ist gerade nicht verfügbar.");
    }

    #[test]
    fn the_servers_own_title_and_detail_stay_as_written() {
        let error = answer(
            409,
            r#"{"title": "Name in use", "detail": "Pick another."}"#,
        );
        assert_eq!(DE.explain(&error), "Name in use Pick another.");
    }

    #[test]
    fn what_the_client_found_wrong_is_worded_by_the_catalogue() {
        let page = ApiError::unexpected_body(200, Some("text/html"), b"<form action=/sso>");
        assert!(EN.explain(&page).contains("session may have expired"));
        assert!(DE.explain(&page).contains("Sitzung"));
        assert!(!EN.explain(&page).contains("<form"));
        let huge = ApiError::too_large(200, 16 << 20);
        assert_eq!(
            EN.explain(&huge),
            "The server's answer is over 16 MiB and was not read."
        );
        let unusable = ApiError::unusable(200, "the answer is not a user");
        assert_eq!(
            EN.explain(&unusable),
            "The server's answer could not be read."
        );
        assert_eq!(
            DE.explain(&ApiError::network("Failed to fetch")),
            DE.unreachable,
            "the browser's English stays in the console"
        );
        assert_eq!(EN.explain(&ApiError::timeout(30)), EN.too_slow);
    }
}
