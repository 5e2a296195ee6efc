//! Login sessions stored in the database, so that any instance can serve any request: the
//! applicants' (`sessions`) and the agents' (`agent_sessions`, with its own cookie). The cookie
//! holds a random token and the table its hash; both kinds follow one [`Lifetime`] rule.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter, QuerySelect, Set,
};

use app::backend::{AgentSession, Principal, SessionInfo, SessionToken};

use crate::clock::Clock;
use crate::crypto::{new_token, token_hash};
use crate::db::entities::{account, agent, agent_session, prefecture, session};

/// How long a session lives: it ends after `idle` without a request, and in any case `absolute`
/// after it was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetime {
    pub idle: Duration,
    pub absolute: Duration,
}

/// An applicant's session.
pub const APPLICANT: Lifetime = Lifetime { idle: Duration::minutes(60), absolute: Duration::hours(12) };
/// A back-office session: shorter, and no longer than a working day.
pub const AGENT: Lifetime = Lifetime { idle: Duration::minutes(30), absolute: Duration::hours(10) };
/// `last_seen_at` is refreshed at most this often, to avoid a write per request.
const TOUCH_INTERVAL: Duration = Duration::minutes(5);

/// What a stored session is worth at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Freshness {
    Expired,
    Valid,
    /// Valid, and its idle expiry is pushed back to this time (seen again after a while).
    Touch(DateTime<Utc>),
}

impl Lifetime {
    fn first_expiry(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + self.idle
    }

    fn freshness(self, now: DateTime<Utc>, created_at: DateTime<Utc>, last_seen_at: DateTime<Utc>, expires_at: DateTime<Utc>) -> Freshness {
        if expires_at <= now {
            Freshness::Expired
        } else if now - last_seen_at > TOUCH_INTERVAL {
            Freshness::Touch((now + self.idle).min(created_at + self.absolute))
        } else {
            Freshness::Valid
        }
    }
}

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
        expires_at: Set(APPLICANT.first_expiry(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SessionToken(token))
}

/// What [`resolve`] reads: the session, its account's identifiers and its unread count.
#[derive(Debug, FromQueryResult)]
struct Resolved {
    id: i32,
    display_name: String,
    must_change_password: bool,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    account_id: i32,
    person_id: Option<i32>,
    visa_id: Option<i32>,
    unread_notifications: i64,
}

/// The session of a cookie value, if it is still valid (refreshing its idle expiry).
pub async fn resolve(db: &impl ConnectionTrait, clock: &Clock, token: &str) -> Result<Option<SessionInfo>, DbErr> {
    let now = clock.now();
    // The session, its account and the header's unread count in one round trip: every page and
    // call of a logged-in applicant starts here.
    let Some(found) = session::Entity::find()
        .select_only()
        .columns([
            session::Column::Id,
            session::Column::DisplayName,
            session::Column::MustChangePassword,
            session::Column::CreatedAt,
            session::Column::LastSeenAt,
            session::Column::ExpiresAt,
        ])
        .column_as(account::Column::Id, "account_id")
        .column(account::Column::PersonId)
        .column(account::Column::VisaId)
        .expr_as(crate::notifications::unread_count((account::Entity, account::Column::Id)), "unread_notifications")
        .join(
            JoinType::InnerJoin,
            session::Entity::belongs_to(account::Entity).from(session::Column::AccountId).to(account::Column::Id).into(),
        )
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .into_model::<Resolved>()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let freshness = APPLICANT.freshness(now, found.created_at, found.last_seen_at, found.expires_at);
    if freshness == Freshness::Expired {
        session::Entity::delete_by_id(found.id).exec(db).await?;
        return Ok(None);
    }
    if let Freshness::Touch(expires_at) = freshness {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
            .filter(session::Column::Id.eq(found.id))
            .exec(db)
            .await?;
    }
    Ok(Some(SessionInfo {
        session_id: found.id,
        principal: Principal::Applicant { account_id: found.account_id, person_id: found.person_id, visa_id: found.visa_id },
        display_name: found.display_name,
        must_change_password: found.must_change_password,
        unread_notifications: u64::try_from(found.unread_notifications).unwrap_or_default(),
    }))
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

pub async fn open_agent_session(db: &impl ConnectionTrait, clock: &Clock, agent_id: i32) -> Result<SessionToken, DbErr> {
    let token = new_token();
    let now = clock.now();
    agent_session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        agent_id: Set(agent_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(AGENT.first_expiry(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SessionToken(token))
}

/// The agent session of a cookie value, if still valid (its idle expiry is pushed back).
/// `second_factor_required`: an agent without a second factor may do nothing but enrol one.
pub async fn resolve_agent(
    db: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
    second_factor_required: bool,
) -> Result<Option<AgentSession>, DbErr> {
    let now = clock.now();
    // The session, its agent and the agent's prefecture in one round trip: every page and call
    // of the back-office starts here.
    let Some((found, agent, prefecture)) = agent_session::Entity::find()
        .filter(agent_session::Column::TokenHash.eq(token_hash(token)))
        .select_also(agent::Entity)
        .join(
            JoinType::LeftJoin,
            agent_session::Entity::belongs_to(agent::Entity).from(agent_session::Column::AgentId).to(agent::Column::Id).into(),
        )
        .select_also(prefecture::Entity)
        .join(
            JoinType::LeftJoin,
            agent::Entity::belongs_to(prefecture::Entity).from(agent::Column::PrefectureId).to(prefecture::Column::Id).into(),
        )
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let freshness = AGENT.freshness(now, found.created_at, found.last_seen_at, found.expires_at);
    if freshness == Freshness::Expired {
        agent_session::Entity::delete_by_id(found.id).exec(db).await?;
        return Ok(None);
    }
    let Some(agent) = agent else {
        return Ok(None);
    };
    let prefecture_name = prefecture.map(|p| p.name).unwrap_or_default();
    let session = AgentSession {
        session_id: found.id,
        agent_id: agent.id,
        display_name: agent.display_name,
        prefecture_id: agent.prefecture_id,
        prefecture_name,
        is_admin: agent.is_admin,
        national_admin: agent.national_admin,
        must_change_password: agent.must_change_password,
        awaiting_second_factor: agent.totp_enabled_at.is_some() && found.second_factor_at.is_none(),
        must_enrol_second_factor: second_factor_required && agent.totp_enabled_at.is_none(),
    };
    if let Freshness::Touch(expires_at) = freshness {
        let mut active: agent_session::ActiveModel = found.into();
        active.last_seen_at = Set(now);
        active.expires_at = Set(expires_at);
        active.update(db).await?;
    }
    Ok(Some(session))
}

pub async fn close_agent_session(db: &impl ConnectionTrait, session_id: i32) -> Result<(), DbErr> {
    agent_session::Entity::delete_by_id(session_id).exec(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_session_expires_idle_or_at_its_absolute_end_and_is_touched_sparingly() {
        let opened = Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).single().expect("time");
        let at = |minutes: i64| opened + Duration::minutes(minutes);
        let first = AGENT.first_expiry(opened);
        assert_eq!(first, at(30));
        // Seen a minute ago: nothing to write.
        assert_eq!(AGENT.freshness(at(2), opened, at(1), first), Freshness::Valid);
        // Seen ten minutes ago: the idle expiry moves on.
        assert_eq!(AGENT.freshness(at(11), opened, at(1), first), Freshness::Touch(at(41)));
        // Never past the absolute end, and over once expired.
        assert_eq!(AGENT.freshness(at(595), opened, at(580), at(600)), Freshness::Touch(at(600)));
        assert_eq!(AGENT.freshness(at(600), opened, at(590), at(600)), Freshness::Expired);
        assert!(APPLICANT.idle > AGENT.idle && APPLICANT.absolute > AGENT.absolute);
    }
}
