//! The host page's configuration for one mounted admin.
//!
//! A portal configures the admin through attributes on the host element
//! (`data-api-base`, `data-base-path`, `data-token`). Parsing is kept apart
//! from the DOM so it can be tested natively.

/// Where the REST API lives when the host says nothing.
pub const DEFAULT_API_BASE: &str = "/api/v1";

/// Settings that come from the host page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL every API path is relative to, without a trailing slash.
    pub api_base: String,
    /// The path the admin's routes live under: `""` for the site root, or
    /// `"/admin"` style (leading slash, no trailing slash).
    pub base_path: String,
    /// Bearer token supplied by the host, if any (cookie sessions otherwise).
    pub token: Option<String>,
    /// How often presence badges refresh while the tab is visible
    /// (`data-presence-refresh-ms`, at least 1 s).
    pub presence_refresh_ms: u32,
    /// The UI language and the locale dates and numbers are formatted for
    /// (`locale="de"`, `de_DE`, `de_DE.UTF-8`), as a BCP 47 tag; `None` when
    /// the host said nothing usable. Mounting resolves it against the
    /// browser's languages and `Intl` (`locale::resolve`).
    pub locale: Option<String>,
    /// How the API spells its operations (`api-profile`): our contract
    /// unless the host names a built-in profile, gives a profile document,
    /// or a same-origin URL of one.
    pub api_profile: ProfileSource,
}

/// Where the API profile comes from, as the host gave it; read when the
/// admin starts (`profile_reader`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileSource {
    /// Our contract: nothing to read.
    Contract,
    /// A built-in, by name (`api-profile="circuit"`).
    Builtin(String),
    /// A profile document as JSON text (`None`: it could not be written as JSON).
    Document(Option<String>),
    /// A document to fetch first, from the page's own origin.
    Url(String),
}

impl ProfileSource {
    /// `api-profile="circuit"` names a built-in; anything that looks like a
    /// path or URL (`/portal/api-profile.json`) is fetched.
    pub fn from_attribute(value: &str) -> Self {
        let value = value.trim();
        if value.starts_with(['/', '.']) || value.contains("://") {
            Self::Url(value.to_owned())
        } else {
            Self::Builtin(value.to_owned())
        }
    }
}

/// Longest presence refresh interval: a day. Browser timers take a signed
/// 32-bit delay; above `i32::MAX` ms `setInterval` throws.
pub const MAX_PRESENCE_REFRESH_MS: u32 = 86_400_000;

/// Presence refresh interval when the host says nothing.
pub const DEFAULT_PRESENCE_REFRESH_MS: u32 = 30_000;

impl Default for Config {
    fn default() -> Self {
        Self {
            api_base: DEFAULT_API_BASE.to_owned(),
            base_path: String::new(),
            token: None,
            presence_refresh_ms: DEFAULT_PRESENCE_REFRESH_MS,
            locale: None,
            api_profile: ProfileSource::Contract,
        }
    }
}

impl Config {
    /// Builds a configuration from attribute lookups (`"api-base"` asks for
    /// `data-api-base`). Missing or blank values fall back to the defaults.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_blank = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Self {
            api_base: non_blank("api-base")
                .map(|v| v.trim_end_matches('/').to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| DEFAULT_API_BASE.to_owned()),
            base_path: non_blank("base-path")
                .map(|v| normalise_base_path(&v))
                .unwrap_or_default(),
            token: non_blank("token"),
            presence_refresh_ms: non_blank("presence-refresh-ms")
                .and_then(|v| v.parse::<u64>().ok())
                .map(|ms| ms.clamp(1_000, u64::from(MAX_PRESENCE_REFRESH_MS)) as u32)
                .unwrap_or(DEFAULT_PRESENCE_REFRESH_MS),
            locale: non_blank("locale").and_then(|v| crate::locale::normalise(&v)),
            api_profile: non_blank("api-profile")
                .map(|v| ProfileSource::from_attribute(&v))
                .unwrap_or(ProfileSource::Contract),
        }
    }

    /// Whether a page path is the admin's: at or below the base path. Another
    /// admin on the same page, or the portal, owns the others.
    pub fn owns_path(&self, path: &str) -> bool {
        self.base_path.is_empty()
            || path
                .strip_prefix(self.base_path.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// The route an href of the admin's own names (`/users/new` for
    /// `/portal/admin/users/new`), or `None` for a link elsewhere.
    pub fn route_of<'a>(&self, href: &'a str) -> Option<&'a str> {
        let rest = href.strip_prefix(self.base_path.as_str())?;
        (rest.is_empty() || rest.starts_with(['/', '?', '#'])).then_some(rest)
    }

    /// The absolute in-app path for a route such as `/users/new`.
    pub fn href(&self, route: &str) -> String {
        format!("{}{}", self.base_path, route)
    }
}

/// The mounted admin's configuration (the defaults outside a mounted admin,
/// e.g. in a component test).
pub fn use_config() -> Config {
    leptos::prelude::use_context::<Config>().unwrap_or_default()
}

/// The host's presence refresh interval, from the app's `Config`.
pub fn presence_refresh_ms() -> u32 {
    leptos::prelude::use_context::<Config>()
        .map_or(DEFAULT_PRESENCE_REFRESH_MS, |c| c.presence_refresh_ms)
}

/// `admin/`, `/admin`, `/admin/` all become `/admin`; `/` and `` become ``.
fn normalise_base_path(raw: &str) -> String {
    let trimmed = raw.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Config {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_attributes(|name| map.get(name).cloned())
    }

    #[test]
    fn host_without_attributes_gets_the_contract_defaults() {
        assert_eq!(config(&[]), Config::default());
        assert_eq!(Config::default().api_base, "/api/v1");
    }

    #[test]
    fn a_route_is_an_href_below_the_base_path() {
        let config = Config {
            base_path: "/portal/admin".into(),
            ..Config::default()
        };
        assert_eq!(config.route_of("/portal/admin/users/u1"), Some("/users/u1"));
        assert_eq!(config.route_of("/portal/admin?q=jan"), Some("?q=jan"));
        assert_eq!(config.route_of("/portal/administration"), None);
        assert_eq!(config.route_of("/elsewhere/users/u1"), None);
    }

    #[test]
    fn base_path_is_normalised_to_a_leading_slash_without_trailing_one() {
        assert_eq!(config(&[("base-path", "admin/")]).base_path, "/admin");
        assert_eq!(
            config(&[("base-path", "/portal/admin/")]).base_path,
            "/portal/admin"
        );
        assert_eq!(config(&[("base-path", "/")]).base_path, "");
    }

    #[test]
    fn api_base_loses_its_trailing_slash_and_blank_values_fall_back() {
        assert_eq!(
            config(&[("api-base", "https://api.example/v1/")]).api_base,
            "https://api.example/v1"
        );
        assert_eq!(config(&[("api-base", "  ")]).api_base, "/api/v1");
        assert_eq!(config(&[("token", "")]).token, None);
        assert_eq!(config(&[("token", "abc")]).token.as_deref(), Some("abc"));
    }

    #[test]
    fn presence_refresh_is_configurable_but_never_below_a_second() {
        assert_eq!(config(&[]).presence_refresh_ms, 30_000);
        assert_eq!(
            config(&[("presence-refresh-ms", "5000")]).presence_refresh_ms,
            5_000
        );
        assert_eq!(
            config(&[("presence-refresh-ms", "10")]).presence_refresh_ms,
            1_000
        );
        assert_eq!(
            config(&[("presence-refresh-ms", "soon")]).presence_refresh_ms,
            30_000
        );
        for huge in ["2147483648", "4294967296", "18446744073709551615"] {
            assert_eq!(
                config(&[("presence-refresh-ms", huge)]).presence_refresh_ms,
                MAX_PRESENCE_REFRESH_MS,
                "{huge}"
            );
        }
        assert_eq!(
            config(&[("presence-refresh-ms", "-5")]).presence_refresh_ms,
            30_000
        );
    }

    #[test]
    fn platform_locale_forms_become_tags_and_nonsense_is_dropped() {
        assert_eq!(
            config(&[("locale", "de_DE")]).locale.as_deref(),
            Some("de-DE")
        );
        assert_eq!(
            config(&[("locale", "en_US.UTF-8")]).locale.as_deref(),
            Some("en-US")
        );
        assert_eq!(config(&[("locale", "C")]).locale, None);
        assert_eq!(config(&[("locale", "<script>")]).locale, None);
    }

    #[test]
    fn only_paths_at_or_below_the_base_path_are_the_admins() {
        let admin = config(&[("base-path", "/portal/admin")]);
        assert!(admin.owns_path("/portal/admin"));
        assert!(admin.owns_path("/portal/admin/users/7"));
        assert!(!admin.owns_path("/portal/administration"));
        assert!(!admin.owns_path("/portal/"));
        assert!(config(&[]).owns_path("/anything"));
    }

    #[test]
    fn api_profile_names_a_built_in_or_a_document_to_fetch() {
        assert_eq!(config(&[]).api_profile, ProfileSource::Contract);
        assert_eq!(
            config(&[("api-profile", "  ")]).api_profile,
            ProfileSource::Contract
        );
        assert_eq!(
            config(&[("api-profile", " circuit ")]).api_profile,
            ProfileSource::Builtin("circuit".into())
        );
        for url in [
            "/portal/profile.json",
            "./profile.json",
            "https://portal.example/p.json",
        ] {
            assert_eq!(
                config(&[("api-profile", url)]).api_profile,
                ProfileSource::Url(url.to_owned())
            );
        }
    }

    #[test]
    fn hrefs_are_built_under_the_base_path() {
        assert_eq!(
            config(&[("base-path", "/admin")]).href("/users/new"),
            "/admin/users/new"
        );
        assert_eq!(config(&[]).href("/users/new"), "/users/new");
    }
}
