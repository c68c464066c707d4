//! user-admin: an embeddable admin frontend for a user directory.
//!
//! Layers, top to bottom (arrows point one way only): `embed` → `pages` →
//! `components` → (resource → api, in their own modules). See ARCHITECTURE.md.

pub mod api;
pub mod components;
pub mod config;
pub mod csv;
pub mod download;
pub mod embed;
pub mod format;
pub mod host;
pub mod i18n;
pub mod lazy;
pub mod locale;
pub mod pages;
pub mod profile_reader;
pub mod resource;
pub mod router;
pub mod routes;
pub mod state;
pub mod storage;

use leptos::prelude::*;

use crate::api::client::{Client, ClientConfig};
use crate::api::profile::ApiProfile;
use crate::components::layout::Layout;
use crate::components::profile_problem::{ProfileProblem, ProfileReaderNotLoaded};
use crate::config::{Config, ProfileSource};
use crate::profile_reader::Unread;
use crate::resource::QueryCache;
use crate::router::Router;
use crate::routes::AppRoutes;

/// The whole admin: router, layout and screens, configured by the host page.
/// Without a `client`, one is made from `config` (no token renewal).
#[component]
pub fn App(
    config: Config,
    #[prop(optional)] client: Option<Client>,
    /// Unsaved input from a previous mount on the same host element.
    #[prop(optional)]
    drafts: Option<state::drafts::DraftStore>,
) -> impl IntoView {
    let client = client.unwrap_or_else(|| {
        let mut client_config = ClientConfig::new(&config.api_base);
        client_config.token = config.token.clone();
        Client::new(client_config)
    });
    // The API profile first: every request is spelled by it.
    let profile = RwSignal::new(None);
    let source = config.api_profile.clone();
    let loaded = client.clone();
    resource::provide_api(client, QueryCache::new());
    provide_context(config);
    // And the admin's language, when it is a part of its own.
    let language = i18n::Language::for_tag(&locale::current());
    let read = move || match source.clone() {
        // At once: the contract's admin in English renders in its first frame.
        ProfileSource::Contract if language.is_here() => {
            profile.set(Some(Ok(ApiProfile::default())))
        }
        source => leptos::task::spawn_local(async move {
            let (read, ()) =
                futures_util::future::join(profile_reader::read_profile(source), language.load())
                    .await;
            // The admin may be gone by then.
            let _ = profile.try_set(Some(read));
        }),
    };
    read();
    components::flash::provide_flash();
    components::page_heading::provide_screens_shown();
    state::drafts::provide_drafts(drafts.unwrap_or_default());
    let t = i18n::t();
    move || match profile.get() {
        None => view! { <p class="ua-loading" role="status">{t.profile_loading}</p> }.into_any(),
        Some(Err(Unread::Invalid(error))) => view! { <ProfileProblem error/> }.into_any(),
        Some(Err(Unread::NotLoaded)) => {
            let read = read.clone();
            let retry = move || {
                profile.set(None);
                read();
            };
            view! { <ProfileReaderNotLoaded retry/> }.into_any()
        }
        Some(Ok(api_profile)) => {
            loaded.set_api_profile(api_profile);
            Router::provide();
            routes::provide_current_screen();
            view! {
                <Layout>
                    <AppRoutes/>
                </Layout>
            }
            .into_any()
        }
    }
}
