//! Property tests: arbitrary bytes and arbitrary JSON never make a decoder
//! panic (a panic in WebAssembly stops the whole UI).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use user_admin::api::error::ApiError;
use user_admin::api::wire;

/// Arbitrary JSON, biased towards the member names the decoders look for.
fn json() -> impl Strategy<Value = Value> {
    let name = prop_oneof![
        Just("errors".to_owned()),
        Just("pointer".to_owned()),
        Just("detail".to_owned()),
        Just("title".to_owned()),
        Just("invalidFields".to_owned()),
        Just("violations".to_owned()),
        Just("error".to_owned()),
        Just("loc".to_owned()),
        Just("items".to_owned()),
        Just("data".to_owned()),
        Just("meta".to_owned()),
        Just("id".to_owned()),
        Just("username".to_owned()),
        Just("status".to_owned()),
        Just("_links".to_owned()),
        "[a-zA-Z_$.\\[\\]0-9/#~]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        // The whole unsigned range, and its edges, which counts and pages meet.
        any::<u64>().prop_map(Value::from),
        prop_oneof![
            Just(u64::MAX),
            Just(u64::MAX - 1),
            Just(i64::MAX as u64 + 1)
        ]
        .prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::String),
        "[#/a-z~0-9.\\[\\]]{0,16}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((name.clone(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

fn decode_everything(status: u16, content_type: Option<&str>, body: &[u8]) {
    let error = ApiError::from_response(
        status,
        content_type,
        |_| Some("Bearer error=\"x".into()),
        body,
    );
    for field in &error.field_errors {
        let _ =
            user_admin::api::match_field(&field.path, &["username", "roles", "preferences/Locale"]);
    }
    let _ = wire::decode_page(body);
    let _ = wire::decode_user(body);
    let _ = wire::decode_presences(body);
    let _ = wire::decode_presence(body);
    let _ = wire::decode_created(body, Some("/users/%ff%00"));
}

proptest! {
    // PROPTEST_CASES=100000 for a longer run; 4,000 of each keeps CI quick.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4_000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_json_never_panics(value in json(), status in 100u16..600) {
        decode_everything(status, Some("application/problem+json"), value.to_string().as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), status in 100u16..600) {
        decode_everything(status, None, &bytes);
        decode_everything(status, Some("text/html"), &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500),
        ..ProptestConfig::default()
    })]

    /// `meta` numbers anywhere in the unsigned range decode, and the row
    /// numbers the pager shows for them saturate instead of wrapping.
    #[test]
    fn page_numbers_across_the_whole_range(page in any::<u64>(), count in any::<u64>(), total in any::<u64>(), limit in 1u64..=100) {
        let body = serde_json::json!({
            "meta": { "page": page, "pageCount": count, "totalCount": total },
            "items": [{ "id": "1", "username": "ada" }],
        });
        let decoded = wire::decode_page(body.to_string().as_bytes()).expect("a page");
        prop_assert_eq!(decoded.page, Some(page));
        let (first, last) = user_admin::components::pager::rows_shown(page, limit, decoded.items.len());
        prop_assert!(first <= last);
        prop_assert!(first >= 1);
    }

}

proptest! {
    // Each case builds thousands of segments: fewer cases, same reach.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(40),
        ..ProptestConfig::default()
    })]

    /// Error paths of thousands of segments, in every syntax, are kept
    /// short and matched without panicking.
    #[test]
    fn long_field_paths(segments in prop::collection::vec("[a-zA-Z0-9_]{1,6}", 0..3_000), style in 0..3u8) {
        let path = match style {
            0 => user_admin::api::field_path::FieldPath::from_dotted(&segments.join(".")),
            1 => user_admin::api::field_path::FieldPath::from_pointer(&format!("#/{}", segments.join("/"))),
            _ => user_admin::api::field_path::FieldPath::from_location_list(
                &segments.iter().map(|s| Value::from(s.as_str())).collect::<Vec<_>>(),
            ),
        };
        prop_assert!(path.segments.len() <= user_admin::api::field_path::MAX_SEGMENTS + 2);
        let _ = user_admin::api::match_field(&path, &["username", "roles", "preferences/Locale", "email"]);
    }
}
