//! The user profile: everything the directory knows about one user, laid out
//! for reading, with their presence kept fresh.

use leptos::prelude::*;

use crate::api::wire::User;
use crate::api::wire::Versioned;
use crate::api::ErrorKind;
use crate::components::error_banner::ErrorBanner;
use crate::components::page_heading::PageHeading;
use crate::components::presence_badge::OnePresenceBadge;
use crate::format;
use crate::i18n::{fill, t};
use crate::pages::activation::ActivationControl;
use crate::resource::{
    keep_presence_fresh, use_directory, use_live_presence, use_may_change_users, use_presence_of,
    use_profile, use_user, QueryState,
};
use crate::routes;

/// Memberships shown before the rest are folded away.
const MEMBERSHIPS_SHOWN: usize = 8;

#[component]
pub fn UserProfile() -> impl IntoView {
    let id = routes::use_user_id();
    let user = use_user(id);
    let directory = use_directory();
    let retry = Callback::new(move |()| directory.refresh_user(&id.get_untracked()));
    // The user is addressed by the id in the address, whatever the body calls it.
    let address = Signal::derive(move || Some(id.get()));
    view! { <ProfileScreen user retry address/> }
}

/// The signed-in admin's own profile, in the same view.
#[component]
pub fn OwnProfile() -> impl IntoView {
    let user = use_profile();
    let directory = use_directory();
    let retry = Callback::new(move |()| directory.refresh_profile());
    view! { <ProfileScreen user retry address=Signal::stored(None)/> }
}

/// Loading, not found, forbidden and failed each get their own state.
#[component]
fn ProfileScreen(
    user: Signal<QueryState<Versioned<User>>>,
    retry: Callback<()>,
    /// The id the API knows the user by, when it is not the one in the body.
    address: Signal<Option<String>>,
) -> impl IntoView {
    keep_presence_fresh();
    let t = t();
    move || {
        let state = user.get();
        match (state.data, state.error) {
            (Some(user), _) => {
                let id = address.get().unwrap_or_else(|| user.value.id.clone());
                view! { <Profile id user/> }.into_any()
            }
            (None, Some(error)) if error.kind == ErrorKind::NotFound => view! {
                <PageHeading title=t.user_not_found/>
                <p>{t.no_user_here}<a href=routes::href(&routes::list())>{t.go_to_list}</a>"."</p>
            }
            .into_any(),
            (None, Some(error)) if error.kind == ErrorKind::Forbidden => view! {
                <PageHeading title=t.cannot_see_user/>
                <ErrorBanner error=error/>
            }
            .into_any(),
            (None, Some(error)) => view! {
                <PageHeading title=t.user/>
                <ErrorBanner error=error on_retry=retry/>
            }
            .into_any(),
            (None, None) => view! {
                <PageHeading title=t.user/>
                <p role="status">{t.loading_user}</p>
            }
            .into_any(),
        }
    }
}

#[component]
fn Profile(id: String, user: Versioned<User>) -> impl IntoView {
    let presence = use_presence_of(id.clone());
    let has_presence = crate::resource::use_capabilities().presence_badges;
    use_live_presence(Signal::stored(vec![id.clone()]), presence);
    let may_write = use_may_change_users();
    let t = t();
    let actions = {
        let (user, id) = (user.clone(), id.clone());
        move || {
            (may_write.get() == Some(true)).then(|| {
                let edit = routes::href(&routes::edit_user(&id));
                view! {
                    <div class="ua-actions ua-profile-actions">
                        <a class="ua-button ua-button--primary" href=edit>{t.edit_user}</a>
                        <ActivationControl id=id.clone() user=user.clone()/>
                    </div>
                }
            })
        }
    };
    let user = user.value;
    let name = user
        .full_name
        .clone()
        .unwrap_or_else(|| user.username.clone());
    let time_zone = user.time_zone.clone().map(|zone| {
        let local = format::time_in_zone(&zone)
            .map(|time| fill(t.local_time_there, &[("time", &time)]))
            .unwrap_or_default();
        format!("{zone}{local}")
    });
    let when = |time: &Option<String>, never: &'static str| match time {
        Some(time) => {
            view! { <time datetime=time.clone()>{format::date_time(time)}</time> }.into_any()
        }
        None => never.into_any(),
    };
    let memberships = user.memberships.clone();
    let folded = memberships.len().saturating_sub(MEMBERSHIPS_SHOWN);
    let list = |items: &[String]| {
        items
            .iter()
            .map(|m| view! { <li>{m.clone()}</li> })
            .collect_view()
    };
    let preferences = user
        .preferences
        .iter()
        .map(|(key, value)| view! { <dt>{key.clone()}</dt><dd>{value.clone()}</dd> })
        .collect_view();
    view! {
        <PageHeading title=name/>
        {actions}
        {has_presence.then(|| view! {
            <p class="ua-own-presence">{t.presence} ": " <OnePresenceBadge state=presence/></p>
        })}
        <dl class="ua-details">
            <dt>{t.username}</dt><dd>{user.username.clone()}</dd>
            <dt>{t.email}</dt><dd>{user.email.clone().unwrap_or_else(|| t.none.into())}</dd>
            <dt>{t.status}</dt><dd>{if user.active { t.active } else { t.inactive }}</dd>
            <dt>{t.roles}</dt><dd>{if user.roles.is_empty() { t.none.to_owned() } else { user.roles.join(", ") }}</dd>
            <dt>{t.time_zone}</dt><dd>{time_zone.unwrap_or_else(|| t.not_set.into())}</dd>
            <dt>{t.last_login}</dt><dd>{when(&user.last_login_at, t.never)}</dd>
            <dt>{t.created}</dt><dd>{when(&user.created_at, t.unknown)}</dd>
        </dl>
        <h2 class="ua-section-title">{fill(t.memberships, &[("count", &format::number(memberships.len() as u64))])}</h2>
        {if memberships.is_empty() {
            view! { <p>{t.none}</p> }.into_any()
        } else {
            view! {
                <ul class="ua-memberships">{list(&memberships[..memberships.len().min(MEMBERSHIPS_SHOWN)])}</ul>
                {(folded > 0).then(|| view! {
                    <details class="ua-more">
                        <summary>{fill(t.show_more, &[("count", &format::number(folded as u64))])}</summary>
                        <ul class="ua-memberships">{list(&memberships[MEMBERSHIPS_SHOWN..])}</ul>
                    </details>
                })}
            }
            .into_any()
        }}
        <h2 class="ua-section-title">{t.preferences}</h2>
        {if user.preferences.is_empty() {
            view! { <p>{t.none}</p> }.into_any()
        } else {
            view! { <dl class="ua-details">{preferences}</dl> }.into_any()
        }}
    }
}
