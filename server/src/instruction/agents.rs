//! Agent accounts (their sessions are in `crate::sessions`, beside the applicants'). Passwords
//! are Argon2id hashes, as for applicants. Creating an agent and
//! resetting a password happen here only, whoever asks (administrators' page, command line,
//! seed), and each writes a line of the `agent_events` audit trail in the same transaction.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, NotSet, QueryFilter, Set,
    SqlErr, TransactionTrait,
};

use app::backend::AgentSession;
use app::domain::agents::NewAgentInput;
use app::domain::validation::{FieldErrors, ValidationError};
use app::error::AppError;

use crate::audit::{self, Trail};
use crate::clock::Clock;
use crate::crypto::{PasswordWork, PasswordWorkError};
use crate::db::entities::{agent, agent_event, agent_session, prefecture};
use crate::error::{internal, OrInternal};

#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error(transparent)]
    Db(#[from] DbErr),
    /// Fields breaking the shared rules (`app::domain::agents`, the password rule), under the
    /// form's field names.
    #[error("invalid agent: {0:?}")]
    Invalid(FieldErrors),
    #[error("unknown prefecture {0}")]
    UnknownPrefecture(String),
    #[error("an agent already has the e-mail {0}")]
    EmailTaken(String),
    #[error("no agent {0}")]
    UnknownAgent(i32),
    #[error(transparent)]
    Password(#[from] PasswordWorkError),
}

impl AgentError {
    /// The error as the administrators' page shows it: the database's answers become the
    /// same field errors as the shared rules', internal failures are logged and hidden.
    pub fn into_app_error(self) -> AppError {
        match self {
            AgentError::Invalid(errors) => AppError::Validation(errors),
            AgentError::UnknownPrefecture(_) => AppError::field("prefecture", ValidationError::InvalidChoice),
            AgentError::EmailTaken(_) => AppError::field("email", ValidationError::AgentEmailTaken),
            AgentError::UnknownAgent(_) => AppError::NotFound,
            AgentError::Db(error) => internal(error),
            AgentError::Password(error) => error.into(),
        }
    }
}

/// Where a creation or a reset comes from, for the audit trail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The administrators' page, by this administrator.
    Administrator { agent_id: i32 },
    /// `server create-agent`, run by whoever operates the server.
    CommandLine,
    /// The demo data (`make run`, tests).
    Seed,
    /// The agent, replacing their own password.
    OwnAccount { agent_id: i32 },
}

impl Origin {
    fn source(self) -> &'static str {
        match self {
            Origin::Administrator { .. } => "admin",
            Origin::CommandLine => "cli",
            Origin::Seed => "seed",
            Origin::OwnAccount { .. } => "self",
        }
    }

    /// A password set by someone other than its owner (an administrator) is temporary.
    fn issues_temporary_password(self) -> bool {
        matches!(self, Origin::Administrator { .. })
    }

    fn actor(self) -> Option<i32> {
        match self {
            Origin::Administrator { agent_id } | Origin::OwnAccount { agent_id } => Some(agent_id),
            Origin::CommandLine | Origin::Seed => None,
        }
    }
}

/// Audit actions (`agent_events.action`).
pub mod action {
    pub const CREATED: &str = "created";
    pub const PASSWORD_RESET: &str = "password_reset";
    pub const PASSWORD_CHANGED: &str = "password_changed";
    /// The agent opened a file (detail: its number, or its id before filing).
    pub const FILE_VIEWED: &str = "file_viewed";
    /// The agent downloaded one of an applicant's files (detail: the file and the document).
    pub const FILE_DOWNLOADED: &str = "file_downloaded";
    /// A national administrator sent an undelivered e-mail again (detail: the job).
    pub const EMAIL_RESENT: &str = "email_resent";
    /// The agent enrolled a second factor (a new secret and recovery codes).
    pub const SECOND_FACTOR_ENROLLED: &str = "second_factor_enrolled";
    /// A session of the agent was opened with a recovery code (detail: how many are left).
    pub const RECOVERY_CODE_USED: &str = "recovery_code_used";
}

/// Records, in the agent's own trail, something the agent did that changes no account: a file
/// opened or downloaded (who reads applicants' files is audited like who changes them), an
/// e-mail sent again.
pub async fn record_by_agent(db: &DatabaseConnection, clock: &Clock, agent_id: i32, action: &str, detail: String) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(db).await?;
    record(&txn, clock, agent_id, Origin::OwnAccount { agent_id }, action, Some(detail)).await?;
    txn.commit().await
}

/// Creates an agent: the one way in for the administrators' page, the command line and the
/// seed. The fields are checked against the shared rules here too (whatever the caller already
/// did), the password against the service's password rule; the account and its audit line are
/// written together.
pub async fn create(
    db: &DatabaseConnection,
    clock: &Clock,
    passwords: &PasswordWork,
    input: &NewAgentInput,
    password: &str,
    origin: Origin,
) -> Result<agent::Model, AgentError> {
    let (new, mut errors) = match input.validate() {
        Ok(new) => (Some(new), FieldErrors::new()),
        Err(errors) => (None, errors),
    };
    errors.check("password", app::domain::password::check(password));
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Err(AgentError::Invalid(errors));
    };
    let email = new.email.as_str().to_owned();
    let Some(prefecture) = prefecture::Entity::find().filter(prefecture::Column::Code.eq(&new.prefecture_code)).one(db).await? else {
        return Err(AgentError::UnknownPrefecture(new.prefecture_code));
    };
    if by_email(db, &email).await?.is_some() {
        return Err(AgentError::EmailTaken(email));
    }
    let hash = passwords.hash(password).await?;
    let now = clock.now();
    let txn = db.begin().await?;
    let inserted = agent::ActiveModel {
        email: Set(email.clone()),
        display_name: Set(new.display_name),
        password_hash: Set(hash),
        prefecture_id: Set(prefecture.id),
        is_admin: Set(new.role.is_admin()),
        national_admin: Set(new.role.is_national()),
        // An administrator hands the password over: only its owner should know the next one.
        must_change_password: Set(origin.issues_temporary_password()),
        temporary_password_expires_at: Set(origin.issues_temporary_password().then(|| passwords.temporary_until(now))),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let created = match inserted {
        Ok(created) => created,
        // Two creations of the same address at once: the unique index has the last word.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => return Err(AgentError::EmailTaken(email)),
        Err(error) => return Err(error.into()),
    };
    let detail = format!("{} {}", new.role.as_str(), prefecture.code);
    record(&txn, clock, created.id, origin, action::CREATED, Some(detail)).await?;
    txn.commit().await?;
    tracing::info!(agent = created.id, source = origin.source(), actor = ?origin.actor(), "agent created");
    Ok(created)
}

/// Replaces an agent's password and closes the agent's sessions (but `keep_session`, the
/// administrator's own when resetting their own password), with its audit line.
pub async fn reset_password(
    db: &DatabaseConnection,
    clock: &Clock,
    passwords: &PasswordWork,
    agent_id: i32,
    password: &str,
    origin: Origin,
    keep_session: Option<i32>,
) -> Result<agent::Model, AgentError> {
    if let Err(error) = app::domain::password::check(password) {
        let mut errors = FieldErrors::new();
        errors.add("password", error);
        return Err(AgentError::Invalid(errors));
    }
    let Some(found) = agent::Entity::find_by_id(agent_id).one(db).await? else {
        return Err(AgentError::UnknownAgent(agent_id));
    };
    let hash = passwords.hash(password).await?;
    let txn = db.begin().await?;
    let mut active: agent::ActiveModel = found.into();
    active.password_hash = Set(hash);
    let now = clock.now();
    active.must_change_password = Set(origin.issues_temporary_password());
    active.temporary_password_expires_at = Set(origin.issues_temporary_password().then(|| passwords.temporary_until(now)));
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    let mut sessions = agent_session::Entity::delete_many().filter(agent_session::Column::AgentId.eq(agent_id));
    if let Some(kept) = keep_session {
        sessions = sessions.filter(agent_session::Column::Id.ne(kept));
    }
    sessions.exec(&txn).await?;
    record(&txn, clock, agent_id, origin, action::PASSWORD_RESET, None).await?;
    txn.commit().await?;
    tracing::info!(agent = agent_id, source = origin.source(), actor = ?origin.actor(), "agent password reset");
    Ok(updated)
}

/// The agent replaces their own password (required after an administrator issued one): the
/// current one is checked, the other sessions are closed, the change is audited.
pub async fn change_own_password(
    db: &DatabaseConnection,
    clock: &Clock,
    passwords: &PasswordWork,
    session: &AgentSession,
    current: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let found = agent::Entity::find_by_id(session.agent_id).one(db).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
    let valid = passwords.verify(current, Some(found.password_hash.clone())).await?;
    if !valid {
        return Err(AppError::WrongCurrentPassword);
    }
    let hash = passwords.hash(new_password).await?;
    let txn = db.begin().await.or_internal()?;
    let mut active: agent::ActiveModel = found.into();
    active.password_hash = Set(hash);
    active.must_change_password = Set(false);
    active.temporary_password_expires_at = Set(None);
    active.updated_at = Set(clock.now());
    active.update(&txn).await.or_internal()?;
    agent_session::Entity::delete_many()
        .filter(agent_session::Column::AgentId.eq(session.agent_id))
        .filter(agent_session::Column::Id.ne(session.session_id))
        .exec(&txn)
        .await
        .or_internal()?;
    let origin = Origin::OwnAccount { agent_id: session.agent_id };
    record(&txn, clock, session.agent_id, origin, action::PASSWORD_CHANGED, None).await.or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(agent = session.agent_id, "agent changed their password");
    Ok(())
}

async fn record(
    db: &impl ConnectionTrait,
    clock: &Clock,
    agent_id: i32,
    origin: Origin,
    action: &str,
    detail: Option<String>,
) -> Result<(), DbErr> {
    let line = agent_event::Model {
        id: 0,
        agent_id,
        source: origin.source().to_owned(),
        actor_agent_id: origin.actor(),
        action: action.to_owned(),
        detail,
        created_at: audit::audit_time(clock.now()),
        prev_hash: None,
        hash: None,
    };
    let sealed = audit::append(db, Trail::Agent, agent_id, &audit::agent_line(&line)).await?;
    let mut row = line.into_active_model();
    row.id = NotSet;
    (row.prev_hash, row.hash) = (Set(sealed.prev_hash), Set(Some(sealed.hash)));
    row.insert(db).await?;
    Ok(())
}

pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<agent::Model>, DbErr> {
    agent::Entity::find().filter(agent::Column::Email.eq(email.trim().to_lowercase())).one(db).await
}

pub async fn by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<agent::Model>, DbErr> {
    agent::Entity::find_by_id(id).one(db).await
}

/// Keeps `secret` as the one being enrolled (shown once; confirmed by one of its codes).
pub async fn set_pending_second_factor(
    db: &impl ConnectionTrait,
    clock: &Clock,
    agent: agent::Model,
    secret: Option<String>,
) -> Result<(), DbErr> {
    let mut active: agent::ActiveModel = agent.into();
    active.totp_pending_secret = Set(secret);
    active.updated_at = Set(clock.now());
    active.update(db).await.map(|_| ())
}

/// The pending secret becomes the agent's second factor, `step` its last code used; the other
/// sessions end (they proved the former factor, or none), and it is in the agent's trail.
pub async fn enable_second_factor(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    session: &AgentSession,
    agent: agent::Model,
    secret: String,
    step: i64,
) -> Result<(), DbErr> {
    let mut active: agent::ActiveModel = agent.into();
    active.totp_secret = Set(Some(secret));
    active.totp_pending_secret = Set(None);
    active.totp_enabled_at = Set(Some(clock.now()));
    active.totp_last_step = Set(Some(step));
    active.updated_at = Set(clock.now());
    active.update(txn).await?;
    agent_session::Entity::delete_many()
        .filter(agent_session::Column::AgentId.eq(session.agent_id))
        .filter(agent_session::Column::Id.ne(session.session_id))
        .exec(txn)
        .await?;
    let origin = Origin::OwnAccount { agent_id: session.agent_id };
    record(txn, clock, session.agent_id, origin, action::SECOND_FACTOR_ENROLLED, None).await
}
