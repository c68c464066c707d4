//! Reusable pieces the screens are built from. Components render what they
//! are given and read the directory only through `resource/`.
//!
//! *Invariant:* nothing here uses `pages/` or builds a request.

pub mod error_banner;
pub mod error_summary;
pub mod flash;
pub mod form_field;
pub mod layout;
pub mod page_heading;
pub mod pager;
pub mod presence_badge;
pub mod profile_problem;
pub mod progress;
pub mod retry_notice;
pub mod skeleton_table;
pub mod unsaved_changes;
