//! The applicant's side of application files, as called by the server functions: drafts
//! started from the catalogue, steps validated with the shared rules and saved with a version
//! check, the list of files.

use async_trait::async_trait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use app::backend::{FilingBackend, Principal, RequestCtx};
use app::domain::catalogue::answers::{belongs_to_step, display_answer, normalise_tax_stamp, required_documents, retain_step_answers};
use app::domain::catalogue::common::{
    ADDRESS_CITY, ADDRESS_COMPLEMENT, ADDRESS_COUNTRY, ADDRESS_INSEE_CODE, ADDRESS_POSTAL_CODE, ADDRESS_STREET, FRANCE, SUB_MENTION,
};
use app::domain::catalogue::orientation::{
    check_start, for_eligibility, needs_talent_mention, refusal, renewal_procedure, HeldDocument, OtherTitle, OTHER_TITLES, TALENT_MENTIONS,
};
use app::domain::catalogue::recap::{parts_to_check_again, ReopenedPart};
use app::domain::catalogue::vls_ts::{ARRIVAL_DATE, TAX_STAMP};
use app::domain::catalogue::{
    self, validate_step, AddressEntry, Answers, ApplicantContext, FieldKind, FilingKind, Procedure, Step, StepKind,
};
use app::domain::complement::{validate_answer, DocumentAnswer, TEXT_MAX as COMPLEMENT_TEXT_MAX};
use app::domain::lifecycle::{withdrawal_reason, Action, FileStatus};
use app::domain::validation::{FieldErrors, ValidationError};
use app::error::AppError;
use app::filing::{
    AddressSuggestion, ApplicationSummary, ComplementView, DraftView, OrientationView, OtherTitleView, RequestKind, SavedStep,
    SubmittedView, OBSERVATIONS_MAX,
};

use crate::clock::to_domain_date;
use crate::db::entities::{account, application, issued_document, prefecture, title, visa};
use crate::error::{internal, OrInternal};
use crate::filing::holder::{self, Holder};
use crate::filing::joined_file;
use crate::filing::receipt::{FiledContent, ValidatedVisa};
use crate::filing::status::{self, Change};
use crate::filing::store::{self, Actor, DraftChange, NewDraft, StoreError};
use crate::filing::submission::{self, Submission, SubmitError};
use crate::instruction::complements;
use crate::state::AppState;

pub struct FilingService {
    state: AppState,
    /// For the national address base (a pool, shared by the requests).
    http: reqwest::Client,
}

impl FilingService {
    pub fn new(state: AppState) -> Self {
        Self { state, http: reqwest::Client::new() }
    }

    async fn owned(&self, ctx: &RequestCtx, id: &str) -> Result<application::Model, AppError> {
        super::owned_application(&self.state.db, ctx, id).await
    }

    /// The applicant's latest title, or else their visa (a visa holder, or a person registered
    /// from a validated VLS-TS who has no title yet).
    async fn held_documents(&self, ctx: &RequestCtx) -> Result<(Option<title::Model>, Option<visa::Model>), AppError> {
        let (_, session) = ctx.applicant()?;
        let Principal::Applicant { person_id, visa_id, .. } = session.principal;
        let db_conn = &self.state.db;
        let title = match person_id {
            Some(id) => title::Entity::find()
                .filter(title::Column::PersonId.eq(id))
                .order_by_desc(title::Column::ValidTo)
                .one(db_conn)
                .await
                .or_internal()?,
            None => None,
        };
        let visa = match (&title, visa_id, person_id) {
            (Some(_), _, _) => None,
            (None, Some(id), _) => visa::Entity::find_by_id(id).one(db_conn).await.or_internal()?,
            (None, None, Some(id)) => visa::Entity::find().filter(visa::Column::PersonId.eq(id)).one(db_conn).await.or_internal()?,
            (None, None, None) => None,
        };
        Ok((title, visa))
    }

    async fn holder(&self, ctx: &RequestCtx) -> Result<Holder, AppError> {
        let (account_id, _) = ctx.applicant()?;
        holder::of_account(&self.state.db, account_id).await.or_internal()?.ok_or_else(|| internal("an applicant without a register entry"))
    }

    fn applicant_context(&self, holder: &Holder) -> ApplicantContext {
        holder.context(self.state.clock.today())
    }

    /// The visa a VLS-TS validation validates, and what its holder declared, as the attestation
    /// prints them.
    async fn validated_visa(&self, ctx: &RequestCtx, answers: &Answers) -> Result<ValidatedVisa, AppError> {
        let (_, visa) = self.held_documents(ctx).await?;
        let visa = visa.ok_or_else(|| AppError::field("procedure", ValidationError::ProcedureNotOffered))?;
        let shown = |field: &app::domain::catalogue::Field| {
            answers.get(field.id).map(|v| display_answer(field, v, app::i18n::Lang::Fr)).unwrap_or_default()
        };
        Ok(ValidatedVisa {
            visa: format!("{} n° {}", visa.mention, visa.visa_number),
            valid_to: visa.valid_to.format("%d/%m/%Y").to_string(),
            arrival: shown(&ARRIVAL_DATE),
            tax_stamp: shown(&TAX_STAMP),
        })
    }

    /// A VLS-TS is validated once: not when the registers know its holder already (a numéro
    /// étranger), nor when a validation was filed. `visa`: the one the account holds.
    async fn check_not_validated(&self, account_id: i32, procedure: &Procedure, visa: Option<&visa::Model>) -> Result<(), AppError> {
        if procedure.filing != FilingKind::VisaValidation {
            return Ok(());
        }
        let registered = visa.is_some_and(|v| v.person_id.is_some());
        let filed = store::list_owned(&self.state.db, account_id)
            .await
            .or_internal()?
            .iter()
            .any(|a| a.procedure == procedure.id && !is_draft(a) && a.status != FileStatus::Abandonnee.as_str());
        if registered || filed {
            return Err(AppError::field("procedure", ValidationError::VisaAlreadyValidated));
        }
        Ok(())
    }

    /// The submission's answer, rebuilt from a filed application (retries, confirmation page).
    async fn submitted_view(&self, application: &application::Model) -> Result<Option<SubmittedView>, AppError> {
        let (Some(file_number), Some(at), Some(prefecture_id)) =
            (&application.file_number, application.submitted_at, application.prefecture_id)
        else {
            return Ok(None);
        };
        let prefecture =
            prefecture::Entity::find_by_id(prefecture_id).one(&self.state.db).await.or_internal()?.map(|p| p.name).unwrap_or_default();
        let attestation =
            crate::lawful_stay::attestations::notice(&self.state.db, application, self.state.clock.today()).await.or_internal()?;
        Ok(Some(SubmittedView { file_number: file_number.clone(), prefecture, submitted_at: submission::paris_display(at), attestation }))
    }

    /// Saves a change of the draft if it is still at `version`.
    async fn save(&self, application: &application::Model, version: i32, change: DraftChange) -> Result<i32, AppError> {
        match store::save_draft(&self.state.db, &self.state.clock, application.id, version, change).await {
            Ok(version) => Ok(version),
            Err(StoreError::VersionConflict { .. }) => Err(AppError::Conflict),
            Err(StoreError::Db(error)) => Err(internal(error)),
        }
    }

    /// Every rule of the part `step` holds: its fields, and for the documents step every
    /// required document has a file.
    async fn check_part(
        &self,
        application: &application::Model,
        procedure: &Procedure,
        step: &Step,
        answers: &Answers,
        applicant: &ApplicantContext,
    ) -> Result<(), FieldErrors> {
        let mut errors = validate_step(step, answers, applicant).err().unwrap_or_default();
        if step.kind == StepKind::Documents {
            for document in required_documents(procedure, answers, applicant) {
                match store::count_files(&self.state.db, application.id, document.code).await {
                    Ok(0) => errors.add(format!("documents.{}", document.code), ValidationError::Required),
                    Ok(_) => {}
                    Err(error) => {
                        tracing::error!(%error, "count files");
                        errors.add(format!("documents.{}", document.code), ValidationError::Required);
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The parts of the recap: the steps where the applicant enters something.
fn recap_parts(procedure: &Procedure) -> impl Iterator<Item = &'static Step> {
    procedure.steps.iter().filter(|s| matches!(s.kind, StepKind::Form | StepKind::Documents))
}

fn procedure_of(application: &application::Model) -> Result<&'static Procedure, AppError> {
    catalogue::procedure(&application.procedure).ok_or_else(|| internal(format!("unknown procedure {}", application.procedure)))
}

fn is_draft(application: &application::Model) -> bool {
    matches!(status::current(application), Ok(FileStatus::Brouillon))
}

fn answers_of(application: &application::Model) -> Result<Answers, AppError> {
    serde_json::from_str(&application.answers).or_internal()
}

/// The document the applicant holds, as the orientation rules read it.
fn held_document<'a>(title: &'a Option<title::Model>, visa: &'a Option<visa::Model>) -> HeldDocument<'a> {
    match (title, visa) {
        (Some(t), _) => HeldDocument::Title { category: &t.category },
        (None, Some(v)) => HeldDocument::Visa { doc_type: &v.doc_type, category: &v.category },
        (None, None) => HeldDocument::None,
    }
}

/// The last day of validity of the held title or visa, when it is past `today`: the document
/// then counts for no eligibility (seed 002), and its renewal is late.
fn expired_on(title: &Option<title::Model>, visa: &Option<visa::Model>, today: app::domain::date::Date) -> Option<chrono::NaiveDate> {
    title.as_ref().map(|t| t.valid_to).or_else(|| visa.as_ref().map(|v| v.valid_to)).filter(|end| to_domain_date(*end) < today)
}

fn validated_parts_of(application: &application::Model) -> Vec<String> {
    serde_json::from_str(&application.recap_validated).unwrap_or_default()
}

#[async_trait]
impl FilingBackend for FilingService {
    async fn start(&self, ctx: &RequestCtx, procedure: &str, request_kind: RequestKind, mention: Option<&str>) -> Result<String, AppError> {
        let (account_id, _) = ctx.applicant()?;
        let Some(procedure) = catalogue::procedure(procedure) else {
            return Err(AppError::field("procedure", ValidationError::InvalidChoice));
        };
        let holder = self.holder(ctx).await?;
        let (title, visa) = self.held_documents(ctx).await?;
        let age = holder.birth_date.age_on(self.state.clock.today());
        let valid_today = expired_on(&title, &visa, self.state.clock.today()).is_none();
        check_start(procedure, request_kind, held_document(&title, &visa), valid_today, &holder.civil_status.nationality, age)
            .map_err(|_| AppError::field("procedure", ValidationError::ProcedureNotOffered))?;
        self.check_not_validated(account_id, procedure, visa.as_ref()).await?;
        // The registered address and phone are prefilled; the applicant checks them.
        let mut answers = Answers::default();
        answers.set(app::domain::catalogue::common::REQUEST_KIND, request_kind.as_str());
        answers.set(ADDRESS_COUNTRY.id, FRANCE[0].code);
        for (field, value) in holder.prefill {
            answers.set(field, value);
        }
        // So is the sub-mention picked on the orientation page, when it is one of this procedure's.
        if let Some(mention) = mention {
            if !TALENT_MENTIONS.iter().any(|m| m.code == mention && m.procedure().is_some_and(|p| p.id == procedure.id)) {
                return Err(AppError::field("mention", ValidationError::InvalidChoice));
            }
            let asked = procedure
                .fields()
                .any(|f| f.id == SUB_MENTION && matches!(f.kind, FieldKind::Choice(c) if c.iter().any(|c| c.code == mention)));
            if asked {
                answers.set(SUB_MENTION, mention);
            }
        }
        // One open draft per procedure, even when two tabs start at once: the account's row is
        // locked while looking for it and creating it.
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        account::Entity::find_by_id(account_id).lock_exclusive().one(&txn).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let existing = store::list_owned(&txn, account_id).await.or_internal()?;
        if let Some(open) = existing.into_iter().find(|a| is_draft(a) && a.procedure == procedure.id) {
            return Ok(open.public_id);
        }
        let first_step = procedure.steps.first().map(|s| s.id).unwrap_or_default();
        let draft = NewDraft {
            account_id,
            procedure: procedure.id,
            request_kind,
            first_step,
            answers_json: serde_json::to_string(&answers).or_internal()?,
        };
        let created = store::create_draft(&txn, &self.state.clock, draft).await.or_internal()?;
        txn.commit().await.or_internal()?;
        Ok(created.public_id)
    }

    async fn draft(&self, ctx: &RequestCtx, id: &str) -> Result<DraftView, AppError> {
        let application = self.owned(ctx, id).await?;
        let holder = self.holder(ctx).await?;
        let files = store::files(&self.state.db, application.id).await.or_internal()?;
        let status = status::current(&application).or_internal()?;
        let mut answers = answers_of(&application)?;
        // A move declared on the account since the draft started shows at once.
        if is_draft(&application) && procedure_of(&application)?.address == AddressEntry::FromAccount {
            answers = holder.with_declared_address(answers);
        }
        Ok(DraftView {
            answers,
            applicant: self.applicant_context(&holder),
            civil_status: holder.civil_status,
            files: files.into_iter().map(joined_file).collect(),
            recap_validated: validated_parts_of(&application),
            submitted: self.submitted_view(&application).await?,
            observations: application.observations.unwrap_or_default(),
            id: application.public_id,
            procedure: application.procedure.into(),
            request_kind: application.request_kind.parse().or_internal()?,
            status,
            current_step: application.current_step,
            version: application.version,
        })
    }

    async fn save_step(&self, ctx: &RequestCtx, id: &str, step_id: &str, version: i32, answers: Answers) -> Result<SavedStep, AppError> {
        let application = self.owned(ctx, id).await?;
        if !is_draft(&application) {
            return Err(AppError::Conflict);
        }
        let procedure = procedure_of(&application)?;
        let Some(position) = procedure.steps.iter().position(|s| s.id == step_id) else {
            return Err(AppError::NotFound);
        };
        let step = &procedure.steps[position];
        let holder = self.holder(ctx).await?;
        let applicant = self.applicant_context(&holder);
        let answers = match procedure.address {
            AddressEntry::FromAccount => holder.with_declared_address(answers),
            AddressEntry::Typed => answers,
        };
        // The step's answers replace what the draft held for its fields; the rest is kept. The
        // step is checked within the whole draft, as the browser checks it: a field may depend
        // on an answer given elsewhere (the request kind set at the start).
        let before = answers_of(&application)?;
        let mut stored = before.clone();
        stored.0.retain(|key, _| !belongs_to_step(step, key));
        let mut merged = stored.clone();
        merged.0.extend(answers.0.into_iter().filter(|(key, _)| belongs_to_step(step, key)));
        validate_step(step, &merged, &applicant)?;
        stored.0.extend(retain_step_answers(step, &merged, &applicant).0);
        // The parts the change calls into question go back to "to validate"; the others stay.
        let validated_before = validated_parts_of(&application);
        let reopened: Vec<ReopenedPart> = parts_to_check_again(procedure, step.id, &before, &stored, &applicant)
            .into_iter()
            .filter(|r| validated_before.contains(&r.part))
            .collect();
        let validated: Vec<String> = validated_before.into_iter().filter(|p| !reopened.iter().any(|r| &r.part == p)).collect();
        // Once the recap is reached, a step edited from it ("Modifier ma saisie") leads back to it.
        let recap = procedure.steps.iter().find(|s| s.kind == StepKind::Recap).map(|s| s.id);
        let next_step = match recap {
            Some(recap) if application.current_step == recap => recap,
            _ => procedure.steps.get(position + 1).unwrap_or(step).id,
        };
        let change = DraftChange {
            answers_json: serde_json::to_string(&stored).or_internal()?,
            current_step: next_step.to_owned(),
            recap_validated_json: serde_json::to_string(&validated).or_internal()?,
            observations: application.observations.clone(),
        };
        let version = self.save(&application, version, change).await?;
        Ok(SavedStep { version, next_step: next_step.to_owned(), reopened })
    }

    async fn search_address(&self, ctx: &RequestCtx, query: &str) -> Result<Vec<AddressSuggestion>, AppError> {
        ctx.applicant()?;
        match &self.state.config.address_api_url {
            Some(api) => crate::addresses::ban::search(&self.http, api, query).await.map_err(|error| {
                tracing::warn!(%error, "address API");
                AppError::Unavailable
            }),
            None => crate::addresses::base::search(&self.state.db, query).await.map_err(|error| {
                tracing::warn!(%error, "address base");
                AppError::Unavailable
            }),
        }
    }

    async fn complement(&self, ctx: &RequestCtx, id: &str) -> Result<ComplementView, AppError> {
        let application = self.owned(ctx, id).await?;
        let procedure = procedure_of(&application)?;
        let (request, items) = complements::last(&self.state.db, application.id).await.or_internal()?.ok_or(AppError::NotFound)?;
        let files = store::files(&self.state.db, application.id).await.or_internal()?;
        Ok(complements::view(procedure, &request, &items, &files, self.state.clock.today(), ctx.lang))
    }

    async fn answer_complement(
        &self,
        ctx: &RequestCtx,
        id: &str,
        answers: Vec<DocumentAnswer>,
        message: Option<String>,
    ) -> Result<(), AppError> {
        let (account_id, _) = ctx.applicant()?;
        let application = self.owned(ctx, id).await?;
        if !matches!(status::current(&application), Ok(FileStatus::ComplementDemande)) {
            return Err(AppError::Conflict);
        }
        let Some((request, items)) = complements::open(&self.state.db, application.id).await.or_internal()? else {
            return Err(AppError::Conflict);
        };
        // Past the deadline the file is closed (by the deadline job), not completed.
        if self.state.clock.today() > to_domain_date(request.deadline_on) {
            return Err(AppError::Conflict);
        }
        if message.as_ref().is_some_and(|m| m.chars().count() > COMPLEMENT_TEXT_MAX) {
            return Err(AppError::field("message", ValidationError::TooLong { max: COMPLEMENT_TEXT_MAX }));
        }
        let files = store::files(&self.state.db, application.id).await.or_internal()?;
        let requested: Vec<&str> = items.iter().map(|i| i.document_code.as_str()).collect();
        let new_files =
            |document: &str| files.iter().filter(|f| f.document_code == document && complements::joined_in_answer(f, &request)).count();
        validate_answer(&requested, &answers, new_files)?;
        let procedure = procedure_of(&application)?;
        let summary: Vec<String> = answers
            .iter()
            .filter(|a| requested.contains(&a.document.as_str()))
            .map(|a| {
                let label = procedure.documents.iter().find(|d| d.code == a.document).map(|d| d.label.fr).unwrap_or(&a.document);
                format!("{label} : {}", if a.keep { "maintenu" } else { "nouveau document" })
            })
            .collect();

        let now = self.state.clock.now();
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        // The deadline belonged to the request now answered.
        let answer = Change::new(Action::AnswerComplement, Actor::Applicant(account_id))
            .detail(summary.join(" ; "))
            .set(application::Column::DeadlineOn, Option::<chrono::NaiveDate>::None);
        status::change(&txn, &self.state.clock, &application, answer).await?;
        complements::record_answer(&txn, now, request, items, &answers, message).await.or_internal()?;
        txn.commit().await.or_internal()
    }

    async fn validate_part(&self, ctx: &RequestCtx, id: &str, part: &str, version: i32) -> Result<i32, AppError> {
        let application = self.owned(ctx, id).await?;
        if !is_draft(&application) {
            return Err(AppError::Conflict);
        }
        let procedure = procedure_of(&application)?;
        let Some(step) = recap_parts(procedure).find(|s| s.id == part) else {
            return Err(AppError::NotFound);
        };
        let answers = answers_of(&application)?;
        let applicant = self.applicant_context(&self.holder(ctx).await?);
        self.check_part(&application, procedure, step, &answers, &applicant).await?;
        let mut validated = validated_parts_of(&application);
        if !validated.iter().any(|p| p == step.id) {
            validated.push(step.id.to_owned());
        }
        let recap = procedure.steps.iter().find(|s| s.kind == StepKind::Recap).unwrap_or(step);
        let change = DraftChange {
            answers_json: application.answers.clone(),
            current_step: recap.id.to_owned(),
            recap_validated_json: serde_json::to_string(&validated).or_internal()?,
            observations: application.observations.clone(),
        };
        self.save(&application, version, change).await
    }

    async fn submit(&self, ctx: &RequestCtx, id: &str, observations: Option<String>) -> Result<SubmittedView, AppError> {
        let application = self.owned(ctx, id).await?;
        // Already filed: the same answer as the first time (double click, retry).
        if !is_draft(&application) {
            return self.submitted_view(&application).await?.ok_or(AppError::Conflict);
        }
        let procedure = procedure_of(&application)?;
        let holder = self.holder(ctx).await?;
        let mut answers = answers_of(&application)?;
        if procedure.address == AddressEntry::FromAccount {
            let declared = holder.with_declared_address(answers.clone());
            if declared != answers {
                // A move declared on the account since the personal step was saved: the file
                // carries the address the account holds now.
                let change = DraftChange {
                    answers_json: serde_json::to_string(&declared).or_internal()?,
                    current_step: application.current_step.clone(),
                    recap_validated_json: application.recap_validated.clone(),
                    observations: application.observations.clone(),
                };
                self.save(&application, application.version, change).await?;
                answers = declared;
            }
        }
        let applicant = self.applicant_context(&holder);
        let observations = observations.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
        if let Some(observations) = &observations {
            if observations.chars().count() > OBSERVATIONS_MAX {
                return Err(AppError::field("observations", ValidationError::TooLong { max: OBSERVATIONS_MAX }));
            }
        }

        // Every part complete and checked by the applicant in the recap.
        let validated = validated_parts_of(&application);
        let mut errors = FieldErrors::new();
        for step in recap_parts(procedure) {
            if let Err(step_errors) = self.check_part(&application, procedure, step, &answers, &applicant).await {
                errors.0.extend(step_errors.0);
            } else if !validated.iter().any(|p| p == step.id) {
                errors.add(format!("recapitulatif.{}", step.id), ValidationError::Required);
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }

        let email = holder.civil_status.email.clone();
        let files = store::files(&self.state.db, application.id).await.or_internal()?;
        let documents = required_documents(procedure, &answers, &applicant)
            .into_iter()
            .map(|d| (d.label.fr.to_owned(), files.iter().filter(|f| f.document_code == d.code).count()))
            .filter(|(_, count)| *count > 0)
            .collect();
        let part = |field: &str| answers.get(field).unwrap_or_default().to_owned();
        let address =
            [part(ADDRESS_STREET.id), part(ADDRESS_COMPLEMENT.id), format!("{} {}", part(ADDRESS_POSTAL_CODE.id), part(ADDRESS_CITY.id))]
                .into_iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
        let validation = match procedure.filing {
            FilingKind::Application => None,
            FilingKind::VisaValidation => Some(self.validated_visa(ctx, &answers).await?),
        };
        let tax_stamps = procedure
            .fields()
            .filter(|f| f.kind == FieldKind::TaxStamp)
            .filter_map(|f| answers.get(f.id))
            .filter_map(|number| normalise_tax_stamp(number).ok())
            .collect();
        let civil = holder.civil_status;
        let filing = Submission {
            insee_code: part(ADDRESS_INSEE_CODE.id),
            filing: procedure.filing,
            tax_stamps,
            filed: FiledContent {
                procedure: procedure.title.fr.to_owned(),
                holder_name: holder::display_name(&civil),
                nationality: holder::nationality(&civil, app::i18n::Lang::Fr),
                birth_date: civil.birth_date,
                numero_etranger: civil.numero_etranger,
                address,
                documents,
                validation,
            },
            email,
            lang: ctx.lang,
            observations,
        };
        match submission::submit(&self.state, application.id, filing).await {
            Ok(_) => {
                let filed = self.owned(ctx, id).await?;
                self.submitted_view(&filed).await?.ok_or_else(|| internal("a filed application without its number"))
            }
            Err(SubmitError::NotADraft(_)) => Err(AppError::Conflict),
            Err(SubmitError::NoCompetentPrefecture(_)) => Err(AppError::field(ADDRESS_INSEE_CODE.id, ValidationError::InvalidInseeCode)),
            Err(SubmitError::TaxStampUsed(_)) => Err(AppError::field(TAX_STAMP.id, ValidationError::TaxStampUsed)),
            Err(error) => Err(internal(error)),
        }
    }

    async fn abandon(&self, ctx: &RequestCtx, id: &str) -> Result<(), AppError> {
        let application = self.owned(ctx, id).await?;
        let (account_id, _) = ctx.applicant()?;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        status::change(&txn, &self.state.clock, &application, Change::new(Action::Abandon, Actor::Applicant(account_id))).await?;
        txn.commit().await.or_internal()?;
        // An abandoned draft keeps none of the documents joined to it.
        store::delete_files(&self.state.db, &self.state.storage, application.id).await.or_internal()?;
        Ok(())
    }

    async fn delays(&self, _ctx: &RequestCtx, prefecture: Option<&str>) -> Result<app::tracker::DelaysView, AppError> {
        let db = &self.state.db;
        let offices = prefecture::Entity::find().order_by_asc(prefecture::Column::Name).all(db).await.or_internal()?;
        let selected = match prefecture {
            None => None,
            Some(code) => {
                let office =
                    offices.iter().find(|p| p.code == code).ok_or_else(|| AppError::field("prefecture", ValidationError::InvalidChoice))?;
                let today = self.state.clock.today_naive();
                let mut figures =
                    super::tracker::figures_by_procedure(db, office.id, today, self.state.config.estimate_min_files).await.or_internal()?;
                let mut procedures = Vec::new();
                for procedure in catalogue::PROCEDURES {
                    procedures.push(app::tracker::ProcedureDelays {
                        procedure: procedure.id.into(),
                        figures: figures.remove(procedure.id),
                        waiting: super::tracker::waiting(db, office.id, procedure.id).await.or_internal()?,
                    });
                }
                Some(app::tracker::PrefectureDelays { code: office.code.clone(), name: office.name.clone(), procedures })
            }
        };
        Ok(app::tracker::DelaysView { prefectures: offices.into_iter().map(|p| (p.code, p.name)).collect(), selected })
    }

    async fn withdraw(&self, ctx: &RequestCtx, id: &str, reason: &str) -> Result<(), AppError> {
        let application = self.owned(ctx, id).await?;
        let (account_id, _) = ctx.applicant()?;
        let reason = withdrawal_reason(reason).map_err(|e| AppError::field("reason", e))?;
        let state = &self.state;
        let txn = crate::db::begin_write(&state.db).await.or_internal()?;
        let withdraw = Change::new(Action::Withdraw, Actor::Applicant(account_id)).detail(reason.clone());
        // The same hook as every move ends the attestation and the implicit-decision day.
        status::change(&txn, &state.clock, &application, withdraw).await?;
        if let Some(agent) = store::agent_in_charge(&txn, application.id).await.or_internal()? {
            let file_number = application.file_number.as_deref().unwrap_or_default();
            let url = state.url(&app::instruction::paths::file(&application.public_id));
            let content = crate::mail::templates::withdrawn(file_number, reason.as_deref(), url);
            crate::mail::outbox::enqueue(&txn, &state.clock, &agent.email, content, vec![]).await.or_internal()?;
        }
        txn.commit().await.or_internal()?;
        state.jobs_wakeup.notify_one();
        Ok(())
    }

    async fn give_feedback(&self, ctx: &RequestCtx, id: &str, rating: Option<u8>, comment: &str) -> Result<(), AppError> {
        let application = self.owned(ctx, id).await?;
        // Feedback is on a filing: a draft or an abandoned one has none.
        if matches!(status::current(&application).or_internal()?, FileStatus::Brouillon | FileStatus::Abandonnee) {
            return Err(AppError::Conflict);
        }
        let given = app::domain::feedback::validate(rating, comment)?;
        crate::filing::feedback::record(&self.state.db, &self.state.clock, application.id, given).await.or_internal()
    }

    async fn correction(&self, ctx: &RequestCtx, id: &str) -> Result<app::corrections::CorrectionView, AppError> {
        let application = super::filed_application(&self.state.db, ctx, id).await?;
        super::corrections::view(&self.state, &application, ctx.lang).await
    }

    async fn correct(
        &self,
        ctx: &RequestCtx,
        id: &str,
        version: i32,
        answers: Answers,
    ) -> Result<app::corrections::CorrectionView, AppError> {
        let application = super::filed_application(&self.state.db, ctx, id).await?;
        super::corrections::correct(&self.state, &application, version, answers).await?;
        tracing::info!(file = ?application.file_number, "application corrected by the applicant");
        let application = super::filed_application(&self.state.db, ctx, id).await?;
        super::corrections::view(&self.state, &application, ctx.lang).await
    }

    async fn orientation(&self, ctx: &RequestCtx) -> Result<OrientationView, AppError> {
        let (title, visa) = self.held_documents(ctx).await?;
        let holder = self.holder(ctx).await?;
        let expired_on = expired_on(&title, &visa, self.state.clock.today());
        let held = for_eligibility(held_document(&title, &visa), expired_on.is_none());
        let age = holder.birth_date.age_on(self.state.clock.today());
        let (current_label, current_mention) = match (&title, &visa) {
            (Some(t), _) => (Some(t.label.clone()), Some(t.mention.clone())),
            (None, Some(v)) => (Some(v.label.clone()), Some(v.mention.clone())),
            (None, None) => (None, None),
        };
        let entries = |titles: &[OtherTitle]| -> Vec<OtherTitleView> {
            titles
                .iter()
                .map(|o| {
                    let procedure = o.procedure();
                    let refusal = procedure.and_then(|p| refusal(p, held, &holder.civil_status.nationality, age));
                    OtherTitleView {
                        code: o.code.to_owned(),
                        label: o.label.get(ctx.lang).to_owned(),
                        procedure: procedure.map(|p| p.id.into()),
                        refusal: refusal.map(|r| r.get(ctx.lang).to_owned()),
                    }
                })
                .collect()
        };
        Ok(OrientationView {
            current_label,
            current_mention,
            renewal: title.as_ref().and_then(|t| renewal_procedure(&t.category)).map(|p| p.id.into()),
            other_kind: RequestKind::for_other_title(title.is_some()),
            expired_on: expired_on.map(|end| end.format("%d/%m/%Y").to_string()),
            others: entries(OTHER_TITLES),
            talent_mentions: if needs_talent_mention(held) { entries(TALENT_MENTIONS) } else { Vec::new() },
        })
    }

    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<ApplicationSummary>, AppError> {
        let (account_id, _) = ctx.applicant()?;
        let applications = store::list_owned(&self.state.db, account_id).await.or_internal()?;
        let issued: Vec<(i32, String)> = issued_document::Entity::find()
            .select_only()
            .column(issued_document::Column::ApplicationId)
            .column(issued_document::Column::Kind)
            .filter(issued_document::Column::ApplicationId.is_in(applications.iter().map(|a| a.id)))
            .order_by_asc(issued_document::Column::Id)
            .into_tuple()
            .all(&self.state.db)
            .await
            .or_internal()?;
        applications
            .into_iter()
            .map(|a| {
                Ok(ApplicationSummary {
                    issued: super::issued_kinds(&issued, a.id),
                    status: status::current(&a).or_internal()?,
                    id: a.public_id,
                    procedure: a.procedure.into(),
                    current_step: a.current_step,
                    file_number: a.file_number,
                    submitted_on: a.submitted_at.map(|at| at.date_naive().to_string()),
                })
            })
            .collect()
    }
}
