//! Where a field error points, whatever syntax the server used, and which of
//! a form's fields that is.
//!
//! Servers name fields as JSON Pointers (`#/roles/2`), dotted paths
//! (`user.roles[2]`, `roles.2`), FastAPI locations (`["body", "email"]`) or
//! bare names (`Email`). All become a [`FieldPath`]: a location and segments.

/// Which part of the request the error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Body,
    Query,
    Header,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    pub location: Location,
    pub segments: Vec<Segment>,
}

/// Segments kept of an error path. Error maps from some frameworks are not
/// length-limited; no form field is nested this deep.
pub const MAX_SEGMENTS: usize = 32;
/// Bytes kept of one segment.
const MAX_SEGMENT_BYTES: usize = 256;

/// Prefixes that wrap the real field name in some dialects.
const WRAPPER_PREFIXES: &[&[&str]] = &[&["data", "attributes"], &["body"], &["$"]];

impl FieldPath {
    pub fn body(segments: Vec<Segment>) -> Self {
        Self {
            location: Location::Body,
            segments: capped(segments),
        }
        .without_wrappers()
    }

    /// A query parameter by name.
    pub fn parameter(name: &str) -> Self {
        Self {
            location: Location::Query,
            segments: vec![Segment::Key(name.to_owned())],
        }
    }

    /// `#/a/b`, `/a/b` (RFC 6901, with `~1` and `~0` escapes). `#` or `` is the
    /// whole body: no segments.
    pub fn from_pointer(pointer: &str) -> Self {
        let path = pointer.strip_prefix('#').unwrap_or(pointer);
        let segments = path
            .split('/')
            .skip(1)
            .take(MAX_SEGMENTS + WRAPPER_DEPTH)
            .map(|raw| segment(&raw.replace("~1", "/").replace("~0", "~")))
            .collect();
        Self::body(segments)
    }

    /// `a.b[2].c`, `$.a`, `a.0.b`, `Roles[2]`: dots and brackets.
    pub fn from_dotted(path: &str) -> Self {
        let mut segments = Vec::new();
        for part in path.split('.') {
            if segments.len() > MAX_SEGMENTS + WRAPPER_DEPTH {
                break;
            }
            let mut rest = part;
            while let Some(open) = rest.find('[') {
                let (name, tail) = rest.split_at(open);
                if !name.is_empty() {
                    segments.push(segment(name));
                }
                let close = tail.find(']').unwrap_or(tail.len());
                let inner = tail[1..close].trim_matches(|c| c == '\'' || c == '"');
                if !inner.is_empty() {
                    segments.push(segment(inner));
                }
                rest = tail.get(close + 1..).unwrap_or("");
            }
            if !rest.is_empty() {
                segments.push(segment(rest));
            }
        }
        Self::body(segments)
    }

    /// FastAPI's `loc`: `["body", "email"]`, `["query", "limit"]`.
    pub fn from_location_list(parts: &[serde_json::Value]) -> Self {
        let mut segments: Vec<Segment> = parts
            .iter()
            .take(MAX_SEGMENTS + WRAPPER_DEPTH)
            .filter_map(|part| match part {
                serde_json::Value::String(key) => Some(segment(key)),
                serde_json::Value::Number(n) => n.as_u64().map(|i| Segment::Index(i as usize)),
                _ => None,
            })
            .collect();
        let location = match segments.first() {
            Some(Segment::Key(first)) if first == "query" || first == "path" => Location::Query,
            Some(Segment::Key(first)) if first == "header" || first == "cookie" => Location::Header,
            _ => Location::Body,
        };
        if location != Location::Body {
            segments.remove(0);
        }
        let segments = capped(segments);
        let path = Self {
            location: Location::Body,
            segments,
        }
        .without_wrappers();
        Self {
            location,
            segments: path.segments,
        }
    }

    fn without_wrappers(mut self) -> Self {
        for prefix in WRAPPER_PREFIXES {
            let matches = self.segments.len() > prefix.len()
                && prefix
                    .iter()
                    .zip(&self.segments)
                    .all(|(p, s)| matches!(s, Segment::Key(k) if k == p));
            if matches {
                self.segments.drain(..prefix.len());
            }
        }
        self
    }

    /// True for an error about the whole request rather than one field.
    pub fn is_whole_request(&self) -> bool {
        self.segments.is_empty()
    }

    /// `roles/2` style, for display and matching.
    pub fn display(&self) -> String {
        self.segments
            .iter()
            .map(|s| match s {
                Segment::Key(k) => k.clone(),
                Segment::Index(i) => i.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Longest wrapper prefix (`data/attributes`), kept on top of the cap so
/// it can still be stripped.
const WRAPPER_DEPTH: usize = 2;

/// The first [`MAX_SEGMENTS`] (plus a wrapper) segments.
fn capped(mut segments: Vec<Segment>) -> Vec<Segment> {
    segments.truncate(MAX_SEGMENTS + WRAPPER_DEPTH);
    segments
}

fn segment(raw: &str) -> Segment {
    match raw.parse::<usize>() {
        Ok(index) if !raw.starts_with('+') => Segment::Index(index),
        _ => {
            let mut end = raw.len().min(MAX_SEGMENT_BYTES);
            while !raw.is_char_boundary(end) {
                end -= 1;
            }
            Segment::Key(raw[..end].to_owned())
        }
    }
}

/// Lower case without `_` and `-`: `time_zone`, `TimeZone`, `time-zone` agree.
/// ASCII case only: wire field names are identifiers, an exact match is
/// tried first, and Unicode's case tables would be 12 KB of the first
/// download for names no API uses.
fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The registered form field an error path belongs to, or `None` (then the
/// error goes to the summary). Registered fields are written `a/b`.
///
/// In order: exact; ignoring case, `_` and `-`; the longest registered path
/// the error path ends with (drops prefixes such as `createUser.user.`); the
/// nearest registered parent (`roles/2` → `roles`). Message text is never read.
pub fn match_field<'a>(path: &FieldPath, registered: &[&'a str]) -> Option<&'a str> {
    if path.location == Location::Header || path.is_whole_request() {
        return None;
    }
    let parts: Vec<String> = path
        .segments
        .iter()
        .take(MAX_SEGMENTS)
        .map(|s| match s {
            Segment::Key(k) => k.clone(),
            Segment::Index(i) => i.to_string(),
        })
        .collect();
    let loose_parts: Vec<String> = parts.iter().map(|p| loose(p)).collect();
    // Each registered field as its segments, exact and loose.
    let fields: Vec<(&'a str, Vec<&str>, Vec<String>)> = registered
        .iter()
        .map(|r| {
            let exact: Vec<&str> = r.split('/').collect();
            let loose_field = exact.iter().map(|p| loose(p)).collect();
            (*r, exact, loose_field)
        })
        .collect();
    // Exactly parts[start..end], first as written, then loosely.
    let at = |start: usize, end: usize| -> Option<&'a str> {
        let candidate = &parts[start..end];
        fields
            .iter()
            .find(|(_, exact, _)| exact.as_slice() == candidate)
            .or_else(|| {
                let wanted = &loose_parts[start..end];
                fields
                    .iter()
                    .find(|(_, _, field)| field.as_slice() == wanted)
            })
            .map(|(name, _, _)| *name)
    };
    if let Some(found) = at(0, parts.len()) {
        return Some(found);
    }
    // The longest registered path that the error path ends with.
    let suffix = fields
        .iter()
        .filter(|(_, _, field)| loose_parts.ends_with(field))
        .max_by_key(|(_, _, field)| field.len())
        .map(|(name, _, _)| *name);
    if suffix.is_some() {
        return suffix;
    }
    // The nearest registered parent, also allowing a prefix before it. Only
    // spans as long as a registered path can match, so this is linear in
    // the path's length.
    let deepest = fields
        .iter()
        .map(|(_, exact, _)| exact.len())
        .max()
        .unwrap_or(0);
    for end in (1..parts.len()).rev() {
        for length in (1..=deepest.min(end)).rev() {
            if let Some(found) = at(end - length, end) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &[&str] = &[
        "username",
        "fullName",
        "email",
        "roles",
        "timeZone",
        "preferences/Locale",
    ];

    fn keys(path: &FieldPath) -> String {
        path.display()
    }

    #[test]
    fn pointers_unescape_and_index() {
        let path = FieldPath::from_pointer("#/preferences/a~1b~0c/0");
        assert_eq!(
            path.segments,
            vec![
                Segment::Key("preferences".into()),
                Segment::Key("a/b~c".into()),
                Segment::Index(0)
            ]
        );
        assert!(FieldPath::from_pointer("#").is_whole_request());
        assert_eq!(
            keys(&FieldPath::from_pointer("/data/attributes/email")),
            "email"
        );
    }

    #[test]
    fn dotted_and_bracketed_paths() {
        assert_eq!(
            keys(&FieldPath::from_dotted("user.roles[2]")),
            "user/roles/2"
        );
        assert_eq!(keys(&FieldPath::from_dotted("$.roles[2]")), "roles/2");
        assert_eq!(keys(&FieldPath::from_dotted("a.0.b")), "a/0/b");
        assert_eq!(
            keys(&FieldPath::from_dotted("preferences['Locale']")),
            "preferences/Locale"
        );
    }

    #[test]
    fn fastapi_locations_name_body_or_query() {
        let body =
            FieldPath::from_location_list(&[serde_json::json!("body"), serde_json::json!("email")]);
        assert_eq!(
            (body.location.clone(), keys(&body)),
            (Location::Body, "email".into())
        );
        let query = FieldPath::from_location_list(&[
            serde_json::json!("query"),
            serde_json::json!("limit"),
        ]);
        assert_eq!(
            (query.location.clone(), keys(&query)),
            (Location::Query, "limit".into())
        );
    }

    #[test]
    fn matching_goes_exact_loose_suffix_then_parent() {
        let m = |path: FieldPath| match_field(&path, FORM);
        assert_eq!(m(FieldPath::from_pointer("#/email")), Some("email"));
        assert_eq!(m(FieldPath::from_dotted("Email")), Some("email"));
        assert_eq!(m(FieldPath::from_dotted("time_zone")), Some("timeZone"));
        assert_eq!(
            m(FieldPath::from_dotted("createUser.user.fullName")),
            Some("fullName")
        );
        assert_eq!(m(FieldPath::from_pointer("#/roles/2")), Some("roles"));
        assert_eq!(
            m(FieldPath::from_pointer("#/preferences/Locale")),
            Some("preferences/Locale")
        );
        assert_eq!(
            m(FieldPath::from_dotted("create.arg0.roles[1]")),
            Some("roles")
        );
        assert_eq!(m(FieldPath::from_pointer("#/shoeSize")), None);
        assert_eq!(m(FieldPath::from_pointer("#")), None);
    }

    #[test]
    fn a_path_of_thousands_of_segments_is_capped_and_matched_at_once() {
        let long = vec!["x"; 5_000].join(".");
        let path = FieldPath::from_dotted(&long);
        assert!(path.segments.len() <= MAX_SEGMENTS + WRAPPER_DEPTH);
        assert_eq!(match_field(&path, FORM), None);
        let pointer = format!("#/{}", vec!["y"; 5_000].join("/"));
        assert_eq!(match_field(&FieldPath::from_pointer(&pointer), FORM), None);
        let deep = format!("{}.email", ["wrap"; 10].join("."));
        assert_eq!(
            match_field(&FieldPath::from_dotted(&deep), FORM),
            Some("email")
        );
    }
}
