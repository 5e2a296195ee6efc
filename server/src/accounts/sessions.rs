//! Login sessions stored in the database (so any instance can serve any request). The cookie
//! holds a random token; the table holds its hash.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use app::backend::{Principal, SessionInfo, SessionToken};

use crate::clock::Clock;
use crate::crypto::{new_token, token_hash};
use crate::db::entities::{account, session};

/// A session ends after this long without a request…
pub const IDLE_TIMEOUT: Duration = Duration::minutes(60);
/// …and in any case after this long.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// `last_seen_at` is refreshed at most this often, to avoid a write per request.
const TOUCH_INTERVAL: Duration = Duration::minutes(5);

pub async fn create(
    db: &impl ConnectionTrait,
    clock: &Clock,
    account_id: i32,
    display_name: &str,
    must_change_password: bool,
) -> Result<SessionToken, DbErr> {
    let token = new_token();
    let now = clock.now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        account_id: Set(account_id),
        display_name: Set(display_name.to_owned()),
        must_change_password: Set(must_change_password),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + IDLE_TIMEOUT),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SessionToken(token))
}

/// The session of a cookie value, if it is still valid (refreshing its idle expiry).
pub async fn resolve(db: &impl ConnectionTrait, clock: &Clock, token: &str) -> Result<Option<SessionInfo>, DbErr> {
    let now = clock.now();
    let Some(found) = session::Entity::find().filter(session::Column::TokenHash.eq(token_hash(token))).one(db).await? else {
        return Ok(None);
    };
    if found.expires_at <= now {
        session::Entity::delete_by_id(found.id).exec(db).await?;
        return Ok(None);
    }
    let Some(owner) = account::Entity::find_by_id(found.account_id).one(db).await? else {
        return Ok(None);
    };
    let info = SessionInfo {
        session_id: found.id,
        principal: Principal::Applicant { account_id: owner.id, person_id: owner.person_id, visa_id: owner.visa_id },
        display_name: found.display_name.clone(),
        must_change_password: found.must_change_password,
    };
    if now - found.last_seen_at > TOUCH_INTERVAL {
        let expires_at = (now + IDLE_TIMEOUT).min(found.created_at + ABSOLUTE_TIMEOUT);
        let mut active: session::ActiveModel = found.into();
        active.last_seen_at = Set(now);
        active.expires_at = Set(expires_at);
        active.update(db).await?;
    }
    Ok(Some(info))
}

pub async fn delete(db: &impl ConnectionTrait, session_id: i32) -> Result<(), DbErr> {
    session::Entity::delete_by_id(session_id).exec(db).await?;
    Ok(())
}

/// Ends every session of an account except `keep` (after a password change or reset).
pub async fn delete_others(db: &impl ConnectionTrait, account_id: i32, keep: Option<i32>) -> Result<(), DbErr> {
    let mut query = session::Entity::delete_many().filter(session::Column::AccountId.eq(account_id));
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    query.exec(db).await?;
    Ok(())
}

pub async fn purge_expired(db: &impl ConnectionTrait, clock: &Clock) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(clock.now())).exec(db).await?.rows_affected)
}
