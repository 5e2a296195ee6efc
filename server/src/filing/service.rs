//! The applicant's side of application files, as called by the server functions: drafts
//! started from the catalogue, steps validated with the shared rules and saved with a version
//! check, the list of files.

use async_trait::async_trait;
use sea_orm::{DbErr, EntityTrait};

use app::backend::{FilingService, Principal, RequestCtx};
use app::domain::catalogue::answers::retain_step_answers;
use app::domain::catalogue::{self, validate_step, Answers, ApplicantContext, Procedure};
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::filing::{ApplicationSummary, DraftView, SavedStep, REQUEST_KINDS};

use crate::accounts::internal;
use crate::clock::to_domain_date;
use crate::db::entities::{application, person, visa};
use crate::filing::status;
use crate::filing::store::{self, DraftChange, NewDraft, StoreError};
use crate::state::AppState;

pub struct FilingServiceImpl {
    state: AppState,
}

impl FilingServiceImpl {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    async fn owned(&self, ctx: &RequestCtx, id: &str) -> Result<application::Model, AppError> {
        let (account_id, _) = ctx.applicant()?;
        store::find_owned(&self.state.db, account_id, id).await.map_err(internal)?.ok_or(AppError::NotFound)
    }

    /// The applicant's birth date (AGDREF, or VISABIO before registration) and today's date.
    async fn applicant_context(&self, ctx: &RequestCtx) -> Result<ApplicantContext, AppError> {
        let (_, session) = ctx.applicant()?;
        let Principal::Applicant { person_id, visa_id, .. } = session.principal;
        let birth_date = match (person_id, visa_id) {
            (Some(id), _) => person::Entity::find_by_id(id).one(&self.state.db).await.map_err(internal)?.map(|p| p.birth_date),
            (None, Some(id)) => visa::Entity::find_by_id(id).one(&self.state.db).await.map_err(internal)?.map(|v| v.birth_date),
            (None, None) => None,
        };
        let birth_date = birth_date.ok_or_else(|| internal("an applicant without a birth date"))?;
        Ok(ApplicantContext { birth_date: to_domain_date(birth_date), today: self.state.clock.today() })
    }
}

fn procedure_of(application: &application::Model) -> Result<&'static Procedure, AppError> {
    catalogue::procedure(&application.procedure).ok_or_else(|| internal(format!("unknown procedure {}", application.procedure)))
}

fn answers_of(application: &application::Model) -> Result<Answers, AppError> {
    serde_json::from_str(&application.answers).map_err(internal)
}

fn db(error: DbErr) -> AppError {
    internal(error)
}

#[async_trait]
impl FilingService for FilingServiceImpl {
    async fn start(&self, ctx: &RequestCtx, procedure: &str, request_kind: &str) -> Result<String, AppError> {
        let (account_id, _) = ctx.applicant()?;
        let Some(procedure) = catalogue::procedure(procedure) else {
            return Err(AppError::field("procedure", ValidationError::InvalidChoice));
        };
        if !REQUEST_KINDS.contains(&request_kind) {
            return Err(AppError::field("request_kind", ValidationError::InvalidChoice));
        }
        let existing = store::list_owned(&self.state.db, account_id).await.map_err(db)?;
        if let Some(open) = existing.into_iter().find(|a| a.status == status::DRAFT && a.procedure == procedure.id) {
            return Ok(open.public_id);
        }
        let first_step = procedure.steps.first().map(|s| s.id).unwrap_or_default();
        let draft = NewDraft {
            account_id,
            procedure: procedure.id,
            request_kind,
            status: status::DRAFT,
            first_step,
            answers_json: serde_json::to_string(&Answers::default()).map_err(internal)?,
        };
        Ok(store::create_draft(&self.state.db, &self.state.clock, draft).await.map_err(db)?.public_id)
    }

    async fn draft(&self, ctx: &RequestCtx, id: &str) -> Result<DraftView, AppError> {
        let application = self.owned(ctx, id).await?;
        Ok(DraftView {
            answers: answers_of(&application)?,
            id: application.public_id,
            procedure: application.procedure,
            request_kind: application.request_kind,
            current_step: application.current_step,
            version: application.version,
        })
    }

    async fn save_step(&self, ctx: &RequestCtx, id: &str, step_id: &str, version: i32, answers: Answers) -> Result<SavedStep, AppError> {
        let application = self.owned(ctx, id).await?;
        if application.status != status::DRAFT {
            return Err(AppError::Conflict);
        }
        let procedure = procedure_of(&application)?;
        let Some(position) = procedure.steps.iter().position(|s| s.id == step_id) else {
            return Err(AppError::NotFound);
        };
        let step = &procedure.steps[position];
        let applicant = self.applicant_context(ctx).await?;
        validate_step(step, &answers, &applicant)?;

        // The step's answers replace what the draft held for its fields; the rest is kept.
        let mut stored = answers_of(&application)?;
        for field in step.fields {
            stored.0.remove(field.id);
        }
        stored.0.extend(retain_step_answers(step, &answers, &applicant).0);
        let next_step = procedure.steps.get(position + 1).unwrap_or(step).id;
        let change = DraftChange {
            answers_json: serde_json::to_string(&stored).map_err(internal)?,
            current_step: next_step.to_owned(),
            recap_validated_json: application.recap_validated.clone(),
            observations: application.observations.clone(),
        };
        match store::save_draft(&self.state.db, &self.state.clock, application.id, version, change).await {
            Ok(version) => Ok(SavedStep { version, next_step: next_step.to_owned() }),
            Err(StoreError::VersionConflict { .. }) => Err(AppError::Conflict),
            Err(StoreError::Db(error)) => Err(db(error)),
        }
    }

    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<ApplicationSummary>, AppError> {
        let (account_id, _) = ctx.applicant()?;
        let applications = store::list_owned(&self.state.db, account_id).await.map_err(db)?;
        Ok(applications
            .into_iter()
            .map(|a| ApplicationSummary {
                id: a.public_id,
                procedure: a.procedure,
                status: a.status,
                file_number: a.file_number,
                submitted_on: a.submitted_at.map(|at| at.date_naive().to_string()),
            })
            .collect())
    }
}
