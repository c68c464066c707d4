use super::*;
use crate::api::params::ListParams;

fn params(page: u64, q: Option<&str>, sort: Option<&str>) -> ListParams {
    ListParams {
        page,
        limit: 25,
        q: q.map(str::to_owned),
        sort: sort.map(str::to_owned),
        ..ListParams::default()
    }
}

fn error_of(document: &str) -> String {
    ApiProfile::from_json(document)
        .expect_err("the profile is refused")
        .to_string()
}

#[test]
fn a_document_that_leaves_everything_out_is_the_contract() {
    // The default is built directly, not parsed; both must say the same.
    let read = ApiProfile::from_json(r#"{"name": "contract"}"#).expect("valid");
    assert_eq!(read, ApiProfile::default());
    assert_eq!(builtin("contract"), Ok(ApiProfile::default()));
}

#[test]
fn the_default_profile_sends_what_the_contract_spells() {
    let contract = ApiProfile::default();
    assert_eq!(contract.name, "contract");
    for list in [
        params(0, None, None),
        params(3, Some(" Zoë & co "), Some("-lastLoginAt")),
        ListParams {
            active: Some(false),
            role: Some("support".into()),
            ..params(1, None, Some("email"))
        },
    ] {
        assert_eq!(
            contract.list_path(&list).unwrap(),
            format!("/users{}", list.query_string())
        );
    }
    assert_eq!(contract.user_path("a/b c"), "/users/a%2Fb%20c");
    assert_eq!(
        contract.update_path("7f"),
        Some(("/users/7f".into(), UpdateMethod::MergePatch, true))
    );
    assert_eq!(contract.me.as_deref(), Some("/users/profile"));
    assert_eq!(contract.create.as_deref(), Some("/users"));
    assert_eq!(contract.roles.as_deref(), Some("/roles"));
    let ids = ["a".to_owned(), "b,c".to_owned()];
    assert_eq!(
        contract.presence_batch_path(&ids).unwrap(),
        "/users/presence?userIds=a,b%2Cc"
    );
    assert_eq!(
        contract.presence_events_path(&ids).unwrap(),
        "/users/presence/events?userIds=a,b%2Cc"
    );
    assert_eq!(contract.presence_path("a").unwrap(), "/users/a/presence");
    assert_eq!(contract.set_presence_path(), Some("/users/presence"));
    let everything = contract.capabilities();
    assert!(everything.sort && everything.create && everything.update);
    assert!(everything.server_paging && everything.presence_badges && everything.own_presence);
}

#[test]
fn every_built_in_profile_is_valid_and_named_for_its_system() {
    for name in BUILTIN_NAMES {
        let profile = builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(profile.name, name);
    }
    assert!(builtin("nope")
        .unwrap_err()
        .to_string()
        .contains("there are: contract, circuit"));
}

#[test]
fn the_collaboration_api_searches_by_name_in_one_answer() {
    let circuit = builtin("circuit").unwrap();
    assert_eq!(
        circuit
            .list_path(&params(2, Some("Zoë"), Some("-email")))
            .unwrap(),
        "/users?name=Zo%C3%AB",
        "no page, size or sort: the admin pages through the answer itself"
    );
    assert_eq!(circuit.list_path(&params(0, None, None)).unwrap(), "/users");
    let can = circuit.capabilities();
    assert!(can.list && can.search && !can.server_paging);
    assert!(!can.sort && !can.create && !can.update && !can.roles);
    assert!(!can.filter_active && !can.filter_role);
    assert!(can.presence_badges && can.own_presence && !can.presence_events);
    assert!(can.profile);
}

#[test]
fn the_bpm_api_reads_one_user_by_query_parameter() {
    let bpm = builtin("ibm-bpm").unwrap();
    assert_eq!(bpm.list_path(&params(0, None, None)), None);
    assert_eq!(
        bpm.user_path("42"),
        "/user?userID=42&includeInternalMemberships=true"
    );
    assert_eq!(
        bpm.me.as_deref(),
        Some("/user?includeInternalMemberships=true")
    );
    assert_eq!(bpm.update_path("42"), None);
    assert_eq!(bpm.presence_batch_path(&["42".into()]), None);
    assert_eq!(bpm.field("email"), "emailAddress");
    assert_eq!(bpm.contract_field("userName"), "username");
    let can = bpm.capabilities();
    assert!(!can.list && !can.create && !can.update && !can.presence_badges && can.profile);
}

#[test]
fn the_payments_platform_numbers_pages_from_one() {
    let adyen = builtin("adyen-management").unwrap();
    assert_eq!(
        adyen
            .list_path(&params(0, Some("ignored"), Some("email")))
            .unwrap(),
        "/users?pageNumber=1&pageSize=25"
    );
    assert_eq!(
        adyen.list_path(&params(4, None, None)).unwrap(),
        "/users?pageNumber=5&pageSize=25"
    );
    assert_eq!(
        adyen.update_path("S2-1"),
        Some(("/users/S2-1".into(), UpdateMethod::Patch, false))
    );
    let mut body = serde_json::Map::new();
    body.insert("timeZone".into(), "Europe/Amsterdam".into());
    body.insert("email".into(), "a@example.com".into());
    let renamed = adyen.renamed_body(&body);
    assert_eq!(renamed["timeZoneCode"], "Europe/Amsterdam");
    assert_eq!(renamed["email"], "a@example.com");
    assert!(!renamed.contains_key("timeZone"));
    let can = adyen.capabilities();
    assert!(can.server_paging && can.update && !can.create && !can.search && !can.profile);
}

#[test]
fn offsets_sort_syntax_and_field_names_follow_the_profile() {
    let profile = ApiProfile::from_json(
        r#"{"name": "portal", "list": {"path": "/people?tenant=7", "paging": "offset",
            "offsetParameter": "start", "sizeParameter": "count", "searchParameter": "search",
            "sortParameter": "orderBy", "sortSyntax": "comma", "roleParameter": null},
            "fields": {"lastLoginAt": "last_login"}}"#,
    )
    .unwrap();
    assert_eq!(
        profile
            .list_path(&ListParams {
                limit: 50,
                active: Some(true),
                role: Some("support".into()),
                ..params(2, Some("ann"), Some("-lastLoginAt"))
            })
            .unwrap(),
        "/people?tenant=7&start=100&count=50&search=ann&active=true&orderBy=last_login%2Cdesc"
    );
    let can = profile.capabilities();
    assert!(can.filter_active && !can.filter_role && can.sort);
}

#[test]
fn a_wrong_profile_names_the_member_and_what_is_wrong() {
    assert_eq!(error_of("{"), "the profile is not valid JSON");
    assert_eq!(error_of("[]"), "must be an object");
    assert!(error_of(r#"{"list": {"pagng": "page"}}"#)
        .starts_with("list.pagng is not a member here (known: path, paging,"));
    assert_eq!(
        error_of(r#"{"list": {"paging": "cursor"}}"#),
        r#"list.paging must be one of "page", "offset", "whole", "links""#
    );
    assert_eq!(
        error_of(r#"{"list": {"firstPage": 2}}"#),
        "list.firstPage must be 0 or 1"
    );
    assert_eq!(
        error_of(r#"{"user": "/users/{userId}"}"#),
        "user has {userId}, but may only hold {id}"
    );
    assert_eq!(error_of(r#"{"user": "/users"}"#), "user must contain {id}");
    assert_eq!(
        error_of(r#"{"user": null}"#),
        "user cannot be null: the admin reads one user at a time"
    );
    for elsewhere in [
        r#"{"create": "https://elsewhere.example/users"}"#,
        r#"{"create": "//elsewhere.example/users"}"#,
        r#"{"create": "users"}"#,
    ] {
        assert_eq!(
            error_of(elsewhere),
            r#"create must be a path below the API base, starting with one "/""#
        );
    }
    assert!(error_of(r#"{"roles": "/roles?x=<script>"}"#).starts_with("roles must not contain"));
    assert_eq!(
        error_of(r#"{"presence": {"batch": "/presence?ids={ids"}}"#),
        r#"presence.batch has a "{" without its "}""#
    );
    assert_eq!(
        error_of(r#"{"update": {"ifMatch": "yes"}}"#),
        "update.ifMatch must be true or false"
    );
    assert!(error_of(r#"{"fields": {"nickname": "nick"}}"#)
        .starts_with("fields.nickname is not a member here"));
    assert!(error_of(r#"{"list": {"searchParameter": "q&admin=1"}}"#)
        .starts_with("list.searchParameter must be a name"));
    assert_eq!(
        error_of(r#"{"name": ""}"#),
        "name must be a text of 1 to 64 characters"
    );
}

#[test]
fn null_removes_an_operation_and_absence_keeps_the_contract() {
    let profile =
        ApiProfile::from_json(r#"{"create": null, "presence": {"events": null}}"#).unwrap();
    assert_eq!(profile.name, "custom");
    let can = profile.capabilities();
    assert!(!can.create && can.update && can.presence_badges && !can.presence_events);
    assert_eq!(profile.user_path("x"), "/users/x");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever path a host page writes, the parser answers without
        /// panicking, and what it accepts stays below the API base.
        #[test]
        fn accepted_paths_stay_below_the_api_base(path in "\\PC{0,40}") {
            let document = serde_json::json!({ "roles": path }).to_string();
            if let Ok(profile) = ApiProfile::from_json(&document) {
                let roles = profile.roles.unwrap();
                prop_assert!(roles.starts_with('/') && !roles.starts_with("//"));
                prop_assert!(!roles.contains("://"));
            }
        }

        /// Ids and searches of any text land encoded in the URL, never as
        /// extra path segments or parameters.
        #[test]
        fn ids_and_searches_are_encoded(id in "\\PC{0,20}", q in "\\PC{1,20}") {
            let profile = ApiProfile::default();
            let path = profile.user_path(&id);
            prop_assert_eq!(path.matches('/').count(), 2);
            prop_assert!(!path.contains('?'));
            let list = profile.list_path(&params(0, Some(&q), None)).unwrap();
            // `page=0&limit=25`, then the search if it is not blank.
            prop_assert_eq!(list.matches('&').count(), 1 + usize::from(!q.trim().is_empty()));
        }
    }
}

#[test]
fn a_separate_order_parameter_carries_the_direction() {
    let profile = ApiProfile::from_json(
        r#"{"list": {"sortSyntax": "order", "orderParameter": "dir", "sortParameter": "orderBy"}}"#,
    )
    .expect("valid");
    assert_eq!(
        profile
            .list_path(&params(0, None, Some("-lastLoginAt")))
            .as_deref(),
        Some("/users?page=0&limit=25&orderBy=lastLoginAt&dir=desc")
    );
    assert_eq!(
        profile
            .list_path(&params(0, None, Some("email")))
            .as_deref(),
        Some("/users?page=0&limit=25&orderBy=email&dir=asc")
    );
    let default_name =
        ApiProfile::from_json(r#"{"list": {"sortSyntax": "order"}}"#).expect("valid");
    assert!(default_name
        .list_path(&params(0, None, Some("-email")))
        .is_some_and(|path| path.ends_with("sort=email&order=desc")));
    assert_eq!(
        error_of(r#"{"list": {"orderParameter": "dir"}}"#),
        r#"list.orderParameter is only read with "sortSyntax": "order""#
    );
}

#[test]
fn a_list_paged_by_links_asks_only_for_its_first_page() {
    let profile = ApiProfile::from_json(
        r#"{"list": {"paging": "links", "sizeParameter": "pageSize", "searchParameter": "name"}}"#,
    )
    .expect("valid");
    let first = profile.list_path(&params(0, Some("ann"), None));
    assert_eq!(first.as_deref(), Some("/users?pageSize=25&name=ann"));
    // Later pages come from the answers' links, not from a page number.
    assert_eq!(profile.list_path(&params(4, Some("ann"), None)), first);
    assert!(profile.capabilities().server_paging);
    assert!(error_of(r#"{"list": {"paging": "cursor"}}"#).contains(r#""whole", "links""#));
}

#[test]
fn refusals_naming_the_apis_fields_land_on_the_contracts() {
    // The profile reader installs these when it reads such a profile.
    renames::install(renames::renames());
    use crate::api::error::FieldError;
    use crate::api::field_path::{FieldPath, Segment};
    let profile = ApiProfile::from_json(
        r#"{"fields": {"fullName": "displayName", "timeZone": "tz"},
            "list": {"searchParameter": "name", "roleParameter": "group", "sortSyntax": "order"}}"#,
    )
    .expect("valid");
    let refused = |path: FieldPath| FieldError {
        path,
        message: "is wrong".into(),
        rejected_value: None,
    };
    let mut error = crate::api::ApiError::unusable(400, "test");
    error.field_errors = vec![
        refused(FieldPath::from_pointer("/displayName")),
        refused(FieldPath::from_dotted("tz")),
        refused(FieldPath::from_pointer("/email")),
        refused(FieldPath::parameter("name")),
        refused(FieldPath::parameter("group")),
        refused(FieldPath::parameter("order")),
        refused(FieldPath::parameter("displayName")),
    ];
    profile.name_errors_as_contract(&mut error);
    let names: Vec<_> = error
        .field_errors
        .iter()
        .map(|e| match e.path.segments.first() {
            Some(Segment::Key(name)) => name.as_str(),
            _ => "",
        })
        .collect();
    assert_eq!(
        names,
        [
            "fullName",
            "timeZone",
            "email",
            "q",
            "role",
            "sort",
            "displayName"
        ]
    );
}

#[test]
fn answers_are_read_with_the_apis_field_names() {
    // The profile reader installs these when it reads such a profile.
    renames::install(renames::renames());
    use crate::api::wire::{decode_page, decode_user};
    let profile = ApiProfile::from_json(
        r#"{"fields": {"fullName": "displayName", "email": "mail", "active": "enabled"}}"#,
    )
    .expect("valid");
    let user = br#"{"status": "ok", "data": {"id": "u1", "username": "ann",
        "displayName": "Ann Lee", "mail": "ann@example.com", "enabled": false}}"#;
    let read = decode_user(&profile.body_in_contract_names(user.to_vec())).expect("a user");
    assert_eq!(
        (
            read.full_name.as_deref(),
            read.email.as_deref(),
            read.active
        ),
        (Some("Ann Lee"), Some("ann@example.com"), false)
    );
    let page = br#"{"meta": {"totalCount": 1}, "items": [{"id": "u1", "username": "ann",
        "displayName": "Ann Lee", "_links": {"self": {"displayName": "kept"}}}]}"#;
    let read = decode_page(&profile.body_in_contract_names(page.to_vec())).expect("a page");
    assert_eq!(read.items[0].full_name.as_deref(), Some("Ann Lee"));
    // Our own name wins where both are there; our contract renames nothing.
    let both = br#"{"id": "u1", "username": "ann", "fullName": "Ours", "displayName": "Theirs"}"#;
    let read = decode_user(&profile.body_in_contract_names(both.to_vec())).expect("a user");
    assert_eq!(read.full_name.as_deref(), Some("Ours"));
    let untouched = b"not json".to_vec();
    assert_eq!(
        ApiProfile::default().body_in_contract_names(untouched.clone()),
        untouched
    );
    assert_eq!(profile.body_in_contract_names(untouched.clone()), untouched);
}
