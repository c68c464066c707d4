//! The route table: which screen each path shows.

use leptos::prelude::*;

use super::screens;
use crate::config::use_config;
use crate::pages::{NotFound, UserList};
use crate::router::{decode_segment, use_location};

/// A screen, by the path that shows it (the same paths the builders in
/// `routes` make). The list is in the first download; the others load when
/// needed (`screens`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// `/`, and `/users` (the URL people type, and the API's own path). Also
    /// what a URL outside the base path shows: the portal's page, or another
    /// admin's on the same page (Back to one of its entries must not turn
    /// this one into an error).
    List,
    NewUser,
    User(String),
    EditUser(String),
    OwnProfile,
    MyPresence,
    /// A path below the base path that no screen claims.
    NotFound,
}

impl Screen {
    /// The screen of a route (a path relative to the base path, still
    /// percent-encoded as the address bar has it). One trailing slash is
    /// insignificant.
    pub fn at(route: &str) -> Self {
        let trimmed = route.strip_suffix('/').unwrap_or(route);
        let segments: Vec<&str> = trimmed.split('/').skip(1).collect();
        let id = |segment: &str| Some(decode_segment(segment)).filter(|id| !id.is_empty());
        match segments.as_slice() {
            [] | ["users"] => Self::List,
            ["users", "new"] => Self::NewUser,
            ["users", user] => id(user).map_or(Self::NotFound, Self::User),
            ["users", user, "edit"] => id(user).map_or(Self::NotFound, Self::EditUser),
            ["profile"] => Self::OwnProfile,
            ["me"] => Self::MyPresence,
            _ => Self::NotFound,
        }
    }

    /// The user a screen is about.
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Self::User(id) | Self::EditUser(id) => Some(id),
            _ => None,
        }
    }

    /// Same screen, whoever it is about: moving from one user to another
    /// keeps the screen and changes its `user_id`.
    fn kind(&self) -> std::mem::Discriminant<Self> {
        std::mem::discriminant(self)
    }
}

/// The current screen, for the admin the calling component is in.
#[derive(Clone, Copy)]
pub struct CurrentScreen(pub Memo<Screen>);

/// Provides the current screen (below the router, above the layout).
pub fn provide_current_screen() -> Memo<Screen> {
    let location = use_location();
    let config = use_config();
    let screen = Memo::new(move |_| {
        location
            .pathname
            .with(|path| config.route_of(path).map_or(Screen::List, Screen::at))
    });
    provide_context(CurrentScreen(screen));
    screen
}

pub fn use_current_screen() -> Memo<Screen> {
    expect_context::<CurrentScreen>().0
}

/// The screen the URL names. A new user id on the same screen keeps it.
#[component]
pub fn AppRoutes() -> impl IntoView {
    let screen = use_current_screen();
    let kind = Memo::new(move |_| screen.with(Screen::kind));
    move || {
        // Read, not `track()`: a memo never read never subscribes to its
        // source, so it would never change.
        let _ = kind.get();
        match screen.get_untracked() {
            Screen::List => view! { <UserList/> }.into_any(),
            Screen::NewUser => screens::create_user(),
            Screen::User(_) => screens::user_profile(),
            Screen::EditUser(_) => screens::edit_user(),
            Screen::OwnProfile => screens::own_profile(),
            Screen::MyPresence => screens::my_presence(),
            Screen::NotFound => view! { <NotFound/> }.into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_shows_its_screen() {
        assert_eq!(Screen::at(""), Screen::List);
        assert_eq!(Screen::at("/"), Screen::List);
        assert_eq!(Screen::at("/users"), Screen::List);
        assert_eq!(Screen::at("/users/"), Screen::List);
        assert_eq!(Screen::at("/users/new"), Screen::NewUser);
        assert_eq!(Screen::at("/users/u1"), Screen::User("u1".into()));
        assert_eq!(Screen::at("/users/u1/"), Screen::User("u1".into()));
        assert_eq!(Screen::at("/users/u1/edit"), Screen::EditUser("u1".into()));
        assert_eq!(Screen::at("/profile"), Screen::OwnProfile);
        assert_eq!(Screen::at("/me"), Screen::MyPresence);
    }

    #[test]
    fn ids_are_decoded_from_their_one_segment() {
        assert_eq!(
            Screen::at(&crate::routes::user("a/b c")),
            Screen::User("a/b c".into())
        );
        assert_eq!(
            Screen::at(&crate::routes::edit_user("x+y%")),
            Screen::EditUser("x+y%".into())
        );
    }

    #[test]
    fn other_paths_are_not_found() {
        for route in [
            "/users//edit",
            "/users/u1/delete",
            "/users/u1/edit/more",
            "//",
            "/profile/x",
            "/nope",
        ] {
            assert_eq!(Screen::at(route), Screen::NotFound, "{route}");
        }
    }

    #[test]
    fn a_malformed_escape_is_part_of_the_id() {
        assert_eq!(Screen::at("/users/%"), Screen::User("%".into()));
    }
}
