//! Browser entry point. The loader decides what to mount: the standalone
//! page's `boot.js` calls `mountHostPage()`, a portal's `user-admin.js` calls
//! `mountAdmin()` per `<user-admin>` element (see `embed`).

pub use user_admin::embed::{mount_admin, mount_into_host_page, MountedAdmin};

fn main() {
    // Debug builds log a panic's message. The release bundle aborts at the
    // panic itself (see ARCHITECTURE.md, Build choices), so there the hook
    // is never called.
    console_error_panic_hook::set_once();
}
