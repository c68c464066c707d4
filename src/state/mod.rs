//! App state that outlives a screen: the forms' unsaved input, and the
//! owner of the start screen shown while the URL is outside the base path.
//! Screens and the layout both use it, so it sits below both.

pub mod drafts;
mod outside_screen;

pub use outside_screen::OutsideScreen;
