//! A profile the host names by URL (`api-profile="/portal/profile.json"`),
//! fetched from the page's own origin only: a profile decides where the
//! admin sends the token, so another site must not be able to supply one.

use super::{ApiProfile, ProfileError};
use crate::api::client::request_to;
use crate::api::wire_values::read_capped;

/// Largest profile document read.
const MAX_PROFILE: usize = 256 * 1024;
/// A profile that does not arrive within this is reported, not waited for.
const PROFILE_TIMEOUT_MS: u32 = 15_000;

fn failed(problem: impl Into<String>) -> ProfileError {
    ProfileError {
        member: String::new(),
        problem: problem.into(),
    }
}

/// The profile at `url`, resolved against the page's address.
pub async fn fetch_profile(url: &str) -> Result<ApiProfile, ProfileError> {
    let window = web_sys::window().ok_or_else(|| failed("there is no window"))?;
    let page = window.location().href().unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(url, &page)
        .map_err(|_| failed("the api-profile URL is not a URL"))?;
    if resolved.origin() != window.location().origin().unwrap_or_default() {
        return Err(failed(
            "the api-profile URL must be on the page's own origin",
        ));
    }
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(
        PROFILE_TIMEOUT_MS,
    )));
    let no_answer = || failed("the profile could not be loaded (no answer)");
    let response = request_to(&resolved.href(), &init, &[("Accept", "application/json")])
        .map_err(|_| no_answer())?
        .send()
        .await
        .map_err(|_| no_answer())?;
    if !response.ok() {
        return Err(failed(format!(
            "the profile could not be loaded (HTTP {})",
            response.status()
        )));
    }
    let body = read_capped(&response, MAX_PROFILE)
        .await
        .map_err(|_| failed("the profile could not be loaded (the answer broke off)"))?
        .ok_or_else(|| failed("the profile is larger than 256 KiB"))?;
    let text = String::from_utf8(body).map_err(|_| ProfileError::not_json())?;
    ApiProfile::from_json(&text)
}
