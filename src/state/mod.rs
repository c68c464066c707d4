//! App state that outlives a screen: the forms' unsaved input. Screens and
//! the layout both use it, so it sits below both.

pub mod drafts;
