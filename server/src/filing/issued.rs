//! Documents the service issues for a file (receipt, attestations, decisions): stored, then
//! recorded with their verification code and validity. One function, so every PDF that proves
//! something gets a code that `/verifier` checks.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::db::entities::issued_document;
use crate::state::AppState;
use crate::storage::{StorageError, StoredObject};

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
    let stored = store(state, issue).await?;
    record(txn, state, &stored).await
}

/// A document stored ahead of the transaction that records it, so that the transaction holds
/// its locks for the rows only (a filing under load: [`crate::filing::submission`]).
pub struct StoredIssue {
    application_id: i32,
    kind: String,
    pub file_name: String,
    object: StoredObject,
    verification_code: Option<String>,
    valid: Option<(NaiveDate, NaiveDate)>,
}

impl StoredIssue {
    pub fn storage_key(&self) -> &str {
        &self.object.key
    }
}

/// Stores the PDF of `issue`; [`record`] then writes its row.
pub async fn store(state: &AppState, issue: Issue<'_>) -> Result<StoredIssue, IssueError> {
    Ok(StoredIssue {
        application_id: issue.application_id,
        kind: issue.kind.to_owned(),
        file_name: issue.file_name.to_owned(),
        object: state.storage.put(issue.pdf).await?,
        verification_code: issue.verification_code,
        valid: issue.valid,
    })
}

/// Records a stored document in `txn`.
pub async fn record(txn: &impl ConnectionTrait, state: &AppState, stored: &StoredIssue) -> Result<issued_document::Model, IssueError> {
    let document = issued_document::ActiveModel {
        application_id: Set(stored.application_id),
        kind: Set(stored.kind.clone()),
        file_name: Set(stored.file_name.clone()),
        size_bytes: Set(i64::try_from(stored.object.size).unwrap_or(i64::MAX)),
        sha256: Set(stored.object.sha256.clone()),
        storage_key: Set(stored.object.key.clone()),
        created_at: Set(state.clock.now()),
        verification_code: Set(stored.verification_code.clone()),
        valid_from: Set(stored.valid.map(|(from, _)| from)),
        valid_until: Set(stored.valid.map(|(_, until)| until)),
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
