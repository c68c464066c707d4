//! Browser entry point: mounts the admin into its host element.

fn main() {
    console_error_panic_hook::set_once();
    user_admin::embed::mount_into_host_page();
}
