//! Locale tags from the host page and the browser, made safe for `Intl` and
//! for the `Accept-Language` header.
//!
//! Portals hand down what their platform uses: Java and POSIX forms
//! (`de_DE`, `en_US.UTF-8`, `sr_RS@latin`), or nothing, and then the browser
//! decides, which under `LANG=C` says `"C"`. `Intl` throws a `RangeError` on
//! any tag it refuses, so every tag is normalised here and checked once by
//! `Intl.getCanonicalLocales` (inside a `try`) before anything formats with it.

/// The locale when neither the host nor the browser names a usable one.
pub const DEFAULT_LOCALE: &str = "en";

/// Longest tag kept: BCP 47 tags in use are a few subtags long.
const MAX_TAG_LENGTH: usize = 64;

/// A tag in BCP 47 form, or `None` when the text cannot be one:
/// `de_DE` → `de-DE`, `en_US.UTF-8` → `en-US`, `sr_RS@latin` → `sr-RS`;
/// `C`, `POSIX`, blank, or anything with other characters → `None`.
pub fn normalise(raw: &str) -> Option<String> {
    // POSIX: language[_territory][.codeset][@modifier]
    let tag = raw.trim().split(['.', '@']).next().unwrap_or("");
    let tag = tag.replace('_', "-");
    if tag.len() > MAX_TAG_LENGTH || tag.eq_ignore_ascii_case("posix") {
        return None;
    }
    let mut subtags = tag.split('-');
    let primary = subtags.next()?;
    let primary_ok =
        matches!(primary.len(), 2 | 3 | 5..=8) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = subtags.all(|subtag| {
        (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    (primary_ok && rest_ok).then_some(tag)
}

/// The language part of a tag, lower case: `de-AT` → `de`.
pub fn language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The locale to use: the host's tag if usable, else the first usable one of
/// the browser's languages, else [`DEFAULT_LOCALE`]. Always a tag `Intl`
/// accepts, in its canonical form.
pub fn resolve(host_tag: Option<&str>) -> String {
    host_tag
        .into_iter()
        .map(str::to_owned)
        .chain(browser_languages())
        .find_map(|raw| normalise(&raw).and_then(|tag| canonical(&tag)))
        .unwrap_or_else(|| DEFAULT_LOCALE.to_owned())
}

/// The locale of the mounted admin (resolved at mount), else the browser's.
pub fn current() -> String {
    leptos::prelude::use_context::<crate::config::Config>()
        .and_then(|config| config.locale)
        .unwrap_or_else(browser_locale)
}

#[cfg(target_arch = "wasm32")]
fn browser_locale() -> String {
    thread_local! {
        static BROWSER: String = resolve(None);
    }
    BROWSER.with(Clone::clone)
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_locale() -> String {
    DEFAULT_LOCALE.to_owned()
}

/// `navigator.languages`, then `navigator.language`.
#[cfg(target_arch = "wasm32")]
fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut languages: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|language| language.as_string())
        .collect();
    languages.extend(navigator.language());
    languages
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_languages() -> Vec<String> {
    Vec::new()
}

/// `Intl.getCanonicalLocales(tag)[0]`, or `None` where `Intl` refuses it.
#[cfg(target_arch = "wasm32")]
fn canonical(tag: &str) -> Option<String> {
    use wasm_bindgen::{JsCast, JsValue};
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let function = js_sys::Reflect::get(&intl, &"getCanonicalLocales".into()).ok()?;
    let function = function.dyn_ref::<js_sys::Function>()?;
    // `call1` is a catching binding: a RangeError comes back as `Err`.
    let list = function.call1(&intl, &JsValue::from_str(tag)).ok()?;
    js_sys::Reflect::get(&list, &0.into()).ok()?.as_string()
}

#[cfg(not(target_arch = "wasm32"))]
fn canonical(tag: &str) -> Option<String> {
    Some(tag.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_forms_become_bcp47_tags() {
        assert_eq!(normalise("de_DE").as_deref(), Some("de-DE"));
        assert_eq!(normalise("en_US.UTF-8").as_deref(), Some("en-US"));
        assert_eq!(normalise("de_DE@euro").as_deref(), Some("de-DE"));
        assert_eq!(normalise("sr_RS.UTF-8@latin").as_deref(), Some("sr-RS"));
        assert_eq!(normalise("zh_Hant_TW").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalise(" de-AT ").as_deref(), Some("de-AT"));
    }

    #[test]
    fn texts_that_cannot_be_tags_are_refused() {
        for raw in [
            "", "C", "C.UTF-8", "POSIX", "x", "de--DE", "de-", "<b>", "de DE", "ü", "1234",
        ] {
            assert_eq!(normalise(raw), None, "{raw:?}");
        }
        assert_eq!(normalise(&"de-".repeat(40)), None);
    }

    #[test]
    fn an_unusable_host_tag_falls_back_to_the_default() {
        assert_eq!(resolve(Some("C.UTF-8")), DEFAULT_LOCALE);
        assert_eq!(resolve(None), DEFAULT_LOCALE);
        assert_eq!(resolve(Some("de_CH")), "de-CH");
    }

    #[test]
    fn the_language_part_picks_the_catalogue() {
        assert_eq!(language("de-AT"), "de");
        assert_eq!(language("DE_de"), "de");
        assert_eq!(language(""), "");
    }
}
