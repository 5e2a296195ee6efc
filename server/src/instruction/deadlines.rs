//! The deadline job: a file whose request for additional documents went unanswered past its
//! deadline is closed ("clôturée"), its history says so and the applicant is told by e-mail.
//!
//! Safe with several server instances and idempotent: each batch is one transaction that first
//! locks the rows it will change (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances share
//! the work instead of waiting on each other; the single writer on SQLite), and the status is
//! changed by a compare-and-set, so a file is closed, recorded and announced exactly once
//! however many runs overlap.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use app::domain::lifecycle::{notifies_applicant, Action, FileStatus};
use app::domain::notifications::NotificationKind;
use app::i18n::Lang;

use crate::clock::to_domain_date;
use crate::db::entities::{account, application};
use crate::filing::status::{self, Change, ChangeError};
use crate::filing::store::Actor;
use crate::mail::{outbox, templates};
use crate::state::AppState;

/// Files closed per transaction by the worker: small enough that a batch holds its locks for
/// a moment only, large enough that 10 000 expired files take a few hundred transactions.
pub const WORKER_BATCH: u64 = 200;
/// Longest pause between two batches on SQLite (see [`close_expired`]).
const MAX_SQLITE_PAUSE: Duration = Duration::from_millis(100);

/// Closes every file in `complement_demande` whose deadline is before today (the applicant may
/// still answer on the deadline day itself), `batch` files per transaction. Returns how many
/// files this call closed; files closed meanwhile by another run are not counted twice.
pub async fn close_expired(state: &AppState, batch: u64) -> Result<usize, ChangeError> {
    // The lifecycle decides which files expire; `filing::status` checks that the system may
    // move them and where they go.
    let from = FileStatus::ComplementDemande;
    debug_assert_eq!(Action::ExpireDeadline.sources(), [from]);
    let today = state.clock.today_naive();
    let batch = batch.max(1);
    let mut total = 0;
    let sqlite = state.db.get_database_backend() == DatabaseBackend::Sqlite;
    loop {
        let started = Instant::now();
        let (selected, closed) = close_batch(state, from, today, batch).await?;
        total += closed;
        if closed > 0 {
            state.jobs_wakeup.notify_one();
        }
        // Fewer rows than asked: nothing else is due (or the rest is locked by another
        // instance, which closes it). None closed: stop rather than spin on the same rows.
        if selected < batch as usize || closed == 0 {
            break;
        }
        if sqlite {
            // SQLite has one writer, and a waiting writer polls for the lock rather than
            // queueing for it: back-to-back batches would starve the requests' writes until
            // their busy timeout. Leaving the lock free as long as it was held keeps a backlog
            // from taking more than half of the writes.
            tokio::time::sleep(started.elapsed().min(MAX_SQLITE_PAUSE)).await;
        }
    }
    if total > 0 {
        tracing::info!(closed = total, "files closed after their complement deadline");
    }
    Ok(total)
}

/// A file to close: id, account, file number, deadline.
type Due = (i32, i32, Option<String>, Option<chrono::NaiveDate>);

/// One transaction: locks up to `batch` expired files, closes them, records and announces it.
/// Returns (files selected, files closed).
async fn close_batch(state: &AppState, from: FileStatus, today: chrono::NaiveDate, batch: u64) -> Result<(usize, usize), ChangeError> {
    let txn = crate::db::begin_write(&state.db).await?;
    let backend = txn.get_database_backend();
    let mut due = application::Entity::find()
        .select_only()
        .columns([
            application::Column::Id,
            application::Column::AccountId,
            application::Column::FileNumber,
            application::Column::DeadlineOn,
        ])
        .filter(application::Column::Status.eq(from.as_str()))
        // `deadline_passed(deadline, today)` in SQL: the deadline day is still the applicant's.
        .filter(application::Column::DeadlineOn.lt(today))
        .order_by_asc(application::Column::DeadlineOn)
        .order_by_asc(application::Column::Id)
        .limit(batch);
    if backend == DatabaseBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let due: Vec<Due> = due.into_tuple().all(&txn).await?;
    if due.is_empty() {
        txn.commit().await?;
        return Ok((0, 0));
    }

    // One compare-and-set for the whole batch: only the files still awaiting their documents
    // are closed. The deadline is cleared as when the applicant answers (it is the pending
    // request's; the event keeps it).
    let ids: Vec<i32> = due.iter().map(|(id, ..)| *id).collect();
    let deadlines: HashMap<i32, Option<chrono::NaiveDate>> = due.iter().map(|(id, _, _, deadline)| (*id, *deadline)).collect();
    let expire = Change::new(Action::ExpireDeadline, Actor::System).set(application::Column::DeadlineOn, Option::<chrono::NaiveDate>::None);
    let closed: HashSet<i32> = status::change_many(&txn, &state.clock, &ids, from, expire, |id| {
        deadlines.get(&id).copied().flatten().map(|d| format!("Échéance du {} dépassée", to_domain_date(d).to_french()))
    })
    .await?
    .into_iter()
    .collect();

    let account_ids: Vec<i32> = due.iter().filter(|(id, ..)| closed.contains(id)).map(|(_, account_id, ..)| *account_id).collect();
    let owners: HashMap<i32, account::Model> =
        account::Entity::find().filter(account::Column::Id.is_in(account_ids)).all(&txn).await?.into_iter().map(|a| (a.id, a)).collect();
    let account_url = state.url(app::domain::notifications::paths::ACCOUNT);
    for (id, account_id, file_number, _) in due.iter().filter(|(id, ..)| closed.contains(id)) {
        if !notifies_applicant(Action::ExpireDeadline) {
            continue;
        }
        // Every file has an owner (foreign key); a missing one would only lose the e-mail.
        let Some(owner) = owners.get(account_id) else {
            tracing::warn!(application = id, "closed file without an account: no e-mail");
            continue;
        };
        crate::notifications::notify(&txn, &state.clock, owner.id, Some(*id), NotificationKind::File(Action::ExpireDeadline)).await?;
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        let news = Action::ExpireDeadline.history_label().get(lang).to_lowercase();
        let content = templates::file_update(lang, file_number.as_deref().unwrap_or_default(), &news, account_url.clone());
        outbox::enqueue(&txn, &state.clock, &owner.email, content, vec![]).await?;
    }
    txn.commit().await?;
    Ok((due.len(), closed.len()))
}
