//! Application files on the server side: drafts, joined documents, submission (file number,
//! routing to the competent prefecture, receipt, e-mail) and the audit trail.

pub mod corrections;
pub mod counts;
pub mod feedback;
pub mod holder;
pub mod issued;
pub mod numbers;
pub mod printouts;
pub mod receipt;
pub mod service;
pub mod status;
pub mod store;
pub mod submission;
pub mod tracker;

use app::backend::RequestCtx;
use app::domain::lifecycle::FileStatus;
use app::error::AppError;
use app::filing::JoinedFile;
use sea_orm::DatabaseConnection;

use crate::db::entities::{application, application_file};
use crate::error::OrInternal;

/// The application `public_id` if the request's applicant owns it; another account's file is
/// "not found", like a file that does not exist.
pub async fn owned_application(db: &DatabaseConnection, ctx: &RequestCtx, public_id: &str) -> Result<application::Model, AppError> {
    let (account_id, _) = ctx.applicant()?;
    store::find_owned(db, account_id, public_id).await.or_internal()?.ok_or(AppError::NotFound)
}

/// The request's applicant's own filed application: a draft, or an abandoned one, has no thread,
/// appointment or correction, and reads as "not found", as another account's file does.
pub async fn filed_application(db: &DatabaseConnection, ctx: &RequestCtx, public_id: &str) -> Result<application::Model, AppError> {
    let application = owned_application(db, ctx, public_id).await?;
    match status::current(&application).or_internal()? {
        FileStatus::Brouillon | FileStatus::Abandonnee => Err(AppError::NotFound),
        _ => Ok(application),
    }
}

/// The kinds of the documents issued for `application_id`, once each, oldest first: a renewed
/// attestation is one link, to its latest issue.
pub fn issued_kinds(issued: &[(i32, String)], application_id: i32) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::new();
    for (_, kind) in issued.iter().filter(|(id, _)| *id == application_id) {
        if !kinds.contains(kind) {
            kinds.push(kind.clone());
        }
    }
    kinds
}

/// What the page shows of a joined file.
pub fn joined_file(file: application_file::Model) -> JoinedFile {
    JoinedFile {
        id: file.id,
        document: file.document_code,
        name: file.original_name,
        size: file.size_bytes,
        content_type: file.content_type,
        held_for_scan: file.held_for_scan,
    }
}
