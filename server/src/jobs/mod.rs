//! Background jobs as rows of the `jobs` table.
//!
//! Any server instance may run the worker: a job is claimed by setting `locked_until` in one
//! statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances never wait on each other;
//! SQLite has a single writer, so the statement is atomic there too). A crashed worker's lock
//! expires and the job is retried. Handlers are idempotent: running a job twice is harmless.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Set};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::db::entities::job;
use crate::state::AppState;

/// How long a claimed job stays locked before another worker may take it over.
const LOCK_DURATION: chrono::Duration = chrono::Duration::minutes(5);
const BATCH: u64 = 10;
/// Expired sessions, links and rate-limit windows are purged this often (idempotent, so
/// several instances doing it is harmless).
const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(600);
/// Files whose complement deadline passed are closed this often, and once at start-up (so a
/// server restarted with a moved clock closes them at once); renewal reminders, attestation
/// renewals and implicit-decision warnings run with them. All count in days, so a few minutes'
/// delay is invisible; each pass is idempotent and safe on several instances
/// (`instruction::deadlines`, `lawful_stay`), hence a timer here rather than a queued job.
const DEADLINES_INTERVAL: Duration = Duration::from_secs(300);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    SendEmail,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SendEmail => "send_email",
        }
    }

    fn max_attempts(self) -> i32 {
        match self {
            // A little over three days of retries with the backoff below: a mail server down for
            // a long weekend loses nothing. Past that, the e-mail is a dead letter that national
            // administrators see and send again.
            Kind::SendEmail => 80,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SendEmail {
    pub email_id: i32,
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth retrying later (network, SMTP server down, database busy).
    #[error("{0}")]
    Retry(String),
    /// Will never succeed (bad payload, deleted row): fail at once.
    #[error("{0}")]
    Permanent(String),
}

impl JobError {
    pub fn retry(error: impl std::fmt::Display) -> Self {
        JobError::Retry(error.to_string())
    }
}

#[async_trait]
pub trait Handler: Send + Sync {
    fn kind(&self) -> Kind;
    async fn run(&self, state: &AppState, payload: &str) -> Result<(), JobError>;
}

pub fn parse<T: DeserializeOwned>(payload: &str) -> Result<T, JobError> {
    serde_json::from_str(payload).map_err(|e| JobError::Permanent(format!("bad payload {payload:?}: {e}")))
}

struct SendEmailHandler;

#[async_trait]
impl Handler for SendEmailHandler {
    fn kind(&self) -> Kind {
        Kind::SendEmail
    }
    async fn run(&self, state: &AppState, payload: &str) -> Result<(), JobError> {
        let SendEmail { email_id } = parse(payload)?;
        crate::mail::outbox::deliver(state, email_id).await
    }
}

/// Queues a job with `db` (pass the caller's transaction so the job exists iff its cause does).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    clock: &Clock,
    kind: Kind,
    payload: &impl Serialize,
    run_at: Option<DateTime<Utc>>,
) -> Result<i32, sea_orm::DbErr> {
    let now = clock.now();
    let payload = serde_json::to_string(payload).map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
    let saved = job::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        payload: Set(payload),
        status: Set("queued".into()),
        run_at: Set(run_at.unwrap_or(now)),
        attempts: Set(0),
        max_attempts: Set(kind.max_attempts()),
        locked_until: Set(None),
        locked_by: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

/// Delay before the next attempt: 30 s, 1 min, 2 min… capped at an hour, so that delivery
/// resumes within the hour once the mail server is back.
fn backoff(attempts: i32) -> chrono::Duration {
    let exponent = attempts.clamp(1, 10) - 1;
    (chrono::Duration::seconds(30) * 2i32.pow(exponent as u32)).min(chrono::Duration::hours(1))
}

pub struct Worker {
    state: AppState,
    handlers: Vec<Arc<dyn Handler>>,
    id: String,
}

impl Worker {
    pub fn new(state: AppState) -> Self {
        Self { state, handlers: vec![Arc::new(SendEmailHandler)], id: format!("worker-{}", uuid::Uuid::new_v4()) }
    }

    /// Runs until `shutdown` is cancelled; a job in progress is finished first.
    pub async fn run(self, shutdown: CancellationToken) {
        tracing::info!(worker = %self.id, "job worker started");
        let mut last_housekeeping: Option<std::time::Instant> = None;
        let mut last_deadlines: Option<std::time::Instant> = None;
        loop {
            if last_housekeeping.is_none_or(|at| at.elapsed() > HOUSEKEEPING_INTERVAL) {
                last_housekeeping = Some(std::time::Instant::now());
                match crate::accounts::purge_expired(&self.state.db, &self.state.clock).await {
                    Ok(purged) => tracing::debug!(purged, "housekeeping done"),
                    Err(error) => tracing::warn!(%error, "housekeeping failed"),
                }
                match crate::retention::purge(&self.state).await {
                    Ok(purged) => tracing::debug!(?purged, "retention periods applied"),
                    Err(error) => tracing::warn!(%error, "retention purge failed"),
                }
                match crate::scanning::held::rescan_held(&self.state).await {
                    Ok(report) => tracing::debug!(?report, "held files scanned again"),
                    Err(error) => tracing::warn!(%error, "scanning held files failed"),
                }
            }
            if last_deadlines.is_none_or(|at| at.elapsed() > DEADLINES_INTERVAL) {
                last_deadlines = Some(std::time::Instant::now());
                // The e-mails it queues are sent by this same loop, right after.
                let batch = crate::instruction::deadlines::WORKER_BATCH;
                if let Err(error) = crate::instruction::deadlines::close_expired(&self.state, batch).await {
                    tracing::warn!(%error, "closing files past their deadline failed");
                }
                // The proofs of lawful stay follow the same days, on the same timer.
                if let Err(error) = crate::lawful_stay::reminders::send_due(&self.state).await {
                    tracing::warn!(%error, "renewal reminders failed");
                }
                if let Err(error) = crate::lawful_stay::attestations::renew_due(&self.state).await {
                    tracing::warn!(%error, "renewing attestations failed");
                }
                if let Err(error) = crate::lawful_stay::implicit::warn_agents(&self.state).await {
                    tracing::warn!(%error, "implicit-decision warnings failed");
                }
                if let Err(error) = crate::appointments::reminders::send_due(&self.state).await {
                    tracing::warn!(%error, "appointment reminders failed");
                }
            }
            let ran = match self.run_due().await {
                Ok(ran) => ran,
                Err(error) => {
                    tracing::warn!(%error, "job worker could not claim jobs");
                    0
                }
            };
            if shutdown.is_cancelled() {
                break;
            }
            if ran == 0 {
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = self.state.jobs_wakeup.notified() => {},
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {},
                }
            }
        }
        tracing::info!(worker = %self.id, "job worker stopped");
    }

    /// Claims and runs every due job (one batch at a time). Returns how many ran.
    pub async fn run_due(&self) -> Result<usize, sea_orm::DbErr> {
        let mut total = 0;
        loop {
            let claimed = self.claim().await?;
            if claimed.is_empty() {
                return Ok(total);
            }
            for job in claimed {
                self.execute(job).await?;
                total += 1;
            }
        }
    }

    async fn claim(&self) -> Result<Vec<job::Model>, sea_orm::DbErr> {
        let db = &self.state.db;
        let now = self.state.clock.now();
        let backend = db.get_database_backend();
        let mut due = Query::select();
        due.column(job::Column::Id)
            .from(job::Entity)
            .and_where(Expr::col(job::Column::Status).eq("queued"))
            .and_where(Expr::col(job::Column::RunAt).lte(now))
            .and_where(Expr::col(job::Column::LockedUntil).is_null().or(Expr::col(job::Column::LockedUntil).lt(now)))
            .order_by(job::Column::RunAt, sea_orm::Order::Asc)
            .order_by(job::Column::Id, sea_orm::Order::Asc)
            .limit(BATCH);
        if backend == DatabaseBackend::Postgres {
            due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let claim = Query::update()
            .table(job::Entity)
            .value(job::Column::LockedUntil, now + LOCK_DURATION)
            .value(job::Column::LockedBy, self.id.clone())
            .value(job::Column::Attempts, Expr::col(job::Column::Attempts).add(1))
            .and_where(Expr::col(job::Column::Id).in_subquery(due))
            .returning_col(job::Column::Id)
            .to_owned();
        let rows = db.query_all(backend.build(&claim)).await?;
        let ids: Vec<i32> = rows.iter().filter_map(|row| row.try_get_by_index::<i32>(0).ok()).collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        job::Entity::find().filter(job::Column::Id.is_in(ids)).filter(job::Column::LockedBy.eq(self.id.clone())).all(db).await
    }

    async fn execute(&self, claimed: job::Model) -> Result<(), sea_orm::DbErr> {
        let handler = self.handlers.iter().find(|h| h.kind().as_str() == claimed.kind);
        let result = match handler {
            Some(handler) => handler.run(&self.state, &claimed.payload).await,
            None => Err(JobError::Permanent(format!("no handler for job kind {:?}", claimed.kind))),
        };
        let now = self.state.clock.now();
        let attempts = claimed.attempts;
        let max_attempts = claimed.max_attempts;
        let (id, kind) = (claimed.id, claimed.kind.clone());
        let mut active: job::ActiveModel = claimed.into();
        active.locked_until = Set(None);
        active.locked_by = Set(None);
        match result {
            Ok(()) => {
                active.status = Set("done".into());
                active.finished_at = Set(Some(now));
                active.last_error = Set(None);
                tracing::debug!(job = id, %kind, "job done");
            }
            Err(JobError::Retry(error)) if attempts < max_attempts => {
                active.run_at = Set(now + backoff(attempts));
                active.last_error = Set(Some(error.clone()));
                tracing::warn!(job = id, %kind, attempts, %error, "job failed, will retry");
            }
            Err(error) => {
                active.status = Set("failed".into());
                active.finished_at = Set(Some(now));
                active.last_error = Set(Some(error.to_string()));
                tracing::error!(job = id, %kind, attempts, %error, "job failed permanently");
            }
        }
        active.update(&self.state.db).await?;
        Ok(())
    }
}

/// An e-mail whose delivery failed for good, as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadLetter {
    pub job_id: i32,
    pub to_address: String,
    pub subject: String,
    pub failed_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// E-mails that failed for good, newest first.
pub async fn dead_letters(db: &impl ConnectionTrait) -> Result<Vec<DeadLetter>, sea_orm::DbErr> {
    use sea_orm::QueryOrder;
    let failed = job::Entity::find()
        .filter(job::Column::Kind.eq(Kind::SendEmail.as_str()))
        .filter(job::Column::Status.eq("failed"))
        .order_by_desc(job::Column::FinishedAt)
        .all(db)
        .await?;
    let email_of = |job: &job::Model| serde_json::from_str::<SendEmail>(&job.payload).ok().map(|p| p.email_id);
    let ids: Vec<i32> = failed.iter().filter_map(email_of).collect();
    let emails = crate::db::entities::email::Entity::find().filter(crate::db::entities::email::Column::Id.is_in(ids)).all(db).await?;
    let letters = failed
        .into_iter()
        .filter_map(|job| {
            let email = emails.iter().find(|e| Some(e.id) == email_of(&job))?;
            Some(DeadLetter {
                job_id: job.id,
                to_address: email.to_address.clone(),
                subject: email.subject.clone(),
                failed_at: job.finished_at,
                last_error: job.last_error,
            })
        })
        .collect();
    Ok(letters)
}

/// Puts a dead letter back in the queue, for a new round of attempts from now; `false` when
/// `job_id` is not a failed e-mail.
pub async fn retry_dead_letter(db: &impl ConnectionTrait, clock: &Clock, job_id: i32) -> Result<bool, sea_orm::DbErr> {
    let requeued = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value("queued"))
        .col_expr(job::Column::Attempts, Expr::value(0))
        .col_expr(job::Column::RunAt, Expr::value(clock.now()))
        .col_expr(job::Column::FinishedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(job::Column::Id.eq(job_id))
        .filter(job::Column::Kind.eq(Kind::SendEmail.as_str()))
        .filter(job::Column::Status.eq("failed"))
        .exec(db)
        .await?;
    Ok(requeued.rows_affected == 1)
}

/// E-mails that failed for good (the health output counts them).
pub async fn dead_letter_count(db: &impl ConnectionTrait) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    job::Entity::find().filter(job::Column::Kind.eq(Kind::SendEmail.as_str())).filter(job::Column::Status.eq("failed")).count(db).await
}

/// Jobs not finished yet (tests assert that nothing is left queued).
pub async fn pending_count(db: &impl ConnectionTrait) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    job::Entity::find().filter(job::Column::Status.eq("queued")).count(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_then_caps() {
        assert_eq!(backoff(1), chrono::Duration::seconds(30));
        assert_eq!(backoff(2), chrono::Duration::seconds(60));
        assert_eq!(backoff(5), chrono::Duration::seconds(480));
        assert_eq!(backoff(12), chrono::Duration::hours(1));
    }

    #[test]
    fn an_email_is_retried_for_at_least_three_days() {
        let attempts = Kind::SendEmail.max_attempts();
        let total: chrono::Duration = (1..attempts).map(backoff).sum();
        assert!(total >= chrono::Duration::hours(72), "{total}");
        assert!(total <= chrono::Duration::hours(80), "{total}");
    }
}
