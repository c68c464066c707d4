//! Code that loads when it is first needed.
//!
//! A first visit needs the shell and the user list. The other screens, the
//! list's dialogs, the API profile reader and the German messages are parts,
//! declared with [`split_point!`](crate::split_point).
//! In a split release build (`cfg(split_bundle)`, set by `build.rs`) each is a
//! `#[wasm_split]` point whose code is a separate wasm file: fetched when it is
//! first shown, or before, when the browser is idle after the list's first rows
//! ([`prefetch_when_idle`]) and when the pointer or focus reaches a link to it.
//! Elsewhere (debug builds, `trunk serve`, the tests) the same functions are
//! plain calls and everything is in one wasm.
//!
//! A part that does not load (offline, a file the server answers with a web
//! page) is an error with Try again where the part would be, never a panic:
//! the split points are `fallible`, and a failed load is not remembered.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::thread::LocalKey;

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::i18n::t;

/// A part's code did not load (the loader logs why in the console).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

type Loading<T> = Pin<Box<dyn Future<Output = Result<T, LoadFailed>>>>;

/// A part of the app whose code may load later. `T` is what it gives once
/// loaded: function pointers into its code (`Copy`, so a loaded part renders
/// at once, without waiting for a future).
pub struct Part<T: Copy + 'static> {
    loaded: &'static LocalKey<Cell<Option<T>>>,
    load: fn() -> Loading<T>,
}

impl<T: Copy + 'static> Part<T> {
    /// Made by [`split_point!`](crate::split_point).
    #[doc(hidden)]
    pub const fn new(loaded: &'static LocalKey<Cell<Option<T>>>, load: fn() -> Loading<T>) -> Self {
        Self { loaded, load }
    }

    /// The part's entry points, if its code is here.
    pub fn get(&self) -> Option<T> {
        self.loaded.with(Cell::get)
    }

    /// The part's entry points, loading its code first if needed. Concurrent
    /// calls share one download; a failed one is tried afresh next time.
    pub async fn load(&'static self) -> Result<T, LoadFailed> {
        if let Some(entry) = self.get() {
            return Ok(entry);
        }
        let entry = (self.load)().await?;
        self.loaded.with(|loaded| loaded.set(Some(entry)));
        Ok(entry)
    }

    /// Starts loading the part in the background (a failure shows only when
    /// the part is wanted).
    pub fn prefetch(&'static self) {
        if self.get().is_none() {
            leptos::task::spawn_local(async move {
                let _ = self.load().await;
            });
        }
    }
}

/// Declares a part: `split_point!(pub static NAME: Entries = module_name => entries);`
/// `entries` is evaluated in the part's own code; `module_name` names its wasm file.
#[macro_export]
macro_rules! split_point {
    ($vis:vis static $name:ident: $entries:ty = $module:ident => $make:expr $(;)?) => {
        $vis static $name: $crate::lazy::Part<$entries> = {
            #[cfg(split_bundle)]
            #[::leptos::wasm_split::wasm_split($module, fallible, wasm_split_path = ::leptos::wasm_split)]
            fn $module() -> ::core::result::Result<$entries, $crate::lazy::LoadFailed> {
                Ok($make)
            }
            #[cfg(not(split_bundle))]
            async fn $module() -> ::core::result::Result<$entries, $crate::lazy::LoadFailed> {
                Ok($make)
            }
            ::std::thread_local! {
                static LOADED: ::std::cell::Cell<Option<$entries>> = const { ::std::cell::Cell::new(None) };
            }
            $crate::lazy::Part::new(&LOADED, || ::std::boxed::Box::pin($module()))
        };
    };
}

/// Shows `render(entries)` once the part is loaded: at once if it is here,
/// else a loading status (screens) or nothing (dialogs, `quiet`) until it is,
/// and the error with Try again if it does not load.
pub fn deferred<T, R>(part: &'static Part<T>, quiet: bool, render: R) -> AnyView
where
    T: Copy + Send + Sync + 'static,
    R: Fn(T) -> AnyView + Send + Sync + 'static,
{
    if let Some(entries) = part.get() {
        return render(entries);
    }
    // Only these two closures are made per part; the waiting, the error and
    // Try again are one piece of code for every part.
    let load: LoadAny = Arc::new(move || Box::pin(async move { part.load().await.map(|_| ()) }));
    let render: RenderLoaded = Box::new(move || part.get().map(&render));
    deferred_any(load, render, quiet)
}

type LoadAny = Arc<dyn Fn() -> Loading<()> + Send + Sync>;
type RenderLoaded = Box<dyn Fn() -> Option<AnyView> + Send + Sync>;

fn deferred_any(load: LoadAny, render: RenderLoaded, quiet: bool) -> AnyView {
    let state = RwSignal::new(None::<Result<(), LoadFailed>>);
    let attempt = move || {
        state.set(None);
        let load = load.clone();
        leptos::task::spawn_local(async move {
            let loaded = load().await;
            // The admin may have left meanwhile.
            state.try_set(Some(loaded));
        });
    };
    attempt();
    let t = t();
    (move || match state.get() {
        Some(Ok(())) => render().unwrap_or_else(|| ().into_any()),
        Some(Err(LoadFailed)) => view! {
            // A screen that did not load is still a screen: its heading
            // takes focus and names the page.
            {(!quiet).then(|| view! { <PageHeading title=t.screen_not_loaded/> })}
            <PartNotLoaded retry=attempt.clone()/>
        }
        .into_any(),
        None if quiet => ().into_any(),
        None => view! { <p class="ua-deferred" role="status">{t.loading}</p> }.into_any(),
    })
    .into_any()
}

/// A part that did not load: said in an alert, with Try again.
#[component]
pub fn PartNotLoaded(retry: impl Fn() + 'static) -> impl IntoView {
    let t = t();
    view! {
        <div class="ua-banner ua-banner--error" role="alert">
            <p class="ua-banner__message">{t.part_not_loaded}</p>
            <button type="button" class="ua-button" on:click=move |_| retry()>{t.try_again}</button>
        </div>
    }
}

thread_local! {
    static IDLE_PREFETCH_ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `prefetch` once per page load, when the browser is next idle (soon
/// after, where it cannot tell: WebKit has no `requestIdleCallback`).
pub fn prefetch_when_idle(prefetch: fn()) {
    if IDLE_PREFETCH_ASKED.with(|asked| asked.replace(true)) {
        return;
    }
    if leptos::prelude::request_idle_callback_with_handle(prefetch).is_err() {
        leptos::prelude::set_timeout(prefetch, std::time::Duration::from_millis(300));
    }
}
