//! The applicant's side of application files, as called by the server functions: drafts
//! started from the catalogue, steps validated with the shared rules and saved with a version
//! check, the list of files.

use async_trait::async_trait;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use app::backend::{FilingService, Principal, RequestCtx};
use app::domain::catalogue::answers::required_documents;
use app::domain::catalogue::answers::retain_step_answers;
use app::domain::catalogue::orientation::{renewal_procedure, student_eligibility, HeldDocument, StudentEligibility, OTHER_TITLES};
use app::domain::catalogue::StepKind;
use app::domain::catalogue::{self, validate_step, Answers, ApplicantContext, Procedure};
use app::domain::countries;
use app::domain::validation::FieldErrors;
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::filing::{ApplicationSummary, DraftView, OrientationView, OtherTitleView, SavedStep, SubmittedView, REQUEST_KINDS};

use crate::accounts::internal;
use crate::clock::to_domain_date;
use crate::db::entities::{account, application, person, title, visa};
use crate::filing::status;
use crate::filing::store::{self, Actor, DraftChange, Event, NewDraft, StoreError};
use crate::filing::submission::{self, Submission, SubmitError};
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

/// Who the applicant is, for the receipt: from AGDREF, or from VISABIO before registration.
struct Holder {
    name: String,
    birth_date: String,
    nationality: String,
    numero_etranger: Option<String>,
}

fn country_name(code: &str) -> String {
    countries::find(code).map(|c| c.fr.to_owned()).unwrap_or_else(|| code.to_owned())
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

    async fn submit(&self, ctx: &RequestCtx, id: &str, observations: Option<String>) -> Result<SubmittedView, AppError> {
        let application = self.owned(ctx, id).await?;
        let procedure = procedure_of(&application)?;
        let answers = answers_of(&application)?;
        let applicant = self.applicant_context(ctx).await?;
        if let Some(observations) = &observations {
            if observations.chars().count() > 4000 {
                return Err(AppError::field("observations", ValidationError::TooLong { max: 4000 }));
            }
        }

        // Already filed: the same answer as the first time (double click, retry).
        if application.status == status::DRAFT {
            // Every step complete, every required document joined.
            let mut errors = FieldErrors::new();
            for step in procedure.steps.iter().filter(|s| s.kind == StepKind::Form) {
                if let Err(step_errors) = validate_step(step, &answers, &applicant) {
                    errors.0.extend(step_errors.0);
                }
            }
            for document in required_documents(procedure, &answers, &applicant) {
                if store::count_files(&self.state.db, application.id, document.code).await.map_err(db)? == 0 {
                    errors.add(format!("documents.{}", document.code), ValidationError::Required);
                }
            }
            if !errors.is_empty() {
                return Err(errors.into());
            }
        }

        let (account_id, session) = ctx.applicant()?;
        let Principal::Applicant { person_id, visa_id, .. } = session.principal;
        let holder = match (person_id, visa_id) {
            (Some(id), _) => person::Entity::find_by_id(id).one(&self.state.db).await.map_err(db)?.map(|p| Holder {
                name: crate::registry::display_name(&p.given_names, &p.birth_name, p.usage_name.as_deref()),
                birth_date: to_domain_date(p.birth_date).to_french(),
                nationality: country_name(&p.nationality),
                numero_etranger: Some(p.numero_etranger),
            }),
            (None, Some(id)) => visa::Entity::find_by_id(id).one(&self.state.db).await.map_err(db)?.map(|v| Holder {
                name: crate::registry::display_name(&v.given_names, &v.birth_name, None),
                birth_date: to_domain_date(v.birth_date).to_french(),
                nationality: country_name(&v.nationality),
                numero_etranger: None,
            }),
            (None, None) => None,
        }
        .ok_or_else(|| internal("an applicant without a register entry"))?;
        let email = account::Entity::find_by_id(account_id).one(&self.state.db).await.map_err(db)?.map(|a| a.email).unwrap_or_default();

        let files = store::files(&self.state.db, application.id).await.map_err(db)?;
        let documents = required_documents(procedure, &answers, &applicant)
            .into_iter()
            .map(|d| (d.label.fr.to_owned(), files.iter().filter(|f| f.document_code == d.code).count()))
            .filter(|(_, count)| *count > 0)
            .collect();
        let part = |field: &str| answers.get(field).unwrap_or_default().to_owned();
        let address =
            [part("adresse_voie"), part("adresse_complement"), format!("{} {}", part("adresse_code_postal"), part("adresse_commune"))]
                .into_iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
        let filing = Submission {
            insee_code: part("adresse_code_insee"),
            procedure_label: procedure.title.fr.to_owned(),
            holder_name: holder.name,
            birth_date: holder.birth_date,
            nationality: holder.nationality,
            numero_etranger: holder.numero_etranger,
            address,
            documents,
            email,
            lang: ctx.lang,
            observations,
        };
        match submission::submit(&self.state, application.id, filing).await {
            Ok(done) => Ok(SubmittedView {
                file_number: done.file_number,
                prefecture: done.prefecture_name,
                submitted_at: submission::paris_display(done.submitted_at),
            }),
            Err(SubmitError::NotADraft(_)) => Err(AppError::Conflict),
            Err(SubmitError::NoCompetentPrefecture(_)) => Err(AppError::field("adresse_code_insee", ValidationError::InvalidInseeCode)),
            Err(error) => Err(internal(error)),
        }
    }

    async fn abandon(&self, ctx: &RequestCtx, id: &str) -> Result<(), AppError> {
        let application = self.owned(ctx, id).await?;
        let (account_id, _) = ctx.applicant()?;
        let txn = crate::db::begin_write(&self.state.db).await.map_err(db)?;
        let changed = application::Entity::update_many()
            .col_expr(application::Column::Status, Expr::value(status::ABANDONED))
            .col_expr(application::Column::UpdatedAt, Expr::value(self.state.clock.now()))
            .filter(application::Column::Id.eq(application.id))
            .filter(application::Column::Status.eq(status::DRAFT))
            .exec(&txn)
            .await
            .map_err(db)?;
        if changed.rows_affected == 0 {
            return Err(AppError::Conflict);
        }
        let event = Event {
            application_id: application.id,
            actor: Actor::Applicant(account_id),
            action: "abandon",
            from_status: Some(status::DRAFT),
            to_status: status::ABANDONED,
            detail: None,
        };
        store::record_event(&txn, &self.state.clock, event).await.map_err(db)?;
        txn.commit().await.map_err(db)
    }

    async fn orientation(&self, ctx: &RequestCtx) -> Result<OrientationView, AppError> {
        let (_, session) = ctx.applicant()?;
        let Principal::Applicant { person_id, visa_id, .. } = session.principal;
        let db_conn = &self.state.db;
        let title = match person_id {
            Some(id) => title::Entity::find()
                .filter(title::Column::PersonId.eq(id))
                .order_by_desc(title::Column::ValidTo)
                .one(db_conn)
                .await
                .map_err(db)?,
            None => None,
        };
        // A visa holder, or a person registered from a validated VLS-TS who has no title yet.
        let visa = match (&title, visa_id, person_id) {
            (Some(_), _, _) => None,
            (None, Some(id), _) => visa::Entity::find_by_id(id).one(db_conn).await.map_err(db)?,
            (None, None, Some(id)) => visa::Entity::find().filter(visa::Column::PersonId.eq(id)).one(db_conn).await.map_err(db)?,
            (None, None, None) => None,
        };
        let nationality = match person_id {
            Some(id) => person::Entity::find_by_id(id).one(db_conn).await.map_err(db)?.map(|p| p.nationality),
            None => visa.as_ref().map(|v| v.nationality.clone()),
        }
        .unwrap_or_default();
        let held = match (&title, &visa) {
            (Some(t), _) => HeldDocument::Title { category: &t.category },
            (None, Some(v)) => HeldDocument::Visa { doc_type: &v.doc_type, category: &v.category },
            (None, None) => HeldDocument::None,
        };
        let applicant = self.applicant_context(ctx).await?;
        let age = applicant.birth_date.age_on(applicant.today);
        let student_online = student_eligibility(held, &nationality, age) == StudentEligibility::Online;
        let (current_label, current_mention) = match (&title, &visa) {
            (Some(t), _) => (Some(t.label.clone()), Some(t.mention.clone())),
            (None, Some(v)) => (Some(v.label.clone()), Some(v.mention.clone())),
            (None, None) => (None, None),
        };
        Ok(OrientationView {
            current_label,
            current_mention,
            renewal: title.as_ref().and_then(|t| renewal_procedure(&t.category)).map(str::to_owned),
            others: OTHER_TITLES
                .iter()
                .map(|o| OtherTitleView {
                    code: o.code.to_owned(),
                    label: o.label.get(ctx.lang).to_owned(),
                    procedure: o.procedure.map(str::to_owned),
                })
                .collect(),
            student_online,
        })
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
