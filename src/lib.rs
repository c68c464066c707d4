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
pub mod resource;
pub mod routes;
pub mod state;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::api::client::{Client, ClientConfig};
use crate::components::layout::Layout;
use crate::config::Config;
use crate::resource::QueryCache;
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
    let base = config.base_path.clone();
    let client = client.unwrap_or_else(|| {
        let mut client_config = ClientConfig::new(&config.api_base);
        client_config.token = config.token.clone();
        Client::new(client_config)
    });
    resource::provide_api(client, QueryCache::new());
    provide_context(config);
    components::flash::provide_flash();
    components::page_heading::provide_screens_shown();
    state::drafts::provide_drafts(drafts.unwrap_or_default());
    view! {
        <Router base=base>
            <Layout>
                <AppRoutes/>
            </Layout>
        </Router>
    }
}
