//! The lifecycle of an application file (SPEC §7) as one state machine: the statuses, the
//! actions that move a file between them, who may perform each action, and the 30-day deadline
//! of a request for additional documents.
//!
//! ```text
//! brouillon ─Submit→ deposee ─TakeCharge→ en_instruction ⇄ complement_demande
//!                                          (RequestComplement → / ← AnswerComplement)
//! en_instruction ─RequestCorrection (agent)→ correction_demandee ─Resubmit (applicant)→ en_instruction
//! brouillon ─Abandon→ abandonnee
//! brouillon ─ValidateVisa→ vls_ts_valide (the VLS-TS validation: a declaration, no decision)
//! complement_demande ─ExpireDeadline (system, after 30 days)→ cloturee
//! deposee | en_instruction | complement_demande | correction_demandee ─Withdraw (applicant)→ cloturee
//!     ("classée sans suite à la demande de l'usager")
//! en_instruction ─Refuse→ refusee
//! en_instruction ─DecideFavourable→ decision_favorable ─StartProduction→ titre_en_fabrication
//!     ─CardAvailable→ titre_disponible ─HandOver→ remis
//! ```
//!
//! Every page that shows buttons asks [`allowed_actions`], and every service or job that changes
//! a status goes through [`transition`], so an illegal move is refused in one place. Recording
//! the transition (who, when, why) and sending notifications is the caller's job; this module
//! only says which actions notify the applicant ([`notifies_applicant`]).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::catalogue::Text;
use super::date::Date;
use crate::i18n::Lang;

/// Days the applicant has to answer a request for additional documents (SPEC §6).
pub const COMPLEMENT_DEADLINE_DAYS: i64 = 30;
/// The longest reason an applicant may give for withdrawing an application.
pub const WITHDRAWAL_REASON_MAX: usize = 1000;

/// The optional reason of a withdrawal, as typed (trimmed; empty is no reason).
pub fn withdrawal_reason(text: &str) -> Result<Option<String>, super::validation::ValidationError> {
    super::validation::optional_text(text, WITHDRAWAL_REASON_MAX)
}

/// A stored code that names no status, action or actor (a corrupt row or a stale client).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown lifecycle code {0:?}")]
pub struct UnknownCode(pub String);

/// Where a file stands. The serde form and [`FileStatus::as_str`] are the same stable code,
/// stored in `applications.status` and in the history: never rename one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Brouillon,
    Deposee,
    EnInstruction,
    ComplementDemande,
    /// The agent sent the file back for the applicant to correct (`domain::corrections`).
    CorrectionDemandee,
    Cloturee,
    DecisionFavorable,
    Refusee,
    TitreEnFabrication,
    TitreDisponible,
    Remis,
    Abandonnee,
    /// A long-stay visa equivalent to a residence permit (VLS-TS) validated online: the filing
    /// is the outcome, nothing is decided.
    VlsTsValide,
}

impl FileStatus {
    pub const ALL: [FileStatus; 13] = [
        FileStatus::Brouillon,
        FileStatus::Deposee,
        FileStatus::EnInstruction,
        FileStatus::ComplementDemande,
        FileStatus::CorrectionDemandee,
        FileStatus::Cloturee,
        FileStatus::DecisionFavorable,
        FileStatus::Refusee,
        FileStatus::TitreEnFabrication,
        FileStatus::TitreDisponible,
        FileStatus::Remis,
        FileStatus::Abandonnee,
        FileStatus::VlsTsValide,
    ];

    /// The database code (the same as the serde form).
    pub const fn as_str(self) -> &'static str {
        match self {
            FileStatus::Brouillon => "brouillon",
            FileStatus::Deposee => "deposee",
            FileStatus::EnInstruction => "en_instruction",
            FileStatus::ComplementDemande => "complement_demande",
            FileStatus::CorrectionDemandee => "correction_demandee",
            FileStatus::Cloturee => "cloturee",
            FileStatus::DecisionFavorable => "decision_favorable",
            FileStatus::Refusee => "refusee",
            FileStatus::TitreEnFabrication => "titre_en_fabrication",
            FileStatus::TitreDisponible => "titre_disponible",
            FileStatus::Remis => "remis",
            FileStatus::Abandonnee => "abandonnee",
            FileStatus::VlsTsValide => "vls_ts_valide",
        }
    }

    /// The name shown to applicants and agents.
    pub fn label(self) -> Text {
        match self {
            FileStatus::Brouillon => Text::new("Brouillon", "Draft"),
            FileStatus::Deposee => Text::new("Déposée", "Submitted"),
            FileStatus::EnInstruction => Text::new("En cours d'instruction", "Under review"),
            FileStatus::ComplementDemande => Text::new("Complément demandé", "Additional documents requested"),
            FileStatus::CorrectionDemandee => Text::new("Correction demandée", "Correction requested"),
            FileStatus::Cloturee => Text::new("Clôturée", "Closed"),
            FileStatus::DecisionFavorable => Text::new("Décision favorable", "Favourable decision"),
            FileStatus::Refusee => Text::new("Refusée", "Refused"),
            FileStatus::TitreEnFabrication => Text::new("Titre en fabrication", "Permit being produced"),
            FileStatus::TitreDisponible => Text::new("Titre disponible", "Permit ready for collection"),
            FileStatus::Remis => Text::new("Titre remis", "Permit handed over"),
            FileStatus::Abandonnee => Text::new("Abandonnée", "Abandoned"),
            FileStatus::VlsTsValide => Text::new("VLS-TS validé", "Long-stay visa validated"),
        }
    }

    /// No action leads out of this status, for anyone.
    pub fn is_terminal(self) -> bool {
        matches!(self, FileStatus::Cloturee | FileStatus::Refusee | FileStatus::Remis | FileStatus::Abandonnee | FileStatus::VlsTsValide)
    }

    /// Only a draft can be changed by the applicant; a submitted file is frozen (SPEC §5.5).
    pub fn is_editable_by_applicant(self) -> bool {
        self == FileStatus::Brouillon
    }

    /// Filed and not decided yet: the prefecture's silence runs, an attestation de prolongation
    /// is in force, and the applicant may still withdraw.
    pub fn awaits_decision(self) -> bool {
        matches!(self, FileStatus::Deposee | FileStatus::EnInstruction | FileStatus::ComplementDemande | FileStatus::CorrectionDemandee)
    }

    /// The applicant has something to do for the file to move on: answer a request for
    /// documents (under a deadline) or correct what the agent sent back. The prefecture's
    /// period is suspended meanwhile.
    pub fn awaits_applicant(self) -> bool {
        matches!(self, FileStatus::ComplementDemande | FileStatus::CorrectionDemandee)
    }
}

impl fmt::Display for FileStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FileStatus {
    type Err = UnknownCode;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        FileStatus::ALL.into_iter().find(|status| status.as_str() == code).ok_or_else(|| UnknownCode(code.to_owned()))
    }
}

/// Who performs an action. An administrator acts as an [`ActorKind::Agent`]; `System` is the
/// server's own jobs (the deadline job), never a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Applicant,
    Agent,
    System,
}

impl ActorKind {
    pub const ALL: [ActorKind; 3] = [ActorKind::Applicant, ActorKind::Agent, ActorKind::System];

    /// The code stored in the history (the same as the serde form).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Applicant => "applicant",
            ActorKind::Agent => "agent",
            ActorKind::System => "system",
        }
    }

    pub fn label(self) -> Text {
        match self {
            ActorKind::Applicant => Text::new("Usager", "Applicant"),
            ActorKind::Agent => Text::new("Agent de préfecture", "Prefecture agent"),
            ActorKind::System => Text::new("Traitement automatique", "Automatic processing"),
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActorKind {
    type Err = UnknownCode;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        ActorKind::ALL.into_iter().find(|actor| actor.as_str() == code).ok_or_else(|| UnknownCode(code.to_owned()))
    }
}

/// What moves a file from one status to the next. Each action has exactly one target status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Brouillon → Déposée.
    Submit,
    /// Brouillon → Abandonnée; a submitted file cannot be withdrawn here.
    Abandon,
    /// Déposée → En instruction.
    TakeCharge,
    /// En instruction → Complément demandé. Not from Déposée: the agent takes the file in
    /// charge first, so the request is always made by someone instructing it.
    RequestComplement,
    /// Complément demandé → En instruction; the history marks the file "complété".
    AnswerComplement,
    /// Complément demandé → Clôturée, by the deadline job once the 30 days are over.
    ExpireDeadline,
    /// En instruction → Décision favorable.
    DecideFavourable,
    /// En instruction → Refusée.
    Refuse,
    /// Décision favorable → Titre en fabrication.
    StartProduction,
    /// Titre en fabrication → Titre disponible.
    CardAvailable,
    /// Titre disponible → Remis, at the appointment.
    HandOver,
    /// Déposée, En instruction, Complément demandé or Correction demandée → Clôturée, by the
    /// applicant: the file is closed without a decision ("classée sans suite à la demande de
    /// l'usager").
    Withdraw,
    /// En instruction → Correction demandée: the agent sends the file back with a reason per
    /// answer or document (incorrect, incomplete, out of date), apart from a request for
    /// documents.
    RequestCorrection,
    /// Correction demandée → En instruction: the applicant sends the corrected file back.
    Resubmit,
    /// Brouillon → VLS-TS validé: the holder of a VLS-TS declares the arrival, the address and
    /// the tax stamp; the filing itself validates the visa.
    ValidateVisa,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::Submit,
        Action::Abandon,
        Action::TakeCharge,
        Action::RequestComplement,
        Action::AnswerComplement,
        Action::ExpireDeadline,
        Action::DecideFavourable,
        Action::Refuse,
        Action::StartProduction,
        Action::CardAvailable,
        Action::HandOver,
        Action::Withdraw,
        Action::RequestCorrection,
        Action::Resubmit,
        Action::ValidateVisa,
    ];

    /// The code stored in the history (the same as the serde form).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Abandon => "abandon",
            Action::TakeCharge => "take_charge",
            Action::RequestComplement => "request_complement",
            Action::AnswerComplement => "answer_complement",
            Action::ExpireDeadline => "expire_deadline",
            Action::DecideFavourable => "decide_favourable",
            Action::Refuse => "refuse",
            Action::StartProduction => "start_production",
            Action::CardAvailable => "card_available",
            Action::HandOver => "hand_over",
            Action::Withdraw => "withdraw",
            Action::RequestCorrection => "request_correction",
            Action::Resubmit => "resubmit",
            Action::ValidateVisa => "validate_visa",
        }
    }

    /// The status the action leads to (when it is allowed at all).
    pub fn target(self) -> FileStatus {
        match self {
            Action::Submit => FileStatus::Deposee,
            Action::Abandon => FileStatus::Abandonnee,
            Action::TakeCharge => FileStatus::EnInstruction,
            Action::RequestComplement => FileStatus::ComplementDemande,
            Action::AnswerComplement => FileStatus::EnInstruction,
            Action::ExpireDeadline => FileStatus::Cloturee,
            Action::DecideFavourable => FileStatus::DecisionFavorable,
            Action::Refuse => FileStatus::Refusee,
            Action::StartProduction => FileStatus::TitreEnFabrication,
            Action::CardAvailable => FileStatus::TitreDisponible,
            Action::HandOver => FileStatus::Remis,
            Action::Withdraw => FileStatus::Cloturee,
            Action::RequestCorrection => FileStatus::CorrectionDemandee,
            Action::Resubmit => FileStatus::EnInstruction,
            Action::ValidateVisa => FileStatus::VlsTsValide,
        }
    }

    /// The statuses the action applies to.
    pub fn sources(self) -> &'static [FileStatus] {
        match self {
            Action::Submit | Action::Abandon | Action::ValidateVisa => &[FileStatus::Brouillon],
            Action::TakeCharge => &[FileStatus::Deposee],
            Action::RequestComplement | Action::RequestCorrection | Action::DecideFavourable | Action::Refuse => {
                &[FileStatus::EnInstruction]
            }
            Action::Resubmit => &[FileStatus::CorrectionDemandee],
            Action::AnswerComplement | Action::ExpireDeadline => &[FileStatus::ComplementDemande],
            Action::StartProduction => &[FileStatus::DecisionFavorable],
            Action::CardAvailable => &[FileStatus::TitreEnFabrication],
            Action::HandOver => &[FileStatus::TitreDisponible],
            // Until the decision: after it, the applicant refuses the card at the counter.
            Action::Withdraw => {
                &[FileStatus::Deposee, FileStatus::EnInstruction, FileStatus::ComplementDemande, FileStatus::CorrectionDemandee]
            }
        }
    }

    /// Who may perform the action. The applicant acts only on their own file's draft and on a
    /// request for documents; closing for lack of an answer is never a person's decision.
    pub fn performed_by(self, actor: ActorKind) -> bool {
        let allowed = match self {
            Action::Submit | Action::Abandon | Action::AnswerComplement | Action::Withdraw | Action::Resubmit | Action::ValidateVisa => {
                ActorKind::Applicant
            }
            Action::ExpireDeadline => ActorKind::System,
            Action::TakeCharge
            | Action::RequestComplement
            | Action::RequestCorrection
            | Action::DecideFavourable
            | Action::Refuse
            | Action::StartProduction
            | Action::CardAvailable
            | Action::HandOver => ActorKind::Agent,
        };
        actor == allowed
    }

    /// The label of the button that performs the action.
    pub fn label(self) -> Text {
        match self {
            Action::Submit => Text::new("Déposer la demande", "Submit the application"),
            Action::Abandon => Text::new("Abandonner le brouillon", "Abandon the draft"),
            Action::TakeCharge => Text::new("Prendre en charge", "Take charge"),
            Action::RequestComplement => Text::new("Demander des pièces complémentaires", "Request additional documents"),
            Action::AnswerComplement => Text::new("Valider et envoyer", "Validate and send"),
            Action::ExpireDeadline => Text::new("Clôturer (délai expiré)", "Close (deadline passed)"),
            Action::DecideFavourable => Text::new("Rendre une décision favorable", "Grant the permit"),
            Action::Refuse => Text::new("Refuser la demande", "Refuse the application"),
            Action::StartProduction => Text::new("Lancer la fabrication du titre", "Start producing the permit"),
            Action::CardAvailable => Text::new("Signaler le titre disponible", "Mark the permit as ready"),
            Action::HandOver => Text::new("Remettre le titre", "Hand over the permit"),
            Action::Withdraw => Text::new("Retirer ma demande", "Withdraw my application"),
            Action::RequestCorrection => Text::new("Renvoyer pour correction", "Send back for correction"),
            Action::Resubmit => Text::new("Envoyer mes corrections", "Send my corrections"),
            Action::ValidateVisa => Text::new("Valider mon VLS-TS", "Validate my long-stay visa"),
        }
    }

    /// How the action reads in the file's history, once done. Answering a request reads
    /// "Dossier complété", which is how agents spot answered files in their queue.
    pub fn history_label(self) -> Text {
        match self {
            Action::Submit => Text::new("Demande déposée", "Application submitted"),
            Action::Abandon => Text::new("Brouillon abandonné", "Draft abandoned"),
            Action::TakeCharge => Text::new("Dossier pris en charge", "File taken in charge"),
            Action::RequestComplement => Text::new("Pièces complémentaires demandées", "Additional documents requested"),
            Action::AnswerComplement => Text::new("Dossier complété", "File completed"),
            Action::ExpireDeadline => {
                Text::new("Dossier clôturé faute de réponse dans le délai", "File closed: no answer within the deadline")
            }
            Action::DecideFavourable => Text::new("Décision favorable rendue", "Favourable decision issued"),
            Action::Refuse => Text::new("Demande refusée", "Application refused"),
            Action::StartProduction => Text::new("Titre en fabrication", "Permit being produced"),
            Action::CardAvailable => Text::new("Titre disponible", "Permit ready for collection"),
            Action::HandOver => Text::new("Titre remis", "Permit handed over"),
            Action::Withdraw => Text::new(
                "Demande retirée : classée sans suite à la demande de l'usager",
                "Application withdrawn: closed without a decision at the applicant's request",
            ),
            Action::RequestCorrection => {
                Text::new("Dossier renvoyé à l'usager pour correction", "File sent back to the applicant for correction")
            }
            Action::Resubmit => Text::new("Dossier corrigé et renvoyé par l'usager", "File corrected and sent back by the applicant"),
            Action::ValidateVisa => Text::new("VLS-TS validé en ligne", "Long-stay visa validated online"),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Action {
    type Err = UnknownCode;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Action::ALL.into_iter().find(|action| action.as_str() == code).ok_or_else(|| UnknownCode(code.to_owned()))
    }
}

/// Why a transition was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TransitionError {
    /// This kind of actor never performs this action, whatever the status.
    #[error("{actor} may not perform {action}")]
    NotAllowedForActor { action: Action, actor: ActorKind },
    /// The action does not apply to a file in this status (often: someone acted first).
    #[error("{action} is not possible from status {from}")]
    NotAllowedInState { from: FileStatus, action: Action },
}

impl TransitionError {
    /// The sentence shown to the user.
    pub fn user_message(self, lang: Lang) -> String {
        match (self, lang) {
            (TransitionError::NotAllowedForActor { action, .. }, Lang::Fr) => {
                format!("Vous n'êtes pas autorisé à effectuer l'action « {} ».", action.label().fr)
            }
            (TransitionError::NotAllowedForActor { action, .. }, Lang::En) => {
                format!("You are not allowed to perform the action “{}”.", action.label().en)
            }
            (TransitionError::NotAllowedInState { from, action }, Lang::Fr) => format!(
                "L'action « {} » n'est pas possible pour un dossier au statut « {} ». Rechargez la page.",
                action.label().fr,
                from.label().fr
            ),
            (TransitionError::NotAllowedInState { from, action }, Lang::En) => format!(
                "The action “{}” is not possible for a file with status “{}”. Please reload the page.",
                action.label().en,
                from.label().en
            ),
        }
    }
}

/// The status after `action`, or why it is refused. The actor is checked first: a refusal for
/// the actor is permanent, one for the status may be a race with another user.
pub fn transition(from: FileStatus, action: Action, actor: ActorKind) -> Result<FileStatus, TransitionError> {
    if !action.performed_by(actor) {
        return Err(TransitionError::NotAllowedForActor { action, actor });
    }
    if !action.sources().contains(&from) {
        return Err(TransitionError::NotAllowedInState { from, action });
    }
    Ok(action.target())
}

/// The actions `actor` may perform on a file in `status`, in [`Action::ALL`] order (the order
/// of the buttons).
pub fn allowed_actions(status: FileStatus, actor: ActorKind) -> Vec<Action> {
    Action::ALL.into_iter().filter(|action| transition(status, *action, actor).is_ok()).collect()
}

/// Whether the transition sends the applicant an e-mail ("connectez-vous") and an in-app
/// notification. The applicant's own actions do not (they see the result on screen; the
/// deposit receipt e-mail belongs to the submission itself), nor do internal steps of the
/// prefecture (taking in charge) or the hand-over, done in person.
pub fn notifies_applicant(action: Action) -> bool {
    match action {
        Action::RequestComplement
        | Action::RequestCorrection
        | Action::ExpireDeadline
        | Action::DecideFavourable
        | Action::Refuse
        | Action::StartProduction
        | Action::CardAvailable => true,
        Action::Submit
        | Action::Abandon
        | Action::TakeCharge
        | Action::AnswerComplement
        | Action::HandOver
        | Action::Withdraw
        | Action::Resubmit
        | Action::ValidateVisa => false,
    }
}

/// Something recorded in a file's history that is not a transition: the file keeps its status
/// (the event's `from_status` and `to_status` are both the current one). Kept apart from
/// [`Action`] so that [`transition`] and [`allowed_actions`] never offer it as a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileEvent {
    /// A visa holder was registered in AGDREF by the agent: numéro étranger created, account
    /// e-mails sent (SPEC §2 and §6).
    AgdrefRegistration,
    /// A message of the file's thread (`domain::messages`), by either side: it changes no
    /// status and pauses no period, but is part of the file's history.
    MessageFromApplicant,
    MessageFromAgent,
    /// The applicant corrected or completed the file before it was taken in charge
    /// (`domain::corrections`); the changes are listed with the event.
    CorrectedByApplicant,
}

impl FileEvent {
    pub const ALL: [FileEvent; 4] =
        [FileEvent::AgdrefRegistration, FileEvent::MessageFromApplicant, FileEvent::MessageFromAgent, FileEvent::CorrectedByApplicant];

    /// The code stored in the history's `action` column; never equal to an [`Action`]'s.
    pub fn as_str(self) -> &'static str {
        match self {
            FileEvent::AgdrefRegistration => "agdref_registration",
            FileEvent::MessageFromApplicant => "message_from_applicant",
            FileEvent::MessageFromAgent => "message_from_agent",
            FileEvent::CorrectedByApplicant => "corrected_by_applicant",
        }
    }

    pub fn history_label(self) -> Text {
        match self {
            FileEvent::AgdrefRegistration => Text::new("Demandeur enregistré dans AGDREF", "Applicant registered in AGDREF"),
            FileEvent::MessageFromApplicant => Text::new("Message de l'usager", "Message from the applicant"),
            FileEvent::MessageFromAgent => Text::new("Message de la préfecture", "Message from the prefecture"),
            FileEvent::CorrectedByApplicant => {
                Text::new("Demande corrigée ou complétée par l'usager", "Application corrected or completed by the applicant")
            }
        }
    }
}

/// How any stored history code reads (an [`Action`] or a [`FileEvent`]); `None` for a code
/// this version does not know.
pub fn history_label(code: &str) -> Option<Text> {
    Action::ALL
        .iter()
        .find(|a| a.as_str() == code)
        .map(|a| a.history_label())
        .or_else(|| FileEvent::ALL.iter().find(|e| e.as_str() == code).map(|e| e.history_label()))
}

/// The last day to answer a request for documents made on `requested_on`. The applicant may
/// still answer on that day; the file is closed from the next one.
pub fn complement_deadline(requested_on: Date) -> Date {
    requested_on.add_days(COMPLEMENT_DEADLINE_DAYS)
}

/// Whole days left before `deadline` as seen on `today` (0 on the last day and after), for
/// "il vous reste N jours". `today` is the civil date in France, computed by the caller.
pub fn days_remaining(deadline: Date, today: Date) -> i64 {
    today.days_until(deadline).max(0)
}

/// Whether the deadline job may close the file on `today`.
pub fn deadline_passed(deadline: Date, today: Date) -> bool {
    today > deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActorKind::{Agent, Applicant, System};
    use FileStatus::*;

    /// SPEC §7 written out edge by edge, independently of the code under test.
    const SPEC_EDGES: [(FileStatus, Action, ActorKind, FileStatus); 18] = [
        (Brouillon, Action::Submit, Applicant, Deposee),
        (Brouillon, Action::Abandon, Applicant, Abandonnee),
        (Brouillon, Action::ValidateVisa, Applicant, VlsTsValide),
        (Deposee, Action::TakeCharge, Agent, EnInstruction),
        (EnInstruction, Action::RequestComplement, Agent, ComplementDemande),
        (ComplementDemande, Action::AnswerComplement, Applicant, EnInstruction),
        (ComplementDemande, Action::ExpireDeadline, System, Cloturee),
        (EnInstruction, Action::DecideFavourable, Agent, DecisionFavorable),
        (EnInstruction, Action::Refuse, Agent, Refusee),
        (DecisionFavorable, Action::StartProduction, Agent, TitreEnFabrication),
        (TitreEnFabrication, Action::CardAvailable, Agent, TitreDisponible),
        (TitreDisponible, Action::HandOver, Agent, Remis),
        (Deposee, Action::Withdraw, Applicant, Cloturee),
        (EnInstruction, Action::Withdraw, Applicant, Cloturee),
        (ComplementDemande, Action::Withdraw, Applicant, Cloturee),
        (EnInstruction, Action::RequestCorrection, Agent, CorrectionDemandee),
        (CorrectionDemandee, Action::Resubmit, Applicant, EnInstruction),
        (CorrectionDemandee, Action::Withdraw, Applicant, Cloturee),
    ];

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid test date")
    }

    #[test]
    fn every_transition_of_the_spec_is_allowed() {
        for (from, action, actor, to) in SPEC_EDGES {
            assert_eq!(transition(from, action, actor), Ok(to), "{from} --{action}/{actor}-->");
        }
    }

    #[test]
    fn a_file_can_go_through_a_complement_and_back() {
        let mut status = Brouillon;
        for (action, actor) in [
            (Action::Submit, Applicant),
            (Action::TakeCharge, Agent),
            (Action::RequestComplement, Agent),
            (Action::AnswerComplement, Applicant),
            (Action::RequestComplement, Agent),
            (Action::AnswerComplement, Applicant),
            (Action::DecideFavourable, Agent),
            (Action::StartProduction, Agent),
            (Action::CardAvailable, Agent),
            (Action::HandOver, Agent),
        ] {
            status = transition(status, action, actor).expect("legal step");
        }
        assert_eq!(status, Remis);
    }

    #[test]
    fn illegal_moves_are_refused_with_the_reason() {
        assert_eq!(
            transition(Brouillon, Action::Refuse, Agent),
            Err(TransitionError::NotAllowedInState { from: Brouillon, action: Action::Refuse })
        );
        assert_eq!(
            transition(ComplementDemande, Action::ExpireDeadline, Agent),
            Err(TransitionError::NotAllowedForActor { action: Action::ExpireDeadline, actor: Agent })
        );
        assert_eq!(
            transition(EnInstruction, Action::AnswerComplement, Applicant),
            Err(TransitionError::NotAllowedInState { from: EnInstruction, action: Action::AnswerComplement })
        );
        // A complement is requested on a file under review, not one just submitted.
        assert_eq!(
            transition(Deposee, Action::RequestComplement, Agent),
            Err(TransitionError::NotAllowedInState { from: Deposee, action: Action::RequestComplement })
        );
        // The applicant cannot decide, nor abandon a submitted file.
        assert_eq!(
            transition(EnInstruction, Action::DecideFavourable, Applicant),
            Err(TransitionError::NotAllowedForActor { action: Action::DecideFavourable, actor: Applicant })
        );
        assert_eq!(
            transition(Deposee, Action::Abandon, Applicant),
            Err(TransitionError::NotAllowedInState { from: Deposee, action: Action::Abandon })
        );
        // An agent cannot submit in the applicant's place; submitting twice is a state error.
        assert_eq!(
            transition(Brouillon, Action::Submit, Agent),
            Err(TransitionError::NotAllowedForActor { action: Action::Submit, actor: Agent })
        );
        assert_eq!(
            transition(Deposee, Action::Submit, Applicant),
            Err(TransitionError::NotAllowedInState { from: Deposee, action: Action::Submit })
        );
        // Production only follows a favourable decision.
        assert_eq!(
            transition(Refusee, Action::StartProduction, Agent),
            Err(TransitionError::NotAllowedInState { from: Refusee, action: Action::StartProduction })
        );
    }

    #[test]
    fn terminal_states_have_no_action_and_others_have_one() {
        for status in FileStatus::ALL {
            let any = ActorKind::ALL.iter().any(|actor| !allowed_actions(status, *actor).is_empty());
            assert_eq!(any, !status.is_terminal(), "{status}");
        }
        assert!(Cloturee.is_terminal() && Refusee.is_terminal() && Remis.is_terminal() && Abandonnee.is_terminal());
        assert!(VlsTsValide.is_terminal());
    }

    #[test]
    fn allowed_actions_agree_with_transition_and_the_spec() {
        for from in FileStatus::ALL {
            for actor in ActorKind::ALL {
                let allowed = allowed_actions(from, actor);
                for action in Action::ALL {
                    let result = transition(from, action, actor);
                    assert_eq!(allowed.contains(&action), result.is_ok(), "{from} {action} {actor}");
                    let spec = SPEC_EDGES.iter().find(|(f, a, p, _)| (*f, *a, *p) == (from, action, actor)).map(|edge| edge.3);
                    assert_eq!(result.ok(), spec, "{from} {action} {actor}");
                }
            }
        }
    }

    #[test]
    fn buttons_per_status_and_actor() {
        // Which of the two filings a draft takes is its procedure's (`FilingKind::action`).
        assert_eq!(allowed_actions(Brouillon, Applicant), vec![Action::Submit, Action::Abandon, Action::ValidateVisa]);
        assert_eq!(allowed_actions(VlsTsValide, Applicant), vec![], "a validated visa: nothing left to do");
        assert_eq!(
            allowed_actions(EnInstruction, Agent),
            vec![Action::RequestComplement, Action::DecideFavourable, Action::Refuse, Action::RequestCorrection]
        );
        assert_eq!(allowed_actions(CorrectionDemandee, Applicant), vec![Action::Withdraw, Action::Resubmit]);
        assert_eq!(allowed_actions(ComplementDemande, Applicant), vec![Action::AnswerComplement, Action::Withdraw]);
        assert_eq!(allowed_actions(Deposee, Applicant), vec![Action::Withdraw]);
        assert_eq!(allowed_actions(DecisionFavorable, Applicant), vec![], "decided: too late to withdraw");
        assert_eq!(allowed_actions(ComplementDemande, Agent), vec![]);
        assert_eq!(allowed_actions(ComplementDemande, System), vec![Action::ExpireDeadline]);
    }

    #[test]
    fn status_predicates() {
        for status in FileStatus::ALL {
            assert_eq!(status.is_editable_by_applicant(), status == Brouillon);
            assert_eq!(status.awaits_applicant(), matches!(status, ComplementDemande | CorrectionDemandee));
            assert_eq!(status.awaits_decision(), Action::Withdraw.sources().contains(&status), "{status}");
        }
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for status in FileStatus::ALL {
            assert_eq!(status.as_str().parse::<FileStatus>(), Ok(status));
            assert_eq!(serde_json::to_string(&status).expect("serialise"), format!("\"{}\"", status.as_str()));
        }
        for action in Action::ALL {
            assert_eq!(action.as_str().parse::<Action>(), Ok(action));
            assert_eq!(serde_json::to_string(&action).expect("serialise"), format!("\"{}\"", action.as_str()));
        }
        for actor in ActorKind::ALL {
            assert_eq!(actor.as_str().parse::<ActorKind>(), Ok(actor));
            assert_eq!(serde_json::to_string(&actor).expect("serialise"), format!("\"{}\"", actor.as_str()));
        }
        // The codes the server already writes.
        assert_eq!(Brouillon.as_str(), "brouillon");
        assert_eq!(Deposee.as_str(), "deposee");
        assert_eq!(Abandonnee.as_str(), "abandonnee");
        assert_eq!("Brouillon".parse::<FileStatus>(), Err(UnknownCode("Brouillon".to_owned())));
        assert!("".parse::<Action>().is_err());
    }

    #[test]
    fn errors_serialise_and_read_in_both_languages() {
        let error = TransitionError::NotAllowedInState { from: Brouillon, action: Action::Refuse };
        let json = serde_json::to_string(&error).expect("serialise");
        assert_eq!(serde_json::from_str::<TransitionError>(&json).expect("deserialise"), error);
        assert_eq!(error.to_string(), "refuse is not possible from status brouillon");
        assert!(error.user_message(Lang::Fr).contains("« Brouillon »"));
        assert!(error.user_message(Lang::En).contains("“Draft”"));
    }

    #[test]
    fn labels_exist_in_both_languages() {
        for status in FileStatus::ALL {
            assert!(!status.label().fr.is_empty() && !status.label().en.is_empty());
        }
        for action in Action::ALL {
            assert!(!action.label().fr.is_empty() && !action.label().en.is_empty());
            assert!(!action.history_label().fr.is_empty() && !action.history_label().en.is_empty());
        }
        assert_eq!(Action::AnswerComplement.history_label().fr, "Dossier complété");
    }

    #[test]
    fn events_that_are_not_transitions_have_their_own_codes() {
        for event in FileEvent::ALL {
            assert!(event.as_str().parse::<Action>().is_err(), "{event:?} must not read as an action");
            assert_eq!(serde_json::to_string(&event).expect("serialise"), format!("\"{}\"", event.as_str()));
            assert_eq!(history_label(event.as_str()), Some(event.history_label()));
        }
        assert_eq!(history_label("take_charge"), Some(Action::TakeCharge.history_label()));
        assert_eq!(history_label("inconnu"), None);
    }

    #[test]
    fn notifications_follow_the_spec() {
        // SPEC §6: the request for documents and both decisions notify the applicant.
        for action in [Action::RequestComplement, Action::DecideFavourable, Action::Refuse] {
            assert!(notifies_applicant(action), "{action}");
        }
        // The applicant's own actions do not.
        for action in [Action::Submit, Action::Abandon, Action::AnswerComplement] {
            assert!(!notifies_applicant(action), "{action}");
        }
    }

    #[test]
    fn deadline_crosses_month_and_year_ends() {
        let requested = d(2026, 1, 31);
        let deadline = complement_deadline(requested);
        assert_eq!(deadline, d(2026, 3, 2));
        assert_eq!(days_remaining(deadline, requested), 30);
        assert_eq!(days_remaining(deadline, d(2026, 2, 28)), 2);
        assert_eq!(days_remaining(deadline, d(2026, 3, 2)), 0);
        assert_eq!(days_remaining(deadline, d(2026, 3, 10)), 0);
        assert!(!deadline_passed(deadline, d(2026, 3, 2)));
        assert!(deadline_passed(deadline, d(2026, 3, 3)));
        // Leap year, and across a year end.
        assert_eq!(complement_deadline(d(2028, 2, 1)), d(2028, 3, 2));
        assert_eq!(complement_deadline(d(2026, 12, 15)), d(2027, 1, 14));
    }
}
