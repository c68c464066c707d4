//! The error model against real bodies: the examples in the API documents the
//! product was specified from, and one body per other dialect we read.
#![cfg(not(target_arch = "wasm32"))]

use user_admin::api::error::{ApiError, Cause, Challenge, Dialect, ErrorKind, RetryAfter};
use user_admin::api::field_path::{match_field, FieldPath, Location};
use user_admin::i18n::Language;

const FORM: &[&str] = &[
    "username", "fullName", "email", "roles", "timeZone", "active",
];

fn decode(status: u16, content_type: &str, headers: &[(&str, &str)], body: &str) -> ApiError {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    ApiError::from_response(
        status,
        Some(content_type),
        |name| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        },
        body.as_bytes(),
    )
}

/// (form field or "" for the summary, message) for each field error.
fn on_form(error: &ApiError) -> Vec<(String, String)> {
    error
        .field_errors
        .iter()
        .map(|e| {
            (
                match_field(&e.path, FORM).unwrap_or("").to_owned(),
                e.message.clone(),
            )
        })
        .collect()
}

#[test]
fn our_server_problem_json_maps_pointers_to_fields() {
    let body = r##"{"type": "https://user-admin.example/problems/validation", "title": "Your request is not valid.",
        "status": 422, "detail": "2 fields are invalid.", "instance": "urn:request:5f2",
        "errors": [{"detail": "is already taken", "pointer": "#/username"},
                   {"detail": "must be a tz database name", "pointer": "#/timeZone"},
                   {"detail": "is not an assignable role", "pointer": "#/roles/2"},
                   {"detail": "must be a whole number", "parameter": "limit"}]}"##;
    let error = decode(422, "application/problem+json", &[], body);
    assert_eq!(error.kind, ErrorKind::Validation);
    assert_eq!(error.dialect, Dialect::ProblemDetails);
    assert_eq!(error.title.as_deref(), Some("Your request is not valid."));
    assert_eq!(error.detail.as_deref(), Some("2 fields are invalid."));
    assert_eq!(error.reference.as_deref(), Some("urn:request:5f2"));
    assert_eq!(
        on_form(&error),
        [
            ("username".into(), "is already taken".into()),
            ("timeZone".into(), "must be a tz database name".into()),
            ("roles".into(), "is not an assignable role".into()),
            ("".into(), "must be a whole number".into()),
        ]
    );
    assert_eq!(error.field_errors[3].path, FieldPath::parameter("limit"));
    assert_eq!(error.field_errors[3].path.location, Location::Query);
}

#[test]
fn problem_details_with_invalid_fields_error_code_and_request_id() {
    let body = r##"{"type": "https://docs.example/problems/validation", "title": "The request is missing required fields or contains invalid data.",
        "status": 422, "detail": "There are 2 invalid fields.", "errorCode": "702", "requestId": "JR7NQ8VNBS4QFC65",
        "invalidFields": [{"name": "email", "value": "jane@", "message": "Invalid email address"},
                          {"name": "timeZoneCode", "value": "Mars/Base", "message": "Unknown time zone"},
                          {"name": "apps", "value": 12, "message": "Unknown app"}]}"##;
    let error = decode(422, "application/problem+json", &[], body);
    assert_eq!(error.dialect, Dialect::InvalidFields);
    assert_eq!(error.code.as_deref(), Some("702"));
    assert_eq!(error.reference.as_deref(), Some("JR7NQ8VNBS4QFC65"));
    assert_eq!(
        error.field_errors[0].rejected_value.as_deref(),
        Some("jane@")
    );
    assert_eq!(error.field_errors[2].rejected_value.as_deref(), Some("12"));
    let mapped = on_form(&error);
    assert_eq!(mapped[0], ("email".into(), "Invalid email address".into()));
    // timeZoneCode is not a field of this form: it goes to the summary, never dropped.
    assert_eq!(mapped[1], ("".into(), "Unknown time zone".into()));
}

#[test]
fn rejected_values_are_kept_as_text_when_they_are_scalars() {
    let body = r##"{"status": 422, "invalidFields": [
        {"name": "active", "value": true, "message": "Cannot deactivate yourself"},
        {"name": "roles", "value": ["admin", "<b>x</b>"], "message": "Unknown role"},
        {"name": "preferences", "value": {"a": 1}, "message": "Unknown preference"},
        {"name": "manager", "value": null, "message": "Required"}]}"##;
    let error = decode(422, "application/problem+json", &[], body);
    let rejected: Vec<Option<&str>> = error
        .field_errors
        .iter()
        .map(|field| field.rejected_value.as_deref())
        .collect();
    assert_eq!(rejected, [Some("true"), None, None, None]);
}

#[test]
fn message_and_oauth_bodies() {
    let message = decode(
        400,
        "application/json",
        &[],
        r##"{"message": "Version missing from Accept header!"}"##,
    );
    assert_eq!(
        (message.kind, message.dialect),
        (ErrorKind::BadRequest, Dialect::Message)
    );
    assert_eq!(message.form_errors, ["Version missing from Accept header!"]);

    let not_found = decode(
        404,
        "application/json",
        &[],
        r##"{"message": "No user with that username could be found."}"##,
    );
    assert_eq!(not_found.kind, ErrorKind::NotFound);

    let missing = decode(
        401,
        "application/json",
        &[],
        r##"{"error_description": "The access token is missing", "error": "invalid_request"}"##,
    );
    assert_eq!(
        (missing.kind, missing.dialect),
        (ErrorKind::Unauthenticated, Dialect::OAuth)
    );
    assert_eq!(missing.code.as_deref(), Some("invalid_request"));
    assert_eq!(
        missing.detail.as_deref(),
        Some("The access token is missing")
    );

    let invalid = decode(
        401,
        "application/json",
        &[(
            "WWW-Authenticate",
            "Bearer realm=\"api\", error=\"invalid_token\"",
        )],
        r##"{"error_description": "The access token is invalid or has expired", "error": "invalid_token"}"##,
    );
    let challenge = invalid.challenge.unwrap();
    assert_eq!(challenge.error.as_deref(), Some("invalid_token"));
    assert_eq!(
        challenge.error_description.as_deref(),
        Some("The access token is invalid or has expired")
    );

    let scope = decode(
        403,
        "application/json",
        &[],
        r##"{"message": "Insufficient scope"}"##,
    );
    assert_eq!(
        (scope.kind, scope.form_errors.as_slice()),
        (ErrorKind::Forbidden, &["Insufficient scope".to_owned()][..])
    );
    let method = decode(
        405,
        "application/json",
        &[("Allow", "GET, PUT")],
        r##"{"message": "Method Not Allowed"}"##,
    );
    assert_eq!(
        (method.kind, method.allow.clone()),
        (
            ErrorKind::MethodNotAllowed,
            vec!["GET".to_owned(), "PUT".to_owned()]
        )
    );
}

#[test]
fn wle_error_keeps_the_message_and_number_but_not_the_stack_trace() {
    let body = r##"{"status": "error", "exceptionType": "com.lombardisoftware.core.TeamWorksException",
        "errorNumber": "CWTBG0019E", "errorMessage": "CWTBG0019E: Unexpected exception during execution.",
        "errorMessageParameters": ["x"], "programmersDetails": {"stack": "at com.lombardisoftware.Foo(Foo.java:12)"}}"##;
    let error = decode(500, "application/json", &[], body);
    assert_eq!(
        (error.kind, error.dialect),
        (ErrorKind::Server, Dialect::Wle)
    );
    assert_eq!(error.code.as_deref(), Some("CWTBG0019E"));
    assert_eq!(
        error.form_errors,
        ["CWTBG0019E: Unexpected exception during execution."]
    );
    assert!(
        !format!("{error:?}").contains("Foo.java"),
        "the stack trace is not kept"
    );
    // The documented JSON form wraps the exception in `Data`.
    let wrapped = decode(
        404,
        "application/json",
        &[],
        r##"{"status": "error", "Data": {"status": "404", "exceptionType": "x.UserNotFound",
            "errorNumber": "CWTBG0550E", "errorMessage": "CWTBG0550E: The user 42 does not exist."}}"##,
    );
    assert_eq!(
        (wrapped.kind, wrapped.dialect, wrapped.code.as_deref()),
        (ErrorKind::NotFound, Dialect::Wle, Some("CWTBG0550E"))
    );
    assert_eq!(
        wrapped.form_errors,
        ["CWTBG0550E: The user 42 does not exist."]
    );
    // The body's `status` is advisory: the HTTP status decides.
    let odd = decode(
        404,
        "application/json",
        &[],
        r##"{"status": "200", "errorNumber": 7, "errorMessage": "No such user"}"##,
    );
    assert_eq!(
        (odd.kind, odd.code.as_deref()),
        (ErrorKind::NotFound, Some("7"))
    );
}

#[test]
fn problem_details_without_field_errors() {
    let body = r##"{"type": "about:blank", "title": "string", "status": 0, "detail": "string", "instance": "string"}"##;
    let error = decode(400, "application/problem+json", &[], body);
    assert_eq!(
        (error.kind, error.dialect),
        (ErrorKind::BadRequest, Dialect::ProblemDetails)
    );
    assert_eq!(
        (
            error.title.as_deref().unwrap_or_default(),
            error.detail.as_deref()
        ),
        ("string", Some("string"))
    );
    assert!(error.field_errors.is_empty());
}

#[test]
fn asp_net_validation_problem_details() {
    let body = r##"{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "One or more validation errors occurred.",
        "status": 400, "traceId": "00-84c1fd4063c38d9f3900d06e56542d48-85d1d4-00",
        "errors": {"Email": ["The Email field is required."], "Roles[1]": ["Unknown role."], "": ["The request is empty."]}}"##;
    let error = decode(400, "application/problem+json", &[], body);
    assert_eq!(
        (error.kind, error.dialect),
        (ErrorKind::Validation, Dialect::AspNet)
    );
    assert_eq!(
        error.reference.as_deref(),
        Some("00-84c1fd4063c38d9f3900d06e56542d48-85d1d4-00")
    );
    assert_eq!(
        on_form(&error),
        [
            ("email".into(), "The Email field is required.".into()),
            ("roles".into(), "Unknown role.".into())
        ]
    );
    assert_eq!(error.form_errors, ["The request is empty."]);
}

#[test]
fn zalando_and_symfony_violations() {
    let zalando = decode(
        400,
        "application/problem+json",
        &[],
        r##"{"title": "Constraint Violation", "status": 400, "violations": [{"field": "createUser.user.email", "message": "must be a well-formed email address"}]}"##,
    );
    assert_eq!(
        (zalando.kind, zalando.dialect),
        (ErrorKind::Validation, Dialect::Violations)
    );
    assert_eq!(
        on_form(&zalando),
        [("email".into(), "must be a well-formed email address".into())]
    );

    let symfony = decode(
        422,
        "application/problem+json",
        &[],
        r##"{"title": "An error occurred", "violations": [{"propertyPath": "fullName", "title": "This value is too long."},
                                                          {"propertyPath": "", "message": "Whole object invalid"}]}"##,
    );
    assert_eq!(symfony.dialect, Dialect::Symfony);
    assert_eq!(
        on_form(&symfony),
        [("fullName".into(), "This value is too long.".into())]
    );
    assert_eq!(symfony.form_errors, ["Whole object invalid"]);
}

#[test]
fn json_api_errors_with_source() {
    let body = r##"{"errors": [{"status": "422", "title": "Invalid Attribute", "detail": "must contain at least three characters",
        "source": {"pointer": "/data/attributes/username"}}, {"status": "400", "detail": "bad page", "source": {"parameter": "page"}}]}"##;
    let error = decode(422, "application/vnd.api+json", &[], body);
    assert_eq!(error.dialect, Dialect::JsonApi);
    assert_eq!(
        on_form(&error)[0],
        (
            "username".into(),
            "must contain at least three characters".into()
        )
    );
    assert_eq!(error.field_errors[1].path, FieldPath::parameter("page"));
}

#[test]
fn laravel_django_fastapi_and_google() {
    let laravel = decode(
        422,
        "application/json",
        &[],
        r##"{"message": "The email field is required. (and 1 more error)", "errors": {"email": ["The email field is required."], "roles.0": ["The selected roles.0 is invalid."]}}"##,
    );
    assert_eq!(laravel.dialect, Dialect::Laravel);
    assert_eq!(
        laravel.detail.as_deref(),
        Some("The email field is required. (and 1 more error)")
    );
    assert_eq!(
        on_form(&laravel),
        [
            ("email".into(), "The email field is required.".into()),
            ("roles".into(), "The selected roles.0 is invalid.".into())
        ]
    );

    let django = decode(
        400,
        "application/json",
        &[],
        r##"{"email": ["Enter a valid email address."], "time_zone": ["Unknown zone."], "non_field_errors": ["Username and email clash."]}"##,
    );
    assert_eq!(django.dialect, Dialect::Django);
    assert_eq!(django.kind, ErrorKind::Validation);
    assert_eq!(
        on_form(&django),
        [
            ("email".into(), "Enter a valid email address.".into()),
            ("timeZone".into(), "Unknown zone.".into())
        ]
    );
    assert_eq!(django.form_errors, ["Username and email clash."]);

    let fastapi = decode(
        422,
        "application/json",
        &[],
        r##"{"detail": [{"type": "string_too_short", "loc": ["body", "username"], "msg": "String should have at least 1 character", "input": ""},
                      {"loc": ["query", "limit"], "msg": "Input should be less than or equal to 100", "input": "101"}]}"##,
    );
    assert_eq!(fastapi.dialect, Dialect::FastApi);
    assert_eq!(
        on_form(&fastapi)[0],
        (
            "username".into(),
            "String should have at least 1 character".into()
        )
    );
    assert_eq!(fastapi.field_errors[1].path.location, Location::Query);

    let google = decode(
        400,
        "application/json",
        &[],
        r##"{"error": {"code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT",
            "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "user.email", "description": "Invalid email"}]}]}}"##,
    );
    assert_eq!(google.dialect, Dialect::Google);
    assert_eq!(google.code.as_deref(), Some("INVALID_ARGUMENT"));
    assert_eq!(
        google.detail.as_deref(),
        Some("Request contains an invalid argument.")
    );
    assert_eq!(on_form(&google), [("email".into(), "Invalid email".into())]);
}

#[test]
fn html_and_empty_bodies_are_never_kept_as_markup() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><script>alert(1)</script><h1>502 Bad Gateway</h1></body></html>";
    let error = decode(502, "text/html; charset=utf-8", &[], html);
    assert_eq!(
        (error.kind, error.dialect),
        (ErrorKind::Unavailable, Dialect::NotJson)
    );
    // No title of the server's: the admin reads the status's own sentence.
    assert_eq!(error.title, None);
    assert_eq!(
        Language::English.messages().explain(&error),
        "The server is unavailable right now."
    );
    assert!(error.detail.is_none() && error.form_errors.is_empty());
    assert!(error.snippet.as_deref().unwrap().len() <= 200);

    let empty = decode(503, "", &[("Retry-After", "12")], "");
    assert_eq!(
        (empty.kind, empty.dialect),
        (ErrorKind::Unavailable, Dialect::Empty)
    );
    assert_eq!(empty.retry_after, Some(RetryAfter::Seconds(12)));

    let login_page = ApiError::unexpected_body(200, Some("text/html"), b"<form action=/sso>");
    assert_eq!(login_page.kind, ErrorKind::UnexpectedBody);
    assert_eq!(login_page.cause, Some(Cause::WebPage));
    assert!(Language::English
        .messages()
        .explain(&login_page)
        .contains("session may have expired"));
}

#[test]
fn members_of_the_wrong_type_are_ignored_not_fatal() {
    let body = r##"{"type": 5, "title": ["x"], "status": "422", "detail": {"a": 1}, "instance": null,
        "errors": [{"detail": 3, "pointer": "#/email"}, "junk", {"detail": "is required", "pointer": 7}, {"detail": "is taken", "pointer": "#/username"}]}"##;
    let error = decode(422, "application/problem+json; charset=utf-8", &[], body);
    assert_eq!(error.title, None);
    assert_eq!(
        Language::English.messages().explain(&error),
        "Some of what you entered is not valid. is required"
    );
    assert_eq!(error.detail, None);
    assert_eq!(on_form(&error), [("username".into(), "is taken".into())]);
    assert_eq!(error.form_errors, ["is required"]);
}

#[test]
fn problem_bodies_sent_as_plain_json_or_without_a_content_type_are_recognised() {
    let body = r##"{"title": "Conflict", "status": 409, "errors": [{"detail": "is already taken", "pointer": "#/email"}]}"##;
    let error = ApiError::from_response(409, None, |_| None, body.as_bytes());
    assert_eq!(
        (error.kind, error.dialect),
        (ErrorKind::Validation, Dialect::ProblemDetails)
    );
    assert_eq!(
        on_form(&error),
        [("email".into(), "is already taken".into())]
    );
}

#[test]
fn long_strings_and_huge_bodies_are_capped() {
    let long = "x".repeat(50_000);
    let body = format!(r##"{{"title": "{long}", "detail": "{long}"}}"##);
    let error = decode(400, "application/problem+json", &[], &body);
    assert!(error
        .title
        .is_none_or(|title| title.chars().count() <= 1_001));
    let read = "t".repeat(20_000);
    let body = format!(r##"{{"title": "{read}"}}"##);
    let error = decode(400, "application/problem+json", &[], &body);
    assert_eq!(
        error.title.unwrap().chars().count(),
        1_001,
        "1,000 and an ellipsis"
    );
    let huge = format!("{{\"message\": \"{}\"}}", "y".repeat(200_000));
    let capped = decode(400, "application/json", &[], &huge);
    assert_eq!(
        capped.dialect,
        Dialect::NotJson,
        "a body cut at 64 KiB is not parsed as JSON"
    );
}

#[test]
fn retry_after_and_challenges() {
    assert_eq!(RetryAfter::parse("120"), Some(RetryAfter::Seconds(120)));
    let date = RetryAfter::parse("Sun, 22 Nov 2026 10:00:30 GMT").unwrap();
    assert_eq!(date.delay_from(1_795_341_600), 30);
    assert_eq!(RetryAfter::parse("soon"), None);
    let challenge = Challenge::parse(
        r##"Bearer realm="user-admin", error="insufficient_scope", scope="users:write presence:write""##,
    );
    assert_eq!(challenge.scheme, "Bearer");
    assert_eq!(challenge.error.as_deref(), Some("insufficient_scope"));
    assert_eq!(
        challenge.scope.as_deref(),
        Some("users:write presence:write")
    );
}
