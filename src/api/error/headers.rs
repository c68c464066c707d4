//! What the response headers of a failure say: when to come back
//! (`Retry-After`) and why access was refused (`WWW-Authenticate`).

/// When the server asks the client to come back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    Seconds(u64),
    /// An HTTP date, as seconds since the Unix epoch.
    At(u64),
}

impl RetryAfter {
    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Self::Seconds(seconds));
        }
        let time = httpdate::parse_http_date(value).ok()?;
        let since_epoch = time.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Self::At(since_epoch.as_secs()))
    }

    /// Seconds to wait from `now` (seconds since the Unix epoch).
    pub fn delay_from(&self, now: u64) -> u64 {
        match self {
            Self::Seconds(seconds) => *seconds,
            Self::At(at) => at.saturating_sub(now),
        }
    }
}

/// A 401's or 403's `WWW-Authenticate` challenge and OAuth body members.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub scope: Option<String>,
}

impl Challenge {
    /// `Bearer realm="x", error="invalid_token", scope="users:write"`.
    pub fn parse(header: &str) -> Self {
        let header = header.trim();
        let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
        let mut challenge = Challenge {
            scheme: scheme.to_owned(),
            ..Self::default()
        };
        for (name, value) in auth_params(rest) {
            match name.to_ascii_lowercase().as_str() {
                "error" => challenge.error = Some(value),
                "error_description" => challenge.error_description = Some(value),
                "scope" => challenge.scope = Some(value),
                _ => {}
            }
        }
        challenge
    }
}

/// `a="x, y", b=z` → pairs, honouring quotes.
fn auth_params(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text.trim();
    while let Some(equals) = rest.find('=') {
        let name = rest[..equals]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_owned();
        rest = rest[equals + 1..].trim_start();
        let value;
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            value = quoted[..end].to_owned();
            rest = quoted.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_owned();
            rest = &rest[end..];
        }
        rest = rest.trim_start_matches([',', ' ']);
        pairs.push((name, value));
    }
    pairs
}
