//! Success bodies from every dialect become the same wire types.
#![cfg(not(target_arch = "wasm32"))]

use user_admin::api::wire::{
    decode_created, decode_page, decode_presence, decode_presences, decode_user, Page,
    PresenceState,
};

#[test]
fn our_contract_user_and_page() {
    let user = r##"{"id": "7f0c", "username": "jdoe", "fullName": "Jane Doe", "email": "jane@example.com",
        "active": true, "roles": ["support"], "timeZone": "Europe/Amsterdam", "memberships": ["tw_admins"],
        "preferences": {"Locale": "en"}, "lastLoginAt": "2026-11-01T10:00:00Z", "createdAt": "2025-03-02T08:00:00Z",
        "_links": {"self": {"href": "/api/v1/users/7f0c"}}, "somethingNew": 1}"##;
    let decoded = decode_user(user.as_bytes()).unwrap();
    assert_eq!(decoded.id, "7f0c");
    assert_eq!(decoded.full_name.as_deref(), Some("Jane Doe"));
    assert_eq!(decoded.roles, ["support"]);
    assert_eq!(
        decoded.preferences,
        [("Locale".to_owned(), "en".to_owned())]
    );
    assert_eq!(
        decoded.last_login_at.as_deref(),
        Some("2026-11-01T10:00:00Z")
    );

    let page = format!(
        r##"{{"meta": {{"page": 0, "count": 1, "pageCount": 8, "totalCount": 200}}, "items": [{user}, {{"no": "id"}}],
             "_links": {{"self": {{"href": "x"}}, "next": {{"href": "y"}}}}}}"##
    );
    let page = decode_page(page.as_bytes()).unwrap();
    assert_eq!((page.items.len(), page.skipped), (1, 1));
    assert_eq!(
        (
            page.total_count,
            page.page_count,
            page.has_next,
            page.has_prev
        ),
        (Some(200), Some(8), Some(true), Some(false))
    );
}

#[test]
fn data_and_links_page_with_time_zone_code_and_apps() {
    let body = r##"{"data": [{"id": "S2-1", "username": "admin@company", "email": "a@company.example", "active": false,
        "roles": ["Merchant admin"], "timeZoneCode": "Europe/Amsterdam", "apps": ["S2-APP"],
        "_links": {"self": {"href": "…"}}}], "_links": {"prev": {"href": "p"}}}"##;
    let page = decode_page(body.as_bytes()).unwrap();
    let user = &page.items[0];
    assert_eq!(
        (user.time_zone.as_deref(), user.active, user.apps.as_slice()),
        (Some("Europe/Amsterdam"), false, &["S2-APP".to_owned()][..])
    );
    assert_eq!(
        (page.total_count, page.has_next, page.has_prev),
        (None, Some(false), Some(true))
    );
}

#[test]
fn the_payments_platforms_totals_count_when_there_is_no_meta() {
    let body = br##"{"data": [{"id": "S2-1", "username": "a"}], "itemsTotal": 41, "pagesTotal": 5,
        "_links": {"next": {"href": "n"}}}"##;
    let page = decode_page(body).unwrap();
    assert_eq!(
        (page.total_count, page.page_count, page.has_next),
        (Some(41), Some(5), Some(true))
    );
}

#[test]
fn status_data_envelope_with_number_id_and_long_memberships() {
    let memberships: Vec<String> = (0..40).map(|i| format!("\"All Users_T_{i}\"")).collect();
    let body = format!(
        r##"{{"status": "200", "data": {{"userID": 1, "userName": "tw_admin", "fullName": "Internal TW Admin user",
            "isDisabled": false, "primaryGroup": null, "emailAddress": null, "userPreferences": {{"Locale": "en"}},
            "tasksCollaboration": ["75"], "memberships": [{}]}}}}"##,
        memberships.join(",")
    );
    let user = decode_user(body.as_bytes()).unwrap();
    assert_eq!(
        (user.id.as_str(), user.username.as_str()),
        ("1", "tw_admin")
    );
    assert_eq!(user.email, None, "null email is missing, not an error");
    assert!(user.active);
    assert_eq!(user.memberships.len(), 40);
    assert_eq!(user.preferences, [("Locale".to_owned(), "en".to_owned())]);
}

#[test]
fn bare_array_search_and_presence() {
    let page = decode_page(br##"[{"id": "u1", "username": "a"}, {"id": "u2", "username": "b"}]"##)
        .unwrap();
    assert_eq!(
        (page.items.len(), page.total_count, page.has_next),
        (2, None, None)
    );

    let presence = decode_presence(
        br##"{"userId": "u1", "state": "DND", "dndUntil": "2026-11-22T18:00:00Z", "statusMessage": "In a workshop", "updatedAt": "2026-11-22T09:00:00Z"}"##,
    )
    .unwrap();
    assert_eq!(presence.state, PresenceState::DoNotDisturb);
    assert_eq!(presence.dnd_until.as_deref(), Some("2026-11-22T18:00:00Z"));
    let many = decode_presences(
        br##"[{"userId": "u1", "state": "AWAY"}, {"userId": "u2", "state": "ON_MARS"}, 5]"##,
    )
    .unwrap();
    assert_eq!(many.len(), 2);
    assert_eq!(many[1].state, PresenceState::Unknown("ON_MARS".into()));
}

#[test]
fn a_created_user_is_named_by_its_key_its_body_or_its_location() {
    let created = |body: &[u8], location: Option<&str>| decode_created(body, location);
    assert_eq!(created(br#"{"userKey": 0}"#, None).unwrap(), "0");
    assert_eq!(created(br#"{"userKey": "7f0c"}"#, None).unwrap(), "7f0c");
    // The created user itself, bare or in an envelope.
    assert_eq!(
        created(br#"{"id": "u-9", "username": "ann"}"#, None).unwrap(),
        "u-9"
    );
    assert_eq!(
        created(br#"{"status": "200", "data": {"userID": 12}}"#, None).unwrap(),
        "12"
    );
    // A 201 with no body: the Location's last segment, decoded once.
    assert_eq!(
        created(
            b"",
            Some("https://api.example/v1/users/ann%40example.com?x=1")
        )
        .unwrap(),
        "ann@example.com"
    );
    assert_eq!(created(b"", Some("/users/u-9/")).unwrap(), "u-9");
    // The body wins over the header.
    assert_eq!(
        created(br#"{"userKey": 5}"#, Some("/users/6")).unwrap(),
        "5"
    );
    for (body, location) in [
        (&br#"{"userKey": null}"#[..], None),
        (b"", None),
        (b"", Some("/")),
        (b"", Some("/users/%ff")),
        (b"", Some("/users/a%00b")),
    ] {
        assert!(created(body, location).is_err(), "{location:?}");
    }
}

#[test]
fn wrong_shapes_are_clear_errors() {
    assert!(decode_user(b"<html>").is_err());
    assert!(decode_user(br##"{"id": 5}"##).is_err());
    assert!(decode_page(br##"{"meta": {}}"##).is_err());
    assert!(decode_page(b"42").is_err());
    let odd = decode_page(br##"{"meta": {"totalCount": "many", "page": -1}, "items": [{"id": "x", "username": "y", "roles": "admin", "active": "yes"}]}"##).unwrap();
    assert_eq!(odd.total_count, None);
    assert!(odd.items[0].roles.is_empty() && odd.items[0].active);
}

#[test]
fn a_list_item_version_is_kept_only_when_it_is_an_entity_tag() {
    let version = |member: &str| {
        let body = format!(r#"{{"id": "1", "username": "ada", {member}}}"#);
        decode_user(body.as_bytes()).unwrap().version
    };
    assert_eq!(version(r#""version": "\"v3\"""#).as_deref(), Some("\"v3\""));
    assert_eq!(
        version(r#""etag": "W/\"x-9\"""#).as_deref(),
        Some("W/\"x-9\"")
    );
    // Numbers, bare names and values a header cannot carry are not sent back.
    assert_eq!(version(r#""version": 3"#), None);
    assert_eq!(version(r#""version": "3""#), None);
    assert_eq!(version(r#""version": "\"a\nb\"""#), None);
    assert_eq!(version(r#""version": "\"\"\"""#), None);
    assert_eq!(version(r#""version": "\"ü\"""#), None);
    let long = format!(r#""version": "\"{}\"""#, "a".repeat(300));
    assert_eq!(version(&long), None);
}

#[test]
fn an_api_without_paging_is_paged_by_the_admin_and_the_total_is_exact() {
    let body: Vec<String> = (0..7)
        .map(|i| format!(r#"{{"id": "u{i}", "username": "user{i}"}}"#))
        .collect();
    let whole = decode_page(format!("[{}, 5]", body.join(",")).as_bytes()).unwrap();
    let second = Page::cut_from_whole(whole.clone(), 1, 3);
    let ids: Vec<&str> = second.items.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u3", "u4", "u5"]);
    assert_eq!(
        (
            second.total_count,
            second.page_count,
            second.has_next,
            second.has_prev
        ),
        (Some(7), Some(3), Some(true), Some(true))
    );
    assert!(second.complete && second.skipped == 1);
    let last = Page::cut_from_whole(whole.clone(), 2, 3);
    assert_eq!((last.items.len(), last.has_next), (1, Some(false)));
    // A page past the end (the search shrank meanwhile) is the last one.
    let past = Page::cut_from_whole(whole, 9, 3);
    assert_eq!((past.page, past.items.len()), (Some(2), 1));
    let empty = Page::cut_from_whole(decode_page(b"[]").unwrap(), 0, 25);
    assert_eq!(
        (empty.items.len(), empty.page_count, empty.has_next),
        (0, Some(1), Some(false))
    );
}

#[test]
fn a_pages_next_link_is_read_from_each_links_style() {
    let next = |body: &str| decode_page(body.as_bytes()).unwrap().next_link;
    let item = r#"{"id": "1", "username": "a"}"#;
    assert_eq!(
        next(&format!(
            r#"{{"data": [{item}], "_links": {{"next": {{"href": "/users?cursor=b"}}}}}}"#
        ))
        .as_deref(),
        Some("/users?cursor=b")
    );
    assert_eq!(
        next(&format!(r#"{{"data": [{item}], "links": {{"next": "https://api.example/users?page[number]=2"}}}}"#)).as_deref(),
        Some("https://api.example/users?page[number]=2")
    );
    assert_eq!(
        next(&format!(
            r#"{{"results": [{item}], "next": "/users?offset=25", "previous": null}}"#
        ))
        .as_deref(),
        Some("/users?offset=25")
    );
    // The last page, and links that are no link.
    assert_eq!(
        next(&format!(r#"{{"results": [{item}], "next": null}}"#)),
        None
    );
    assert_eq!(
        next(&format!(
            r#"{{"data": [{item}], "_links": {{"next": {{"href": 7}}}}}}"#
        )),
        None
    );
    assert_eq!(next(&format!("[{item}]")), None);
}
