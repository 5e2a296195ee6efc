//! Files kept while the virus scan was down (`WhenDown::Hold`) are scanned again by the job
//! worker once clamd answers: clean ones are released to agents; infected ones are removed,
//! object and row, and the applicant is told to join a clean copy.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Document,
    Attachment,
}

/// A held file of either kind.
struct Held {
    kind: Kind,
    id: i32,
    key: String,
    application_id: i32,
    /// Joined by the applicant (an agent's attachment removed tells nobody).
    from_applicant: bool,
}

async fn held_files(db: &impl sea_orm::ConnectionTrait) -> Result<Vec<Held>, DbErr> {
    let documents = application_file::Entity::find()
        .filter(application_file::Column::HeldForScan.eq(true))
        .order_by_asc(application_file::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let attachments = message_attachment::Entity::find()
        .filter(message_attachment::Column::HeldForScan.eq(true))
        .order_by_asc(message_attachment::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let documents = documents.into_iter().map(|f| Held {
        kind: Kind::Document,
        id: f.id,
        key: f.storage_key,
        application_id: f.application_id,
        from_applicant: true,
    });
    let attachments = attachments.into_iter().map(|a| Held {
        kind: Kind::Attachment,
        id: a.id,
        from_applicant: a.agent_id.is_none(),
        key: a.storage_key,
        application_id: a.application_id,
    });
    Ok(documents.chain(attachments).collect())
}

/// Clears a held file for agents.
async fn release(db: &impl sea_orm::ConnectionTrait, held: &Held) -> Result<(), DbErr> {
    match held.kind {
        Kind::Document => application_file::Entity::update_many()
            .col_expr(application_file::Column::HeldForScan, Expr::value(false))
            .filter(application_file::Column::Id.eq(held.id))
            .exec(db)
            .await
            .map(|_| ()),
        Kind::Attachment => message_attachment::Entity::update_many()
            .col_expr(message_attachment::Column::HeldForScan, Expr::value(false))
            .filter(message_attachment::Column::Id.eq(held.id))
            .exec(db)
            .await
            .map(|_| ()),
    }
}

async fn remove_row(db: &impl sea_orm::ConnectionTrait, held: &Held) -> Result<(), DbErr> {
    match held.kind {
        Kind::Document => application_file::Entity::delete_by_id(held.id).exec(db).await.map(|_| ()),
        Kind::Attachment => message_attachment::Entity::delete_by_id(held.id).exec(db).await.map(|_| ()),
    }
}

/// Scans the held files again.
pub async fn rescan_held(state: &AppState) -> Result<RescanReport, RescanError> {
    let mut report = RescanReport::default();
    if !state.config.scanner.enabled() {
        return Ok(report);
    }
    for held in held_files(&state.db).await? {
        match verdict(state, &held.key).await? {
            None => return Ok(RescanReport { still_down: true, ..report }),
            Some(Verdict::Clean) => {
                release(&state.db, &held).await?;
                report.released += 1;
            }
            Some(Verdict::Infected(signature)) => {
                tracing::warn!(%signature, kind = ?held.kind, id = held.id, "held file infected: removed");
                remove_row(&state.db, &held).await?;
                state.storage.delete(&held.key).await?;
                if held.from_applicant {
                    tell_owner(state, held.application_id).await?;
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
