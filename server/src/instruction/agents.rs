//! Agent accounts and their sessions. Passwords are Argon2id hashes (as for applicants);
//! sessions live in the database so any instance can serve any request.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use app::backend::{AgentSession, SessionToken};

use crate::clock::Clock;
use crate::crypto::{hash_password, new_token, token_hash};
use crate::db::entities::{agent, agent_session, prefecture};

/// A back-office session ends after this long without a request, and after a working day.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(10);

#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("unknown prefecture {0}")]
    UnknownPrefecture(String),
    #[error("an agent already has the e-mail {0}")]
    EmailTaken(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

pub struct NewAgent<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    /// Prefecture code, e.g. `SP091-PAL` or `P075`.
    pub prefecture_code: &'a str,
    pub is_admin: bool,
    pub password: &'a str,
}

/// Creates an agent (the CLI, the seed and the administrators' page call this).
pub async fn create(db: &impl ConnectionTrait, clock: &Clock, new: NewAgent<'_>) -> Result<agent::Model, AgentError> {
    let email = new.email.trim().to_lowercase();
    let Some(prefecture) = prefecture::Entity::find().filter(prefecture::Column::Code.eq(new.prefecture_code)).one(db).await? else {
        return Err(AgentError::UnknownPrefecture(new.prefecture_code.to_owned()));
    };
    if agent::Entity::find().filter(agent::Column::Email.eq(&email)).one(db).await?.is_some() {
        return Err(AgentError::EmailTaken(email));
    }
    let hash = hash_password(new.password).map_err(|e| AgentError::Hash(e.to_string()))?;
    let now = clock.now();
    Ok(agent::ActiveModel {
        email: Set(email),
        display_name: Set(new.display_name.trim().to_owned()),
        password_hash: Set(hash),
        prefecture_id: Set(prefecture.id),
        is_admin: Set(new.is_admin),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<agent::Model>, DbErr> {
    agent::Entity::find().filter(agent::Column::Email.eq(email.trim().to_lowercase())).one(db).await
}

pub async fn open_session(db: &impl ConnectionTrait, clock: &Clock, agent_id: i32) -> Result<SessionToken, DbErr> {
    let token = new_token();
    let now = clock.now();
    agent_session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        agent_id: Set(agent_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + IDLE_TIMEOUT),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SessionToken(token))
}

/// The agent session of a cookie value, if still valid (its idle expiry is pushed back).
pub async fn resolve(db: &impl ConnectionTrait, clock: &Clock, token: &str) -> Result<Option<AgentSession>, DbErr> {
    let now = clock.now();
    let Some(found) = agent_session::Entity::find().filter(agent_session::Column::TokenHash.eq(token_hash(token))).one(db).await? else {
        return Ok(None);
    };
    if found.expires_at <= now {
        agent_session::Entity::delete_by_id(found.id).exec(db).await?;
        return Ok(None);
    }
    let Some(agent) = agent::Entity::find_by_id(found.agent_id).one(db).await? else {
        return Ok(None);
    };
    let prefecture_name = prefecture::Entity::find_by_id(agent.prefecture_id).one(db).await?.map(|p| p.name).unwrap_or_default();
    let session = AgentSession {
        session_id: found.id,
        agent_id: agent.id,
        display_name: agent.display_name,
        prefecture_id: agent.prefecture_id,
        prefecture_name,
        is_admin: agent.is_admin,
    };
    if now - found.last_seen_at > Duration::minutes(5) {
        let expires_at = (now + IDLE_TIMEOUT).min(found.created_at + ABSOLUTE_TIMEOUT);
        let mut active: agent_session::ActiveModel = found.into();
        active.last_seen_at = Set(now);
        active.expires_at = Set(expires_at);
        active.update(db).await?;
    }
    Ok(Some(session))
}

pub async fn close_session(db: &impl ConnectionTrait, session_id: i32) -> Result<(), DbErr> {
    agent_session::Entity::delete_by_id(session_id).exec(db).await?;
    Ok(())
}
