//! Paging by `next` links: page N of a list is only reachable through the
//! link page N − 1 gave. The client remembers the links it has seen, per
//! list (its first page's path), so going forward, back or to a page seen
//! before costs one request; a deep link to a later page walks from the
//! furthest page whose link is known.

use std::collections::HashMap;

/// Lists remembered; more (many searches) start the memory over.
const MAX_LISTS: usize = 32;
/// Links remembered per list (an export of 10 million users at 100 a page).
const MAX_LINKS: usize = 100_000;
/// Requests one page may walk beyond the furthest known link: a page number
/// far past the end (a link crafted by hand) shows the page reached.
pub const MAX_STEPS: u64 = 200;

#[derive(Default)]
pub struct NextLinks {
    /// First page's path → the link to page `i + 1` at index `i`.
    lists: HashMap<String, Vec<String>>,
}

impl NextLinks {
    /// Where a walk to page `wanted` of the list starting at `first`
    /// begins: the nearest page at or before it whose path is known.
    pub fn start(&self, first: &str, wanted: u64) -> (u64, String) {
        let known = self.lists.get(first).map_or(&[][..], Vec::as_slice);
        let reachable = known
            .len()
            .min(usize::try_from(wanted).unwrap_or(usize::MAX));
        match reachable.checked_sub(1) {
            Some(index) => (reachable as u64, known[index].clone()),
            None => (0, first.to_owned()),
        }
    }

    /// Page `page` of the list at `first` links to `next` (or is the last).
    pub fn learn(&mut self, first: &str, page: u64, next: Option<String>) {
        if !self.lists.contains_key(first) && self.lists.len() >= MAX_LISTS {
            self.lists.clear();
        }
        let links = self.lists.entry(first.to_owned()).or_default();
        let Ok(page) = usize::try_from(page) else {
            return;
        };
        if page > links.len() || page >= MAX_LINKS {
            return;
        }
        // What came after this page may have changed (users were added).
        links.truncate(page);
        links.extend(next);
    }
}

/// `link` (absolute, as the browser resolved it) as a path below
/// `api_base` (absolute, without a trailing slash); `None` when it leads
/// anywhere else: the admin sends its token only below the API base.
pub fn below_base(link: &str, api_base: &str) -> Option<String> {
    let link = link.split('#').next().unwrap_or_default();
    let rest = link.strip_prefix(api_base)?;
    (rest.starts_with('/') || rest.starts_with('?')).then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_starts_at_the_furthest_known_page() {
        let mut links = NextLinks::default();
        assert_eq!(links.start("/users", 3), (0, "/users".to_owned()));
        links.learn("/users", 0, Some("/users?cursor=b".into()));
        links.learn("/users", 1, Some("/users?cursor=c".into()));
        assert_eq!(links.start("/users", 0), (0, "/users".to_owned()));
        assert_eq!(links.start("/users", 1), (1, "/users?cursor=b".to_owned()));
        assert_eq!(links.start("/users", 9), (2, "/users?cursor=c".to_owned()));
        assert_eq!(links.start("/users", u64::MAX).0, 2);
        // Another search has its own links.
        assert_eq!(links.start("/users?q=x", 2), (0, "/users?q=x".to_owned()));
    }

    #[test]
    fn a_page_read_again_replaces_what_followed_it() {
        let mut links = NextLinks::default();
        links.learn("/users", 0, Some("/users?cursor=b".into()));
        links.learn("/users", 1, Some("/users?cursor=c".into()));
        links.learn("/users", 0, Some("/users?cursor=B".into()));
        assert_eq!(links.start("/users", 5), (1, "/users?cursor=B".to_owned()));
        // The last page links nowhere.
        links.learn("/users", 1, None);
        assert_eq!(links.start("/users", 5), (1, "/users?cursor=B".to_owned()));
        // A page whose predecessor is unknown teaches nothing.
        links.learn("/users", 7, Some("/users?cursor=h".into()));
        assert_eq!(links.start("/users", 9).0, 1);
    }

    #[test]
    fn the_memory_is_bounded() {
        let mut links = NextLinks::default();
        for list in 0..=MAX_LISTS {
            links.learn(&format!("/users?q={list}"), 0, Some("/users?n".into()));
        }
        assert!(links.lists.len() <= MAX_LISTS);
        for page in 0..MAX_LINKS as u64 + 10 {
            links.learn("/users", page, Some(format!("/users?p={}", page + 1)));
        }
        assert_eq!(links.start("/users", u64::MAX).0, MAX_LINKS as u64);
    }

    #[test]
    fn only_links_below_the_api_base_are_followed() {
        let base = "https://portal.example/api/v3";
        let below = |link| below_base(link, base);
        assert_eq!(
            below("https://portal.example/api/v3/users?page=2#top").as_deref(),
            Some("/users?page=2")
        );
        assert_eq!(
            below("https://portal.example/api/v3?page=2").as_deref(),
            Some("?page=2")
        );
        assert_eq!(below("https://portal.example/api/v30/users"), None);
        assert_eq!(below("https://portal.example/api/users"), None);
        assert_eq!(below("https://evil.example/api/v3/users"), None);
        assert_eq!(below("https://portal.example.evil/api/v3/users"), None);
        assert_eq!(below("https://portal.example/api/v3"), None);
    }
}
