//! Files kept while the virus scan was down (`WhenDown::Hold`) are scanned again by the job
//! worker once clamd answers: clean ones are released to agents; infected ones are removed,
//! object and row, and the applicant is told to join a clean copy.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, ModelTrait, QueryFilter, QueryOrder, QuerySelect};

use app::domain::notifications::NotificationKind;

use super::Verdict;
use crate::db::entities::{application, application_file, message_attachment};
use crate::state::AppState;
use crate::storage::StorageError;

/// Files scanned per pass (each is read whole).
const BATCH: u64 = 50;

#[derive(Debug, thiserror::Error)]
pub enum RescanError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RescanReport {
    pub released: usize,
    pub removed: usize,
    /// The scan was still down: the rest waits for the next pass.
    pub still_down: bool,
}

/// The scan of one held object; `None` while clamd is still down.
async fn verdict(state: &AppState, key: &str) -> Result<Option<Verdict>, RescanError> {
    let content = state.storage.get(key).await?;
    match state.config.scanner.scan(&content).await {
        Ok(verdict) => Ok(verdict),
        Err(error) => {
            tracing::info!(%error, "held files wait for the virus scan");
            Ok(None)
        }
    }
}

/// Scans the held files again.
pub async fn rescan_held(state: &AppState) -> Result<RescanReport, RescanError> {
    let mut report = RescanReport::default();
    if !state.config.scanner.enabled() {
        return Ok(report);
    }
    let db = &state.db;
    let files = application_file::Entity::find()
        .filter(application_file::Column::HeldForScan.eq(true))
        .order_by_asc(application_file::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    for file in files {
        match verdict(state, &file.storage_key).await? {
            None => return Ok(RescanReport { still_down: true, ..report }),
            Some(Verdict::Clean) => {
                application_file::Entity::update_many()
                    .col_expr(application_file::Column::HeldForScan, Expr::value(false))
                    .filter(application_file::Column::Id.eq(file.id))
                    .exec(db)
                    .await?;
                report.released += 1;
            }
            Some(Verdict::Infected(signature)) => {
                tracing::warn!(%signature, file = file.id, "held file infected: removed");
                let (key, application_id) = (file.storage_key.clone(), file.application_id);
                file.delete(db).await?;
                state.storage.delete(&key).await?;
                tell_owner(state, application_id).await?;
                report.removed += 1;
            }
        }
    }
    let attachments = message_attachment::Entity::find()
        .filter(message_attachment::Column::HeldForScan.eq(true))
        .order_by_asc(message_attachment::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    for attachment in attachments {
        match verdict(state, &attachment.storage_key).await? {
            None => return Ok(RescanReport { still_down: true, ..report }),
            Some(Verdict::Clean) => {
                message_attachment::Entity::update_many()
                    .col_expr(message_attachment::Column::HeldForScan, Expr::value(false))
                    .filter(message_attachment::Column::Id.eq(attachment.id))
                    .exec(db)
                    .await?;
                report.released += 1;
            }
            Some(Verdict::Infected(signature)) => {
                tracing::warn!(%signature, attachment = attachment.id, "held attachment infected: removed");
                let (key, application_id, by_agent) =
                    (attachment.storage_key.clone(), attachment.application_id, attachment.agent_id.is_some());
                attachment.delete(db).await?;
                state.storage.delete(&key).await?;
                if !by_agent {
                    tell_owner(state, application_id).await?;
                }
                report.removed += 1;
            }
        }
    }
    Ok(report)
}

async fn tell_owner(state: &AppState, application_id: i32) -> Result<(), DbErr> {
    let Some(file) = application::Entity::find_by_id(application_id).one(&state.db).await? else { return Ok(()) };
    crate::notifications::notify(&state.db, &state.clock, file.account_id, Some(file.id), NotificationKind::InfectedFileRemoved).await
}
