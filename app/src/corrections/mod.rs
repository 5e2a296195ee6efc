//! Correcting a filed application (issue 13): the applicant's page (their own corrections
//! before instruction, or those the agent asked for) and the agent's "send back for
//! correction" form. The rules are in `domain::corrections`; the server implements them in
//! `FilingBackend::correction`/`correct` and `InstructionBackend::request_correction`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::catalogue::{Answers, ApplicantContext, ProcedureId};
use crate::domain::corrections::{CorrectionItem, Reason};
use crate::domain::lifecycle::FileStatus;
use crate::error::AppError;
use crate::filing::JoinedFile;
use crate::instruction::FileView;

mod agent;
mod page;

pub use agent::{ChangesSummary, CorrectionRequestForm};
pub use page::CorrectionPage;

/// The kind of the addendum PDF listing the changes made after filing.
pub const ADDENDUM: &str = "avenant_modifications";

pub mod paths {
    pub fn page(id: &str) -> String {
        format!("/compte/demandes/{id}/correction")
    }
}

/// The applicant's correction page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionView {
    pub id: String,
    pub file_number: String,
    pub procedure: ProcedureId,
    pub status: FileStatus,
    /// The answers as they stand, and the version to correct from.
    pub answers: Answers,
    pub version: i32,
    pub applicant: ApplicantContext,
    /// What the agent sent back, when they did.
    pub requested: Vec<RequestedView>,
    /// Every file joined; `added` says which were joined after filing (removable until sent).
    pub files: Vec<JoinedFile>,
    pub added: Vec<i32>,
    /// The changes already sent, oldest first.
    pub changes: Vec<ChangeView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestedView {
    pub target: String,
    pub label: String,
    pub reason: Reason,
    pub comment: String,
}

/// One change after filing, as the agent, the applicant and the addendum read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    /// `DD/MM/YYYY à HH:MM`, Paris time.
    pub at: String,
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Changes after filing, dated, the old value struck out and the new one marked.
#[component]
pub fn ChangeList(changes: Vec<ChangeView>, class: &'static str) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <ul class=class>
            {changes.into_iter().map(|c| view! {
                <li>{format!("{} – {}", c.at, c.label)}" : "
                    {c.before.map(|b| view! { <del>{b}</del>" → " })}
                    <ins>{c.after.unwrap_or_else(|| i18n.t(crate::i18n::Msg::RecapNotAnswered).to_owned())}</ins>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[server(endpoint = "demandes/correction")]
pub async fn load_correction(id: String) -> Result<CorrectionView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.correction(&ctx, &id).await)
}

/// Sends the corrected answers (and the documents joined meanwhile) from `version`.
#[server(endpoint = "demandes/corriger", input = leptos::server_fn::codec::Json)]
pub async fn send_correction(id: String, version: i32, answers: Answers) -> Result<CorrectionView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.correct(&ctx, &id, version, answers).await)
}

/// "Renvoyer pour correction": the answers and documents, each with its reason.
#[server(endpoint = "agent/correction", input = leptos::server_fn::codec::Json)]
pub async fn agent_request_correction(id: String, items: Vec<CorrectionItem>) -> Result<FileView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.instruction.request_correction(&ctx, &id, items).await)
}
