//! A file the admin downloads, built in the browser: each piece becomes a
//! `Blob` as soon as it is written, so what is held in wasm memory does not
//! grow with the file; saved through a `Blob` object URL on an
//! `<a download>`, which a strict Content-Security-Policy allows.

use wasm_bindgen::JsCast;

/// The pieces of one file, held by the browser.
pub struct FileParts {
    parts: js_sys::Array,
    bytes: usize,
}

impl Default for FileParts {
    fn default() -> Self {
        Self::new()
    }
}

impl FileParts {
    pub fn new() -> Self {
        Self {
            parts: js_sys::Array::new(),
            bytes: 0,
        }
    }

    /// Appends `text`; the wasm copy can be dropped at once.
    pub fn push(&mut self, text: &str) {
        let pieces = js_sys::Array::of1(&text.into());
        if let Ok(blob) = web_sys::Blob::new_with_str_sequence(&pieces) {
            self.parts.push(&blob);
            self.bytes += text.len();
        }
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Offers the file as `name`, with a link clicked inside `container`
    /// (one of the admin's own elements, so it works in a shadow root).
    /// Returns whether the browser took it.
    pub fn save(&self, name: &str, mime: &str, container: &web_sys::Element) -> bool {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_blob_sequence_and_options(&self.parts, &options)
        else {
            return false;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return false;
        };
        let link = leptos::prelude::document()
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        let Some(link) = link else {
            let _ = web_sys::Url::revoke_object_url(&url);
            return false;
        };
        link.set_href(&url);
        link.set_download(name);
        link.set_hidden(true);
        let _ = container.append_child(&link);
        link.click();
        link.remove();
        // The download has started from the URL by now in every engine, but
        // Firefox reads it after the click returns: revoke it a while later.
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(60),
        );
        true
    }
}
