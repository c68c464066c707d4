//! The owner of the start screen while the URL is outside the base path.

use leptos::prelude::*;

/// Owns the start screen shown while the URL is outside the base path.
///
/// The router renders its fallback under its own effect, whose owner it
/// clears on every URL change, also one that leaves the fallback on screen
/// (another admin's Back on the same page): the list would stay visible with
/// its signals gone. Owned here instead, it lives until the URL comes back
/// under the base path or the next fallback replaces it.
#[derive(Clone, Copy)]
pub struct OutsideScreen {
    parent: StoredValue<Owner>,
    current: StoredValue<Option<Owner>>,
}

impl OutsideScreen {
    /// Provides it for the screens below the calling component (the layout,
    /// inside the router, so the screen still sees the router's context).
    pub fn provide() -> Self {
        let outside = Self {
            parent: StoredValue::new(Owner::current().unwrap_or_default()),
            current: StoredValue::new(None),
        };
        provide_context(outside);
        outside
    }

    pub fn render(&self, screen: impl FnOnce() -> AnyView) -> AnyView {
        let owner = self.parent.with_value(Owner::child);
        let view = owner.with(screen);
        // Replacing the previous owner disposes the previous screen.
        self.current.set_value(Some(owner));
        view
    }

    /// The URL is the admin's again: the start screen is gone from view.
    pub fn release(&self) {
        self.current.set_value(None);
    }
}
