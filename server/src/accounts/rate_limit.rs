//! Fixed-window rate limits kept in the database, so that every server instance counts the
//! same attempts.

use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

use crate::clock::Clock;

#[derive(sea_orm::DeriveIden)]
enum RateLimits {
    Table,
    Bucket,
    WindowStart,
    Hits,
}

/// A limit: at most `max` hits per `window_seconds` for one bucket.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub max: i32,
    pub window_seconds: i64,
}

pub const SIGNUP_PER_CLIENT: Limit = Limit { name: "signup-ip", max: 10, window_seconds: 15 * 60 };
pub const SIGNUP_PER_NUMBER: Limit = Limit { name: "signup-number", max: 5, window_seconds: 60 * 60 };
pub const LOGIN_PER_CLIENT: Limit = Limit { name: "login-ip", max: 30, window_seconds: 15 * 60 };
pub const LOGIN_PER_IDENTIFIER: Limit = Limit { name: "login-id", max: 10, window_seconds: 15 * 60 };
pub const RESET_PER_CLIENT: Limit = Limit { name: "reset-ip", max: 10, window_seconds: 15 * 60 };
pub const RESET_PER_IDENTIFIER: Limit = Limit { name: "reset-id", max: 3, window_seconds: 60 * 60 };
pub const CONTACT_PER_CLIENT: Limit = Limit { name: "contact-ip", max: 5, window_seconds: 60 * 60 };

/// Counts one hit for `key` under `limit`; `false` when the limit is exceeded.
pub async fn hit(db: &impl ConnectionTrait, clock: &Clock, limit: Limit, key: &str) -> Result<bool, DbErr> {
    let now = clock.now().timestamp();
    let window_start = now - now.rem_euclid(limit.window_seconds);
    let bucket = format!("{}:{key}", limit.name);
    let statement = Query::insert()
        .into_table(RateLimits::Table)
        .columns([RateLimits::Bucket, RateLimits::WindowStart, RateLimits::Hits])
        .values_panic([bucket.into(), window_start.into(), 1.into()])
        .on_conflict(
            OnConflict::columns([RateLimits::Bucket, RateLimits::WindowStart])
                .value(RateLimits::Hits, Expr::col((RateLimits::Table, RateLimits::Hits)).add(1))
                .to_owned(),
        )
        .returning_col(RateLimits::Hits)
        .to_owned();
    let backend = db.get_database_backend();
    let row = db.query_one(backend.build(&statement)).await?;
    let hits: i32 = row.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(1);
    Ok(hits <= limit.max)
}

/// Deletes windows that ended more than a day ago (housekeeping).
pub async fn purge(db: &impl ConnectionTrait, clock: &Clock) -> Result<u64, DbErr> {
    let cutoff = clock.now().timestamp() - 86_400;
    let statement = Query::delete().from_table(RateLimits::Table).and_where(Expr::col(RateLimits::WindowStart).lt(cutoff)).to_owned();
    let backend = db.get_database_backend();
    Ok(db.execute(backend.build(&statement)).await?.rows_affected())
}
