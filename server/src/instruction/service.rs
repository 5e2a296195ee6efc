//! The back-office as called by the server functions. Every call starts from the agent of the
//! request and only ever reads or changes files of the agent's prefecture; any other file is
//! "not found", like one that does not exist.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{Duration, NaiveDate, NaiveTime};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Set};

use app::backend::{AgentSession, InstructionService, RequestCtx, SessionToken};
use app::domain::catalogue::answers::{answer_rows, required_documents};
use app::domain::catalogue::{self, Answers, ApplicantContext, StepKind};
use app::domain::complement::{validate_request, RequestedDocument};
use app::domain::files::{FileKind, MAX_FILE_BYTES};
use app::domain::lifecycle::{
    allowed_actions, history_label, notifies_applicant, transition, Action, ActorKind, FileStatus, COMPLEMENT_DEADLINE_DAYS,
};
use app::domain::notifications::NotificationKind;
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::i18n::Lang;
use app::instruction::{
    ActionView, DocumentView, EventView, FileView, PartView, QueueFilter, QueueItem, QueuePage, RegistrationDone, QUEUE_PAGE_SIZE,
};

use crate::accounts::internal;
use crate::accounts::rate_limit::{self, Limit};
use crate::clock::to_naive_date;
use crate::crypto::verify_password;
use crate::db::entities::{account, application, issued_document, person, prefecture, visa};
use crate::filing::store::{self, Actor, Event};
use crate::filing::submission::paris_display;
use crate::filing::{holder, joined_file, status};
use crate::instruction::decision::{self, Attestation};
use crate::instruction::registration::{self, RegistrationError};
use crate::instruction::{agents, complements};
use crate::mail::{outbox, templates};
use crate::state::AppState;

const LOGIN_PER_CLIENT: Limit = Limit { name: "agent-login-ip", max: 30, window_seconds: 15 * 60 };
const LOGIN_PER_EMAIL: Limit = Limit { name: "agent-login-email", max: 10, window_seconds: 15 * 60 };
/// Longest comment an agent writes in the history.
const NOTE_MAX: usize = 2000;

pub struct InstructionServiceImpl {
    state: AppState,
}

impl InstructionServiceImpl {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    async fn limit(&self, limit: Limit, key: &str) -> Result<(), AppError> {
        if rate_limit::hit(&self.state.db, &self.state.clock, limit, key).await.map_err(db)? {
            Ok(())
        } else {
            tracing::warn!(limit = limit.name, "rate limit exceeded");
            Err(AppError::RateLimited)
        }
    }

    /// The file `public_id` if it belongs to the agent's prefecture (and was filed).
    async fn file_of(&self, agent: &AgentSession, public_id: &str) -> Result<application::Model, AppError> {
        application::Entity::find()
            .filter(application::Column::PublicId.eq(public_id))
            .filter(application::Column::PrefectureId.eq(agent.prefecture_id))
            .one(&self.state.db)
            .await
            .map_err(db)?
            .ok_or(AppError::NotFound)
    }

    /// Account ids whose holder matches `search` (numéro étranger, or part of a name).
    async fn accounts_matching(&self, search: &str) -> Result<Vec<i32>, DbErr> {
        let db = &self.state.db;
        let like = format!("%{}%", search.to_lowercase());
        let lower = |column: person::Column| Expr::expr(Func::lower(Expr::col(column)));
        let persons: Vec<i32> = if search.len() == 10 && search.bytes().all(|b| b.is_ascii_digit()) {
            person::Entity::find()
                .filter(person::Column::NumeroEtranger.eq(search))
                .select_only()
                .column(person::Column::Id)
                .into_tuple()
                .all(db)
                .await?
        } else {
            person::Entity::find()
                .filter(
                    Condition::any()
                        .add(lower(person::Column::BirthName).like(&like))
                        .add(lower(person::Column::GivenNames).like(&like))
                        .add(lower(person::Column::UsageName).like(&like)),
                )
                .select_only()
                .column(person::Column::Id)
                .limit(500)
                .into_tuple()
                .all(db)
                .await?
        };
        let visa_lower = |column: visa::Column| Expr::expr(Func::lower(Expr::col(column)));
        let visas: Vec<i32> = visa::Entity::find()
            .filter(
                Condition::any().add(visa_lower(visa::Column::BirthName).like(&like)).add(visa_lower(visa::Column::GivenNames).like(&like)),
            )
            .select_only()
            .column(visa::Column::Id)
            .limit(500)
            .into_tuple()
            .all(db)
            .await?;
        account::Entity::find()
            .filter(Condition::any().add(account::Column::PersonId.is_in(persons)).add(account::Column::VisaId.is_in(visas)))
            .select_only()
            .column(account::Column::Id)
            .into_tuple()
            .all(db)
            .await
    }

    async fn filtered(&self, agent: &AgentSession, filter: &QueueFilter) -> Result<Select<application::Entity>, AppError> {
        let mut query = application::Entity::find()
            .filter(application::Column::PrefectureId.eq(agent.prefecture_id))
            .filter(application::Column::Status.is_not_in([status::DRAFT, status::ABANDONED]));
        if let Some(wanted) = &filter.status {
            if !FileStatus::ALL.iter().any(|s| s.as_str() == wanted) {
                return Err(AppError::field("status", ValidationError::InvalidChoice));
            }
            query = query.filter(application::Column::Status.eq(wanted.as_str()));
        }
        if let Some(procedure) = &filter.procedure {
            if catalogue::procedure(procedure).is_none() {
                return Err(AppError::field("procedure", ValidationError::InvalidChoice));
            }
            query = query.filter(application::Column::Procedure.eq(procedure.as_str()));
        }
        let day = |value: &Option<String>, field: &str| -> Result<Option<NaiveDate>, AppError> {
            value
                .as_deref()
                .map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| AppError::field(field, ValidationError::InvalidDate)))
                .transpose()
        };
        if let Some(from) = day(&filter.filed_from, "filed_from")? {
            query = query.filter(application::Column::SubmittedAt.gte(from.and_time(NaiveTime::MIN).and_utc()));
        }
        if let Some(to) = day(&filter.filed_to, "filed_to")? {
            query = query.filter(application::Column::SubmittedAt.lt((to + Duration::days(1)).and_time(NaiveTime::MIN).and_utc()));
        }
        if let Some(deadline) = day(&filter.deadline_before, "deadline_before")? {
            query = query.filter(application::Column::DeadlineOn.lte(deadline));
        }
        if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            // A file number ("2026-091-000042", or a part of it), else a numéro étranger (10
            // digits) or a name.
            let digits_only = search.bytes().all(|b| b.is_ascii_digit());
            if (search.contains('-') && search.bytes().any(|b| b.is_ascii_digit())) || (digits_only && search.len() != 10) {
                query = query.filter(application::Column::FileNumber.contains(search.to_uppercase()));
            } else {
                let accounts = self.accounts_matching(search).await.map_err(db)?;
                query = query.filter(application::Column::AccountId.is_in(accounts));
            }
        }
        Ok(query)
    }

    async fn view(&self, agent: &AgentSession, application: application::Model, lang: Lang) -> Result<FileView, AppError> {
        let conn = &self.state.db;
        let procedure =
            catalogue::procedure(&application.procedure).ok_or_else(|| internal(format!("unknown procedure {}", application.procedure)))?;
        let answers: Answers = serde_json::from_str(&application.answers).map_err(internal)?;
        let holder =
            holder::of_account(conn, application.account_id).await.map_err(db)?.ok_or_else(|| internal("file without a holder"))?;
        let applicant = ApplicantContext { birth_date: holder.birth_date, today: self.state.clock.today() };
        let files = store::files(conn, application.id).await.map_err(db)?;
        let parts = procedure
            .steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Form | StepKind::Documents) && !s.fields.is_empty())
            .map(|s| PartView { title: s.title.get(lang).to_owned(), rows: answer_rows(s, &answers, &applicant, lang) })
            .collect();
        let documents = required_documents(procedure, &answers, &applicant)
            .into_iter()
            .map(|d| DocumentView {
                label: d.label.get(lang).to_owned(),
                files: files.iter().filter(|f| f.document_code == d.code).cloned().map(joined_file).collect(),
            })
            .collect();
        let history = store::history(conn, application.id)
            .await
            .map_err(db)?
            .into_iter()
            .map(|e| EventView {
                at: paris_display(e.created_at),
                actor: ActorKind::ALL
                    .iter()
                    .find(|k| k.as_str() == e.actor_kind)
                    .map(|k| k.label().get(lang).to_owned())
                    .unwrap_or(e.actor_kind),
                action: history_label(&e.action).map(|l| l.get(lang).to_owned()).unwrap_or(e.action),
                from_status: e.from_status,
                to_status: e.to_status,
                detail: e.detail,
            })
            .collect();
        let current = FileStatus::ALL.iter().copied().find(|s| s.as_str() == application.status);
        let actions = current
            .map(|s| allowed_actions(s, ActorKind::Agent))
            .unwrap_or_default()
            .into_iter()
            // The complementary-document request and the refusal have their own forms
            // (documents and reasons; the decision's PDF).
            .filter(|a| !matches!(a, Action::RequestComplement | Action::Refuse))
            .map(|a| ActionView { code: a.as_str().to_owned(), label: a.label().get(lang).to_owned() })
            .collect();
        let complement = complements::last(conn, application.id)
            .await
            .map_err(db)?
            .map(|(request, items)| complements::view(procedure, &request, &items, &files, self.state.clock.today(), lang));
        let can_request_complement = current.is_some_and(|s| allowed_actions(s, ActorKind::Agent).contains(&Action::RequestComplement));
        let can_refuse = current.is_some_and(|s| allowed_actions(s, ActorKind::Agent).contains(&Action::Refuse));
        let can_register_in_agdref = registration::can_register(conn, &application).await.map_err(db)?;
        Ok(FileView {
            can_register_in_agdref,
            can_request_complement,
            can_refuse,
            requestable: procedure.documents.iter().map(|d| (d.code.to_owned(), d.label.get(lang).to_owned())).collect(),
            complement,
            id: application.public_id,
            file_number: application.file_number.unwrap_or_default(),
            procedure: application.procedure,
            status: application.status,
            filed_at: application.submitted_at.map(paris_display).unwrap_or_default(),
            prefecture: agent.prefecture_name.clone(),
            civil_status: holder.civil_status,
            parts,
            documents,
            observations: application.observations,
            history,
            actions,
        })
    }
}

impl InstructionServiceImpl {
    /// Applies a lifecycle `action` of the agent to the file `id`; a refusal comes with the
    /// prefecture's decision (`decision`, a PDF), kept as a document the applicant downloads.
    pub async fn apply(
        &self,
        ctx: &RequestCtx,
        id: &str,
        action: Action,
        note: Option<String>,
        decision: Option<Vec<u8>>,
    ) -> Result<FileView, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        if note.as_ref().is_some_and(|n| n.chars().count() > NOTE_MAX) {
            return Err(AppError::field("note", ValidationError::TooLong { max: NOTE_MAX }));
        }
        if action == Action::Refuse {
            // A refusal always says why, and comes with the decision signed by the prefecture.
            if note.is_none() {
                return Err(AppError::field("note", ValidationError::Required));
            }
            match &decision {
                None => return Err(AppError::field("decision", ValidationError::Required)),
                Some(pdf) if FileKind::sniff(pdf) != Some(FileKind::Pdf) => {
                    return Err(AppError::field("decision", ValidationError::FileTypeNotAccepted));
                }
                Some(pdf) if pdf.len() as u64 > MAX_FILE_BYTES => {
                    return Err(AppError::field("decision", ValidationError::FileTooLarge { max_mb: 10 }));
                }
                Some(_) => {}
            }
        }
        let from = FileStatus::ALL.iter().copied().find(|s| s.as_str() == application.status).ok_or(AppError::Conflict)?;
        let to = transition(from, action, ActorKind::Agent).map_err(|_| AppError::Conflict)?;

        let state = &self.state;
        let now = state.clock.now();
        let txn = crate::db::begin_write(&state.db).await.map_err(db)?;
        // Compare-and-set on the status: two agents acting at once cannot both succeed.
        let changed = application::Entity::update_many()
            .col_expr(application::Column::Status, Expr::value(to.as_str()))
            .col_expr(application::Column::UpdatedAt, Expr::value(now))
            .col_expr(application::Column::Version, Expr::col(application::Column::Version).add(1))
            .filter(application::Column::Id.eq(application.id))
            .filter(application::Column::Status.eq(from.as_str()))
            .exec(&txn)
            .await
            .map_err(db)?;
        if changed.rows_affected == 0 {
            return Err(AppError::Conflict);
        }
        let event = Event {
            application_id: application.id,
            actor: Actor::Agent(agent.agent_id),
            action: action.as_str(),
            from_status: Some(from.as_str()),
            to_status: to.as_str(),
            detail: note.clone(),
        };
        store::record_event(&txn, &state.clock, event).await.map_err(db)?;

        let holder =
            holder::of_account(&txn, application.account_id).await.map_err(db)?.ok_or_else(|| internal("file without a holder"))?;
        let file_number = application.file_number.clone().unwrap_or_default();
        if action == Action::DecideFavourable {
            let civil = &holder.civil_status;
            let procedure = catalogue::procedure(&application.procedure).map(|p| p.title.fr).unwrap_or_default();
            let attestation = Attestation {
                file_number: file_number.clone(),
                procedure: procedure.to_owned(),
                holder_name: crate::registry::display_name(&civil.given_names, &civil.birth_name, civil.usage_name.as_deref()),
                birth_date: civil.birth_date.clone(),
                nationality: app::domain::countries::find(&civil.nationality)
                    .map(|c| c.fr.to_owned())
                    .unwrap_or_else(|| civil.nationality.clone()),
                numero_etranger: civil.numero_etranger.clone(),
                prefecture: agent.prefecture_name.clone(),
                decided_at: paris_display(now),
            };
            let pdf = attestation.document().render().map_err(internal)?;
            self.issue(&txn, application.id, decision::FAVOURABLE, &attestation.file_name(), &pdf).await?;
        }
        if let (Action::Refuse, Some(pdf)) = (action, &decision) {
            let file_name = format!("decision-de-refus-{file_number}.pdf");
            self.issue(&txn, application.id, decision::REFUSAL, &file_name, pdf).await?;
        }
        if notifies_applicant(action) {
            self.tell_applicant(&txn, &application, action, to).await?;
        }
        txn.commit().await.map_err(db)?;
        state.jobs_wakeup.notify_one();
        tracing::info!(agent = agent.agent_id, file = %file_number, action = action.as_str(), "instruction");
        let application = self.file_of(agent, id).await?;
        self.view(agent, application, ctx.lang).await
    }

    /// Stores a document issued for the file (before the commit: an orphan object is harmless,
    /// a row pointing to nothing is not).
    async fn issue(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        application_id: i32,
        kind: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<(), AppError> {
        let stored = self.state.storage.put(bytes).await.map_err(internal)?;
        let document = issued_document::ActiveModel {
            application_id: Set(application_id),
            kind: Set(kind.to_owned()),
            file_name: Set(file_name.to_owned()),
            size_bytes: Set(i64::try_from(stored.size).unwrap_or(i64::MAX)),
            sha256: Set(stored.sha256.clone()),
            storage_key: Set(stored.key.clone()),
            created_at: Set(self.state.clock.now()),
            ..Default::default()
        };
        sea_orm::ActiveModelTrait::insert(document, txn).await.map_err(db)?;
        Ok(())
    }

    /// Tells the applicant that `action` moved the file to `to`: an in-app notification and an
    /// e-mail inviting them to their account (with where to collect the card, once it is ready).
    async fn tell_applicant(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        application: &application::Model,
        action: Action,
        to: FileStatus,
    ) -> Result<(), AppError> {
        let Some(owner) = account::Entity::find_by_id(application.account_id).one(txn).await.map_err(db)? else {
            return Ok(());
        };
        let clock = &self.state.clock;
        crate::notifications::notify(txn, clock, owner.id, Some(application.id), NotificationKind::File(action)).await.map_err(db)?;
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        let file_number = application.file_number.as_deref().unwrap_or_default();
        let account_url = self.state.url(app::domain::notifications::paths::ACCOUNT);
        let prefecture = match (action, application.prefecture_id) {
            (Action::CardAvailable, Some(id)) => prefecture::Entity::find_by_id(id).one(txn).await.map_err(db)?,
            _ => None,
        };
        let content = match prefecture {
            Some(p) => {
                templates::card_available(lang, file_number, &p.name, &format!("{}, {} {}", p.street, p.postal_code, p.city), account_url)
            }
            None => templates::file_update(lang, file_number, &to.label().get(lang).to_lowercase(), account_url),
        };
        outbox::enqueue(txn, clock, &owner.email, content, vec![]).await.map(|_| ()).map_err(db)
    }
}

fn db(error: DbErr) -> AppError {
    internal(error)
}

#[async_trait]
impl InstructionService for InstructionServiceImpl {
    async fn login(&self, ctx: &RequestCtx, email: &str, password: &str) -> Result<SessionToken, AppError> {
        self.limit(LOGIN_PER_CLIENT, &ctx.client_ip).await?;
        self.limit(LOGIN_PER_EMAIL, &email.trim().to_lowercase()).await?;
        let found = agents::by_email(&self.state.db, email).await.map_err(db)?;
        let stored = found.as_ref().map(|a| a.password_hash.clone());
        let given = password.to_owned();
        // Argon2 is CPU-bound: keep it off the async workers (and spend it even for an unknown
        // e-mail, so the answer time says nothing).
        let valid = tokio::task::spawn_blocking(move || verify_password(&given, stored.as_deref())).await.map_err(internal)?;
        let (Some(agent), true) = (found, valid) else {
            return Err(AppError::InvalidCredentials);
        };
        tracing::info!(agent = agent.id, "agent login");
        agents::open_session(&self.state.db, &self.state.clock, agent.id).await.map_err(db)
    }

    async fn logout(&self, ctx: &RequestCtx) -> Result<(), AppError> {
        if let Some(agent) = &ctx.agent {
            agents::close_session(&self.state.db, agent.session_id).await.map_err(db)?;
        }
        Ok(())
    }

    async fn queue(&self, ctx: &RequestCtx, filter: QueueFilter) -> Result<QueuePage, AppError> {
        let agent = ctx.agent()?;
        let mut query = self.filtered(agent, &filter).await?;
        let search = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        // A complete file number (`2026-091-000042`) names one file: asking for it by equality
        // too lets the database use the unique index rather than read every file of the
        // prefecture for the substring (same result; measured in benches/queue.rs).
        let complete_number = |s: &str| {
            let b = s.as_bytes();
            b.len() == 15
                && b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == b'-'
                && b[5..8].iter().all(u8::is_ascii_alphanumeric)
                && b[8] == b'-'
                && b[9..].iter().all(u8::is_ascii_digit)
        };
        if let Some(number) = search.filter(|s| complete_number(s)) {
            query = query.filter(application::Column::FileNumber.eq(number.to_uppercase()));
        }
        // COUNT(status) rather than COUNT(id): the queue's indexes hold the status, so
        // PostgreSQL counts from an index alone instead of reading the table.
        let counts: Vec<(String, i64)> = application::Entity::find()
            .select_only()
            .column(application::Column::Status)
            .column_as(application::Column::Status.count(), "files")
            .filter(application::Column::PrefectureId.eq(agent.prefecture_id))
            .filter(application::Column::Status.is_not_in([status::DRAFT, status::ABANDONED]))
            .group_by(application::Column::Status)
            .into_tuple()
            .all(&self.state.db)
            .await
            .map_err(db)?;
        // Filtered by status alone (or not at all), the total is in the counts: no second pass
        // over the prefecture's files.
        let status_only = search.is_none()
            && filter.procedure.is_none()
            && filter.filed_from.is_none()
            && filter.filed_to.is_none()
            && filter.deadline_before.is_none();
        let total = if status_only {
            counts
                .iter()
                .filter(|(code, _)| filter.status.as_ref().is_none_or(|wanted| wanted == code))
                .map(|(_, n)| u64::try_from(*n).unwrap_or(0))
                .sum()
        } else {
            query.clone().count(&self.state.db).await.map_err(db)?
        };
        let pages = total.div_ceil(QUEUE_PAGE_SIZE).max(1);
        let page = filter.page.clamp(1, pages);
        let rows = query
            .order_by_asc(application::Column::SubmittedAt)
            .order_by_asc(application::Column::Id)
            .paginate(&self.state.db, QUEUE_PAGE_SIZE)
            .fetch_page(page - 1)
            .await
            .map_err(db)?;
        // The page's holders in three queries rather than two per file (40 round trips were a
        // third of a page's time on PostgreSQL). Who the holder is follows
        // `holder::of_account`: the AGDREF person, else the VISABIO visa.
        let conn = &self.state.db;
        let owners: HashMap<i32, (Option<i32>, Option<i32>)> = account::Entity::find()
            .filter(account::Column::Id.is_in(rows.iter().map(|r| r.account_id)))
            .select_only()
            .columns([account::Column::Id, account::Column::PersonId, account::Column::VisaId])
            .into_tuple::<(i32, Option<i32>, Option<i32>)>()
            .all(conn)
            .await
            .map_err(db)?
            .into_iter()
            .map(|(id, person_id, visa_id)| (id, (person_id, visa_id)))
            .collect();
        let person_ids: Vec<i32> = owners.values().filter_map(|(p, _)| *p).collect();
        let persons: HashMap<i32, person::Model> = if person_ids.is_empty() {
            HashMap::new()
        } else {
            person::Entity::find()
                .filter(person::Column::Id.is_in(person_ids))
                .all(conn)
                .await
                .map_err(db)?
                .into_iter()
                .map(|p| (p.id, p))
                .collect()
        };
        let visa_ids: Vec<i32> =
            owners.values().filter(|(p, _)| p.is_none_or(|id| !persons.contains_key(&id))).filter_map(|(_, v)| *v).collect();
        let visas: HashMap<i32, visa::Model> = if visa_ids.is_empty() {
            HashMap::new()
        } else {
            visa::Entity::find()
                .filter(visa::Column::Id.is_in(visa_ids))
                .all(conn)
                .await
                .map_err(db)?
                .into_iter()
                .map(|v| (v.id, v))
                .collect()
        };
        let holder_of = |account_id: i32| -> (String, Option<String>) {
            let Some((person_id, visa_id)) = owners.get(&account_id) else { return Default::default() };
            if let Some(p) = person_id.and_then(|id| persons.get(&id)) {
                return (
                    crate::registry::display_name(&p.given_names, &p.birth_name, p.usage_name.as_deref()),
                    Some(p.numero_etranger.clone()),
                );
            }
            if let Some(v) = visa_id.and_then(|id| visas.get(&id)) {
                return (crate::registry::display_name(&v.given_names, &v.birth_name, None), None);
            }
            Default::default()
        };
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let (holder, numero_etranger) = holder_of(row.account_id);
            items.push(QueueItem {
                id: row.public_id,
                file_number: row.file_number.unwrap_or_default(),
                procedure: row.procedure,
                holder,
                numero_etranger,
                status: row.status,
                filed_on: row.submitted_at.map(|at| at.format("%d/%m/%Y").to_string()).unwrap_or_default(),
                deadline_on: row.deadline_on.map(|d| d.format("%d/%m/%Y").to_string()),
            });
        }
        // In the lifecycle's order.
        let counts = FileStatus::ALL
            .iter()
            .filter_map(|s| {
                counts.iter().find(|(code, _)| code == s.as_str()).map(|(code, n)| (code.clone(), u64::try_from(*n).unwrap_or(0)))
            })
            .collect();
        Ok(QueuePage {
            prefecture: agent.prefecture_name.clone(),
            agent: agent.display_name.clone(),
            is_admin: agent.is_admin,
            items,
            total,
            page,
            pages,
            counts,
        })
    }

    async fn file(&self, ctx: &RequestCtx, id: &str) -> Result<FileView, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        self.view(agent, application, ctx.lang).await
    }

    async fn request_complement(&self, ctx: &RequestCtx, id: &str, documents: Vec<RequestedDocument>) -> Result<FileView, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        let procedure =
            catalogue::procedure(&application.procedure).ok_or_else(|| internal(format!("unknown procedure {}", application.procedure)))?;
        let known: Vec<&str> = procedure.documents.iter().map(|d| d.code).collect();
        validate_request(&documents, &known)?;
        let from = FileStatus::ALL.iter().copied().find(|s| s.as_str() == application.status).ok_or(AppError::Conflict)?;
        let to = transition(from, Action::RequestComplement, ActorKind::Agent).map_err(|_| AppError::Conflict)?;
        let state = &self.state;
        let deadline = state.clock.today().add_days(COMPLEMENT_DEADLINE_DAYS);
        let deadline_on = to_naive_date(deadline).ok_or_else(|| internal("deadline out of range"))?;

        let txn = crate::db::begin_write(&state.db).await.map_err(db)?;
        let changed = application::Entity::update_many()
            .col_expr(application::Column::Status, Expr::value(to.as_str()))
            .col_expr(application::Column::DeadlineOn, Expr::value(deadline_on))
            .col_expr(application::Column::UpdatedAt, Expr::value(state.clock.now()))
            .col_expr(application::Column::Version, Expr::col(application::Column::Version).add(1))
            .filter(application::Column::Id.eq(application.id))
            .filter(application::Column::Status.eq(from.as_str()))
            .exec(&txn)
            .await
            .map_err(db)?;
        if changed.rows_affected == 0 {
            return Err(AppError::Conflict);
        }
        complements::create(&txn, &state.clock, application.id, agent.agent_id, deadline, &documents).await.map_err(db)?;
        let labels: Vec<&str> = documents
            .iter()
            .filter_map(|d| procedure.documents.iter().find(|rule| rule.code == d.document).map(|rule| rule.label.fr))
            .collect();
        let event = Event {
            application_id: application.id,
            actor: Actor::Agent(agent.agent_id),
            action: Action::RequestComplement.as_str(),
            from_status: Some(from.as_str()),
            to_status: to.as_str(),
            detail: Some(format!("{} (échéance le {})", labels.join(", "), deadline.to_french())),
        };
        store::record_event(&txn, &state.clock, event).await.map_err(db)?;
        self.tell_applicant(&txn, &application, Action::RequestComplement, to).await?;
        txn.commit().await.map_err(db)?;
        state.jobs_wakeup.notify_one();
        let application = self.file_of(agent, id).await?;
        self.view(agent, application, ctx.lang).await
    }

    async fn act(&self, ctx: &RequestCtx, id: &str, action: &str, note: Option<String>) -> Result<FileView, AppError> {
        let Some(action) = Action::ALL.iter().copied().find(|a| a.as_str() == action && *a != Action::RequestComplement) else {
            return Err(AppError::field("action", ValidationError::InvalidChoice));
        };
        // A refusal carries the prefecture's decision (a PDF): it comes through its upload route.
        if action == Action::Refuse {
            return Err(AppError::field("decision", ValidationError::Required));
        }
        self.apply(ctx, id, action, note, None).await
    }

    async fn change_password(&self, ctx: &RequestCtx, current: &str, new: &str) -> Result<(), AppError> {
        let agent = ctx.agent_session()?;
        agents::change_own_password(&self.state.db, &self.state.clock, agent, current, new).await
    }

    async fn register_in_agdref(&self, ctx: &RequestCtx, id: &str) -> Result<RegistrationDone, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        let registered = registration::register(&self.state, agent, &application).await.map_err(|error| match error {
            RegistrationError::Refused(refusal) => AppError::Registration(refusal),
            other => internal(other),
        })?;
        let application = self.file_of(agent, id).await?;
        let file = self.view(agent, application, ctx.lang).await?;
        Ok(RegistrationDone { numero_etranger: registered.numero_etranger.to_string(), email: registered.email, file })
    }
}
