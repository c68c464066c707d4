//! One module per screen.

mod create_user;
pub mod list_state;
mod my_presence;
mod not_found;
mod user_list;
mod user_profile;

pub use create_user::CreateUser;
pub use my_presence::MyPresence;
pub use not_found::NotFound;
pub use user_list::UserList;
pub use user_profile::UserProfile;
