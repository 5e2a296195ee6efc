//! The administration of agent accounts behind `/agent/administration`
//! ([`app::backend::AgentAdminBackend`]): only an administrator's agent session gets past the
//! first line of each method, and every creation and reset goes through
//! [`crate::instruction::agents`], which writes the audit trail. An administrator sees, creates
//! and resets the agents of their own prefecture only; a national administrator (an explicit
//! role, which only another national administrator or the command line gives) those of every
//! prefecture.
//!
//! Passwords: the administrator never types one. A temporary password is generated here
//! (`crypto::temporary_password`, which follows the service's password rule), returned once to
//! the administrator's page and stored only as its Argon2id hash. Why not an e-mail with a link,
//! as applicants get: an agent account is opened by the prefecture's administrator when the agent
//! arrives, often before the agent's work mailbox exists, and a reset is asked for by an agent
//! who is locked out — so the administrator hands the password over in person or by phone. That
//! keeps credentials out of e-mail, and every issue of a password is tied to a named,
//! authenticated administrator in `agent_events`.
//!
//! The agent must replace that password at the next login (`agents.must_change_password`, set
//! by [`crate::instruction::agents::create`] and `reset_password` for an administrator's
//! issue): until then every back-office call but the change itself answers
//! `PasswordChangeRequired`.

use async_trait::async_trait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait};

use app::backend::{AgentAdminBackend, AgentSession, RequestCtx};
use app::domain::agents::{AgentRole, NewAgentInput};
use app::domain::validation::{FieldErrors, ValidationError};
use app::error::AppError;
use app::instruction::admin::{AgentDirectory, AgentRow, DeadLetterRow, IssuedPassword, PrefectureOption};

use crate::crypto::temporary_password;
use crate::db::entities::{agent, prefecture};
use crate::error::OrInternal;
use crate::filing::submission::paris_display;
use crate::instruction::agents::{self, Origin};
use crate::state::AppState;

pub struct AgentAdminService {
    state: AppState,
}

impl AgentAdminService {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    async fn row(&self, agent: agent::Model) -> Result<AgentRow, AppError> {
        let prefecture = prefecture::Entity::find_by_id(agent.prefecture_id).one(&self.state.db).await.or_internal()?;
        Ok(row_of(agent, prefecture.as_ref()))
    }
}

fn row_of(agent: agent::Model, prefecture: Option<&prefecture::Model>) -> AgentRow {
    AgentRow {
        id: agent.id,
        display_name: agent.display_name,
        email: agent.email,
        prefecture_code: prefecture.map(|p| p.code.clone()).unwrap_or_default(),
        prefecture_name: prefecture.map(|p| p.name.clone()).unwrap_or_default(),
        role: AgentRole::from_flags(agent.is_admin, agent.national_admin),
        created_at: paris_display(agent.created_at),
    }
}

/// Logs a refused call: an agent trying the administration is worth knowing about.
fn refused<T>(ctx: &RequestCtx, result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        tracing::warn!(agent = ?ctx.agent.as_ref().map(|a| a.agent_id), %error, "agent administration refused");
    }
    result
}

fn dead_letter_row(letter: crate::jobs::DeadLetter) -> DeadLetterRow {
    DeadLetterRow {
        id: letter.job_id,
        to: letter.to_address,
        subject: letter.subject,
        failed_at: letter.failed_at.map(paris_display).unwrap_or_default(),
        error: letter.last_error.unwrap_or_default(),
    }
}

/// Whether `admin` administers the agents of `prefecture_id`: a national administrator every
/// prefecture's, any other their own prefecture's only.
fn in_scope(admin: &AgentSession, prefecture_id: i32) -> bool {
    admin.national_admin || admin.prefecture_id == prefecture_id
}

#[async_trait]
impl AgentAdminBackend for AgentAdminService {
    async fn directory(&self, ctx: &RequestCtx) -> Result<AgentDirectory, AppError> {
        let admin = refused(ctx, ctx.administrator())?;
        let db = &self.state.db;
        // A prefecture's administrator reads their own prefecture's rows only; the national
        // administrator, every prefecture's.
        let own = (!admin.national_admin).then_some(admin.prefecture_id);
        let prefectures = prefecture::Entity::find()
            .apply_if(own, |query, id| query.filter(prefecture::Column::Id.eq(id)))
            .order_by_asc(prefecture::Column::Name)
            .all(db)
            .await
            .or_internal()?;
        let agents = agent::Entity::find()
            .apply_if(own, |query, id| query.filter(agent::Column::PrefectureId.eq(id)))
            .order_by_asc(agent::Column::DisplayName)
            .all(db)
            .await
            .or_internal()?;
        let mut rows: Vec<AgentRow> = agents
            .into_iter()
            .map(|a| {
                let p = prefectures.iter().find(|p| p.id == a.prefecture_id);
                row_of(a, p)
            })
            .collect();
        rows.sort_by(|a, b| a.prefecture_name.cmp(&b.prefecture_name).then_with(|| a.display_name.cmp(&b.display_name)));
        let dead_letters = if admin.national_admin {
            crate::jobs::dead_letters(db).await.or_internal()?.into_iter().map(dead_letter_row).collect()
        } else {
            Vec::new()
        };
        let feedback = crate::filing::feedback::summary(db, own).await.or_internal()?;
        Ok(AgentDirectory {
            feedback,
            administrator: admin.display_name.clone(),
            prefecture: admin.prefecture_name.clone(),
            national: admin.national_admin,
            dead_letters,
            agents: rows,
            prefectures: prefectures.into_iter().map(|p| PrefectureOption { code: p.code, name: p.name }).collect(),
        })
    }

    async fn create_agent(&self, ctx: &RequestCtx, input: NewAgentInput) -> Result<IssuedPassword, AppError> {
        let admin = refused(ctx, ctx.administrator())?;
        // Outside the administrator's scope, the prefecture or the role is not one of the
        // page's choices: the same answer as any value that is not offered.
        let mut errors = FieldErrors::new();
        let code = input.prefecture.trim().to_ascii_uppercase();
        let target = prefecture::Entity::find().filter(prefecture::Column::Code.eq(code)).one(&self.state.db).await.or_internal()?;
        if target.is_some_and(|p| !in_scope(admin, p.id)) {
            errors.add("prefecture", ValidationError::InvalidChoice);
        }
        if AgentRole::parse(&input.role).is_ok_and(AgentRole::is_national) && !admin.national_admin {
            errors.add("role", ValidationError::InvalidChoice);
        }
        if !errors.is_empty() {
            tracing::warn!(agent = admin.agent_id, "agent creation outside the administrator's scope refused");
            return Err(AppError::Validation(errors));
        }
        let password = temporary_password();
        let origin = Origin::Administrator { agent_id: admin.agent_id };
        let created = agents::create(&self.state.db, &self.state.clock, &self.state.passwords, &input, &password, origin)
            .await
            .map_err(agents::AgentError::into_app_error)?;
        Ok(IssuedPassword { agent: self.row(created).await?, temporary_password: password })
    }

    async fn reset_password(&self, ctx: &RequestCtx, agent_id: i32) -> Result<IssuedPassword, AppError> {
        let admin = refused(ctx, ctx.administrator())?;
        // Another prefecture's agent does not exist for this administrator.
        let target = agent::Entity::find_by_id(agent_id).one(&self.state.db).await.or_internal()?;
        if !target.is_some_and(|t| in_scope(admin, t.prefecture_id)) {
            tracing::warn!(agent = admin.agent_id, target = agent_id, "password reset outside the administrator's scope refused");
            return Err(AppError::NotFound);
        }
        let password = temporary_password();
        let origin = Origin::Administrator { agent_id: admin.agent_id };
        // An administrator resetting their own password stays logged in on this page.
        let updated = agents::reset_password(
            &self.state.db,
            &self.state.clock,
            &self.state.passwords,
            agent_id,
            &password,
            origin,
            Some(admin.session_id),
        )
        .await
        .map_err(agents::AgentError::into_app_error)?;
        Ok(IssuedPassword { agent: self.row(updated).await?, temporary_password: password })
    }

    async fn resend_email(&self, ctx: &RequestCtx, id: i32) -> Result<(), AppError> {
        let admin = refused(ctx, ctx.administrator())?;
        if !admin.national_admin {
            return refused(ctx, Err(AppError::Forbidden));
        }
        if !crate::jobs::retry_dead_letter(&self.state.db, &self.state.clock, id).await.or_internal()? {
            return Err(AppError::NotFound);
        }
        agents::record_by_agent(&self.state.db, &self.state.clock, admin.agent_id, agents::action::EMAIL_RESENT, format!("job {id}"))
            .await
            .or_internal()?;
        tracing::info!(agent = admin.agent_id, job = id, "undelivered e-mail queued again");
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }
}
