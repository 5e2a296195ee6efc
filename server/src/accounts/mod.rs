//! Applicants' accounts (SPEC §2): the service behind the account server functions
//! ([`AccountsService`]), the account page, rate limits and single-use links.

mod profile;
pub mod rate_limit;
mod service;
mod tokens;

use chrono::Duration;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::db::entities::{account, account_token, signup_request};
use crate::sessions;
pub use service::AccountsService;

/// An account nobody activated is removed after this many days: its links lasted two, and the
/// document's holder can sign up again at any time.
pub const PENDING_ACCOUNT_DAYS: i64 = 7;

/// Deletes expired sessions, links, tickets, rate-limit windows and accounts never activated
/// (run by the job worker).
pub async fn purge_expired(db: &impl sea_orm::ConnectionTrait, clock: &crate::clock::Clock) -> std::result::Result<u64, DbErr> {
    let cutoff = clock.now() - Duration::days(1);
    let tickets = signup_request::Entity::delete_many().filter(signup_request::Column::ExpiresAt.lt(cutoff)).exec(db).await?.rows_affected;
    let pending = purge_pending_accounts(db, clock).await?;
    Ok(sessions::purge_expired(db, clock).await?
        + tokens::purge(db, clock).await?
        + rate_limit::purge(db, clock).await?
        + tickets
        + pending)
}

/// Accounts whose address was never confirmed, older than [`PENDING_ACCOUNT_DAYS`]: nobody
/// could log in to them, so they hold nothing but the address typed.
async fn purge_pending_accounts(db: &impl sea_orm::ConnectionTrait, clock: &crate::clock::Clock) -> std::result::Result<u64, DbErr> {
    let cutoff = clock.now() - Duration::days(PENDING_ACCOUNT_DAYS);
    let stale: Vec<i32> = account::Entity::find()
        .filter(account::Column::EmailVerifiedAt.is_null())
        .filter(account::Column::CreatedAt.lt(cutoff))
        .select_only()
        .column(account::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    if stale.is_empty() {
        return Ok(0);
    }
    account_token::Entity::delete_many().filter(account_token::Column::AccountId.is_in(stale.clone())).exec(db).await?;
    Ok(account::Entity::delete_many().filter(account::Column::Id.is_in(stale)).exec(db).await?.rows_affected)
}
