//! Applicants' accounts (SPEC §2): the service behind the account server functions
//! ([`AccountsService`]), the account page, rate limits and single-use links.

mod profile;
pub mod rate_limit;
mod service;
mod tokens;

use chrono::Duration;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::signup_request;
use crate::sessions;
pub use service::AccountsService;

/// Deletes expired sessions, links, tickets and rate-limit windows (run by the job worker).
pub async fn purge_expired(db: &impl sea_orm::ConnectionTrait, clock: &crate::clock::Clock) -> std::result::Result<u64, DbErr> {
    let cutoff = clock.now() - Duration::days(1);
    let tickets = signup_request::Entity::delete_many().filter(signup_request::Column::ExpiresAt.lt(cutoff)).exec(db).await?.rows_affected;
    Ok(sessions::purge_expired(db, clock).await? + tokens::purge(db, clock).await? + rate_limit::purge(db, clock).await? + tickets)
}
