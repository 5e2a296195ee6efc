//! The warning before silence becomes an implicit rejection (CESEDA R432-2): the agents of a
//! prefecture get one e-mail listing its files whose implicit-decision day falls within the
//! policy's days (15 by default), each file once per day set (a request for documents moves the
//! day, and the file is announced again). Safe with several instances: the files are locked
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single writer on SQLite) and marked in the
//! transaction that queues the e-mails.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::clock::to_domain_date;
use crate::db::entities::{agent, application};
use crate::filing::status;
use crate::mail::{outbox, templates};
use crate::state::AppState;

/// Warns the agents of every prefecture with files nearing their implicit decision. Returns
/// how many files were announced.
pub async fn warn_agents(state: &AppState) -> Result<usize, DbErr> {
    let days = state.config.lawful_stay.implicit_warning_days;
    let first = state.clock.today_naive();
    let last = first + chrono::Duration::days(days);
    let txn = crate::db::begin_write(&state.db).await?;
    let not_warned = Condition::any()
        .add(application::Column::ImplicitWarnedFor.is_null())
        .add(Expr::col(application::Column::ImplicitWarnedFor).ne(Expr::col(application::Column::ImplicitDecisionOn)));
    let mut due = application::Entity::find()
        .filter(application::Column::ImplicitDecisionOn.between(first, last))
        .filter(application::Column::PrefectureId.is_not_null())
        .filter(not_warned)
        .order_by_asc(application::Column::ImplicitDecisionOn)
        .order_by_asc(application::Column::Id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let due = due.all(&txn).await?;
    let mut by_prefecture: BTreeMap<i32, Vec<&application::Model>> = BTreeMap::new();
    for file in &due {
        if let Some(prefecture) = file.prefecture_id {
            by_prefecture.entry(prefecture).or_default().push(file);
        }
    }
    let queue_url = state.url("/agent");
    for (prefecture, files) in &by_prefecture {
        let lines: Vec<(String, String)> =
            files.iter().filter_map(|f| Some((f.file_number.clone()?, to_domain_date(f.implicit_decision_on?).to_french()))).collect();
        let agents = agent::Entity::find().filter(agent::Column::PrefectureId.eq(*prefecture)).all(&txn).await?;
        for agent in agents {
            let content = templates::implicit_decisions_soon(&lines, days, queue_url.clone());
            outbox::enqueue(&txn, &state.clock, &agent.email, content, vec![]).await?;
        }
    }
    // Each file is marked with the day it was announced for.
    let mut by_day: BTreeMap<chrono::NaiveDate, Vec<i32>> = BTreeMap::new();
    for file in &due {
        if let Some(day) = file.implicit_decision_on {
            by_day.entry(day).or_default().push(file.id);
        }
    }
    for (day, ids) in by_day {
        status::mark_implicit_warned(&txn, &ids, day).await?;
    }
    txn.commit().await?;
    if !due.is_empty() {
        state.jobs_wakeup.notify_one();
        tracing::info!(files = due.len(), "agents warned of implicit decisions");
    }
    Ok(due.len())
}
