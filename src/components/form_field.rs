//! Form fields that show errors the GOV.UK way: a message between label and
//! input with a hidden "Error:" prefix, `aria-invalid` and `aria-describedby`
//! on the input, and one summary entry per error.
//!
//! An error is held against the value the field had when it was submitted,
//! so it goes stale the moment the admin edits that field and comes back if
//! they restore the submitted value. Errors that match no field are kept for
//! the summary, never dropped.

use leptos::prelude::*;

use crate::api::field_path::match_field;
use crate::api::ApiError;
use crate::components::error_banner::message;
use crate::components::error_summary::SummaryItem;

#[derive(Clone, Debug, PartialEq)]
struct HeldError {
    field: &'static str,
    message: String,
    submitted: String,
}

#[derive(Clone)]
struct Registered {
    field: &'static str,
    label: String,
    value: Signal<String>,
    has_hint: bool,
}

/// The errors of one form and the fields they can land on.
#[derive(Clone, Copy)]
pub struct FormErrors {
    id_prefix: &'static str,
    /// Error message ids as `{prefix}-{field}` instead of `{field id}-error`.
    error_prefix: Option<&'static str>,
    registered: StoredValue<Vec<Registered>>,
    /// Other names APIs use for a registered field (`timeZoneCode` for `timeZone`).
    aliases: StoredValue<Vec<(&'static str, &'static str)>>,
    held: RwSignal<Vec<HeldError>>,
    general: RwSignal<Vec<String>>,
}

impl FormErrors {
    /// `id_prefix` makes the element ids of this form's fields unique.
    pub fn new(id_prefix: &'static str) -> Self {
        Self {
            id_prefix,
            error_prefix: None,
            registered: StoredValue::new(Vec::new()),
            aliases: StoredValue::new(Vec::new()),
            held: RwSignal::new(Vec::new()),
            general: RwSignal::new(Vec::new()),
        }
    }

    /// Error messages get the ids `{prefix}-{field}` (controls that are not
    /// in a form, such as the list's search and filters).
    pub fn with_error_ids(mut self, prefix: &'static str) -> Self {
        self.error_prefix = Some(prefix);
        self
    }

    /// Makes `field` (named as the server's error paths name it) a place
    /// errors can land; `value` is its current value as text.
    pub fn register(
        &self,
        field: &'static str,
        label: &str,
        value: Signal<String>,
        has_hint: bool,
    ) {
        self.registered.update_value(|list| {
            list.retain(|r| r.field != field);
            list.push(Registered {
                field,
                label: label.to_owned(),
                value,
                has_hint,
            });
        });
    }

    /// Errors about `alias` land on `field`.
    pub fn alias(&self, alias: &'static str, field: &'static str) {
        self.aliases.update_value(|list| list.push((alias, field)));
    }

    pub fn field_id(&self, field: &str) -> String {
        format!("{}-{field}", self.id_prefix)
    }

    /// The id of the field's inline error message.
    pub fn error_id(&self, field: &str) -> String {
        match self.error_prefix {
            Some(prefix) => format!("{prefix}-{field}"),
            None => format!("{}-error", self.field_id(field)),
        }
    }

    fn value_signal(&self, field: &str) -> Option<Signal<String>> {
        self.registered
            .with_value(|list| list.iter().find(|r| r.field == field).map(|r| r.value))
    }

    fn current_value(&self, field: &str) -> Option<String> {
        Some(self.value_signal(field)?.get())
    }

    /// The field's message while the field still holds what was submitted.
    pub fn message_for(&self, field: &'static str) -> Option<String> {
        let held = self.held.with(|held| {
            held.iter()
                .find(|e| e.field == field)
                .map(|e| (e.message.clone(), e.submitted.clone()))
        })?;
        (self.current_value(field).as_deref() == Some(held.1.as_str())).then_some(held.0)
    }

    /// `aria-invalid` for the field's input.
    pub fn invalid(&self, field: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
        let errors = *self;
        move || errors.message_for(field).map(|_| "true")
    }

    /// `aria-describedby` for the field's input: its hint and its error.
    pub fn described_by(&self, field: &'static str) -> impl Fn() -> Option<String> + Copy {
        let errors = *self;
        move || {
            let id = errors.field_id(field);
            let has_hint = errors
                .registered
                .with_value(|list| list.iter().any(|r| r.field == field && r.has_hint));
            let mut ids = Vec::new();
            if has_hint {
                ids.push(format!("{id}-hint"));
            }
            if errors.message_for(field).is_some() {
                ids.push(errors.error_id(field));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    fn held_now(&self, errors: Vec<(&'static str, String)>) -> Vec<HeldError> {
        errors
            .into_iter()
            .map(|(field, message)| {
                let label = self.registered.with_value(|list| {
                    list.iter()
                        .find(|r| r.field == field)
                        .map(|r| r.label.clone())
                        .unwrap_or_default()
                });
                HeldError {
                    field,
                    message: as_sentence(&label, &message),
                    // Untracked: whoever shows the errors must not re-run on every keystroke.
                    submitted: self
                        .value_signal(field)
                        .map(|value| value.get_untracked())
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Errors found before sending (the cheap rules the server also checks).
    pub fn show_checks(&self, errors: Vec<(&'static str, String)>) {
        self.held.set(self.held_now(errors));
        self.general.set(Vec::new());
    }

    /// A refused request: field errors on their fields, everything else in
    /// the summary (the status's own message when the body said nothing usable).
    pub fn show(&self, error: &ApiError) {
        let mut names: Vec<&'static str> = self
            .registered
            .with_value(|list| list.iter().map(|r| r.field).collect());
        let aliases = self.aliases.get_value();
        names.extend(aliases.iter().map(|(alias, _)| *alias));
        let field_of = |name: &'static str| {
            aliases
                .iter()
                .find(|(alias, _)| *alias == name)
                .map_or(name, |(_, field)| *field)
        };
        let mut on_fields = Vec::new();
        let mut general = error.form_errors.clone();
        for field_error in &error.field_errors {
            match match_field(&field_error.path, &names) {
                Some(name) => on_fields.push((field_of(name), field_error.message.clone())),
                None => general.push(match field_error.path.display() {
                    path if path.is_empty() => field_error.message.clone(),
                    path => format!("{path}: {}", field_error.message),
                }),
            }
        }
        if on_fields.is_empty() && general.is_empty() {
            general.push(message(error));
        }
        self.held.set(self.held_now(on_fields));
        self.general.set(general);
    }

    pub fn clear(&self) {
        self.held.set(Vec::new());
        self.general.set(Vec::new());
    }

    /// The summary's entries: live field errors in form order, then the rest.
    pub fn summary(&self) -> Signal<Vec<SummaryItem>> {
        let errors = *self;
        Signal::derive(move || {
            let order: Vec<&'static str> = errors
                .registered
                .with_value(|list| list.iter().map(|r| r.field).collect());
            let mut items: Vec<SummaryItem> = order
                .into_iter()
                .filter_map(|field| {
                    errors.message_for(field).map(|message| SummaryItem {
                        field_id: Some(errors.field_id(field)),
                        message,
                    })
                })
                .collect();
            items.extend(errors.general.get().into_iter().map(|message| SummaryItem {
                field_id: None,
                message,
            }));
            items
        })
    }

    /// Keeps the document title as `title`, with "Error: " in front while the
    /// form shows errors.
    pub fn title_while_shown(&self, title: String) {
        let summary = self.summary();
        let host = crate::host::use_host();
        let t = crate::i18n::t();
        Effect::new(move |_| {
            let prefix = if summary.with(Vec::is_empty) {
                ""
            } else {
                t.error_prefix
            };
            host.set_title(&format!("{prefix}{title} – {}", t.product));
        });
    }
}

/// Servers often send a fragment ("is already taken"); the summary lists
/// messages away from their fields, so a fragment gets the field's label in
/// front ("Username is already taken"). Sentences stay as they are.
fn as_sentence(label: &str, message: &str) -> String {
    let message = message.trim();
    match message.chars().next() {
        Some(first) if first.is_lowercase() && !label.is_empty() => format!("{label} {message}"),
        _ => message.to_owned(),
    }
}

/// A labelled field: label (or legend for a group), hint, inline error, then
/// the input(s) given as children, which use [`FormErrors::field_id`],
/// [`FormErrors::invalid`] and [`FormErrors::described_by`].
#[component]
pub fn Field(
    errors: FormErrors,
    /// The field as the server's error paths name it.
    name: &'static str,
    #[prop(into)] label: String,
    /// The field's value as text (an error shows while it is unchanged).
    #[prop(into)]
    value: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    /// A group of inputs (checkboxes): a fieldset with a legend.
    #[prop(optional)]
    group: bool,
    children: Children,
) -> impl IntoView {
    errors.register(name, &label, value, hint.is_some());
    let id = errors.field_id(name);
    let hint = hint.map(|text| view! { <p class="ua-hint" id=format!("{id}-hint")>{text}</p> });
    let inline = view! { <InlineError errors name/> };
    let class = move || {
        if errors.message_for(name).is_some() {
            "ua-field ua-field--error"
        } else {
            "ua-field"
        }
    };
    if group {
        view! {
            // Focusable so the summary's link can take the admin to the group.
            <fieldset class=class id=id tabindex="-1" aria-describedby=errors.described_by(name)>
                <legend>{label}</legend>
                {hint}
                {inline}
                {children()}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <div class=class>
                <label for=id>{label}</label>
                {hint}
                {inline}
                {children()}
            </div>
        }
        .into_any()
    }
}

/// An input bound to `value`, with the field's id, `aria-invalid` and
/// `aria-describedby` (place it in a [`Field`] of the same `name`).
#[component]
pub fn BoundInput(
    errors: FormErrors,
    name: &'static str,
    value: RwSignal<String>,
    input_type: &'static str,
) -> impl IntoView {
    view! {
        <input
            id=errors.field_id(name)
            type=input_type
            prop:value=move || value.get()
            on:input=move |e| value.set(event_target_value(&e))
            aria-invalid=errors.invalid(name)
            aria-describedby=errors.described_by(name)
        />
    }
}

/// A field's error message, between its label and its input, while the
/// field still holds what was submitted.
#[component]
pub fn InlineError(errors: FormErrors, name: &'static str) -> impl IntoView {
    let error_prefix = crate::i18n::t().error_prefix;
    move || {
        errors.message_for(name).map(|message| {
            view! {
                <p class="ua-field-error" id=errors.error_id(name)>
                    <span class="ua-visually-hidden">{error_prefix}</span>
                    {message}
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::as_sentence;

    #[test]
    fn fragments_get_the_field_label_and_sentences_stay() {
        assert_eq!(
            as_sentence("Username", "is already taken"),
            "Username is already taken"
        );
        assert_eq!(
            as_sentence("Email", "Enter an email address"),
            "Enter an email address"
        );
        assert_eq!(as_sentence("", "must be a string"), "must be a string");
    }
}
