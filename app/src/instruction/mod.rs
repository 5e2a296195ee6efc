//! The back-office (SPEC §6): prefecture agents log in on their own page, see the queue of
//! their prefecture, open a file and act on it along the lifecycle (`domain::lifecycle`). Every
//! server function checks, on the server, that the caller is an agent and that the file belongs
//! to the agent's prefecture; the server implements [`crate::backend::InstructionBackend`].

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::complement::RequestedDocument;
use crate::domain::lifecycle::FileStatus;
use crate::error::AppError;
use crate::filing::{CivilStatusView, JoinedFile};

pub mod admin;
mod file;
mod file_forms;
pub mod login;
pub mod queue;
pub mod second_factor;
mod shared;

pub use file::AgentFilePage;
pub(crate) use shared::unauthenticated;

/// Sends a form of the file's page: the page then shows the file as the server answers it, or
/// the error next to the form (an expired session goes to the login page).
pub(crate) fn send_file_form(
    file: RwSignal<FileView>,
    form: crate::components::forms::FormErrors,
    pending: RwSignal<bool>,
    request: impl std::future::Future<Output = Result<FileView, AppError>> + 'static,
) {
    pending.set(true);
    leptos::task::spawn_local(async move {
        let result = request.await;
        pending.set(false);
        match result {
            Ok(updated) => file.set(updated),
            Err(error) => {
                if !unauthenticated(&error) {
                    form.show(error);
                }
            }
        }
    });
}

/// Files per page of the queue.
pub const QUEUE_PAGE_SIZE: u64 = 20;

pub mod paths {
    pub const LOGIN: &str = "/agent/connexion";
    pub const QUEUE: &str = "/agent";
    /// Replacing a password an administrator issued (required before anything else).
    pub const PASSWORD: &str = "/agent/mot-de-passe";
    /// The second factor's code of a new session.
    pub const CODE: &str = "/agent/code";
    /// Enrolling the second factor (required in production before anything else).
    pub const TWO_STEP: &str = "/agent/double-authentification";

    pub fn file(id: &str) -> String {
        format!("/agent/dossiers/{id}")
    }

    /// Refusal: the prefecture's decision (PDF) as the body, the reason in `motif`.
    pub fn refusal(id: &str, reason: &str) -> String {
        format!("/api/agent/dossiers/{id}/refus?motif={}", crate::layout::url_encode(reason))
    }

    /// A file joined by the applicant, as the agent downloads it.
    pub fn joined_file(id: &str, file: i32) -> String {
        format!("/api/agent/dossiers/{id}/fichiers/{file}")
    }
}

/// The queue's filters, all optional; `page` starts at 1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub status: Option<FileStatus>,
    pub procedure: Option<crate::domain::catalogue::ProcedureId>,
    /// Name, numéro étranger or file number.
    pub search: Option<String>,
    /// Filed on or after this day (`YYYY-MM-DD`).
    pub filed_from: Option<String>,
    /// Filed on or before this day.
    pub filed_to: Option<String>,
    /// Only files with a complementary-document deadline on or before this day.
    pub deadline_before: Option<String>,
    /// Only files whose silence becomes an implicit rejection within the policy's days (15 by
    /// default), soonest first.
    #[serde(default)]
    pub implicit_soon: bool,
    /// Only files with a message of the applicant no agent has read.
    #[serde(default)]
    pub unread_messages: bool,
    pub page: u64,
    /// The page after (`after`) or before (`before`) the file a [`QueuePage`] cursor names:
    /// read from the queue's index where it starts, rather than by skipping the pages before.
    /// Without one, or with one that names nothing, `page` is counted from the start.
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub before: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: String,
    pub file_number: String,
    pub procedure: crate::domain::catalogue::ProcedureId,
    pub holder: String,
    pub numero_etranger: Option<String>,
    pub status: FileStatus,
    /// `DD/MM/YYYY`.
    pub filed_on: String,
    pub deadline_on: Option<String>,
    /// The day silence becomes an implicit rejection (`DD/MM/YYYY`), while it runs.
    #[serde(default)]
    pub implicit_decision_on: Option<String>,
    /// The applicant's messages no agent has read yet.
    #[serde(default)]
    pub unread_messages: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub prefecture: String,
    pub agent: String,
    /// Whether the agent is an administrator (the header then links to the administration).
    #[serde(default)]
    pub is_admin: bool,
    pub items: Vec<QueueItem>,
    /// Files matching the filters.
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Files of the prefecture per status (whatever the filters).
    pub counts: Vec<(FileStatus, u64)>,
    /// Cursors of the next and previous pages ([`QueueFilter::after`], [`QueueFilter::before`]),
    /// where there is such a page and the order allows one.
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
}

/// One part of the file, as in the applicant's recap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartView {
    pub title: String,
    pub rows: Vec<(String, Option<String>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub label: String,
    pub files: Vec<JoinedFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    /// `DD/MM/YYYY à HH:MM`, Paris time.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from_status: Option<FileStatus>,
    pub to_status: FileStatus,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    /// `Action::as_str`.
    pub code: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub id: String,
    pub file_number: String,
    pub procedure: crate::domain::catalogue::ProcedureId,
    pub status: FileStatus,
    pub filed_at: String,
    pub prefecture: String,
    pub civil_status: CivilStatusView,
    pub parts: Vec<PartView>,
    pub documents: Vec<DocumentView>,
    pub observations: Option<String>,
    pub history: Vec<EventView>,
    /// What the agent may do now.
    pub actions: Vec<ActionView>,
    /// Whether a complementary-document request may be made now, and of which documents
    /// (code, label): every document of the procedure.
    pub can_request_complement: bool,
    /// Whether the file may be refused now (with the prefecture's decision as a PDF).
    pub can_refuse: bool,
    pub requestable: Vec<(String, String)>,
    /// The last complementary-document request and its answer.
    pub complement: Option<crate::filing::ComplementView>,
    /// The holder is a visa holder not yet in AGDREF and the file was submitted: the agent may
    /// register them ([`agent_register_in_agdref`]).
    pub can_register_in_agdref: bool,
    /// The day the prefecture's silence becomes an implicit rejection (`DD/MM/YYYY`), while
    /// the period runs.
    #[serde(default)]
    pub implicit_decision_on: Option<String>,
    /// Whether the file may be sent back for correction now, and what may be named in it
    /// (target, label): the procedure's steps and documents.
    #[serde(default)]
    pub can_request_correction: bool,
    #[serde(default)]
    pub correctable: Vec<(String, String)>,
    /// The last request for correction.
    #[serde(default)]
    pub correction: Vec<crate::corrections::RequestedView>,
    /// What the applicant changed after filing (before / after), oldest first.
    #[serde(default)]
    pub changes: Vec<crate::corrections::ChangeView>,
}

pub use crate::domain::registration::RegistrationRefusal;

/// The outcome of a registration, shown to the agent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationDone {
    /// The new numéro étranger, the applicant's login identifier from now on.
    pub numero_etranger: String,
    /// Where the two e-mails (identifier; temporary password) were sent.
    pub email: String,
    pub file: FileView,
}

/// The back-office login (e-mail and password). Opens an agent session in its own cookie.
#[server(endpoint = "agent/connexion")]
pub async fn agent_login(email: String, password: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    let token = crate::backend::respond(services.instruction.login(&ctx, &email, &password).await)?;
    crate::backend::set_agent_cookie(&ctx, Some(&token));
    Ok(())
}

#[server(endpoint = "agent/mot-de-passe")]
pub async fn change_agent_password(current: String, password: String, password_confirmation: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.change_password(&ctx, &current, &password, &password_confirmation).await)
}

/// What the enrolment page shows: the secret to add to an authenticator application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorEnrolment {
    /// The agent has a second factor already (enrolling again replaces it).
    pub enrolled: bool,
    /// The secret, in base32 groups of four, for typing it in.
    pub secret: String,
    /// The QR code of its `otpauth://` address, as SVG.
    pub qr_svg: String,
}

/// The code of the agent's authenticator application (or a recovery code), once per session.
#[server(endpoint = "agent/second-facteur")]
pub async fn verify_second_factor(code: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.verify_second_factor(&ctx, &code).await)
}

#[server(endpoint = "agent/second-facteur/enrolement")]
pub async fn start_second_factor_enrolment() -> Result<SecondFactorEnrolment, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.start_second_factor_enrolment(&ctx).await)
}

#[server(endpoint = "agent/second-facteur/confirmation")]
pub async fn confirm_second_factor_enrolment(code: String) -> Result<Vec<String>, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.confirm_second_factor_enrolment(&ctx, &code).await)
}

#[server(endpoint = "agent/deconnexion")]
pub async fn agent_logout() -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.logout(&ctx).await)?;
    crate::backend::set_agent_cookie(&ctx, None);
    Ok(())
}

#[server(endpoint = "agent/file-attente", input = leptos::server_fn::codec::Json)]
pub async fn queue(filter: QueueFilter) -> Result<QueuePage, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.queue(&ctx, filter).await)
}

#[server(endpoint = "agent/dossier")]
pub async fn agent_file(id: String) -> Result<FileView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.file(&ctx, &id).await)
}

/// "Demander des pièces complémentaires": the documents, each with its reason.
#[server(endpoint = "agent/complement", input = leptos::server_fn::codec::Json)]
pub async fn agent_request_complement(id: String, documents: Vec<RequestedDocument>) -> Result<FileView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.request_complement(&ctx, &id, documents).await)
}

/// "Prendre en charge", a decision, the production steps… (`Action::as_str`), with an optional
/// note recorded in the history.
#[server(endpoint = "agent/action")]
pub async fn agent_act(id: String, action: String, note: Option<String>) -> Result<FileView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.act(&ctx, &id, &action, note).await)
}

/// "Enregistrer le demandeur dans AGDREF": the visa holder of file `id` gets a numéro étranger;
/// the identifier and a temporary password are e-mailed to them in two messages.
#[server(endpoint = "agent/enregistrement-agdref")]
pub async fn agent_register_in_agdref(id: String) -> Result<RegistrationDone, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.register_in_agdref(&ctx, &id).await)
}
