//! The words of bulk changes and the export, in both languages (a table
//! of their own beside the main catalogue, the same fields in both).

use super::fill;
use crate::format::number;

pub struct BulkMessages {
    /// "1 user" / "{count} users".
    pub one_user: &'static str,
    pub many_users: &'static str,
    // Selecting
    pub select_user: &'static str,
    pub select_page: &'static str,
    pub selected_count: &'static str,
    pub clear_selection: &'static str,
    pub select_all_matching: &'static str,
    pub all_matching_selected: &'static str,
    pub actions_for_selected: &'static str,
    // Actions
    pub activate: &'static str,
    pub deactivate: &'static str,
    pub add_role: &'static str,
    pub remove_role: &'static str,
    pub finding_users: &'static str,
    pub progress: &'static str,
    pub question_activate: &'static str,
    pub question_deactivate: &'static str,
    pub question_add_role: &'static str,
    pub question_remove_role: &'static str,
    pub already_active: &'static str,
    pub already_inactive: &'static str,
    pub already_have_role: &'static str,
    pub lack_role: &'static str,
    pub names_and_more: &'static str,
    pub nothing_to_change: &'static str,
    pub changing_users: &'static str,
    pub stop_hint: &'static str,
    pub stopping: &'static str,
    pub report_title: &'static str,
    pub report_failed: &'static str,
    pub report_changed: &'static str,
    pub report_skipped: &'static str,
    pub report_not_started: &'static str,
    pub retry_failed: &'static str,
    pub close: &'static str,
    // Export
    pub export_csv: &'static str,
    pub export_question: &'static str,
    pub export_estimate: &'static str,
    pub export: &'static str,
    pub exporting: &'static str,
    pub export_stopped: &'static str,
    pub download_partial: &'static str,
    pub discard: &'static str,
    pub export_done: &'static str,
    pub export_empty: &'static str,
}

impl BulkMessages {
    /// "1 user", "1,200 users" in the admin's locale.
    pub fn users(&self, count: u64) -> String {
        fill(self.users_template(count), &[("count", &number(count))])
    }

    fn users_template(&self, count: u64) -> &'static str {
        if count == 1 {
            self.one_user
        } else {
            self.many_users
        }
    }
}

pub static EN: BulkMessages = BulkMessages {
    one_user: "1 user",
    many_users: "{count} users",
    select_user: "Select {name}",
    select_page: "Select every user on this page",
    selected_count: "{count} selected",
    clear_selection: "Clear",
    select_all_matching: "Select all {count} matching",
    all_matching_selected: "All {count} matching users are selected.",
    actions_for_selected: "Change the selected users",
    activate: "Activate",
    deactivate: "Deactivate",
    add_role: "Add role…",
    remove_role: "Remove role…",
    finding_users: "Finding the selected users…",
    progress: "{done} of {total}",
    question_activate: "Activate {users}?",
    question_deactivate: "Deactivate {users}?",
    question_add_role: "Add the role {role} to {users}?",
    question_remove_role: "Remove the role {role} from {users}?",
    already_active: "{users} selected are already active and will be skipped.",
    already_inactive: "{users} selected are already inactive and will be skipped.",
    already_have_role: "{users} selected already have this role and will be skipped.",
    lack_role: "{users} selected do not have this role and will be skipped.",
    names_and_more: "{names} and {count} more",
    nothing_to_change: "Nothing to change: every selected user is already like that.",
    changing_users: "Changing users",
    stop_hint: "Cancel starts no more changes; those already sent finish and are reported.",
    stopping: "Stopping…",
    report_title: "{changed} of {total} changed",
    report_failed: "Not changed",
    report_changed: "Changed",
    report_skipped: "Skipped, already like that",
    report_not_started: "Not started (cancelled)",
    retry_failed: "Retry the failed ones",
    close: "Close",
    export_csv: "Export CSV",
    export_question: "Export {users}?",
    export_estimate: "That is {requests} requests to the server and a file of about {size}.",
    export: "Export",
    exporting: "Exporting users",
    export_stopped: "The export stopped after {done} of {total} users.",
    download_partial: "Download the {count} users so far",
    discard: "Discard",
    export_done: "Saved {file} with {users}.",
    export_empty: "No users match: there is nothing to export.",
};

pub static DE: BulkMessages = BulkMessages {
    one_user: "1 Benutzer",
    many_users: "{count} Benutzer",
    select_user: "{name} auswählen",
    select_page: "Alle Benutzer dieser Seite auswählen",
    selected_count: "{count} ausgewählt",
    clear_selection: "Auswahl aufheben",
    select_all_matching: "Alle {count} Treffer auswählen",
    all_matching_selected: "Alle {count} passenden Benutzer sind ausgewählt.",
    actions_for_selected: "Ausgewählte Benutzer ändern",
    activate: "Aktivieren",
    deactivate: "Deaktivieren",
    add_role: "Rolle hinzufügen…",
    remove_role: "Rolle entfernen…",
    finding_users: "Ausgewählte Benutzer werden gesucht…",
    progress: "{done} von {total}",
    question_activate: "{users} aktivieren?",
    question_deactivate: "{users} deaktivieren?",
    question_add_role: "Rolle {role} zu {users} hinzufügen?",
    question_remove_role: "Rolle {role} von {users} entfernen?",
    already_active: "{users} der Auswahl sind schon aktiv und werden übersprungen.",
    already_inactive: "{users} der Auswahl sind schon inaktiv und werden übersprungen.",
    already_have_role: "{users} der Auswahl haben diese Rolle schon und werden übersprungen.",
    lack_role: "{users} der Auswahl haben diese Rolle nicht und werden übersprungen.",
    names_and_more: "{names} und {count} weitere",
    nothing_to_change: "Nichts zu ändern: alle ausgewählten Benutzer sind schon so.",
    changing_users: "Benutzer werden geändert",
    stop_hint: "Abbrechen startet keine weiteren Änderungen; bereits gesendete laufen zu Ende und werden gemeldet.",
    stopping: "Wird angehalten…",
    report_title: "{changed} von {total} geändert",
    report_failed: "Nicht geändert",
    report_changed: "Geändert",
    report_skipped: "Übersprungen, schon so",
    report_not_started: "Nicht begonnen (abgebrochen)",
    retry_failed: "Fehlgeschlagene erneut versuchen",
    close: "Schließen",
    export_csv: "CSV exportieren",
    export_question: "{users} exportieren?",
    export_estimate: "Das sind {requests} Anfragen an den Server und eine Datei von etwa {size}.",
    export: "Exportieren",
    exporting: "Benutzer werden exportiert",
    export_stopped: "Der Export wurde nach {done} von {total} Benutzern angehalten.",
    download_partial: "Die bisherigen {count} Benutzer herunterladen",
    discard: "Verwerfen",
    export_done: "{file} mit {users} gespeichert.",
    export_empty: "Keine Treffer: Es gibt nichts zu exportieren.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_use_the_same_placeholders() {
        use crate::i18n::placeholders;
        let pairs = [
            (EN.many_users, DE.many_users),
            (EN.select_user, DE.select_user),
            (EN.selected_count, DE.selected_count),
            (EN.select_all_matching, DE.select_all_matching),
            (EN.all_matching_selected, DE.all_matching_selected),
            (EN.progress, DE.progress),
            (EN.question_activate, DE.question_activate),
            (EN.question_deactivate, DE.question_deactivate),
            (EN.question_add_role, DE.question_add_role),
            (EN.question_remove_role, DE.question_remove_role),
            (EN.already_active, DE.already_active),
            (EN.already_inactive, DE.already_inactive),
            (EN.already_have_role, DE.already_have_role),
            (EN.lack_role, DE.lack_role),
            (EN.names_and_more, DE.names_and_more),
            (EN.report_title, DE.report_title),
            (EN.export_question, DE.export_question),
            (EN.export_estimate, DE.export_estimate),
            (EN.export_stopped, DE.export_stopped),
            (EN.download_partial, DE.download_partial),
            (EN.export_done, DE.export_done),
        ];
        for (english, german) in pairs {
            assert_eq!(placeholders(english), placeholders(german), "{english}");
        }
    }

    #[test]
    fn one_user_is_singular() {
        assert_eq!(EN.users_template(1), "1 user");
        assert_eq!(EN.users_template(0), "{count} users");
        assert_eq!(EN.users_template(2), "{count} users");
        assert_eq!(DE.users_template(1), "1 Benutzer");
    }
}
