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
/// Wrong guesses on one account from one address: a hard limit for that source only.
pub const LOGIN_PER_IDENTIFIER_FROM_CLIENT: Limit = Limit { name: "login-id-ip", max: 10, window_seconds: 15 * 60 };
/// Attempts on one account from anywhere: past `max`, each attempt waits longer
/// ([`progressive_delay`]) instead of being refused, so that strangers cannot lock the owner out.
pub const LOGIN_PER_IDENTIFIER: Limit = Limit { name: "login-id", max: 10, window_seconds: 15 * 60 };
pub const RESET_PER_CLIENT: Limit = Limit { name: "reset-ip", max: 10, window_seconds: 15 * 60 };
pub const RESET_PER_IDENTIFIER: Limit = Limit { name: "reset-id", max: 3, window_seconds: 60 * 60 };
pub const CONTACT_PER_CLIENT: Limit = Limit { name: "contact-ip", max: 5, window_seconds: 60 * 60 };
/// Second-factor codes tried in one agent's sessions: six digits are a million guesses, so a
/// handful per quarter of an hour leaves a guesser no chance.
pub const SECOND_FACTOR_PER_AGENT: Limit = Limit { name: "second-factor", max: 10, window_seconds: 15 * 60 };
/// Checks on `/verifier` from one address.
pub const VERIFY_PER_CLIENT: Limit = Limit { name: "verify-ip", max: 30, window_seconds: 15 * 60 };
/// Checks of one share code from anywhere: ten a day leave a few hundred guesses of a date of
/// birth over a code's 30 days, against some 30 000 plausible dates.
pub const VERIFY_PER_CODE: Limit = Limit { name: "verify-code", max: 10, window_seconds: 24 * 60 * 60 };

/// Counts one hit for `key` under `limit`; `false` when the limit is exceeded.
pub async fn hit(db: &impl ConnectionTrait, clock: &Clock, limit: Limit, key: &str) -> Result<bool, DbErr> {
    Ok(hits(db, clock, limit, key).await? <= limit.max)
}

/// Counts one hit and refuses the request past the limit (HTTP 429).
pub async fn enforce(db: &impl ConnectionTrait, clock: &Clock, limit: Limit, key: &str) -> Result<(), app::error::AppError> {
    match hit(db, clock, limit, key).await {
        Ok(true) => Ok(()),
        Ok(false) => {
            tracing::warn!(limit = limit.name, key, "rate limit exceeded");
            Err(app::error::AppError::RateLimited)
        }
        Err(error) => Err(crate::error::internal(error)),
    }
}

/// The wait before the `hits`-th attempt of a window: none up to `limit.max`, then doubling from
/// 100 ms to at most 4 s. Slow enough to make guessing one account's password hopeless, short
/// enough that its owner still gets in.
pub fn progressive_delay(limit: Limit, hits: i32) -> std::time::Duration {
    let over = hits - limit.max;
    if over <= 0 {
        return std::time::Duration::ZERO;
    }
    let millis = 100u64 << (over.min(16) - 1);
    std::time::Duration::from_millis(millis.min(4_000))
}

/// Counts an attempt on `key` and, past the limit, makes it wait ([`progressive_delay`]);
/// never refuses it.
pub async fn slow_down(db: &impl ConnectionTrait, clock: &Clock, limit: Limit, key: &str) -> Result<(), DbErr> {
    let hits = hits(db, clock, limit, key).await?;
    let delay = progressive_delay(limit, hits);
    if !delay.is_zero() {
        tracing::warn!(limit = limit.name, key, hits, ?delay, "attempts slowed down");
        tokio::time::sleep(delay).await;
    }
    Ok(())
}

/// Counts one hit for `key` under `limit` and returns the window's count so far.
pub async fn hits(db: &impl ConnectionTrait, clock: &Clock, limit: Limit, key: &str) -> Result<i32, DbErr> {
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
    Ok(row.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(1))
}

/// Deletes windows that ended more than a day ago (housekeeping).
pub async fn purge(db: &impl ConnectionTrait, clock: &Clock) -> Result<u64, DbErr> {
    let cutoff = clock.now().timestamp() - 86_400;
    let statement = Query::delete().from_table(RateLimits::Table).and_where(Expr::col(RateLimits::WindowStart).lt(cutoff)).to_owned();
    let backend = db.get_database_backend();
    Ok(db.execute(backend.build(&statement)).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_grows_past_the_limit_and_stays_bounded() {
        let delay = |hits| progressive_delay(LOGIN_PER_IDENTIFIER, hits).as_millis();
        assert_eq!((delay(1), delay(10)), (0, 0));
        assert_eq!((delay(11), delay(12), delay(13), delay(16)), (100, 200, 400, 3_200));
        assert_eq!((delay(17), delay(1_000)), (4_000, 4_000));
    }
}
