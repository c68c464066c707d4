//! Every UI string, in English and German: one table per language, the same
//! fields in both, so a message missing in one language does not compile.
//!
//! The host picks the language with `locale` (`de`, `de-AT`, `en-GB`…);
//! without one the browser's language decides, and anything but German is
//! English. Dates, times and numbers go through the browser's `Intl` for the
//! same locale (see `format`). Messages with values have `{name}`
//! placeholders, filled by [`fill`].

pub mod bulk;
mod errors;

/// The languages the admin ships.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    German,
}

impl Language {
    /// The language for a BCP 47 tag: its primary subtag decides.
    pub fn for_tag(tag: &str) -> Self {
        match crate::locale::language(tag).as_str() {
            "de" => Self::German,
            _ => Self::English,
        }
    }

    /// The language's messages; English until another has loaded.
    pub fn messages(self) -> &'static Messages {
        match self {
            Self::English => &EN,
            Self::German => german().unwrap_or(&EN),
        }
    }

    /// Whether the messages are here (else [`Language::load`] brings them).
    pub fn is_here(self) -> bool {
        self == Self::English || german().is_some()
    }

    /// Loads the messages when they are not here. One that does not load
    /// leaves the admin in English: words in the wrong language are better
    /// than none.
    pub async fn load(self) {
        if !self.is_here() {
            let _ = GERMAN.load().await;
        }
    }
}

/// German is a part of its own (see `lazy`): most portals speak one
/// language, and a first visit in English does not download the other.
#[derive(Clone, Copy)]
#[cfg_attr(not(split_bundle), allow(dead_code))]
struct German(&'static Messages);

crate::split_point!(static GERMAN: German = catalogue_de => German(&DE));

#[cfg(split_bundle)]
fn german() -> Option<&'static Messages> {
    GERMAN.get().map(|German(messages)| messages)
}

/// Unsplit (debug builds, the tests), German is always here.
#[cfg(not(split_bundle))]
fn german() -> Option<&'static Messages> {
    Some(&DE)
}

/// The messages for the mounted admin's locale (the host's `locale`, else
/// the browser's language). Outside a mounted admin (native tests): English.
pub fn t() -> &'static Messages {
    Language::for_tag(&crate::locale::current()).messages()
}

/// The `{name}` placeholders of a message, sorted: both languages of a
/// message must have the same (tests of both tables).
#[cfg(test)]
fn placeholders(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect();
    names.sort();
    names
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// One language's strings. Grouped by screen; shared words first.
pub struct Messages {
    /// Bulk changes and the export.
    pub bulk: &'static bulk::BulkMessages,
    // Shell
    pub product: &'static str,
    pub users: &'static str,
    pub create_user: &'static str,
    pub my_profile: &'static str,
    pub my_presence: &'static str,
    pub page_not_found: &'static str,
    pub no_page_here: &'static str,
    pub go_to_list: &'static str,
    pub cancel: &'static str,
    pub loading: &'static str,
    pub saving: &'static str,
    pub error_prefix: &'static str,
    pub there_is_a_problem: &'static str,
    pub leave_question: &'static str,
    pub draft_restored: &'static str,
    pub chars_used: &'static str,
    // Errors
    pub try_again: &'static str,
    /// A part of the app (a screen, a dialog) whose code did not load.
    pub part_not_loaded: &'static str,
    /// The heading when the API profile keeps the admin from starting.
    pub not_started: &'static str,
    /// The host page gave a wrong API profile (`api-profile`).
    pub profile_invalid: &'static str,
    pub profile_invalid_hint: &'static str,
    pub profile_loading: &'static str,
    /// What the portal's API does not have (its API profile says so).
    pub api_cannot_create: &'static str,
    pub api_cannot_change: &'static str,
    pub api_has_no_presence: &'static str,
    pub api_has_no_list: &'static str,
    pub user_id: &'static str,
    pub open_user: &'static str,
    /// Under a list the admin paged through itself: the API sent it whole.
    pub list_complete: &'static str,
    /// The heading of a screen whose code did not load.
    pub screen_not_loaded: &'static str,
    pub reference: &'static str,
    pub unreachable: &'static str,
    /// A 429/503 the client waits out before trying again.
    pub server_busy_retrying: &'static str,
    /// A network failure the client waits out before trying again.
    pub unreachable_retrying: &'static str,
    pub too_slow: &'static str,
    pub session_expired: &'static str,
    pub forbidden: &'static str,
    pub forbidden_needs: &'static str,
    pub web_page_instead_of_data: &'static str,
    pub unreadable_answer: &'static str,
    pub answer_too_large: &'static str,
    /// The title for a status the server did not explain.
    pub reason_title: fn(u16) -> &'static str,
    // User fields and values
    pub username: &'static str,
    pub full_name: &'static str,
    pub email: &'static str,
    pub status: &'static str,
    pub roles: &'static str,
    pub time_zone: &'static str,
    pub last_login: &'static str,
    pub created: &'static str,
    pub presence: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub none: &'static str,
    pub never: &'static str,
    pub unknown: &'static str,
    pub not_set: &'static str,
    // Presence
    pub available: &'static str,
    pub away: &'static str,
    pub busy: &'static str,
    pub do_not_disturb: &'static str,
    pub offline: &'static str,
    pub presence_until: &'static str,
    pub may_be_out_of_date: &'static str,
    // User list
    pub search_users: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub sort_order: &'static str,
    pub rows_per_page: &'static str,
    pub page: &'static str,
    pub all: &'static str,
    pub role: &'static str,
    pub all_roles: &'static str,
    pub name: &'static str,
    pub users_loading: &'static str,
    pub loading_users: &'static str,
    pub directory_empty: &'static str,
    pub no_match_query: &'static str,
    pub no_match_filters: &'static str,
    pub clear_search: &'static str,
    pub range_of_total: &'static str,
    pub page_of_pages: &'static str,
    pub pages: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    // Profile
    pub user: &'static str,
    pub user_not_found: &'static str,
    pub no_user_here: &'static str,
    pub cannot_see_user: &'static str,
    pub loading_user: &'static str,
    pub edit_user: &'static str,
    pub local_time_there: &'static str,
    pub memberships: &'static str,
    pub show_more: &'static str,
    pub preferences: &'static str,
    // Edit and create
    pub edit_name: &'static str,
    pub may_not_change_users: &'static str,
    pub may_not_create_users: &'static str,
    pub nothing_changed: &'static str,
    pub changes_saved: &'static str,
    pub edits_discarded: &'static str,
    pub save_changes: &'static str,
    pub same_as_yours: &'static str,
    pub conflict_title: &'static str,
    pub conflict_text: &'static str,
    pub field: &'static str,
    pub your_edit: &'static str,
    pub saved_now: &'static str,
    pub reapply_edits: &'static str,
    pub discard_edits: &'static str,
    pub creating: &'static str,
    pub user_accepted: &'static str,
    pub username_hint: &'static str,
    pub active_can_sign_in: &'static str,
    pub time_zone_hint: &'static str,
    pub loading_roles: &'static str,
    pub roles_unavailable: &'static str,
    pub enter_username: &'static str,
    pub too_long: &'static str,
    pub username_characters: &'static str,
    pub enter_email: &'static str,
    pub email_like: &'static str,
    // Activation
    pub deactivate_user: &'static str,
    pub activate_user: &'static str,
    pub deactivating: &'static str,
    pub activating: &'static str,
    pub deactivate_question: &'static str,
    pub activate_question: &'static str,
    pub deactivate_consequence: &'static str,
    pub activate_consequence: &'static str,
    pub now_inactive: &'static str,
    pub now_active: &'static str,
    // My presence
    pub loading_presence: &'static str,
    pub presence_saved: &'static str,
    pub presence_not_changed: &'static str,
    pub you_appear_as: &'static str,
    pub may_not_set_presence: &'static str,
    pub state: &'static str,
    pub dnd_until: &'static str,
    pub dnd_until_hint: &'static str,
    pub quick_choices: &'static str,
    pub thirty_minutes: &'static str,
    pub one_hour: &'static str,
    pub until_tomorrow: &'static str,
    pub status_message: &'static str,
    pub save_presence: &'static str,
    pub clear_dnd: &'static str,
}

pub static EN: Messages = Messages {
    bulk: &bulk::EN,
    product: "User admin",
    users: "Users",
    create_user: "Create user",
    my_profile: "My profile",
    my_presence: "My presence",
    page_not_found: "Page not found",
    no_page_here: "There is no page at this address. ",
    go_to_list: "Go to the user list",
    cancel: "Cancel",
    loading: "Loading…",
    saving: "Saving…",
    error_prefix: "Error: ",
    there_is_a_problem: "There is a problem",
    leave_question: "You have unsaved changes. Leave this page and lose them?",
    draft_restored: "Your unsaved changes from before are back. Save them or cancel.",
    chars_used: "{used} of {max} characters",
    try_again: "Try again",
    screen_not_loaded: "Screen not loaded",
    part_not_loaded: "This part of the admin could not be loaded. Check your connection and try again.",
    not_started: "The admin did not start",
    profile_invalid: "The admin cannot start: the portal's API profile is not valid.",
    profile_invalid_hint: "The portal team can correct it in the admin's api-profile setting.",
    profile_loading: "Loading the API profile…",
    api_cannot_create: "Users cannot be created here: the portal's API has no way to create them.",
    api_cannot_change: "Users cannot be changed here: the portal's API has no way to change them.",
    api_has_no_presence: "The portal's API has no presence.",
    api_has_no_list: "The portal's API has no list of users. Open a user by their id:",
    user_id: "User id",
    open_user: "Open",
    list_complete: "All {count} users found are shown.",
    reference: "Reference: ",
    unreachable: "Can't reach the server. Check your connection and try again.",
    server_busy_retrying: "The server is busy; trying again in {seconds} s.",
    unreachable_retrying: "Can't reach the server; trying again in {seconds} s.",
    too_slow: "The server took too long to answer.",
    session_expired: "Your session has expired. Sign in again; nothing you typed is lost.",
    forbidden: "You do not have permission to do this.",
    forbidden_needs: "You do not have permission to do this (it needs \"{scope}\").",
    web_page_instead_of_data: "The server sent a web page instead of data. Your session may have expired.",
    unreadable_answer: "The server's answer could not be read.",
    answer_too_large: "The server's answer is over {mib} MiB and was not read.",
    reason_title: errors::english_reason,
    username: "Username",
    full_name: "Full name",
    email: "Email",
    status: "Status",
    roles: "Roles",
    time_zone: "Time zone",
    last_login: "Last login",
    created: "Created",
    presence: "Presence",
    active: "Active",
    inactive: "Inactive",
    none: "None",
    never: "Never",
    unknown: "Unknown",
    not_set: "Not set",
    available: "Available",
    away: "Away",
    busy: "Busy",
    do_not_disturb: "Do not disturb",
    offline: "Offline",
    presence_until: " until {time}",
    may_be_out_of_date: " (may be out of date)",
    search_users: "Search users",
    search: "Search",
    search_placeholder: "Name, username or email",
    sort_order: "Sort order",
    rows_per_page: "Rows per page",
    page: "Page",
    all: "All",
    role: "Role",
    all_roles: "All roles",
    name: "Name",
    users_loading: "Users (loading)",
    loading_users: "Loading users…",
    directory_empty: "There are no users in the directory yet.",
    no_match_query: "No users match “{query}”.",
    no_match_filters: "No users match these filters.",
    clear_search: "Clear search and filters",
    range_of_total: "{first}–{last} of {total}",
    page_of_pages: "Page {page} of {pages}",
    pages: "Pages",
    previous: "Previous",
    next: "Next",
    user: "User",
    user_not_found: "User not found",
    no_user_here: "There is no user with this address. They may have been removed. ",
    cannot_see_user: "You cannot see this user",
    loading_user: "Loading the user…",
    edit_user: "Edit user",
    local_time_there: " (now {time} there)",
    memberships: "Memberships ({count})",
    show_more: "Show {count} more",
    preferences: "Preferences",
    edit_name: "Edit {name}",
    may_not_change_users: "You do not have permission to change users (it needs \"{scope}\").",
    may_not_create_users: "You do not have permission to create users (it needs \"{scope}\").",
    nothing_changed: "Nothing has changed, so there is nothing to save.",
    changes_saved: "Changes saved.",
    edits_discarded: "The latest version is loaded; your edits were discarded.",
    save_changes: "Save changes",
    same_as_yours: " (same as yours)",
    conflict_title: "Someone else changed this user",
    conflict_text: "Your changes are not saved yet and nothing you typed is lost. Compare them with the version saved meanwhile:",
    field: "Field",
    your_edit: "Your edit",
    saved_now: "Saved now",
    reapply_edits: "Save my edits onto the new version",
    discard_edits: "Discard my edits and load the new version",
    creating: "Creating…",
    user_accepted: "The server accepted the new user {name}.",
    username_hint: "Letters, digits and . _ @ -. It cannot be changed later.",
    active_can_sign_in: "Active (can sign in)",
    time_zone_hint: "A tz database name, e.g. Europe/Amsterdam. Type to search.",
    loading_roles: "Loading the roles…",
    roles_unavailable: "The list of roles could not be loaded; roles the user holds are shown.",
    enter_username: "Enter a username",
    too_long: "{label} must be {max} characters or fewer",
    username_characters: "Username can only contain letters, digits and . _ @ -",
    enter_email: "Enter an email address",
    email_like: "Enter an email address like name@example.com",
    deactivate_user: "Deactivate user",
    activate_user: "Activate user",
    deactivating: "Deactivating…",
    activating: "Activating…",
    deactivate_question: "Deactivate {name}?",
    activate_question: "Activate {name}?",
    deactivate_consequence: "They will not be able to sign in until someone activates them again.",
    activate_consequence: "They will be able to sign in again with their roles as they are.",
    now_inactive: "{name} is now inactive.",
    now_active: "{name} is now active.",
    loading_presence: "Loading your presence…",
    presence_saved: "Your presence is saved.",
    presence_not_changed: "Your presence was not changed. {reason}",
    you_appear_as: "You appear as: ",
    may_not_set_presence: "You do not have permission to set your presence (it needs \"{scope}\").",
    state: "State",
    dnd_until: "Do not disturb until",
    dnd_until_hint: "Your local time. Needed, and in the future, when the state is Do not disturb.",
    quick_choices: "Quick choices for do not disturb",
    thirty_minutes: "30 minutes",
    one_hour: "1 hour",
    until_tomorrow: "Until tomorrow 9:00",
    status_message: "Status message",
    save_presence: "Save presence",
    clear_dnd: "Clear do not disturb",
};

pub static DE: Messages = Messages {
    bulk: &bulk::DE,
    product: "Benutzerverwaltung",
    users: "Benutzer",
    create_user: "Benutzer anlegen",
    my_profile: "Mein Profil",
    my_presence: "Meine Anwesenheit",
    page_not_found: "Seite nicht gefunden",
    no_page_here: "Unter dieser Adresse gibt es keine Seite. ",
    go_to_list: "Zur Benutzerliste",
    cancel: "Abbrechen",
    loading: "Wird geladen …",
    saving: "Wird gespeichert …",
    error_prefix: "Fehler: ",
    there_is_a_problem: "Es gibt ein Problem",
    leave_question: "Sie haben ungespeicherte Änderungen. Seite verlassen und Änderungen verwerfen?",
    draft_restored: "Ihre noch nicht gespeicherten Änderungen sind wieder da. Speichern Sie sie oder brechen Sie ab.",
    chars_used: "{used} von {max} Zeichen",
    try_again: "Erneut versuchen",
    screen_not_loaded: "Ansicht nicht geladen",
    part_not_loaded: "Dieser Teil der Verwaltung konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    not_started: "Die Verwaltung ist nicht gestartet",
    profile_invalid: "Die Verwaltung kann nicht starten: Das API-Profil des Portals ist ungültig.",
    profile_invalid_hint: "Das Portal-Team kann es in der Einstellung api-profile der Verwaltung korrigieren.",
    profile_loading: "API-Profil wird geladen …",
    api_cannot_create: "Benutzer können hier nicht angelegt werden: Die API des Portals bietet das nicht an.",
    api_cannot_change: "Benutzer können hier nicht geändert werden: Die API des Portals bietet das nicht an.",
    api_has_no_presence: "Die API des Portals kennt keine Anwesenheit.",
    api_has_no_list: "Die API des Portals hat keine Benutzerliste. Öffnen Sie einen Benutzer über seine ID:",
    user_id: "Benutzer-ID",
    open_user: "Öffnen",
    list_complete: "Alle {count} gefundenen Benutzer werden angezeigt.",
    reference: "Referenz: ",
    unreachable: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    server_busy_retrying: "Der Server ist ausgelastet; neuer Versuch in {seconds} s.",
    unreachable_retrying: "Der Server ist nicht erreichbar; neuer Versuch in {seconds} s.",
    too_slow: "Der Server hat zu lange nicht geantwortet.",
    session_expired: "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an; Ihre Eingaben bleiben erhalten.",
    forbidden: "Dazu fehlt Ihnen die Berechtigung.",
    forbidden_needs: "Dazu fehlt Ihnen die Berechtigung (benötigt wird „{scope}“).",
    web_page_instead_of_data: "Der Server hat eine Webseite statt Daten geschickt. Vielleicht ist Ihre Sitzung abgelaufen.",
    unreadable_answer: "Die Antwort des Servers konnte nicht gelesen werden.",
    answer_too_large: "Die Antwort des Servers ist größer als {mib} MiB und wurde nicht gelesen.",
    reason_title: errors::german_reason,
    username: "Benutzername",
    full_name: "Vollständiger Name",
    email: "E-Mail",
    status: "Status",
    roles: "Rollen",
    time_zone: "Zeitzone",
    last_login: "Letzte Anmeldung",
    created: "Angelegt",
    presence: "Anwesenheit",
    active: "Aktiv",
    inactive: "Inaktiv",
    none: "Keine",
    never: "Nie",
    unknown: "Unbekannt",
    not_set: "Nicht festgelegt",
    available: "Verfügbar",
    away: "Abwesend",
    busy: "Beschäftigt",
    do_not_disturb: "Nicht stören",
    offline: "Offline",
    presence_until: " bis {time}",
    may_be_out_of_date: " (möglicherweise veraltet)",
    search_users: "Benutzer suchen",
    search: "Suche",
    search_placeholder: "Name, Benutzername oder E-Mail",
    sort_order: "Sortierung",
    rows_per_page: "Zeilen pro Seite",
    page: "Seite",
    all: "Alle",
    role: "Rolle",
    all_roles: "Alle Rollen",
    name: "Name",
    users_loading: "Benutzer (werden geladen)",
    loading_users: "Benutzer werden geladen …",
    directory_empty: "Im Verzeichnis gibt es noch keine Benutzer.",
    no_match_query: "Keine Benutzer passen zu „{query}“.",
    no_match_filters: "Keine Benutzer passen zu diesen Filtern.",
    clear_search: "Suche und Filter zurücksetzen",
    range_of_total: "{first}–{last} von {total}",
    page_of_pages: "Seite {page} von {pages}",
    pages: "Seiten",
    previous: "Zurück",
    next: "Weiter",
    user: "Benutzer",
    user_not_found: "Benutzer nicht gefunden",
    no_user_here: "Unter dieser Adresse gibt es keinen Benutzer. Vielleicht wurde er entfernt. ",
    cannot_see_user: "Sie dürfen diesen Benutzer nicht sehen",
    loading_user: "Benutzer wird geladen …",
    edit_user: "Benutzer bearbeiten",
    local_time_there: " (dort jetzt {time})",
    memberships: "Mitgliedschaften ({count})",
    show_more: "{count} weitere anzeigen",
    preferences: "Einstellungen",
    edit_name: "{name} bearbeiten",
    may_not_change_users: "Sie dürfen keine Benutzer ändern (benötigt wird „{scope}“).",
    may_not_create_users: "Sie dürfen keine Benutzer anlegen (benötigt wird „{scope}“).",
    nothing_changed: "Es wurde nichts geändert, also gibt es nichts zu speichern.",
    changes_saved: "Änderungen gespeichert.",
    edits_discarded: "Die neueste Fassung ist geladen; Ihre Änderungen wurden verworfen.",
    save_changes: "Änderungen speichern",
    same_as_yours: " (wie Ihre)",
    conflict_title: "Jemand anderes hat diesen Benutzer geändert",
    conflict_text: "Ihre Änderungen sind noch nicht gespeichert, und nichts von Ihren Eingaben geht verloren. Vergleichen Sie sie mit der inzwischen gespeicherten Fassung:",
    field: "Feld",
    your_edit: "Ihre Änderung",
    saved_now: "Jetzt gespeichert",
    reapply_edits: "Meine Änderungen auf die neue Fassung anwenden",
    discard_edits: "Meine Änderungen verwerfen und die neue Fassung laden",
    creating: "Wird angelegt …",
    user_accepted: "Der Server hat den neuen Benutzer {name} angenommen.",
    username_hint: "Buchstaben, Ziffern und . _ @ -. Kann später nicht geändert werden.",
    active_can_sign_in: "Aktiv (kann sich anmelden)",
    time_zone_hint: "Ein Name aus der tz-Datenbank, z. B. Europe/Berlin. Tippen zum Suchen.",
    loading_roles: "Rollen werden geladen …",
    roles_unavailable: "Die Rollenliste konnte nicht geladen werden; die Rollen des Benutzers werden angezeigt.",
    enter_username: "Geben Sie einen Benutzernamen ein",
    too_long: "{label} darf höchstens {max} Zeichen lang sein",
    username_characters: "Der Benutzername darf nur Buchstaben, Ziffern und . _ @ - enthalten",
    enter_email: "Geben Sie eine E-Mail-Adresse ein",
    email_like: "Geben Sie eine E-Mail-Adresse wie name@example.com ein",
    deactivate_user: "Benutzer deaktivieren",
    activate_user: "Benutzer aktivieren",
    deactivating: "Wird deaktiviert …",
    activating: "Wird aktiviert …",
    deactivate_question: "{name} deaktivieren?",
    activate_question: "{name} aktivieren?",
    deactivate_consequence: "Die Person kann sich erst wieder anmelden, wenn jemand sie aktiviert.",
    activate_consequence: "Die Person kann sich wieder anmelden, mit ihren bisherigen Rollen.",
    now_inactive: "{name} ist jetzt inaktiv.",
    now_active: "{name} ist jetzt aktiv.",
    loading_presence: "Ihre Anwesenheit wird geladen …",
    presence_saved: "Ihre Anwesenheit ist gespeichert.",
    presence_not_changed: "Ihre Anwesenheit wurde nicht geändert. {reason}",
    you_appear_as: "Sie erscheinen als: ",
    may_not_set_presence: "Sie dürfen Ihre Anwesenheit nicht setzen (benötigt wird „{scope}“).",
    state: "Zustand",
    dnd_until: "Nicht stören bis",
    dnd_until_hint: "Ihre Ortszeit. Nötig, und in der Zukunft, wenn der Zustand „Nicht stören“ ist.",
    quick_choices: "Schnellauswahl für „Nicht stören“",
    thirty_minutes: "30 Minuten",
    one_hour: "1 Stunde",
    until_tomorrow: "Bis morgen 9:00",
    status_message: "Statusnachricht",
    save_presence: "Anwesenheit speichern",
    clear_dnd: "„Nicht stören“ beenden",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_primary_subtag_picks_the_language() {
        assert_eq!(Language::for_tag("de"), Language::German);
        assert_eq!(Language::for_tag("de-AT"), Language::German);
        assert_eq!(Language::for_tag("DE_ch"), Language::German);
        assert_eq!(Language::for_tag("en-GB"), Language::English);
        assert_eq!(Language::for_tag("fr"), Language::English);
        assert_eq!(Language::for_tag(""), Language::English);
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        assert_eq!(
            fill(
                DE.range_of_total,
                &[("first", "1"), ("last", "25"), ("total", "1.000")]
            ),
            "1–25 von 1.000"
        );
        assert_eq!(fill(EN.edit_name, &[("name", "Ada")]), "Edit Ada");
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        // A German message that lost a placeholder would drop a value.
        let pairs = [
            (EN.chars_used, DE.chars_used),
            (EN.forbidden_needs, DE.forbidden_needs),
            (EN.presence_until, DE.presence_until),
            (EN.no_match_query, DE.no_match_query),
            (EN.range_of_total, DE.range_of_total),
            (EN.page_of_pages, DE.page_of_pages),
            (EN.local_time_there, DE.local_time_there),
            (EN.memberships, DE.memberships),
            (EN.show_more, DE.show_more),
            (EN.edit_name, DE.edit_name),
            (EN.may_not_change_users, DE.may_not_change_users),
            (EN.may_not_create_users, DE.may_not_create_users),
            (EN.user_accepted, DE.user_accepted),
            (EN.too_long, DE.too_long),
            (EN.deactivate_question, DE.deactivate_question),
            (EN.activate_question, DE.activate_question),
            (EN.now_inactive, DE.now_inactive),
            (EN.now_active, DE.now_active),
            (EN.presence_not_changed, DE.presence_not_changed),
            (EN.answer_too_large, DE.answer_too_large),
            (EN.may_not_set_presence, DE.may_not_set_presence),
        ];
        for (english, german) in pairs {
            assert_eq!(
                placeholders(english),
                placeholders(german),
                "{english} / {german}"
            );
        }
    }
}
