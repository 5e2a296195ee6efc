//! Proof of lawful stay as applicants and the public see it: the sentence that says when to file
//! a renewal, the reminders' switch, the share codes of the account page, and the public page
//! `/verifier` where an employer, a landlord or a social service checks a holder's status or a
//! document. The rules are `domain::lawful_stay`'s.

pub mod notice;
pub mod share;
pub mod verify;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::lawful_stay::{SharePurpose, Timing};
use crate::error::AppError;

/// Addresses of the pages.
pub mod paths {
    pub const VERIFY: &str = "/verifier";

    /// The page that checks the document whose verification code is `code` (printed on it).
    pub fn verify_document(code: &str) -> String {
        format!("{VERIFY}?document={code}")
    }
}

/// When the holder's title expires and when to file its renewal (dates `DD/MM/YYYY`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalNotice {
    pub expires_on: String,
    pub opens_on: String,
    pub closes_on: String,
    pub timing: Timing,
    /// A renewal of this title is already filed: nothing to do but wait.
    pub filed: bool,
}

/// What the filing of a renewal gave besides the receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttestationNotice {
    /// The attestation de prolongation d'instruction, with its last day.
    Issued { valid_until: String },
    /// Filed after the renewal window closed (that day given): the receipt only.
    Late { window_closed: String },
    /// The policy issues it when an agent takes the file in charge.
    AfterCheck,
}

/// The holder's reminder setting and share codes (account page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofsView {
    pub renewal: Option<RenewalNotice>,
    pub reminders: bool,
    /// The days before expiry the reminders go out, e.g. "120, 90, 60".
    pub reminder_days: String,
    /// How long a new share code works.
    pub share_code_days: i64,
    /// Newest first.
    pub codes: Vec<ShareCodeView>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShareCodeState {
    Active,
    Revoked,
    Expired,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareCodeView {
    /// As shown: `ABC-DEF-GHJ`.
    pub code: String,
    pub purpose: SharePurpose,
    pub created_on: String,
    /// Last day it works.
    pub expires_on: String,
    pub state: ShareCodeState,
    /// When it was used (`DD/MM/YYYY à HH:MM`), newest first.
    pub checks: Vec<String>,
}

/// What a share code shows, and nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCheckView {
    pub full_name: String,
    pub nationality: String,
    /// The day of the check.
    pub checked_on: String,
    pub standing: Standing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// A valid residence title.
    Title { label: String, valid_until: String },
    /// An application being examined, with its attestation's last day if one is in force.
    Pending { procedure: String, filed_on: String, attestation_until: Option<String> },
    /// Neither: the page says the service holds no proof of lawful stay.
    Nothing,
}

/// A document found by its verification code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCheckView {
    /// The issued document's kind (`attestation_prolongation_instruction`…).
    pub kind: String,
    pub holder: String,
    pub file_number: String,
    pub issued_on: String,
    pub valid_until: Option<String>,
    /// Still proves what it says today.
    pub valid: bool,
}

/// The holder's title, reminders and share codes.
#[server(endpoint = "sejour/preuves")]
pub async fn load_proofs() -> Result<ProofsView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.lawful_stay.proofs(&ctx).await)
}

/// When the holder's title expires and when to renew it (`None`: no title on the account, or
/// no applicant logged in — the home page asks for every visitor).
#[server(endpoint = "sejour/renouvellement")]
pub async fn load_renewal_notice() -> Result<Option<RenewalNotice>, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.lawful_stay.renewal_notice(&ctx).await)
}

/// Turns the reminders before the title expires on or off.
#[server(endpoint = "sejour/rappels")]
pub async fn set_reminders(enabled: bool) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.lawful_stay.set_reminders(&ctx, enabled).await)
}

/// A new share code for `purpose` (a [`SharePurpose`] code).
#[server(endpoint = "sejour/codes/creer")]
pub async fn create_share_code(purpose: String) -> Result<ShareCodeView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.lawful_stay.create_share_code(&ctx, &purpose).await)
}

/// Stops a share code of the holder's at once.
#[server(endpoint = "sejour/codes/revoquer")]
pub async fn revoke_share_code(code: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.lawful_stay.revoke_share_code(&ctx, &code).await)
}

/// The public check of a share code with the holder's date of birth. `None` when the code and
/// the date do not match a code in force, whatever the reason: a wrong date reveals nothing.
#[server(endpoint = "verifier/statut")]
pub async fn verify_status(code: String, day: String, month: String, year: String) -> Result<Option<StatusCheckView>, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.lawful_stay.verify_status(&ctx, &code, (&day, &month, &year)).await)
}

/// The public check of a document's verification code (`None`: no such document).
#[server(endpoint = "verifier/document")]
pub async fn verify_document(code: String) -> Result<Option<DocumentCheckView>, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.lawful_stay.verify_document(&ctx, &code).await)
}
