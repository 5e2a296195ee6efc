//! Application files from the applicant's side (SPEC §3–5): DTOs and server functions. The
//! rules come from the shared catalogue (`domain::catalogue`); the server implements
//! [`crate::backend::FilingBackend`].

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::catalogue::recap::ReopenedPart;
use crate::domain::catalogue::{Answers, ApplicantContext, ProcedureId};
use crate::domain::complement::DocumentAnswer;
use crate::domain::lifecycle::FileStatus;
use crate::error::AppError;

pub mod address;
pub mod complement;
pub mod documents;
pub mod fields;
pub mod offline;
pub mod orientation;
pub mod paths;
pub mod recap;
pub mod visa_validation;
pub mod wizard;

/// The longest "Observations à destination de l'administration", in characters.
pub const OBSERVATIONS_MAX: usize = 4000;

pub use crate::domain::catalogue::orientation::RequestKind;

/// A draft as the wizard needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: String,
    pub procedure: ProcedureId,
    pub request_kind: RequestKind,
    pub status: FileStatus,
    /// The step to resume at.
    pub current_step: String,
    /// To send back with the next save (two tabs must not overwrite each other).
    pub version: i32,
    pub answers: Answers,
    /// Birth date and today: the catalogue's conditions (minor…) are evaluated in the browser.
    pub applicant: ApplicantContext,
    pub civil_status: CivilStatusView,
    pub files: Vec<JoinedFile>,
    /// The recap parts (step ids) the applicant validated.
    pub recap_validated: Vec<String>,
    pub observations: String,
    /// Once filed.
    pub submitted: Option<SubmittedView>,
}

/// The civil status from the register, shown read-only (errors go in the observations).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CivilStatusView {
    pub birth_name: String,
    pub usage_name: Option<String>,
    pub given_names: String,
    /// `M` or `F`.
    pub sex: String,
    /// `DD/MM/YYYY`.
    pub birth_date: String,
    pub birth_place: String,
    /// ISO 3166-1 alpha-2 codes, named in the page's language.
    pub birth_country: String,
    pub nationality: String,
    pub numero_etranger: Option<String>,
    pub email: String,
}

/// A file joined to a document of the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinedFile {
    pub id: i32,
    pub document: String,
    pub name: String,
    pub size: i64,
    pub content_type: String,
    /// Kept while the virus scan was down: agents cannot open it until a scan clears it.
    #[serde(default)]
    pub held_for_scan: bool,
}

/// One line of the applicant's list of files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: String,
    pub procedure: ProcedureId,
    pub status: FileStatus,
    /// Where a draft resumes.
    pub current_step: String,
    pub file_number: Option<String>,
    /// Day of submission, `YYYY-MM-DD`.
    pub submitted_on: Option<String>,
    /// Kinds of the documents the service issued for it (receipt, decision…), to download.
    pub issued: Vec<String>,
}

/// What a validated step gives back: the new version and the step to show next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedStep {
    pub version: i32,
    pub next_step: String,
    /// The validated recap parts this save took back to "to validate", and why.
    pub reopened: Vec<ReopenedPart>,
}

/// The answer to a submission (also to its retries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedView {
    pub file_number: String,
    pub prefecture: String,
    /// Date and time of the filing, as on the receipt.
    pub submitted_at: String,
    /// A renewal's attestation de prolongation d'instruction, or why there is none yet.
    #[serde(default)]
    pub attestation: Option<crate::lawful_stay::AttestationNotice>,
}

/// A complementary-document request as the applicant (and the agent) sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplementView {
    /// `DD/MM/YYYY`.
    pub requested_on: String,
    pub deadline_on: String,
    /// 0 on the last day.
    pub days_left: i64,
    pub answered: bool,
    pub message: Option<String>,
    pub items: Vec<ComplementItemView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplementItemView {
    pub document: String,
    pub label: String,
    pub reason: String,
    /// The document's files joined before the request (the originals, viewable).
    pub originals: Vec<JoinedFile>,
    /// Files joined in answer to the request.
    pub new_files: Vec<JoinedFile>,
    /// `maintenu` or `nouveau` once answered.
    pub answer: Option<String>,
    pub justification: Option<String>,
}

/// A suggestion of the national address base (BAN) for the address fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressSuggestion {
    /// The whole address, as shown in the list.
    pub label: String,
    /// Number and street (or locality).
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub insee_code: String,
}

/// The orientation page for the logged-in applicant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrientationView {
    /// « Vous êtes titulaire d'un titre de séjour en tant que « X ». Ce titre porte la mention « Y ». »
    pub current_label: Option<String>,
    pub current_mention: Option<String>,
    /// The procedure renewing the current title, when it is open online.
    pub renewal: Option<ProcedureId>,
    /// How another title is asked: a change of status for a title holder (whether or not its
    /// renewal is open online), else a first title.
    pub other_kind: RequestKind,
    /// The day (DD/MM/YYYY) the held title or visa expired, if it has: it then counts for no
    /// eligibility, and its renewal is late.
    pub expired_on: Option<String>,
    pub others: Vec<OtherTitleView>,
    /// A VLS-TS "passeport talent" does not carry its sub-mention: the applicant picks it here
    /// (empty otherwise).
    pub talent_mentions: Vec<OtherTitleView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherTitleView {
    pub code: String,
    pub label: String,
    /// `None`: not open online yet (shown greyed out).
    pub procedure: Option<ProcedureId>,
    /// Why this applicant may not file it online (the procedure's eligibility rule): the entry
    /// is greyed out with this message.
    pub refusal: Option<String>,
}

#[server(endpoint = "demandes/orientation")]
pub async fn orientation() -> Result<OrientationView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.orientation(&ctx).await)
}

/// Starts (or resumes, if one is open) a draft of `procedure`; returns its id. The server
/// refuses what the orientation page would not offer; `mention` is the passeport talent
/// sub-mention picked there, prefilled in the wizard.
#[server(endpoint = "demandes/creer")]
pub async fn start_application(procedure: ProcedureId, request_kind: RequestKind, mention: Option<String>) -> Result<String, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.start(&ctx, &procedure, request_kind, mention.as_deref()).await)
}

/// "Je donne mon avis" on a filed application: a rating from 1 to 5 and an optional comment.
#[server(endpoint = "demandes/avis")]
pub async fn give_feedback(id: String, rating: Option<u8>, comment: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.give_feedback(&ctx, &id, rating, &comment).await)
}

#[server(endpoint = "demandes/brouillon")]
pub async fn load_draft(id: String) -> Result<DraftView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.draft(&ctx, &id).await)
}

/// Validates one step with the catalogue's rules and saves it if the draft is still at
/// `version`. JSON, because the answers are a map.
#[server(endpoint = "demandes/etape", input = Json)]
pub async fn save_step(id: String, step: String, version: i32, answers: Answers) -> Result<SavedStep, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.save_step(&ctx, &id, &step, version, answers).await)
}

#[server(endpoint = "demandes/liste")]
pub async fn my_applications() -> Result<Vec<ApplicationSummary>, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.list(&ctx).await)
}

/// Files the draft: every step and every required document must be complete. Idempotent.
#[server(endpoint = "demandes/deposer")]
pub async fn submit_application(id: String, observations: Option<String>) -> Result<SubmittedView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.submit(&ctx, &id, observations).await)
}

/// "Valider et vérifier la suite de ma saisie" on one part of the recap: the part is checked
/// again with the catalogue's rules, then counted in the n/n. Returns the new version.
#[server(endpoint = "demandes/valider-partie")]
pub async fn validate_recap_part(id: String, part: String, version: i32) -> Result<i32, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.validate_part(&ctx, &id, &part, version).await)
}

/// Addresses of the national address base matching what the applicant types. `Unavailable`
/// when the base is not configured or does not answer: the manual fields remain.
#[server(endpoint = "adresses/recherche")]
pub async fn search_address(query: String) -> Result<Vec<AddressSuggestion>, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.search_address(&ctx, &query).await)
}

/// The open (or last) complementary-document request of one of the applicant's files.
#[server(endpoint = "demandes/complement")]
pub async fn load_complement(id: String) -> Result<ComplementView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.complement(&ctx, &id).await)
}

/// "Valider et envoyer": every requested document kept (with a justification) or replaced
/// (with a new file already joined); the file goes back to the agent.
#[server(endpoint = "demandes/complement/repondre", input = Json)]
pub async fn answer_complement(id: String, answers: Vec<DocumentAnswer>, message: Option<String>) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.answer_complement(&ctx, &id, answers, message).await)
}

/// "Retirer ma demande" on a filed application not yet decided, after the applicant confirmed:
/// the file is closed without a decision; `reason` may be empty.
#[server(endpoint = "demandes/retirer")]
pub async fn withdraw_application(id: String, reason: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.withdraw(&ctx, &id, &reason).await)
}

/// "Abandonner la demande", after the applicant confirmed.
#[server(endpoint = "demandes/abandonner")]
pub async fn abandon_application(id: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.abandon(&ctx, &id).await)
}
