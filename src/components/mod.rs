//! Reusable pieces the screens are built from.

pub mod layout;
pub mod page_heading;
