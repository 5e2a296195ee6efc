//! What server functions need from the server crate, as traits (server-only).
//!
//! `app` must not depend on the database or e-mail crates, yet its server functions run on the
//! server. So `app` declares the services it calls, the `server` crate implements them and
//! provides a [`Services`] value in the Leptos context of every request, and a middleware puts
//! the [`RequestCtx`] of the request into its extensions. Server functions therefore stay
//! three lines long: read context, call a service, map the result.

use std::sync::Arc;

use async_trait::async_trait;
use leptos::prelude::*;

use crate::accounts::{ActivationLink, ContactMessage, CurrentUser, LoginOutcome};
use crate::domain::accounts::DocumentCredentialInput;
use crate::domain::catalogue::Answers;
use crate::domain::identifiers::NumeroEtranger;
use crate::error::AppError;
use crate::filing::{ApplicationSummary, DraftView, OrientationView, SavedStep, SubmittedView};
use crate::i18n::Lang;
use crate::instruction::{FileView, QueueFilter, QueuePage};

/// Who is making the request, resolved once per request by the server's session middleware.
#[derive(Clone, Debug)]
pub struct RequestCtx {
    pub request_id: String,
    /// Client address, as seen directly or through a trusted proxy.
    pub client_ip: String,
    pub lang: Lang,
    pub session: Option<SessionInfo>,
    /// The back-office session, from its own cookie.
    pub agent: Option<AgentSession>,
    /// Whether cookies must carry `Secure` (the service is served over https).
    pub secure_cookies: bool,
}

#[derive(Clone, Debug)]
pub struct SessionInfo {
    pub session_id: i32,
    pub principal: Principal,
    pub display_name: String,
    /// A temporary password was used: nothing but the password change is allowed.
    pub must_change_password: bool,
    /// The account's unread notifications (the header's bell), read with the session.
    pub unread_notifications: u64,
}

/// A logged-in prefecture agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentSession {
    pub session_id: i32,
    pub agent_id: i32,
    pub display_name: String,
    /// Every file the agent reads or changes must belong to this prefecture.
    pub prefecture_id: i32,
    pub prefecture_name: String,
    pub is_admin: bool,
    /// An administrator of every prefecture's agents (with `is_admin`).
    pub national_admin: bool,
    /// The password was issued by an administrator: only its change is allowed.
    pub must_change_password: bool,
    /// The agent has a second factor and has not given its code in this session yet.
    pub awaiting_second_factor: bool,
    /// The configuration requires a second factor and the agent has none: only its enrolment
    /// is allowed.
    pub must_enrol_second_factor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// An applicant's account: a title holder (person known in AGDREF) or a visa holder whose
    /// e-mail is validated but who has no numéro étranger yet.
    Applicant { account_id: i32, person_id: Option<i32>, visa_id: Option<i32> },
}

impl RequestCtx {
    /// The logged-in applicant, refusing sessions that must first change their password.
    pub fn applicant(&self) -> Result<(i32, &SessionInfo), AppError> {
        let session = self.session.as_ref().ok_or(AppError::Unauthenticated)?;
        if session.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        match session.principal {
            Principal::Applicant { account_id, .. } => Ok((account_id, session)),
        }
    }
}

impl RequestCtx {
    /// The logged-in agent: an applicant's session never counts.
    pub fn agent(&self) -> Result<&AgentSession, AppError> {
        let agent = self.agent_session()?;
        if agent.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        if agent.must_enrol_second_factor {
            return Err(AppError::SecondFactorEnrolmentRequired);
        }
        if agent.awaiting_second_factor {
            return Err(AppError::SecondFactorRequired);
        }
        Ok(agent)
    }

    /// The agent's session even while a temporary password must be changed (to change it, or
    /// to log out).
    pub fn agent_session(&self) -> Result<&AgentSession, AppError> {
        self.agent.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// The logged-in agent if an administrator: no agent session is `Unauthenticated` (to the
    /// login page), an agent who is not an administrator is `AdminOnly`.
    pub fn administrator(&self) -> Result<&AgentSession, AppError> {
        let agent = self.agent()?;
        if agent.is_admin {
            Ok(agent)
        } else {
            Err(AppError::AdminOnly)
        }
    }
}

/// An opaque session token to put in the session cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionToken(pub String);

#[async_trait]
pub trait AccountsBackend: Send + Sync {
    /// First half of account creation: checks the document against the registers and returns
    /// a short-lived ticket for the e-mail step.
    async fn start_signup(&self, ctx: &RequestCtx, input: DocumentCredentialInput) -> Result<String, AppError>;
    /// Second half: records the e-mail and queues the confirmation link. Answers the same way
    /// whatever the state of the person's account, so nothing can be learnt from it.
    async fn submit_signup_email(&self, ctx: &RequestCtx, ticket: &str, email: &str, confirmation: &str) -> Result<(), AppError>;
    /// Reads (without consuming) an activation link.
    async fn activation_link(&self, ctx: &RequestCtx, token: &str) -> Result<ActivationLink, AppError>;
    /// Title holder: consumes the link and sets the first password. Returns the identifier.
    async fn create_password(&self, ctx: &RequestCtx, token: &str, password: &str, confirmation: &str) -> Result<NumeroEtranger, AppError>;
    /// Visa holder: consumes the link, validates the e-mail and opens a session.
    async fn confirm_visa_email(&self, ctx: &RequestCtx, token: &str) -> Result<SessionToken, AppError>;
    async fn login(&self, ctx: &RequestCtx, identifier: &str, password: &str) -> Result<(SessionToken, LoginOutcome), AppError>;
    async fn logout(&self, ctx: &RequestCtx) -> Result<(), AppError>;
    /// Queues a reset link when the identifier has an account; answers `Ok` in every case.
    async fn request_password_reset(&self, ctx: &RequestCtx, identifier: &str) -> Result<(), AppError>;
    async fn check_reset_link(&self, ctx: &RequestCtx, token: &str) -> Result<(), AppError>;
    async fn reset_password(&self, ctx: &RequestCtx, token: &str, password: &str, confirmation: &str) -> Result<(), AppError>;
    async fn change_password(&self, ctx: &RequestCtx, current: &str, password: &str, confirmation: &str) -> Result<(), AppError>;
    async fn send_contact_message(&self, ctx: &RequestCtx, message: ContactMessage) -> Result<(), AppError>;
    /// The account page of the logged-in applicant.
    async fn account(&self, ctx: &RequestCtx) -> Result<crate::accounts::AccountView, AppError>;
    async fn update_contact(&self, ctx: &RequestCtx, contact: Answers) -> Result<Answers, AppError>;
    async fn request_email_change(&self, ctx: &RequestCtx, email: &str, confirmation: &str, current: &str) -> Result<(), AppError>;
    /// Consumes the link sent to the new address; returns the new address. Open password-reset
    /// links and the account's other sessions end.
    async fn confirm_email_change(&self, ctx: &RequestCtx, token: &str) -> Result<String, AppError>;
    async fn open_notification(&self, ctx: &RequestCtx, id: i32) -> Result<String, AppError>;
    async fn mark_notifications_read(&self, ctx: &RequestCtx) -> Result<(), AppError>;
    /// The header's view of the session (also what the session middleware resolved).
    fn current_user(&self, ctx: &RequestCtx) -> Option<CurrentUser> {
        ctx.session.as_ref().map(|s| CurrentUser {
            display_name: s.display_name.clone(),
            must_change_password: s.must_change_password,
            has_numero_etranger: matches!(s.principal, Principal::Applicant { person_id: Some(_), .. }),
            unread_notifications: s.unread_notifications,
        })
    }
}

#[async_trait]
pub trait FilingBackend: Send + Sync {
    /// Starts a draft of `procedure`, or returns the applicant's open draft of it.
    /// `mention`: the passeport talent sub-mention picked on the orientation page, if any.
    async fn start(
        &self,
        ctx: &RequestCtx,
        procedure: &str,
        request_kind: crate::filing::RequestKind,
        mention: Option<&str>,
    ) -> Result<String, AppError>;
    async fn draft(&self, ctx: &RequestCtx, id: &str) -> Result<DraftView, AppError>;
    async fn save_step(&self, ctx: &RequestCtx, id: &str, step: &str, version: i32, answers: Answers) -> Result<SavedStep, AppError>;
    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<ApplicationSummary>, AppError>;
    async fn submit(&self, ctx: &RequestCtx, id: &str, observations: Option<String>) -> Result<SubmittedView, AppError>;
    async fn abandon(&self, ctx: &RequestCtx, id: &str) -> Result<(), AppError>;
    /// The prefectures and, for `prefecture` (a code), its delay figures per procedure. Public.
    async fn delays(&self, ctx: &RequestCtx, prefecture: Option<&str>) -> Result<crate::tracker::DelaysView, AppError>;
    /// Withdraws a filed application not yet decided; the agent in charge is told.
    async fn withdraw(&self, ctx: &RequestCtx, id: &str, reason: &str) -> Result<(), AppError>;
    async fn search_address(&self, ctx: &RequestCtx, query: &str) -> Result<Vec<crate::filing::AddressSuggestion>, AppError>;
    async fn complement(&self, ctx: &RequestCtx, id: &str) -> Result<crate::filing::ComplementView, AppError>;
    async fn answer_complement(
        &self,
        ctx: &RequestCtx,
        id: &str,
        answers: Vec<crate::domain::complement::DocumentAnswer>,
        message: Option<String>,
    ) -> Result<(), AppError>;
    /// Marks one recap part as checked by the applicant; returns the new version.
    async fn validate_part(&self, ctx: &RequestCtx, id: &str, part: &str, version: i32) -> Result<i32, AppError>;
    async fn orientation(&self, ctx: &RequestCtx) -> Result<OrientationView, AppError>;
    /// Records the applicant's rating and comment on their filed application (a second one
    /// replaces the first).
    async fn give_feedback(&self, ctx: &RequestCtx, id: &str, rating: Option<u8>, comment: &str) -> Result<(), AppError>;
    /// The correction page of a filed application (`crate::corrections`).
    async fn correction(&self, ctx: &RequestCtx, id: &str) -> Result<crate::corrections::CorrectionView, AppError>;
    /// Records the applicant's corrections, issues the addendum, and sends a file the agent
    /// sent back to them again.
    async fn correct(
        &self,
        ctx: &RequestCtx,
        id: &str,
        version: i32,
        answers: Answers,
    ) -> Result<crate::corrections::CorrectionView, AppError>;
}

#[async_trait]
pub trait InstructionBackend: Send + Sync {
    async fn login(&self, ctx: &RequestCtx, email: &str, password: &str) -> Result<SessionToken, AppError>;
    async fn logout(&self, ctx: &RequestCtx) -> Result<(), AppError>;
    async fn queue(&self, ctx: &RequestCtx, filter: QueueFilter) -> Result<QueuePage, AppError>;
    async fn file(&self, ctx: &RequestCtx, id: &str) -> Result<FileView, AppError>;
    /// Applies a lifecycle action (`Action::as_str`) to a file of the agent's prefecture.
    async fn act(&self, ctx: &RequestCtx, id: &str, action: &str, note: Option<String>) -> Result<FileView, AppError>;
    /// "Demander des pièces complémentaires": the documents and why; the deadline is set.
    async fn request_complement(
        &self,
        ctx: &RequestCtx,
        id: &str,
        documents: Vec<crate::domain::complement::RequestedDocument>,
    ) -> Result<FileView, AppError>;
    /// "Renvoyer pour correction": the answers and documents to correct, each with its reason.
    async fn request_correction(
        &self,
        ctx: &RequestCtx,
        id: &str,
        items: Vec<crate::domain::corrections::CorrectionItem>,
    ) -> Result<FileView, AppError>;
    /// Registers the visa holder of a filed application in AGDREF (numéro étranger, temporary
    /// password, the two account e-mails), in one transaction.
    async fn register_in_agdref(&self, ctx: &RequestCtx, id: &str) -> Result<crate::instruction::RegistrationDone, AppError>;
    /// The agent replaces their own password (forced after an administrator issued one).
    async fn change_password(&self, ctx: &RequestCtx, current: &str, password: &str, confirmation: &str) -> Result<(), AppError>;
    /// The second factor's code (or a recovery code) for this session.
    async fn verify_second_factor(&self, ctx: &RequestCtx, code: &str) -> Result<(), AppError>;
    /// Whether the agent has a second factor, and a new secret to enrol (kept as pending).
    async fn start_second_factor_enrolment(&self, ctx: &RequestCtx) -> Result<crate::instruction::SecondFactorEnrolment, AppError>;
    /// Confirms the pending secret with one of its codes; returns the recovery codes, shown once.
    async fn confirm_second_factor_enrolment(&self, ctx: &RequestCtx, code: &str) -> Result<Vec<String>, AppError>;
}

/// The administration of agents' accounts (`/agent/administration`). Every method refuses
/// anyone but an administrator's agent session ([`RequestCtx::administrator`]).
#[async_trait]
pub trait AgentAdminBackend: Send + Sync {
    /// The agents and prefectures of the administrator's scope (every prefecture for a national
    /// administrator, who also sees the e-mails that could not be delivered).
    async fn directory(&self, ctx: &RequestCtx) -> Result<crate::instruction::admin::AgentDirectory, AppError>;
    /// Creates the account with a generated temporary password, returned once.
    async fn create_agent(
        &self,
        ctx: &RequestCtx,
        input: crate::domain::agents::NewAgentInput,
    ) -> Result<crate::instruction::admin::IssuedPassword, AppError>;
    /// Replaces the agent's password by a generated temporary one (returned once) and closes
    /// the agent's sessions.
    async fn reset_password(&self, ctx: &RequestCtx, agent_id: i32) -> Result<crate::instruction::admin::IssuedPassword, AppError>;
    /// Puts an e-mail that failed for good back in the queue (national administrators only).
    async fn resend_email(&self, ctx: &RequestCtx, id: i32) -> Result<(), AppError>;
}

/// Proof of lawful stay (`crate::lawful_stay`): the applicant's side needs a session; the
/// checks of `/verifier` are public and rate-limited.
#[async_trait]
pub trait LawfulStayBackend: Send + Sync {
    async fn proofs(&self, ctx: &RequestCtx) -> Result<crate::lawful_stay::ProofsView, AppError>;
    async fn renewal_notice(&self, ctx: &RequestCtx) -> Result<Option<crate::lawful_stay::RenewalNotice>, AppError>;
    async fn set_reminders(&self, ctx: &RequestCtx, enabled: bool) -> Result<(), AppError>;
    async fn create_share_code(&self, ctx: &RequestCtx, purpose: &str) -> Result<crate::lawful_stay::ShareCodeView, AppError>;
    async fn revoke_share_code(&self, ctx: &RequestCtx, code: &str) -> Result<(), AppError>;
    async fn verify_status(
        &self,
        ctx: &RequestCtx,
        code: &str,
        birth_date: (&str, &str, &str),
    ) -> Result<Option<crate::lawful_stay::StatusCheckView>, AppError>;
    async fn verify_document(&self, ctx: &RequestCtx, code: &str) -> Result<Option<crate::lawful_stay::DocumentCheckView>, AppError>;
}

/// A file's message thread (`crate::messages`): the applicant's side needs their session and
/// their own file, the agent's side a file of the agent's prefecture.
#[async_trait]
pub trait MessagesBackend: Send + Sync {
    async fn applicant_thread(&self, ctx: &RequestCtx, id: &str) -> Result<crate::messages::ThreadView, AppError>;
    async fn applicant_send(
        &self,
        ctx: &RequestCtx,
        id: &str,
        body: &str,
        attachments: &[i32],
    ) -> Result<crate::messages::ThreadView, AppError>;
    async fn agent_thread(&self, ctx: &RequestCtx, id: &str) -> Result<crate::messages::ThreadView, AppError>;
    async fn agent_send(
        &self,
        ctx: &RequestCtx,
        id: &str,
        body: &str,
        attachments: &[i32],
        awaiting_until: &str,
    ) -> Result<crate::messages::ThreadView, AppError>;
}

/// Appointments to collect the card (`crate::appointments`): the applicant's side on their own
/// file, the agents' on their prefecture's slots and files.
#[async_trait]
pub trait AppointmentsBackend: Send + Sync {
    async fn booking(&self, ctx: &RequestCtx, id: &str) -> Result<crate::appointments::BookingView, AppError>;
    async fn book(&self, ctx: &RequestCtx, id: &str, slot: i32) -> Result<crate::appointments::BookingView, AppError>;
    async fn cancel(&self, ctx: &RequestCtx, id: &str) -> Result<crate::appointments::BookingView, AppError>;
    async fn agent_day(&self, ctx: &RequestCtx, day: &str) -> Result<crate::appointments::AgentDayView, AppError>;
    async fn open_slots(
        &self,
        ctx: &RequestCtx,
        opening: crate::domain::appointments::OpeningInput,
    ) -> Result<crate::appointments::AgentDayView, AppError>;
    async fn settle(
        &self,
        ctx: &RequestCtx,
        appointment: i32,
        outcome: crate::domain::appointments::Outcome,
    ) -> Result<crate::appointments::AgentDayView, AppError>;
}

/// The services, provided in the Leptos context of every request by the server crate.
#[derive(Clone)]
pub struct Services {
    pub accounts: Arc<dyn AccountsBackend>,
    pub filing: Arc<dyn FilingBackend>,
    pub instruction: Arc<dyn InstructionBackend>,
    pub admin: Arc<dyn AgentAdminBackend>,
    pub lawful_stay: Arc<dyn LawfulStayBackend>,
    pub messages: Arc<dyn MessagesBackend>,
    pub appointments: Arc<dyn AppointmentsBackend>,
}

/// Context of the current request: the services and who is asking.
pub fn context() -> Result<(Services, RequestCtx), AppError> {
    let services = use_context::<Services>().ok_or(AppError::Internal)?;
    let ctx = request_ctx().ok_or(AppError::Internal)?;
    Ok((services, ctx))
}

pub fn request_ctx() -> Option<RequestCtx> {
    use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<RequestCtx>().cloned())
}

/// Sets the HTTP status of a failed server function from its error: the one place where
/// errors meet HTTP.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = http::StatusCode::from_u16(error.status()) {
                options.set_status(status);
            }
        }
    }
    result
}

/// The page's Content-Security-Policy: scripts only from this site or carrying this response's
/// nonce (Leptos puts it on its hydration and resource scripts), WebAssembly allowed, nothing
/// framed, no plugin. The one inline style attribute (the stepper's CSS variables) is why
/// `style-src-attr` is open; a style attribute cannot run code.
pub fn set_content_security_policy() {
    let (Some(nonce), Some(options)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "sid";
/// Name of the back-office session cookie (only sent to the back-office and its API).
pub const AGENT_SESSION_COOKIE: &str = "agent_sid";

/// Sets (or clears) the back-office session cookie.
pub fn set_agent_cookie(ctx: &RequestCtx, token: Option<&SessionToken>) {
    let secure = if ctx.secure_cookies { "; Secure" } else { "" };
    // Strict: the back-office is never reached from another site's link with its session.
    let cookie = match token {
        Some(token) => format!("{AGENT_SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict{secure}", token.0),
        None => format!("{AGENT_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    };
    if let (Some(options), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&cookie)) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}

/// Sets (or, with `None`, clears) the session cookie on the response.
pub fn set_session_cookie(ctx: &RequestCtx, token: Option<&SessionToken>) {
    let secure = if ctx.secure_cookies { "; Secure" } else { "" };
    let cookie = match token {
        Some(token) => format!("{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{secure}", token.0),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    if let (Some(options), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&cookie)) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}
