//! One module per screen. Screens read and write the directory through
//! `resource/`, link through `routes`, and take their words from `i18n`.

mod activation;
mod create_user;
mod edit_user;
mod my_presence;
mod not_found;
pub mod user_form;
pub mod user_list;
mod user_profile;

pub use create_user::CreateUser;
pub use edit_user::EditUser;
pub use my_presence::MyPresence;
pub use not_found::NotFound;
pub use user_list::UserList;
pub use user_profile::{OwnProfile, UserProfile};
