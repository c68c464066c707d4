//! Numbers, dates and relative times in the admin's locale, through the
//! browser's `Intl` (no locale data in the bundle).

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::{JsCast, JsValue};

/// The admin's locale: checked by `Intl` when it was resolved.
fn locale() -> String {
    crate::locale::current()
}

/// `new Intl[kind](locales, options)`, or `None` where it throws (an
/// unknown time zone, a browser without that formatter): every `Intl`
/// constructor goes through here, so none can throw into wasm.
fn construct(kind: &str, locale: &str, options: &js_sys::Object) -> Option<JsValue> {
    let constructor = js_sys::Reflect::get(&js_sys::global(), &"Intl".into())
        .and_then(|intl| js_sys::Reflect::get(&intl, &kind.into()))
        .ok()?;
    let constructor = constructor.dyn_ref::<js_sys::Function>()?;
    js_sys::Reflect::construct(constructor, &js_sys::Array::of2(&locales(locale), options)).ok()
}

/// `formatter.format(value)` as text, `None` where it throws.
fn format_with(formatter: &JsValue, value: &JsValue) -> Option<String> {
    let format = js_sys::Reflect::get(formatter, &"format".into()).ok()?;
    format
        .dyn_ref::<js_sys::Function>()?
        .call1(formatter, value)
        .ok()?
        .as_string()
}

fn locales(locale: &str) -> js_sys::Array {
    js_sys::Array::of1(&JsValue::from_str(locale))
}

thread_local! {
    /// `Intl` formatters by kind and locale. Making one costs about a
    /// millisecond, as much as rendering a list row, and a page of the list
    /// formats fifty dates.
    static FORMATTERS: RefCell<HashMap<String, JsValue>> = RefCell::new(HashMap::new());
}

/// The formatter stored under `key`, made by `make` the first time.
fn formatter(key: String, make: impl FnOnce() -> Option<JsValue>) -> Option<JsValue> {
    let found = FORMATTERS.with(|formatters| formatters.borrow().get(&key).cloned());
    match found {
        Some(value) => Some(value),
        None => {
            let value = make()?;
            FORMATTERS.with(|formatters| formatters.borrow_mut().insert(key, value.clone()));
            Some(value)
        }
    }
}

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (name, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    options
}

/// `1234567` → `1,234,567` (or `1.234.567`…).
pub fn number(value: u64) -> String {
    number_format(&locale())
        .and_then(|format| format_with(&format, &JsValue::from_f64(value as f64)))
        .unwrap_or_else(|| value.to_string())
}

fn number_format(locale: &str) -> Option<JsValue> {
    formatter(format!("number|{locale}"), || {
        construct("NumberFormat", locale, &js_sys::Object::new())
    })
}

/// Makes the list's formatters for the admin's locale when the browser is
/// next idle, e.g. while the first page is on the wire. The first `Intl`
/// formatter of a page costs 15-30 ms (the browser loads its locale data),
/// which the first rows would otherwise wait for once they have arrived.
/// Where the browser cannot tell when it is idle (WebKit), they are made on
/// first use as before. Once made, a later list asks for nothing.
pub fn make_when_idle() {
    let locale = locale();
    let made =
        FORMATTERS.with(|formatters| formatters.borrow().contains_key(&date_time_key(&locale)));
    if made {
        return;
    }
    let _ = leptos::prelude::request_idle_callback_with_handle(move || {
        let _ = (
            date_time_format(&locale),
            relative_time_format(&locale),
            number_format(&locale),
        );
    });
}

/// Milliseconds since the epoch of an RFC 3339 time, if it parses.
pub fn parse_time(rfc3339: &str) -> Option<f64> {
    let millis = js_sys::Date::parse(rfc3339);
    (!millis.is_nan()).then_some(millis)
}

/// The exact local date and time, e.g. `22 Nov 2026, 18:00`.
pub fn date_time(rfc3339: &str) -> String {
    match parse_time(rfc3339) {
        Some(millis) => date_time_format(&locale())
            .and_then(|format| format_with(&format, &js_sys::Date::new(&JsValue::from_f64(millis))))
            .unwrap_or_else(|| rfc3339.to_owned()),
        None => rfc3339.to_owned(),
    }
}

fn date_time_key(locale: &str) -> String {
    format!("date_time|{locale}")
}

fn date_time_format(locale: &str) -> Option<JsValue> {
    formatter(date_time_key(locale), || {
        let options = options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
        construct("DateTimeFormat", locale, &options)
    })
}

/// The current time in a tz database zone, e.g. `18:04` (None for an
/// unknown zone).
pub fn time_in_zone(time_zone: &str) -> Option<String> {
    let locale = locale();
    let format = formatter(format!("time_in_zone|{locale}|{time_zone}"), || {
        // An unknown zone makes the constructor throw: `construct` catches it.
        let options = options(&[("timeZone", time_zone), ("timeStyle", "short")]);
        construct("DateTimeFormat", &locale, &options)
    })?;
    format_with(&format, &js_sys::Date::new_0())
}

/// `3 days ago`, `in 2 hours`, `yesterday`, from `now` (ms since the epoch).
pub fn relative_time(rfc3339: &str, now: f64) -> String {
    let Some(millis) = parse_time(rfc3339) else {
        return rfc3339.to_owned();
    };
    let seconds = (millis - now) / 1000.0;
    let (value, unit) = relative_unit(seconds);
    relative_time_format(&locale())
        .and_then(|format| {
            let method = js_sys::Reflect::get(&format, &"format".into()).ok()?;
            method
                .dyn_ref::<js_sys::Function>()?
                .call2(&format, &JsValue::from_f64(value), &JsValue::from_str(unit))
                .ok()?
                .as_string()
        })
        .unwrap_or_else(|| rfc3339.to_owned())
}

fn relative_time_format(locale: &str) -> Option<JsValue> {
    formatter(format!("relative_time|{locale}"), || {
        construct(
            "RelativeTimeFormat",
            locale,
            &options(&[("numeric", "auto")]),
        )
    })
}

/// The largest unit that keeps the number readable.
pub fn relative_unit(seconds: f64) -> (f64, &'static str) {
    let magnitude = seconds.abs();
    let (divisor, unit) = match magnitude {
        m if m < 60.0 => (1.0, "second"),
        m if m < 3_600.0 => (60.0, "minute"),
        m if m < 86_400.0 => (3_600.0, "hour"),
        m if m < 86_400.0 * 30.0 => (86_400.0, "day"),
        m if m < 86_400.0 * 365.0 => (86_400.0 * 30.0, "month"),
        _ => (86_400.0 * 365.0, "year"),
    };
    ((seconds / divisor).round(), unit)
}

/// Up to two initials for an avatar: `Jane Doe` → `JD`, `zoë de vries` →
/// `zd`, `jdoe` → `j`. The avatar's style shows them in capitals: the
/// browser knows every script's and language's upper case, and the first
/// download does not carry Unicode's case tables for it.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .collect()
}

/// Every tz database name the browser knows (`Intl.supportedValuesOf`), for
/// the time-zone picker; empty where the browser cannot list them.
pub fn time_zones() -> Vec<String> {
    let list = js_sys::Reflect::get(&js_sys::global(), &"Intl".into())
        .and_then(|intl| {
            let function = js_sys::Reflect::get(&intl, &"supportedValuesOf".into())?;
            function
                .dyn_ref::<js_sys::Function>()
                .ok_or(JsValue::NULL)?
                .call1(&intl, &"timeZone".into())
        })
        .ok();
    list.and_then(|list| list.dyn_into::<js_sys::Array>().ok())
        .map(|array| array.iter().filter_map(|zone| zone.as_string()).collect())
        .unwrap_or_default()
}

/// The browser's own time zone, e.g. `Europe/Amsterdam`.
pub fn own_time_zone() -> Option<String> {
    let format = construct("DateTimeFormat", &locale(), &js_sys::Object::new())?;
    let resolved = js_sys::Reflect::get(&format, &"resolvedOptions".into()).ok()?;
    let options = resolved
        .dyn_ref::<js_sys::Function>()?
        .call0(&format)
        .ok()?;
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_units_pick_the_readable_scale() {
        assert_eq!(relative_unit(-30.0), (-30.0, "second"));
        assert_eq!(relative_unit(-3.0 * 86_400.0), (-3.0, "day"));
        assert_eq!(relative_unit(7_200.0), (2.0, "hour"));
        assert_eq!(relative_unit(-400.0 * 86_400.0), (-1.0, "year"));
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Jane Doe"), "JD");
        assert_eq!(initials("zoë de vries"), "zd");
        assert_eq!(initials("jdoe"), "j");
        assert_eq!(initials("  Ålesund \t Øst  Vest"), "ÅØ");
        assert_eq!(initials(""), "");
    }
}
