//! What crosses the wire besides JSON: header values the browser accepts,
//! bearer tokens we may send, and response bodies read with a cap.

use wasm_bindgen::JsCast;

use super::error::ApiError;

/// The body of `response`, or `None` once it grows past `limit` bytes (the
/// rest is not read).
pub async fn read_capped(
    response: &gloo_net::http::Response,
    limit: usize,
) -> Result<Option<Vec<u8>>, ApiError> {
    let Some(stream) = response.body() else {
        return Ok(Some(Vec::new()));
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    while let Some(bytes) = next_chunk(&reader).await? {
        if body.len().saturating_add(bytes.len()) > limit {
            let _ = reader.cancel();
            return Ok(None);
        }
        body.extend_from_slice(&bytes);
    }
    Ok(Some(body))
}

/// The next chunk of a body, `None` at its end.
pub async fn next_chunk(
    reader: &web_sys::ReadableStreamDefaultReader,
) -> Result<Option<Vec<u8>>, ApiError> {
    let failed = |error: wasm_bindgen::JsValue| {
        let text = js_sys::Error::from(error).message();
        ApiError::network(String::from(text))
    };
    let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
        .await
        .map_err(failed)?;
    let done = js_sys::Reflect::get(&chunk, &"done".into())
        .ok()
        .and_then(|done| done.as_bool())
        .unwrap_or(true);
    if done {
        return Ok(None);
    }
    let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(failed)?;
    Ok(Some(js_sys::Uint8Array::new(&value).to_vec()))
}

/// Whether a `Link` header (RFC 8288) has a link with relation `rel`.
pub fn has_link_relation(header: &str, rel: &str) -> bool {
    link_target(header, rel).is_some()
}

/// The target of the first link in a `Link` header (RFC 8288) with
/// relation `rel`: `<…/users?page=2>; rel="next"` gives `…/users?page=2`.
/// Targets may hold commas, so links are split only outside `<…>`.
pub fn link_target<'a>(header: &'a str, rel: &str) -> Option<&'a str> {
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>')?;
        let target = &after[..close];
        let params = &after[close + 1..];
        let end = params.find(',').unwrap_or(params.len());
        let has_rel = params[..end].split(';').any(|param| {
            param.trim().split_once('=').is_some_and(|(name, value)| {
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|one| one == rel)
            })
        });
        if has_rel {
            return Some(target);
        }
        rest = &params[end..];
    }
    None
}

/// Whether `Headers.set` takes `value`: no CR, LF or NUL, nothing above
/// U+00FF (header values are bytes).
pub fn is_header_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| u32::from(c) <= 0xFF && !matches!(c, '\r' | '\n' | '\0'))
}

/// A bearer token as RFC 6750 allows (visible ASCII, no spaces), else
/// `None`: anything else is not a token this admin can send.
pub fn usable_token(token: Option<String>) -> Option<String> {
    token
        .map(|token| token.trim().to_owned())
        .filter(|token| !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_relation_is_found_among_links_and_relations() {
        let rel = "https://user-admin.example/rels/presence-events";
        let header = format!(r#"</a>; rel="next", </b?userIds=1,2>; rel="alternate {rel}""#);
        assert!(has_link_relation(&header, rel));
        assert!(has_link_relation(&format!("</b>;rel={rel}"), rel));
        assert!(!has_link_relation(r#"</b>; rel="next""#, rel));
        assert!(
            !has_link_relation(&format!("<{rel}>"), rel),
            "a URL is not a relation"
        );
        assert!(!has_link_relation("", rel));
    }

    #[test]
    fn a_link_target_is_read_whole_even_with_commas() {
        let header = r#"</users?page=0>; rel="prev", </users?ids=1,2&page=2>; rel="next""#;
        assert_eq!(link_target(header, "next"), Some("/users?ids=1,2&page=2"));
        assert_eq!(link_target(header, "prev"), Some("/users?page=0"));
        assert_eq!(link_target(header, "last"), None);
        assert_eq!(link_target("</broken; rel=next", "next"), None);
    }

    #[test]
    fn only_visible_ascii_tokens_are_sent() {
        assert_eq!(
            usable_token(Some(" abc.DEF-1~+/= ".into())).as_deref(),
            Some("abc.DEF-1~+/=")
        );
        for bad in [
            "",
            "  ",
            "a\r\nX-Evil: 1",
            "a\u{2028}b",
            "tök",
            "a b",
            "\u{1F600}",
        ] {
            assert_eq!(usable_token(Some(bad.into())), None, "{bad:?}");
        }
    }

    #[test]
    fn header_values_are_bytes_without_line_breaks() {
        assert!(is_header_value("\"v3\", \"v4\""));
        assert!(is_header_value("café"));
        assert!(!is_header_value("a\nb"));
        assert!(!is_header_value("a\u{2028}b"));
        assert!(!is_header_value("€"));
    }
}
