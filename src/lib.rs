//! user-admin: an embeddable admin frontend for a user directory.
//!
//! Layers, top to bottom (arrows point one way only): `embed` → `pages` →
//! `components` → (resource → api, in their own modules). See ARCHITECTURE.md.

pub mod api;
pub mod components;
pub mod config;
pub mod embed;
pub mod pages;
pub mod resource;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::config::Config;
use crate::pages::{CreateUser, MyPresence, NotFound, UserList, UserProfile};

/// The whole admin: router, layout and screens, configured by the host page.
#[component]
pub fn App(config: Config) -> impl IntoView {
    let base = config.base_path.clone();
    provide_context(config);
    view! {
        <Router base=base>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=UserList/>
                    <Route path=path!("/users/new") view=CreateUser/>
                    <Route path=path!("/users/:id") view=UserProfile/>
                    <Route path=path!("/me") view=MyPresence/>
                </Routes>
            </Layout>
        </Router>
    }
}
