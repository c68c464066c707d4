//! One module per screen.

mod activation;
mod create_user;
pub mod drafts;
mod edit_user;
pub mod list_state;
mod my_presence;
mod not_found;
mod user_form;
mod user_list;
mod user_profile;
pub mod user_values;

pub use create_user::CreateUser;
pub use edit_user::EditUser;
pub use my_presence::MyPresence;
pub use not_found::{NotFound, OutsideScreen, Unmatched};
pub use user_list::UserList;
pub use user_profile::{OwnProfile, UserProfile};
