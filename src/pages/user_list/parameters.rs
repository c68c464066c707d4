//! A 400 that names a query parameter (`?role=astronaut`: "is not a role")
//! is shown against the control that set it, like a form field's error.
//! Placing errors on fields (matching their paths, wording them) is a part
//! of its own (see `lazy`), shared with the forms: a list that is never
//! refused does not download it. Until it is here, and if it does not load,
//! the page's error banner still says the list was refused, with Try again
//! (which also tries the part again).

use leptos::prelude::*;

use super::view::ListView;
use crate::api::field_path::Location;
use crate::api::params::ListParams;
use crate::api::wire::Page;
use crate::api::ApiError;
use crate::components::form_field::FormErrors;
use crate::i18n::t;
use crate::resource::QueryState;

/// The list's controls as places the page's parameter errors land.
pub fn use_parameter_errors(view: ListView, page: Signal<QueryState<Page>>) -> FormErrors {
    let errors = FormErrors::new("ua-list").with_error_ids("ua-error");
    let params = view.params();
    let t = t();
    // Each control: its parameter, its label, and its value as text.
    type Control = (&'static str, &'static str, fn(&ListParams) -> String);
    let controls: [Control; 6] = [
        ("q", t.search, |p| p.q.clone().unwrap_or_default()),
        ("active", t.status, |p| {
            p.active.map(|a| a.to_string()).unwrap_or_default()
        }),
        ("role", t.role, |p| p.role.clone().unwrap_or_default()),
        ("sort", t.sort_order, |p| p.sort.clone().unwrap_or_default()),
        ("limit", t.rows_per_page, |p| p.limit.to_string()),
        ("page", t.page, |p| p.page.to_string()),
    ];
    for (name, label, read) in controls {
        errors.register(
            name,
            label,
            Signal::derive(move || params.with(read)),
            false,
        );
    }
    Effect::new(move |_| {
        let refused = page.with(|state| state.error.as_ref().and_then(about_parameters));
        match (refused, PLACE_ERRORS.get()) {
            (None, _) => errors.clear(),
            (Some(error), Some(PlaceErrors(show))) => show(&errors, &error),
            // Cancelled if a newer answer (or leaving the list) comes first.
            (Some(error), None) => leptos::task::spawn_local_scoped_with_cancellation(async move {
                if let Ok(PlaceErrors(show)) = PLACE_ERRORS.load().await {
                    show(&errors, &error);
                }
            }),
        }
    });
    errors
}

/// Puts a refused request's errors on the fields they name.
#[derive(Clone, Copy)]
struct PlaceErrors(fn(&FormErrors, &ApiError));

crate::split_point!(static PLACE_ERRORS: PlaceErrors = list_errors => PlaceErrors(FormErrors::show));

/// Loads the code that places errors in the background.
pub fn prefetch() {
    PLACE_ERRORS.prefetch();
}

/// The part of `error` about query parameters, if any.
fn about_parameters(error: &ApiError) -> Option<ApiError> {
    let mut only = error.clone();
    only.field_errors
        .retain(|field| field.path.location == Location::Query);
    only.form_errors.clear();
    (!only.field_errors.is_empty()).then_some(only)
}
