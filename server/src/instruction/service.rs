//! The back-office as called by the server functions. Every call starts from the agent of the
//! request and only ever reads or changes files of the agent's prefecture; any other file is
//! "not found", like one that does not exist.

use async_trait::async_trait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::backend::{AgentSession, InstructionBackend, RequestCtx, SessionToken};
use app::domain::catalogue::answers::{answer_rows, required_documents};
use app::domain::catalogue::{self, Answers, StepKind};
use app::domain::complement::{validate_request, RequestedDocument};
use app::domain::files::{FileKind, MAX_FILE_BYTES};
use app::domain::lifecycle::{allowed_actions, history_label, notifies_applicant, Action, ActorKind, FileStatus, COMPLEMENT_DEADLINE_DAYS};
use app::domain::notifications::NotificationKind;
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::i18n::Lang;
use app::instruction::{
    ActionView, DocumentView, EventView, FileView, PartView, QueueFilter, QueuePage, RegistrationDone, SecondFactorEnrolment,
};

use crate::accounts::rate_limit::{self, Limit};
use crate::clock::{to_domain_date, to_naive_date};
use crate::db::entities::{account, application, prefecture};
use crate::error::{internal, OrInternal};
use crate::filing::issued::{self, new_verification_code, verification_line, Issue};
use crate::filing::status::{self, Change};
use crate::filing::store::{self, Actor};
use crate::filing::submission::paris_display;
use crate::filing::{holder, joined_file};
use crate::instruction::decision::{self, Attestation};
use crate::instruction::registration::{self, RegistrationError};
use crate::instruction::{agents, complements, queue, second_factor};
use crate::lawful_stay::attestations;
use crate::mail::{outbox, templates};
use crate::sessions;
use crate::state::AppState;

const LOGIN_PER_CLIENT: Limit = Limit { name: "agent-login-ip", max: 30, window_seconds: 15 * 60 };
/// Wrong guesses on one agent's address from one client: refused past the limit.
const LOGIN_PER_EMAIL_FROM_CLIENT: Limit = Limit { name: "agent-login-email-ip", max: 10, window_seconds: 15 * 60 };
/// Attempts on one agent's address from anywhere: slowed down past the limit, never refused,
/// so that nobody can lock an agent out.
const LOGIN_PER_EMAIL: Limit = Limit { name: "agent-login-email", max: 10, window_seconds: 15 * 60 };
/// Longest comment an agent writes in the history.
const NOTE_MAX: usize = 2000;

pub struct InstructionService {
    state: AppState,
}

impl InstructionService {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    async fn limit(&self, limit: Limit, key: &str) -> Result<(), AppError> {
        if rate_limit::hit(&self.state.db, &self.state.clock, limit, key).await.or_internal()? {
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
            .or_internal()?
            .ok_or(AppError::NotFound)
    }

    async fn view(&self, agent: &AgentSession, application: application::Model, lang: Lang) -> Result<FileView, AppError> {
        let conn = &self.state.db;
        let procedure =
            catalogue::procedure(&application.procedure).ok_or_else(|| internal(format!("unknown procedure {}", application.procedure)))?;
        let answers: Answers = serde_json::from_str(&application.answers).or_internal()?;
        let holder =
            holder::of_account(conn, application.account_id).await.or_internal()?.ok_or_else(|| internal("file without a holder"))?;
        let applicant = holder.context(self.state.clock.today());
        let files = store::files(conn, application.id).await.or_internal()?;
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
            .or_internal()?
            .into_iter()
            .map(|e| {
                Ok(EventView {
                    at: paris_display(e.created_at),
                    actor: e.actor_kind.parse::<ActorKind>().map(|k| k.label().get(lang).to_owned()).unwrap_or(e.actor_kind),
                    action: history_label(&e.action).map(|l| l.get(lang).to_owned()).unwrap_or(e.action),
                    from_status: e.from_status.map(|s| s.parse()).transpose().or_internal()?,
                    to_status: e.to_status.parse().or_internal()?,
                    detail: e.detail,
                })
            })
            .collect::<Result<_, AppError>>()?;
        let current = status::current(&application).or_internal()?;
        let agent_actions = allowed_actions(current, ActorKind::Agent);
        let actions = agent_actions
            .iter()
            .copied()
            // The complementary-document request and the refusal have their own forms
            // (documents and reasons; the decision's PDF).
            .filter(|a| !matches!(a, Action::RequestComplement | Action::Refuse | Action::RequestCorrection))
            .map(|a| ActionView { code: a.as_str().to_owned(), label: a.label().get(lang).to_owned() })
            .collect();
        let complement = complements::last(conn, application.id)
            .await
            .or_internal()?
            .map(|(request, items)| complements::view(procedure, &request, &items, &files, self.state.clock.today(), lang));
        let can_request_complement = agent_actions.contains(&Action::RequestComplement);
        let can_refuse = agent_actions.contains(&Action::Refuse);
        let can_request_correction = agent_actions.contains(&Action::RequestCorrection);
        let correction = match crate::filing::corrections::last_request(conn, application.id).await.or_internal()? {
            Some((request, items)) if request.answered_at.is_none() => crate::filing::corrections::requested_view(procedure, &items, lang),
            _ => Vec::new(),
        };
        let changes = crate::filing::corrections::changes(conn, application.id).await.or_internal()?;
        let can_register_in_agdref = registration::can_register(conn, &application).await.or_internal()?;
        Ok(FileView {
            can_request_correction,
            correctable: app::domain::corrections::targets(procedure, &answers, &applicant, lang),
            correction,
            changes,
            can_register_in_agdref,
            can_request_complement,
            can_refuse,
            requestable: procedure.documents.iter().map(|d| (d.code.to_owned(), d.label.get(lang).to_owned())).collect(),
            complement,
            id: application.public_id,
            file_number: application.file_number.unwrap_or_default(),
            procedure: application.procedure.into(),
            status: current,
            filed_at: application.submitted_at.map(paris_display).unwrap_or_default(),
            prefecture: agent.prefecture_name.clone(),
            civil_status: holder.civil_status,
            parts,
            documents,
            observations: application.observations,
            implicit_decision_on: application.implicit_decision_on.map(|d| to_domain_date(d).to_french()),
            history,
            actions,
        })
    }
}

impl InstructionService {
    /// Applies a lifecycle `action` of the agent to the file `id`; a refusal comes with the
    /// prefecture's decision (`decision`, a PDF), kept as a document the applicant downloads.
    /// Whether the request's agent may act on file `id` (their prefecture's, password not
    /// awaiting its change): what a route checks before reading a large body.
    pub async fn check_file_access(&self, ctx: &RequestCtx, id: &str) -> Result<(), AppError> {
        let agent = ctx.agent()?;
        self.file_of(agent, id).await.map(|_| ())
    }

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
        let state = &self.state;
        let now = state.clock.now();
        let txn = crate::db::begin_write(&state.db).await.or_internal()?;
        let to = status::change(&txn, &state.clock, &application, Change::new(action, Actor::Agent(agent.agent_id)).detail(note.clone()))
            .await?;

        let holder =
            holder::of_account(&txn, application.account_id).await.or_internal()?.ok_or_else(|| internal("file without a holder"))?;
        let file_number = application.file_number.clone().unwrap_or_default();
        // A favourable decision and the card's availability each leave a PDF that proves it.
        let outcome = match action {
            Action::DecideFavourable => Some(decision::Outcome::Decided),
            Action::CardAvailable => {
                let office = match application.prefecture_id {
                    Some(id) => prefecture::Entity::find_by_id(id).one(&txn).await.or_internal()?,
                    None => None,
                };
                let office = office.map(|p| p.office()).unwrap_or_default();
                Some(decision::Outcome::CardReady { office })
            }
            _ => None,
        };
        if let Some(outcome) = outcome {
            let civil = &holder.civil_status;
            let procedure = catalogue::procedure(&application.procedure).map(|p| p.title.fr).unwrap_or_default();
            let code = new_verification_code();
            let attestation = Attestation {
                outcome,
                file_number: file_number.clone(),
                procedure: procedure.to_owned(),
                holder_name: holder::display_name(civil),
                birth_date: civil.birth_date.clone(),
                nationality: holder::nationality(civil, Lang::Fr),
                numero_etranger: civil.numero_etranger.clone(),
                prefecture: agent.prefecture_name.clone(),
                decided_at: paris_display(now),
                verification: verification_line(state, &code),
            };
            let pdf = attestation.document().render_blocking().await.or_internal()?;
            let file_name = attestation.file_name();
            let issue = Issue {
                application_id: application.id,
                kind: attestation.kind(),
                file_name: &file_name,
                pdf: &pdf,
                verification_code: Some(code),
                valid: None,
            };
            issued::issue(&txn, state, issue).await.or_internal()?;
        }
        if action == Action::TakeCharge && !state.config.lawful_stay.attestation_at_filing {
            // The policy issues the attestation once the file is checked rather than at filing.
            if let Some((document, pdf)) = attestations::issue_first(&txn, state, application.id).await.or_internal()? {
                if let Some(owner) = account::Entity::find_by_id(application.account_id).one(&txn).await.or_internal()? {
                    attestations::announce(&txn, state, &owner, &application, document, pdf).await.or_internal()?;
                }
            }
        }
        if let (Action::Refuse, Some(pdf)) = (action, &decision) {
            let file_name = format!("decision-de-refus-{file_number}.pdf");
            let issue = Issue {
                application_id: application.id,
                kind: decision::REFUSAL,
                file_name: &file_name,
                pdf,
                verification_code: None,
                valid: None,
            };
            issued::issue(&txn, state, issue).await.or_internal()?;
        }
        if notifies_applicant(action) {
            self.tell_applicant(&txn, &application, action, to).await?;
        }
        txn.commit().await.or_internal()?;
        state.jobs_wakeup.notify_one();
        tracing::info!(agent = agent.agent_id, file = %file_number, action = action.as_str(), "instruction");
        let application = self.file_of(agent, id).await?;
        self.view(agent, application, ctx.lang).await
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
        let Some(owner) = account::Entity::find_by_id(application.account_id).one(txn).await.or_internal()? else {
            return Ok(());
        };
        let clock = &self.state.clock;
        crate::notifications::notify(txn, clock, owner.id, Some(application.id), NotificationKind::File(action)).await.or_internal()?;
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        let file_number = application.file_number.as_deref().unwrap_or_default();
        let account_url = self.state.url(app::domain::notifications::paths::ACCOUNT);
        let prefecture = match (action, application.prefecture_id) {
            (Action::CardAvailable, Some(id)) => prefecture::Entity::find_by_id(id).one(txn).await.or_internal()?,
            _ => None,
        };
        let content = match prefecture {
            Some(p) => templates::card_available(lang, file_number, &p.name, &p.address(), account_url),
            None => templates::file_update(lang, file_number, &to.label().get(lang).to_lowercase(), account_url),
        };
        outbox::enqueue(txn, clock, &owner.email, content, vec![]).await.map(|_| ()).or_internal()
    }
}

#[async_trait]
impl InstructionBackend for InstructionService {
    async fn login(&self, ctx: &RequestCtx, email: &str, password: &str) -> Result<SessionToken, AppError> {
        self.limit(LOGIN_PER_CLIENT, &ctx.client_ip).await?;
        let address = email.trim().to_lowercase();
        self.limit(LOGIN_PER_EMAIL_FROM_CLIENT, &format!("{address}|{}", ctx.client_ip)).await?;
        rate_limit::slow_down(&self.state.db, &self.state.clock, LOGIN_PER_EMAIL, &address).await.or_internal()?;
        app::domain::agents::validate_login(email, password).map_err(AppError::Validation)?;
        let found = agents::by_email(&self.state.db, email).await.or_internal()?;
        let stored = found.as_ref().map(|a| a.password_hash.clone());
        // Spent even for an unknown e-mail, so the answer time says nothing.
        let valid = self.state.passwords.verify(password, stored).await?;
        let (Some(agent), true) = (found, valid) else {
            return Err(AppError::InvalidCredentials);
        };
        if agent.must_change_password && agent.temporary_password_expires_at.is_some_and(|until| until <= self.state.clock.now()) {
            return Err(AppError::TemporaryPasswordExpired);
        }
        tracing::info!(agent = agent.id, "agent login");
        sessions::open_agent_session(&self.state.db, &self.state.clock, agent.id).await.or_internal()
    }

    async fn logout(&self, ctx: &RequestCtx) -> Result<(), AppError> {
        if let Some(agent) = &ctx.agent {
            sessions::close_agent_session(&self.state.db, agent.session_id).await.or_internal()?;
        }
        Ok(())
    }

    async fn queue(&self, ctx: &RequestCtx, filter: QueueFilter) -> Result<QueuePage, AppError> {
        let first = self.state.clock.today_naive();
        let last = first + chrono::Duration::days(self.state.config.lawful_stay.implicit_warning_days);
        queue::page(&self.state.db, ctx.agent()?, &filter, (first, last)).await
    }

    async fn file(&self, ctx: &RequestCtx, id: &str) -> Result<FileView, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        let number = application.file_number.clone().unwrap_or_else(|| application.public_id.clone());
        agents::record_by_agent(&self.state.db, &self.state.clock, agent.agent_id, agents::action::FILE_VIEWED, number)
            .await
            .or_internal()?;
        self.view(agent, application, ctx.lang).await
    }

    async fn request_complement(&self, ctx: &RequestCtx, id: &str, documents: Vec<RequestedDocument>) -> Result<FileView, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        let procedure =
            catalogue::procedure(&application.procedure).ok_or_else(|| internal(format!("unknown procedure {}", application.procedure)))?;
        let known: Vec<&str> = procedure.documents.iter().map(|d| d.code).collect();
        validate_request(&documents, &known)?;
        let state = &self.state;
        let deadline = state.clock.today().add_days(COMPLEMENT_DEADLINE_DAYS);
        let deadline_on = to_naive_date(deadline).ok_or_else(|| internal("deadline out of range"))?;
        let labels: Vec<&str> = documents
            .iter()
            .filter_map(|d| procedure.documents.iter().find(|rule| rule.code == d.document).map(|rule| rule.label.fr))
            .collect();
        let request = Change::new(Action::RequestComplement, Actor::Agent(agent.agent_id))
            .detail(format!("{} (échéance le {})", labels.join(", "), deadline.to_french()))
            .set(application::Column::DeadlineOn, Some(deadline_on));

        let txn = crate::db::begin_write(&state.db).await.or_internal()?;
        let to = status::change(&txn, &state.clock, &application, request).await?;
        complements::create(&txn, &state.clock, application.id, agent.agent_id, deadline, &documents).await.or_internal()?;
        self.tell_applicant(&txn, &application, Action::RequestComplement, to).await?;
        txn.commit().await.or_internal()?;
        state.jobs_wakeup.notify_one();
        let application = self.file_of(agent, id).await?;
        self.view(agent, application, ctx.lang).await
    }

    async fn request_correction(
        &self,
        ctx: &RequestCtx,
        id: &str,
        items: Vec<app::domain::corrections::CorrectionItem>,
    ) -> Result<FileView, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        let state = &self.state;
        let txn = crate::db::begin_write(&state.db).await.or_internal()?;
        crate::filing::corrections::request(&txn, state, &application, agent.agent_id, &items).await?;
        self.tell_applicant(&txn, &application, Action::RequestCorrection, FileStatus::CorrectionDemandee).await?;
        txn.commit().await.or_internal()?;
        state.jobs_wakeup.notify_one();
        let application = self.file_of(agent, id).await?;
        self.view(agent, application, ctx.lang).await
    }

    async fn act(&self, ctx: &RequestCtx, id: &str, action: &str, note: Option<String>) -> Result<FileView, AppError> {
        // Actions with their own form and checks are not performed here.
        let own_form = [Action::RequestComplement, Action::RequestCorrection];
        let Some(action) = Action::ALL.iter().copied().find(|a| a.as_str() == action && !own_form.contains(a)) else {
            return Err(AppError::field("action", ValidationError::InvalidChoice));
        };
        // A refusal carries the prefecture's decision (a PDF): it comes through its upload route.
        if action == Action::Refuse {
            return Err(AppError::field("decision", ValidationError::Required));
        }
        self.apply(ctx, id, action, note, None).await
    }

    async fn change_password(&self, ctx: &RequestCtx, current: &str, password: &str, confirmation: &str) -> Result<(), AppError> {
        let agent = ctx.agent_session()?;
        let errors = app::domain::password::change_errors(current, password, confirmation);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        agents::change_own_password(&self.state.db, &self.state.clock, &self.state.passwords, agent, current, password).await
    }

    async fn verify_second_factor(&self, ctx: &RequestCtx, code: &str) -> Result<(), AppError> {
        let session = ctx.agent_session()?;
        let db = &self.state.db;
        let agent = agents::by_id(db, session.agent_id).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let Some(sealed) = agent.totp_secret.as_deref() else {
            return Err(AppError::SecondFactorEnrolmentRequired);
        };
        let keys = &self.state.config.storage_keys;
        let secret = keys.open_text(&second_factor::sealing_context(agent.id), sealed).map_err(internal)?;
        self.limit(rate_limit::SECOND_FACTOR_PER_AGENT, &agent.id.to_string()).await?;
        let clock = &self.state.clock;
        let accepted = if second_factor::accept_code(db, clock, &agent, &secret, code).await.or_internal()? {
            true
        } else if second_factor::use_recovery_code(db, clock, agent.id, code).await.or_internal()? {
            let left = second_factor::recovery_codes_left(db, agent.id).await.or_internal()?;
            agents::record_by_agent(db, clock, agent.id, agents::action::RECOVERY_CODE_USED, format!("{left} left")).await.or_internal()?;
            true
        } else {
            false
        };
        if !accepted {
            tracing::warn!(agent = agent.id, "second factor refused");
            return Err(AppError::field("code", ValidationError::InvalidSecondFactorCode));
        }
        second_factor::mark_session(db, clock, session.session_id).await.or_internal()
    }

    async fn start_second_factor_enrolment(&self, ctx: &RequestCtx) -> Result<SecondFactorEnrolment, AppError> {
        let session = ctx.agent_session()?;
        // Replacing a second factor needs the current one.
        if session.awaiting_second_factor {
            return Err(AppError::SecondFactorRequired);
        }
        let db = &self.state.db;
        let agent = agents::by_id(db, session.agent_id).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let secret = second_factor::new_secret();
        let uri = second_factor::otpauth_uri(&secret, &agent.email);
        let qr_svg = second_factor::qr_svg(&uri).ok_or_else(|| internal("QR code of the enrolment"))?;
        let enrolled = agent.totp_enabled_at.is_some();
        // Kept sealed: a copy of the database alone gives nobody an agent's codes.
        let sealed = self.state.config.storage_keys.seal_text(&second_factor::sealing_context(agent.id), &secret);
        agents::set_pending_second_factor(db, &self.state.clock, agent, Some(sealed)).await.or_internal()?;
        let grouped = secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
        Ok(SecondFactorEnrolment { enrolled, secret: grouped, qr_svg })
    }

    async fn confirm_second_factor_enrolment(&self, ctx: &RequestCtx, code: &str) -> Result<Vec<String>, AppError> {
        let session = ctx.agent_session()?;
        if session.awaiting_second_factor {
            return Err(AppError::SecondFactorRequired);
        }
        let db = &self.state.db;
        let clock = &self.state.clock;
        let agent = agents::by_id(db, session.agent_id).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let Some(pending) = agent.totp_pending_secret.clone() else {
            return Err(AppError::Conflict);
        };
        self.limit(rate_limit::SECOND_FACTOR_PER_AGENT, &agent.id.to_string()).await?;
        let opened = self.state.config.storage_keys.open_text(&second_factor::sealing_context(agent.id), &pending).map_err(internal)?;
        let key = second_factor::base32_decode(&opened).ok_or_else(|| internal("stored secret"))?;
        let Some(step) = second_factor::verify(&key, code, clock.now().timestamp(), None) else {
            return Err(AppError::field("code", ValidationError::InvalidSecondFactorCode));
        };
        let codes = second_factor::new_recovery_codes();
        let txn = crate::db::begin_write(db).await.or_internal()?;
        agents::enable_second_factor(&txn, clock, session, agent, pending, step).await.or_internal()?;
        second_factor::store_recovery_codes(&txn, session.agent_id, &codes).await.or_internal()?;
        second_factor::mark_session(&txn, clock, session.session_id).await.or_internal()?;
        txn.commit().await.or_internal()?;
        tracing::info!(agent = session.agent_id, "second factor enrolled");
        Ok(codes)
    }

    async fn register_in_agdref(&self, ctx: &RequestCtx, id: &str) -> Result<RegistrationDone, AppError> {
        let agent = ctx.agent()?;
        let application = self.file_of(agent, id).await?;
        let registered = registration::register(&self.state, agent, &application).await.map_err(|error| match error {
            RegistrationError::Refused(refusal) => AppError::Registration(refusal),
            RegistrationError::Password(busy_or_failed) => busy_or_failed.into(),
            other => internal(other),
        })?;
        let application = self.file_of(agent, id).await?;
        let file = self.view(agent, application, ctx.lang).await?;
        Ok(RegistrationDone { numero_etranger: registered.numero_etranger.to_string(), email: registered.email, file })
    }
}
