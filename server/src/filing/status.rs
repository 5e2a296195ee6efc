//! The one way a file's status is read and changed on the server.
//!
//! [`current`] parses the stored code into the domain's [`FileStatus`]. [`change`] (one file)
//! and [`change_many`] (a batch, for the deadline job) ask the domain's [`transition`] whether
//! the move is allowed, update the row with a compare-and-set on the status (two agents, two
//! tabs or two server instances acting at once cannot both succeed), and record the event in
//! the caller's transaction. No other module writes `applications.status`: a test below reads
//! the sources to keep it so.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbErr, Value};

use app::domain::lawful_stay::{ends_attestation, implicit_decision_after};
use app::domain::lifecycle::{transition, Action, FileEvent, FileStatus, TransitionError, UnknownCode};
use app::error::AppError;

use crate::clock::{to_naive_date, Clock};
use crate::db::entities::application;
use crate::error::internal;
use crate::filing::counts;
use crate::filing::store::{self, Actor, Event};

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    #[error(transparent)]
    Db(#[from] DbErr),
    /// The stored status names no status (a corrupt row).
    #[error(transparent)]
    UnknownStatus(#[from] UnknownCode),
    /// The lifecycle refuses the move for this actor or from this status.
    #[error(transparent)]
    Refused(#[from] TransitionError),
    /// Someone else changed the file between the read and the update.
    #[error("the file's status changed meanwhile")]
    Lost,
}

impl From<ChangeError> for AppError {
    fn from(error: ChangeError) -> Self {
        match error {
            // Both mean "the page is stale": the user reloads and sees the file as it is now.
            ChangeError::Refused(_) | ChangeError::Lost => AppError::Conflict,
            ChangeError::Db(_) | ChangeError::UnknownStatus(_) => internal(error),
        }
    }
}

/// The status of a stored file.
pub fn current(application: &application::Model) -> Result<FileStatus, UnknownCode> {
    application.status.parse()
}

/// A move of the lifecycle, with what the same update also sets.
pub struct Change {
    pub action: Action,
    pub actor: Actor,
    /// Recorded with the event (a note, a file number, the documents asked for…).
    pub detail: Option<String>,
    /// Other columns set by the same statement (a deadline, the file number…). The status,
    /// the version and the update time are this module's.
    pub columns: Vec<(application::Column, Value)>,
}

impl Change {
    pub fn new(action: Action, actor: Actor) -> Self {
        Change { action, actor, detail: None, columns: Vec::new() }
    }

    pub fn detail(mut self, detail: impl Into<Option<String>>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn set(mut self, column: application::Column, value: impl Into<Value>) -> Self {
        self.columns.push((column, value.into()));
        self
    }
}

/// Moves `application` by `change.action` and records the event in `txn`; returns the new
/// status. [`ChangeError::Lost`] when the stored status is no longer the one read.
pub async fn change(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    application: &application::Model,
    change: Change,
) -> Result<FileStatus, ChangeError> {
    let from = current(application)?;
    let to = transition(from, change.action, change.actor.kind())?;
    let columns = with_proof_columns(clock, change.action, change.columns);
    let moved = update(txn, clock, &[application.id], from, to, &columns).await?;
    if moved.ids.is_empty() {
        return Err(ChangeError::Lost);
    }
    record(txn, clock, application.id, change.actor, change.action.as_str(), from, to, change.detail).await?;
    end_attestations(txn, clock, change.action, &moved.ids).await?;
    counts::apply(txn, moved.counts).await?;
    Ok(to)
}

/// Moves every file of `ids` that is still in `from` by `action` (one statement), records an
/// event for each with `detail(id)` (or the change's own detail), and returns the ids that moved.
pub async fn change_many(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    ids: &[i32],
    from: FileStatus,
    change: Change,
    detail: impl Fn(i32) -> Option<String>,
) -> Result<Vec<i32>, ChangeError> {
    let to = transition(from, change.action, change.actor.kind())?;
    let columns = with_proof_columns(clock, change.action, change.columns);
    let moved = update(txn, clock, ids, from, to, &columns).await?;
    for id in &moved.ids {
        let detail = detail(*id).or_else(|| change.detail.clone());
        record(txn, clock, *id, change.actor, change.action.as_str(), from, to, detail).await?;
    }
    end_attestations(txn, clock, change.action, &moved.ids).await?;
    counts::apply(txn, moved.counts).await?;
    Ok(moved.ids)
}

/// The same update also sets the day silence becomes a rejection, as the action decides
/// (`lawful_stay::implicit_decision_after`): no path can move a file and forget it.
fn with_proof_columns(clock: &Clock, action: Action, mut columns: Vec<(application::Column, Value)>) -> Vec<(application::Column, Value)> {
    if let Some(day) = implicit_decision_after(action, clock.today()) {
        columns.push((application::Column::ImplicitDecisionOn, day.and_then(to_naive_date).into()));
    }
    columns
}

/// A decision or a closure ends the files' attestations de prolongation d'instruction.
async fn end_attestations(txn: &impl ConnectionTrait, clock: &Clock, action: Action, moved: &[i32]) -> Result<(), DbErr> {
    if ends_attestation(action) {
        crate::lawful_stay::attestations::end_for(txn, clock, moved, action.as_str()).await?;
    }
    Ok(())
}

/// Records that the prefecture's agents were warned of the implicit decision of `ids` due on
/// `day` (the warning job sends it once per day set).
pub async fn mark_implicit_warned(txn: &impl ConnectionTrait, ids: &[i32], day: chrono::NaiveDate) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let statement = Query::update()
        .table(application::Entity)
        .value(application::Column::ImplicitWarnedFor, day)
        .and_where(Expr::col(application::Column::Id).is_in(ids.iter().copied()))
        .to_owned();
    txn.execute(txn.get_database_backend().build(&statement)).await.map(|_| ())
}

/// Records in the history something that is not a move: the file keeps its status.
pub async fn record_file_event(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    application: &application::Model,
    event: FileEvent,
    actor: Actor,
    detail: Option<String>,
) -> Result<(), ChangeError> {
    let status = current(application)?;
    record(txn, clock, application.id, actor, event.as_str(), status, status, detail).await?;
    Ok(())
}

/// Files a compare-and-set update moved, and what their prefectures' counts per status and
/// procedure gain and lose (`filing::counts`).
struct Moved {
    ids: Vec<i32>,
    /// Applied last in the transaction: every filing of a prefecture and procedure writes the
    /// same row, so it stays locked from that write to the commit only.
    counts: counts::Moves,
}

/// The compare-and-set update; RETURNING says which rows moved (SQLite 3.35+ and PostgreSQL).
async fn update(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    ids: &[i32],
    from: FileStatus,
    to: FileStatus,
    columns: &[(application::Column, Value)],
) -> Result<Moved, DbErr> {
    if ids.is_empty() {
        return Ok(Moved { ids: Vec::new(), counts: counts::Moves::default() });
    }
    let backend = txn.get_database_backend();
    // A move that routes the file (the filing) counts it out of the prefecture it had before.
    let routes = columns.iter().any(|(column, _)| matches!(column, application::Column::PrefectureId));
    let prefecture_before: HashMap<i32, Option<i32>> = match routes {
        true => {
            let before = Query::select()
                .columns([application::Column::Id, application::Column::PrefectureId])
                .from(application::Entity)
                .and_where(Expr::col(application::Column::Id).is_in(ids.iter().copied()))
                .and_where(Expr::col(application::Column::Status).eq(from.as_str()))
                .to_owned();
            let rows = txn.query_all(backend.build(&before)).await?;
            rows.iter().map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?))).collect::<Result<_, DbErr>>()?
        }
        false => HashMap::new(),
    };
    let mut values: Vec<(application::Column, SimpleExpr)> = vec![
        (application::Column::Status, Expr::value(to.as_str())),
        (application::Column::UpdatedAt, Expr::value(clock.now())),
        (application::Column::Version, Expr::col(application::Column::Version).add(1)),
    ];
    values.extend(columns.iter().filter(|(column, _)| is_free(*column)).map(|(column, value)| (*column, Expr::value(value.clone()))));
    let statement = Query::update()
        .table(application::Entity)
        .values(values)
        .and_where(Expr::col(application::Column::Id).is_in(ids.iter().copied()))
        .and_where(Expr::col(application::Column::Status).eq(from.as_str()))
        .returning(Query::returning().columns([application::Column::Id, application::Column::PrefectureId, application::Column::Procedure]))
        .to_owned();
    let moved: Vec<(i32, Option<i32>, String)> = txn
        .query_all(backend.build(&statement))
        .await?
        .iter()
        .map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?, row.try_get_by_index(2)?)))
        .collect::<Result<_, DbErr>>()?;
    let mut counts = counts::Moves::default();
    for (id, prefecture, procedure) in &moved {
        let before = if routes { prefecture_before.get(id).copied().flatten() } else { *prefecture };
        counts.leave(before, from.as_str(), procedure);
        counts.enter(*prefecture, to.as_str(), procedure);
    }
    Ok(Moved { ids: moved.into_iter().map(|(id, _, _)| id).collect(), counts })
}

/// Columns a [`Change`] may set beside the status (the status, version and update time are
/// set here, once).
fn is_free(column: application::Column) -> bool {
    !matches!(column, application::Column::Status | application::Column::Version | application::Column::UpdatedAt)
}

#[allow(clippy::too_many_arguments)]
async fn record(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    application_id: i32,
    actor: Actor,
    action: &str,
    from: FileStatus,
    to: FileStatus,
    detail: Option<String>,
) -> Result<(), DbErr> {
    let event = Event { application_id, actor, action, from_status: Some(from.as_str()), to_status: to.as_str(), detail };
    store::record_event(txn, clock, event).await
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Walks `dir` and gives each Rust file's path and text.
    fn sources(dir: &Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push((path.display().to_string(), std::fs::read_to_string(&path).expect("source file")));
            }
        }
    }

    /// A status written anywhere else would skip `transition()`, the compare-and-set or the
    /// history: the server's sources must not contain such a write.
    #[test]
    fn no_other_module_writes_the_status_or_the_history() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&root, &mut files);
        assert!(files.len() > 20, "the walk found the sources");
        // An update of the applications table or a new history line, in any form sea-orm offers.
        let writes = [
            "application::ActiveModel",
            "application::Entity::update",
            "application::Column::Status, ",
            "record_event(",
            "application_event::ActiveModel",
            // The counts per status move with the statuses.
            "counts::apply(",
        ];
        let allowed = |path: &str| path.ends_with("filing/status.rs") || path.ends_with("filing/store.rs");
        let offenders: Vec<String> = files
            .iter()
            .filter(|(path, _)| !allowed(path))
            .flat_map(|(path, text)| writes.iter().filter(|w| text.contains(*w)).map(move |w| format!("{path}: {w}")))
            .collect();
        assert!(offenders.is_empty(), "status or history written outside filing::status: {offenders:?}");
    }

    #[test]
    fn the_status_and_the_version_are_never_set_by_a_caller() {
        assert!(!is_free(application::Column::Status));
        assert!(!is_free(application::Column::Version));
        assert!(!is_free(application::Column::UpdatedAt));
        assert!(is_free(application::Column::DeadlineOn));
    }
}
