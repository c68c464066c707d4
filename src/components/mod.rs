//! Reusable pieces the screens are built from.

pub mod error_banner;
pub mod error_summary;
pub mod flash;
pub mod form_field;
pub mod layout;
pub mod page_heading;
pub mod presence_badge;
pub mod retry_notice;
pub mod unsaved_changes;
