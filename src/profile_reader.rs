//! Reading the API profile the host names, when the admin starts.
//!
//! Our contract needs no reading. A built-in's name, a document or a URL
//! goes through the profile parser, which is a part loaded only then (see
//! `lazy`): a portal on our contract does not download it.

use std::future::Future;
use std::pin::Pin;

use crate::api::profile::renames::{self, Renames};
use crate::api::profile::{builtin, fetch_profile, ApiProfile, ProfileError};
use crate::config::ProfileSource;

type Read = Result<ApiProfile, ProfileError>;

/// Why there is no profile to start with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unread {
    /// The profile is wrong: the portal team must fix it.
    Invalid(ProfileError),
    /// The parser's part did not download: trying again may work.
    NotLoaded,
}

#[derive(Clone, Copy)]
struct Reader {
    builtin: fn(&str) -> Read,
    document: fn(&str) -> Read,
    fetch: fn(String) -> Pin<Box<dyn Future<Output = Read>>>,
    /// What a profile other than our contract needs while the admin runs.
    renames: Renames,
}

crate::split_point!(static READER: Reader = profile_reader => Reader {
    builtin,
    document: ApiProfile::from_json,
    fetch: |url| Box::pin(async move { fetch_profile(&url).await }),
    renames: renames::renames(),
});

/// The profile `source` names, or what is wrong with it.
pub async fn read_profile(source: ProfileSource) -> Result<ApiProfile, Unread> {
    if source == ProfileSource::Contract {
        return Ok(ApiProfile::default());
    }
    let reader = READER.load().await.map_err(|_| Unread::NotLoaded)?;
    renames::install(reader.renames);
    let read = match source {
        ProfileSource::Contract => Ok(ApiProfile::default()),
        ProfileSource::Builtin(name) => (reader.builtin)(&name),
        ProfileSource::Document(Some(text)) => (reader.document)(&text),
        ProfileSource::Document(None) => Err(ProfileError::not_json()),
        ProfileSource::Url(url) => (reader.fetch)(url).await,
    };
    read.map_err(Unread::Invalid)
}

#[cfg(test)]
mod tests {
    use std::task::{Context, Poll, Waker};

    use super::*;

    /// Reads without a browser: every source but a URL is read at once.
    fn read_now(source: ProfileSource) -> Result<ApiProfile, Unread> {
        let mut reading = std::pin::pin!(read_profile(source));
        match reading
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(read) => read,
            Poll::Pending => panic!("a profile that needs no download is read at once"),
        }
    }

    #[test]
    fn each_source_is_read_or_refused_with_its_reason() {
        assert_eq!(read_now(ProfileSource::Contract), Ok(ApiProfile::default()));
        let circuit = read_now(ProfileSource::Builtin("circuit".into())).expect("built in");
        assert_eq!((circuit.name.as_str(), circuit.create), ("circuit", None));
        let Err(Unread::Invalid(unknown)) = read_now(ProfileSource::Builtin("<b>sap</b>".into()))
        else {
            panic!("an unknown name is refused");
        };
        assert!(unknown
            .problem
            .contains("no built-in profile called \"<b>sap</b>\""));
        let document = read_now(ProfileSource::Document(Some(r#"{"list": null}"#.into())));
        assert_eq!(document.map(|profile| profile.list), Ok(None));
        for broken in [None, Some("{".to_owned())] {
            assert_eq!(
                read_now(ProfileSource::Document(broken)),
                Err(Unread::Invalid(ProfileError::not_json()))
            );
        }
    }
}
