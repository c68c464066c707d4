//! The user list's view as URL query parameters, so Back, Forward, reload
//! and a pasted link restore exactly the same view.

use crate::api::params::{encode, ListParams};

pub const PAGE_SIZES: [u64; 4] = [10, 25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u64 = 25;
/// The sort keys of the contract, with the column label they sort.
pub const SORT_KEYS: [&str; 5] = ["username", "fullName", "email", "lastLoginAt", "createdAt"];

/// Reads the view from the URL; anything unreadable falls back to the default.
pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ListParams {
    let limit = get("limit")
        .and_then(|v| v.parse().ok())
        .filter(|l| PAGE_SIZES.contains(l))
        .unwrap_or(DEFAULT_PAGE_SIZE);
    ListParams {
        page: get("page").and_then(|v| v.parse().ok()).unwrap_or(0),
        limit,
        q: get("q")
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty()),
        active: match get("active").as_deref() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        },
        role: get("role").filter(|r| !r.is_empty()),
        sort: get("sort").filter(|s| SORT_KEYS.contains(&s.trim_start_matches('-'))),
    }
}

/// The URL query for a view, leaving out defaults: `?q=jan&page=2`.
pub fn to_query(params: &ListParams) -> String {
    let mut pairs: Vec<String> = Vec::new();
    if let Some(q) = &params.q {
        pairs.push(format!("q={}", encode(q)));
    }
    if let Some(active) = params.active {
        pairs.push(format!("active={active}"));
    }
    if let Some(role) = &params.role {
        pairs.push(format!("role={}", encode(role)));
    }
    if let Some(sort) = &params.sort {
        pairs.push(format!("sort={}", encode(sort)));
    }
    if params.limit != DEFAULT_PAGE_SIZE {
        pairs.push(format!("limit={}", params.limit));
    }
    if params.page > 0 {
        pairs.push(format!("page={}", params.page));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// The sort a header click asks for: the same key flips direction, another
/// key starts ascending.
pub fn toggled_sort(current: Option<&str>, key: &str) -> String {
    match current {
        Some(current) if current == key => format!("-{key}"),
        Some(current) if current.strip_prefix('-') == Some(key) => key.to_owned(),
        None if key == "username" => "-username".to_owned(), // username ascending is the default
        _ => key.to_owned(),
    }
}

/// `ascending`, `descending` or `none`, for a column's `aria-sort`.
pub fn aria_sort(current: Option<&str>, key: &str) -> &'static str {
    let current = current.unwrap_or("username");
    if current == key {
        "ascending"
    } else if current.strip_prefix('-') == Some(key) {
        "descending"
    } else {
        "none"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(query: &[(&str, &str)]) -> ListParams {
        let map: HashMap<&str, &str> = query.iter().copied().collect();
        from_query(|name| map.get(name).map(|v| v.to_string()))
    }

    #[test]
    fn the_url_round_trips_and_leaves_out_defaults() {
        let params = parse(&[
            ("q", "Zoë"),
            ("active", "false"),
            ("role", "support"),
            ("sort", "-lastLoginAt"),
            ("limit", "50"),
            ("page", "3"),
        ]);
        assert_eq!(
            to_query(&params),
            "?q=Zo%C3%AB&active=false&role=support&sort=-lastLoginAt&limit=50&page=3"
        );
        assert_eq!(to_query(&parse(&[])), "");
        assert_eq!(parse(&[("limit", "25"), ("page", "0")]), parse(&[]));
    }

    #[test]
    fn unreadable_values_fall_back_to_the_default_view() {
        let params = parse(&[
            ("limit", "7"),
            ("page", "x"),
            ("active", "maybe"),
            ("sort", "age"),
        ]);
        assert_eq!(
            params,
            ListParams {
                limit: DEFAULT_PAGE_SIZE,
                ..ListParams::default()
            }
        );
    }

    #[test]
    fn header_clicks_toggle_the_direction() {
        assert_eq!(toggled_sort(None, "username"), "-username");
        assert_eq!(toggled_sort(None, "email"), "email");
        assert_eq!(toggled_sort(Some("email"), "email"), "-email");
        assert_eq!(toggled_sort(Some("-email"), "email"), "email");
        assert_eq!(aria_sort(None, "username"), "ascending");
        assert_eq!(aria_sort(Some("-email"), "email"), "descending");
        assert_eq!(aria_sort(Some("-email"), "username"), "none");
    }
}
