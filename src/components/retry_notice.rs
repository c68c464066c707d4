//! A request held back by a busy server, said where the admin is looking:
//! "The server is busy; trying again in 5 s", counting down, with Cancel
//! for a save. Announced once, politely; the countdown itself is not read
//! out every second.

use leptos::prelude::*;

use crate::api::client::RetryWait;
use crate::i18n::{fill, t};

/// The sentence for a wait of `seconds`.
pub fn retry_message(wait: RetryWait, seconds: u64) -> String {
    let t = t();
    let template = if wait.busy {
        t.server_busy_retrying
    } else {
        t.unreachable_retrying
    };
    fill(template, &[("seconds", &seconds.to_string())])
}

#[component]
pub fn RetryNotice(
    /// The wait the client is in, `None` when it is not waiting.
    #[prop(into)]
    wait: Signal<Option<RetryWait>>,
    /// Stops the write that waits (saves only; a list just keeps trying).
    #[prop(optional, into)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    // Seconds left, counted down locally from each new wait. The ticker
    // runs only while the client waits: most screens never see a retry.
    let left = RwSignal::new(0u64);
    let ticker = StoredValue::new_local(None::<IntervalHandle>);
    let stop_ticker = move || {
        if let Some(handle) = ticker.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    Effect::new(move |_| match wait.get() {
        Some(wait) => {
            left.set(wait.seconds);
            if ticker.with_value(Option::is_none) {
                let handle = set_interval_with_handle(
                    move || {
                        left.try_update(|s| *s = s.saturating_sub(1));
                    },
                    std::time::Duration::from_secs(1),
                )
                .ok();
                ticker.set_value(handle);
            }
        }
        None => stop_ticker(),
    });
    on_cleanup(stop_ticker);
    let t = t();
    view! {
        // Always in the page, so its change is announced. A live region
        // without the status role: the screens' own status stays the one.
        <p aria-live="polite" class="ua-visually-hidden ua-retry-live">
            {move || wait.get().map(|now| retry_message(now, now.seconds))}
        </p>
        {move || wait.get().map(|now| view! {
            <div class="ua-banner ua-retry">
                <p aria-hidden="true" class="ua-banner__message">{move || retry_message(now, left.get().max(1))}</p>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="ua-button" on:click=move |_| cancel.run(())>{t.cancel}</button>
                })}
            </div>
        })}
    }
}
