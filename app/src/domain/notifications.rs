//! In-app notifications (SPEC §2, §6): what the applicant is told in the account, alongside the
//! e-mail, when something happens to a file or to the account. A notification is stored as a
//! stable kind code and the file number; its sentence is written here, in the reader's language
//! at the time of reading, and so is where opening it leads.

use super::catalogue::Text;
use super::lifecycle::Action;
use crate::i18n::Lang;

/// What a notification is about. Lifecycle notifications reuse the action's code, so a new
/// action that notifies the applicant (`lifecycle::notifies_applicant`) needs no new kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotificationKind {
    File(Action),
    /// The applicant was registered in AGDREF: the identifier and a temporary password were
    /// sent by e-mail.
    Registered,
    /// The account's e-mail address was changed.
    EmailChanged,
    /// The title expires soon and no renewal is filed (`lawful_stay`).
    RenewalReminder,
    /// A new attestation de prolongation d'instruction was issued.
    AttestationIssued,
    /// The prefecture wrote in the file's thread.
    Message,
    /// The appointment to collect the card is tomorrow.
    AppointmentReminder,
    /// A file kept while the virus scan was down turned out infected, and was removed.
    InfectedFileRemoved,
}

impl NotificationKind {
    /// The code stored in `notifications.kind`: never rename one.
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::File(action) => action.as_str(),
            NotificationKind::Registered => "registered",
            NotificationKind::EmailChanged => "email_changed",
            NotificationKind::RenewalReminder => "renewal_reminder",
            NotificationKind::AttestationIssued => "attestation_issued",
            NotificationKind::Message => "message",
            NotificationKind::AppointmentReminder => "appointment_reminder",
            NotificationKind::InfectedFileRemoved => "infected_file_removed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "registered" => Some(NotificationKind::Registered),
            "email_changed" => Some(NotificationKind::EmailChanged),
            "renewal_reminder" => Some(NotificationKind::RenewalReminder),
            "attestation_issued" => Some(NotificationKind::AttestationIssued),
            "message" => Some(NotificationKind::Message),
            "appointment_reminder" => Some(NotificationKind::AppointmentReminder),
            "infected_file_removed" => Some(NotificationKind::InfectedFileRemoved),
            other => other.parse().ok().map(NotificationKind::File),
        }
    }

    /// The notification's sentence. `file_number` is the file it is about, when there is one.
    pub fn sentence(self, file_number: Option<&str>, lang: Lang) -> String {
        let number = file_number.unwrap_or_default();
        let text = match self {
            NotificationKind::File(Action::RequestCorrection) => Text::new(
                "Demande n° {n} : la préfecture vous renvoie votre demande pour que vous la corrigiez.",
                "Application no. {n}: the prefecture sends your application back for you to correct it.",
            ),
            NotificationKind::File(Action::RequestComplement) => Text::new(
                "Demande n° {n} : des pièces complémentaires vous sont demandées. Répondez dans les 30 jours.",
                "Application no. {n}: additional documents are requested. Answer within 30 days.",
            ),
            NotificationKind::File(Action::ExpireDeadline) => Text::new(
                "Demande n° {n} : le dossier a été clôturé, les pièces demandées n'ayant pas été transmises dans le délai.",
                "Application no. {n}: the file was closed, as the requested documents were not sent within the deadline.",
            ),
            NotificationKind::File(Action::DecideFavourable) => Text::new(
                "Demande n° {n} : une décision favorable a été rendue. Téléchargez votre attestation.",
                "Application no. {n}: a favourable decision was issued. Download your certificate.",
            ),
            NotificationKind::File(Action::Refuse) => Text::new(
                "Demande n° {n} : votre demande a été refusée. Téléchargez la décision de la préfecture.",
                "Application no. {n}: your application was refused. Download the prefecture's decision.",
            ),
            NotificationKind::File(Action::StartProduction) => {
                Text::new("Demande n° {n} : votre titre de séjour est en fabrication.", "Application no. {n}: your residence permit is being produced.")
            }
            NotificationKind::File(Action::CardAvailable) => Text::new(
                "Demande n° {n} : votre titre de séjour est disponible. Prenez rendez-vous pour le retirer.",
                "Application no. {n}: your residence permit is ready. Book an appointment to collect it.",
            ),
            NotificationKind::File(action) => {
                let label = action.history_label();
                return format!("{} {number} : {}", Text::new("Demande n°", "Application no.").get(lang), label.get(lang));
            }
            NotificationKind::Registered => Text::new(
                "Vous êtes enregistré(e) : votre identifiant (numéro étranger) et un mot de passe provisoire vous ont été envoyés par courriel.",
                "You are registered: your identifier (foreigner number) and a temporary password were sent to you by e-mail.",
            ),
            NotificationKind::EmailChanged => {
                Text::new("L'adresse électronique de votre compte a été modifiée.", "The e-mail address of your account was changed.")
            }
            NotificationKind::RenewalReminder => Text::new(
                "Votre titre de séjour expire bientôt : déposez votre demande de renouvellement dans le délai.",
                "Your residence permit expires soon: file your renewal application in time.",
            ),
            NotificationKind::AttestationIssued => Text::new(
                "Demande n° {n} : une nouvelle attestation de prolongation d'instruction est disponible.",
                "Application no. {n}: a new attestation extending your stay during the review is available.",
            ),
            NotificationKind::AppointmentReminder => Text::new(
                "Demande n° {n} : votre rendez-vous pour retirer votre titre de séjour est demain.",
                "Application no. {n}: your appointment to collect your residence permit is tomorrow.",
            ),
            NotificationKind::Message => Text::new(
                "Demande n° {n} : vous avez un nouveau message de la préfecture.",
                "Application no. {n}: you have a new message from the prefecture.",
            ),
            NotificationKind::InfectedFileRemoved => Text::new(
                "Demande n° {n} : l'analyse antivirale a trouvé un virus dans un fichier que vous aviez joint ; il a été supprimé. Joignez une copie saine du document.",
                "Application no. {n}: the virus scan found a virus in a file you had joined; it was removed. Join a clean copy of the document.",
            ),
        };
        text.get(lang).replace("{n}", number)
    }

    /// Where opening the notification leads: the answer page of a request for documents, the
    /// file on the account page otherwise.
    pub fn target(self, application_id: Option<&str>) -> String {
        match (self, application_id) {
            (NotificationKind::File(Action::RequestComplement), Some(id)) => crate::filing::complement::path(id),
            (NotificationKind::Message, Some(id)) => crate::messages::paths::page(id),
            (NotificationKind::File(Action::RequestCorrection), Some(id)) => crate::corrections::paths::page(id),
            (NotificationKind::AppointmentReminder, Some(id)) => crate::appointments::paths::page(id),
            (NotificationKind::File(_) | NotificationKind::AttestationIssued | NotificationKind::InfectedFileRemoved, Some(id)) => {
                paths::file(id)
            }
            (NotificationKind::RenewalReminder, _) => crate::filing::paths::NEW.to_owned(),
            _ => paths::ACCOUNT.to_owned(),
        }
    }
}

/// Addresses of the account pages.
pub mod paths {
    pub const ACCOUNT: &str = "/compte";
    pub const NOTIFICATIONS: &str = "/compte/notifications";
    pub const CONFIRM_EMAIL: &str = "/compte/courriel/confirmer";

    /// A file on the account page (its timeline and documents).
    pub fn file(id: &str) -> String {
        format!("/compte#demande-{id}")
    }

    /// Opening a notification marks it read, then goes to its target.
    pub fn open(id: i32) -> String {
        format!("/compte/notifications/{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_code() {
        let kinds = [
            NotificationKind::Registered,
            NotificationKind::EmailChanged,
            NotificationKind::RenewalReminder,
            NotificationKind::AttestationIssued,
            NotificationKind::Message,
            NotificationKind::AppointmentReminder,
            NotificationKind::InfectedFileRemoved,
        ]
        .into_iter()
        .chain(Action::ALL.iter().map(|a| NotificationKind::File(*a)));
        for kind in kinds {
            assert_eq!(NotificationKind::from_code(kind.code()), Some(kind), "{kind:?}");
        }
        assert_eq!(NotificationKind::from_code("nothing"), None);
    }

    #[test]
    fn every_notified_action_has_a_sentence_naming_the_file_in_both_languages() {
        for action in Action::ALL.iter().copied().filter(|a| crate::domain::lifecycle::notifies_applicant(*a)) {
            for lang in Lang::ALL {
                let sentence = NotificationKind::File(action).sentence(Some("2026-091-000042"), lang);
                assert!(sentence.contains("2026-091-000042"), "{action:?} {lang:?}: {sentence}");
                assert!(!sentence.contains("{n}"), "{sentence}");
            }
        }
        assert!(NotificationKind::File(Action::Refuse).sentence(Some("X"), Lang::En).contains("refused"));
    }

    #[test]
    fn a_request_for_documents_opens_its_answer_page_and_the_rest_the_account() {
        assert_eq!(NotificationKind::File(Action::RequestComplement).target(Some("abc")), crate::filing::complement::path("abc"));
        assert_eq!(NotificationKind::File(Action::DecideFavourable).target(Some("abc")), "/compte#demande-abc");
        assert_eq!(NotificationKind::Registered.target(None), "/compte");
        assert_eq!(NotificationKind::Message.target(Some("abc")), "/compte/demandes/abc/messages");
    }
}
