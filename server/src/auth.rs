//! Bearer-token authentication and scopes.

use axum::http::{header, HeaderMap, StatusCode};

use crate::problem::Problem;

pub const SCOPE_READ: &str = "users:read";
pub const SCOPE_WRITE: &str = "users:write";
pub const SCOPE_PRESENCE: &str = "presence:write";

/// The signed-in caller: which user the token belongs to and what it may do.
#[derive(Debug, Clone)]
pub struct Principal {
    pub username: String,
    pub scopes: Vec<&'static str>,
}

impl Principal {
    /// 403 unless the token carries `scope`.
    pub fn require(&self, scope: &'static str) -> Result<(), Problem> {
        if self.scopes.contains(&scope) {
            return Ok(());
        }
        Err(Problem::new(
            StatusCode::FORBIDDEN,
            "insufficient-scope",
            "You do not have permission to do this.",
        )
        .detail(format!("This needs the \"{scope}\" permission."))
        .header(
            header::WWW_AUTHENTICATE,
            &format!(
                "Bearer realm=\"user-admin\", error=\"insufficient_scope\", scope=\"{scope}\""
            ),
        ))
    }
}

/// The tokens this server accepts, from the command line.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub admin: String,
    pub viewer: String,
}

/// Username of the seeded account each token signs in as.
pub const ADMIN_USERNAME: &str = "admin";
pub const VIEWER_USERNAME: &str = "viewer";

impl Tokens {
    /// Who is calling, or a 401 with the `WWW-Authenticate` challenge.
    pub fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, Problem> {
        let authorization = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let token = authorization.and_then(|value| {
            let (scheme, token) = value.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
        match token {
            Some(token) if token == self.admin => Ok(Principal {
                username: ADMIN_USERNAME.to_owned(),
                scopes: vec![SCOPE_READ, SCOPE_WRITE, SCOPE_PRESENCE],
            }),
            Some(token) if token == self.viewer => {
                Ok(Principal { username: VIEWER_USERNAME.to_owned(), scopes: vec![SCOPE_READ] })
            }
            Some(_) => Err(unauthenticated(
                "The access token is not valid or has expired.",
                "Bearer realm=\"user-admin\", error=\"invalid_token\", error_description=\"The access token is not valid\"",
            )),
            None => Err(unauthenticated("Sign in to use this API.", "Bearer realm=\"user-admin\"")),
        }
    }
}

fn unauthenticated(detail: &str, challenge: &str) -> Problem {
    Problem::new(
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        "You are not signed in.",
    )
    .detail(detail)
    .header(header::WWW_AUTHENTICATE, challenge)
}
