//! Documents the service issues for a file (receipt, attestations, decisions): stored, then
//! recorded with their verification code and validity. One function, so every PDF that proves
//! something gets a code that `/verifier` checks.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::db::entities::issued_document;
use crate::state::AppState;
use crate::storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// A document to issue.
pub struct Issue<'a> {
    pub application_id: i32,
    pub kind: &'a str,
    pub file_name: &'a str,
    pub pdf: &'a [u8],
    /// Printed on the PDF ([`new_verification_code`]); `None` for a document the service did
    /// not write (the prefecture's signed refusal).
    pub verification_code: Option<String>,
    /// The days it proves something for.
    pub valid: Option<(NaiveDate, NaiveDate)>,
}

/// Stores the PDF, then records it in `txn`: stored before the commit, since an orphan object
/// is harmless whereas a committed row pointing to nothing would not be.
pub async fn issue(txn: &impl ConnectionTrait, state: &AppState, issue: Issue<'_>) -> Result<issued_document::Model, IssueError> {
    let stored = state.storage.put(issue.pdf).await?;
    let document = issued_document::ActiveModel {
        application_id: Set(issue.application_id),
        kind: Set(issue.kind.to_owned()),
        file_name: Set(issue.file_name.to_owned()),
        size_bytes: Set(i64::try_from(stored.size).unwrap_or(i64::MAX)),
        sha256: Set(stored.sha256),
        storage_key: Set(stored.key),
        created_at: Set(state.clock.now()),
        verification_code: Set(issue.verification_code),
        valid_from: Set(issue.valid.map(|(from, _)| from)),
        valid_until: Set(issue.valid.map(|(_, until)| until)),
        ended_at: Set(None),
        ended_reason: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(document)
}

/// A fresh verification code (`domain::lawful_stay::CODE_ALPHABET`, 31⁹ ≈ 2.6·10¹³ values: a
/// collision is caught by the unique index, never by luck).
pub fn new_verification_code() -> String {
    use rand::RngCore;
    loop {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        if let Some(code) = app::domain::lawful_stay::code_from_random(bytes) {
            return code;
        }
    }
}

/// The line printed at the foot of a document that can be checked.
pub fn verification_line(state: &AppState, code: &str) -> String {
    let url = state.url(&app::lawful_stay::paths::verify_document(code));
    format!(
        "Code de vérification : {} – vérifiez l'authenticité et la validité de ce document sur {url}",
        app::domain::lawful_stay::display_code(code)
    )
}
