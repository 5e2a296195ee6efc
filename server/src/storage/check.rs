//! Whether the rows and the stored objects agree (`server check-storage`): rows whose object is
//! missing (a lost file: someone's document or receipt) are listed for an operator; objects no
//! row points at (an upload whose row never committed, a deletion half done) are listed, and
//! swept once older than a grace period, so that an upload in progress is never taken for one.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QuerySelect};

use super::{Listed, Storage, StorageError};
use crate::db::entities::{application_file, issued_document, message_attachment};

/// The keys of every object a row points at.
pub async fn referenced_keys(db: &impl ConnectionTrait) -> Result<HashSet<String>, DbErr> {
    let mut referenced: HashSet<String> = HashSet::new();
    let joined: Vec<String> =
        application_file::Entity::find().select_only().column(application_file::Column::StorageKey).into_tuple().all(db).await?;
    let issued: Vec<String> =
        issued_document::Entity::find().select_only().column(issued_document::Column::StorageKey).into_tuple().all(db).await?;
    let attached: Vec<String> =
        message_attachment::Entity::find().select_only().column(message_attachment::Column::StorageKey).into_tuple().all(db).await?;
    referenced.extend(joined);
    referenced.extend(attached);
    referenced.extend(issued);
    Ok(referenced)
}

/// Objects younger than this are never swept: their row may be about to commit.
pub const GRACE: Duration = Duration::hours(24);

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct StorageReport {
    /// Keys that rows point at, with no object behind them.
    pub missing: Vec<String>,
    /// Objects (and unfinished writes) that no row points at.
    pub orphans: Vec<String>,
    /// Orphans removed (older than [`GRACE`], and only when sweeping).
    pub swept: Vec<String>,
}

/// Compares the keys of `application_files`, `message_attachments` and `issued_documents` with what `storage` holds;
/// with `sweep`, removes the orphans older than [`GRACE`] at `now`.
pub async fn check(db: &impl ConnectionTrait, storage: &Storage, now: DateTime<Utc>, sweep: bool) -> Result<StorageReport, CheckError> {
    let referenced = referenced_keys(db).await?;
    let listed: Vec<Listed> = storage.list().await?;
    let present: HashSet<&str> = listed.iter().filter(|l| !l.unfinished).map(|l| l.key.as_str()).collect();

    let mut missing: Vec<String> = referenced.iter().filter(|key| !present.contains(key.as_str())).cloned().collect();
    missing.sort();
    let mut report = StorageReport { missing, ..Default::default() };
    for entry in listed.iter().filter(|l| l.unfinished || !referenced.contains(&l.key)) {
        report.orphans.push(entry.key.clone());
        if sweep && now - entry.written_at > GRACE {
            storage.remove_listed(entry).await?;
            report.swept.push(entry.key.clone());
        }
    }
    Ok(report)
}
