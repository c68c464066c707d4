//! The tab's `sessionStorage`, for what should survive a reload of the same
//! page (the list's selection). A portal may run us where storage throws
//! (a sandboxed frame, blocked cookies) or is full: then nothing is kept,
//! and nothing fails.

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn read(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

pub fn write(key: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}
