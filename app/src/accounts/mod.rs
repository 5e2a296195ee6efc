//! Accounts (SPEC §2): creation from a title or a visa, e-mail confirmation, password creation,
//! login, forgotten password, temporary passwords. DTOs and server functions live here; the
//! pages live in the sub-modules.

mod activation;
mod login;
pub mod page;
mod password;
mod signup;

pub use activation::{AccountCreatedPage, ActivationPage};
pub use login::LoginPage;
pub use password::{ChangePasswordPage, ForgotPasswordPage, ResetPasswordPage};
pub use signup::{SignupDonePage, SignupEmailPage, SignupTicket};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::accounts::DocumentCredentialInput;
use crate::error::AppError;

/// What the header and the pages know about the logged-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub display_name: String,
    pub must_change_password: bool,
    /// False for a visa holder not yet registered in AGDREF.
    pub has_numero_etranger: bool,
    /// Unread notifications, for the header bell.
    pub unread_notifications: u64,
}

/// The account page ("Accéder à mon compte", SPEC §2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub civil_status: crate::filing::CivilStatusView,
    /// The address and mobile phone, as answers of `catalogue::common::CONTACT_STEP`.
    pub contact: crate::domain::catalogue::Answers,
    /// For the contact form's conditions and checks, as in the wizard.
    pub applicant: crate::domain::catalogue::ApplicantContext,
    pub files: Vec<AccountFile>,
    pub notifications: Vec<NotificationView>,
    pub unread_notifications: u64,
}

/// A submitted file on the account page, with what happened to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFile {
    pub id: String,
    pub procedure: crate::domain::catalogue::ProcedureId,
    pub file_number: Option<String>,
    pub status: crate::domain::lifecycle::FileStatus,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Kinds of the documents issued for it (receipt, decisions), to download.
    pub issued: Vec<String>,
    /// Once the card is ready: the prefecture's name and address, where to collect it.
    pub collect_at: Option<String>,
    /// The day the prefecture's silence becomes an implicit rejection (`DD/MM/YYYY`), while
    /// the period runs.
    #[serde(default)]
    pub implicit_decision_on: Option<String>,
    /// The last day of the attestation de prolongation d'instruction in force, if any.
    #[serde(default)]
    pub attestation_until: Option<String>,
    /// Its stages and the decision's estimate; none for a closed or withdrawn file.
    #[serde(default)]
    pub tracker: Option<TrackerView>,
    /// The prefecture's messages not yet read (`crate::messages`).
    #[serde(default)]
    pub unread_messages: u64,
}

/// A file's stages, with the estimate of its decision and its place in the waiting line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerView {
    pub stages: Vec<StageView>,
    /// From the prefecture's recent decisions; none once decided or when they are too few.
    pub estimate: Option<EstimateView>,
    /// Among the prefecture's files of the same procedure waiting to be taken (1: the next).
    pub position: Option<u64>,
    /// Not decided yet: the estimate (or why there is none) is worth saying.
    pub awaiting_decision: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageView {
    pub stage: crate::domain::tracker::Stage,
    pub label: String,
    /// What happens once the file reached it, and who acts.
    pub next: String,
    /// `DD/MM/YYYY`; none while not reached.
    pub reached_on: Option<String>,
}

/// "Décision attendue entre le {from} et le {to}", from `count` recent decisions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstimateView {
    pub from: String,
    pub to: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// `DD/MM/YYYY à HH:MM`, Paris time.
    pub at: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i32,
    pub at: String,
    pub text: String,
    pub read: bool,
    /// Opens it (marks it read, then goes to its target).
    pub href: String,
}

/// What an activation link is for, read before the user acts on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivationLink {
    /// Title holder: choose the password; the identifier will be this numéro étranger.
    CreatePassword { numero_etranger: String },
    /// Visa holder: confirm the e-mail and go straight to the filing pages.
    ConfirmVisaEmail,
}

/// Where to go after a successful login.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginOutcome {
    pub next: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactMessage {
    pub name: String,
    pub email: String,
    pub subject: String,
    pub message: String,
}

/// The breadcrumb trail of the pages reached from the login page (sign-up, links sent by e-mail).
fn below_login() -> Vec<(crate::i18n::Msg, &'static str)> {
    vec![(crate::i18n::Msg::LoginPageTitle, paths::LOGIN)]
}

/// The token of a link sent by e-mail (`?jeton=`), read from the address.
fn link_token() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = leptos_router::hooks::use_query_map();
    move || query.with(|q| q.get("jeton")).unwrap_or_default()
}

/// Paths of the account pages, used by links, redirects and e-mails.
pub mod paths {
    pub const LOGIN: &str = "/connexion";
    pub const SIGNUP_EMAIL: &str = "/compte/creation";
    pub const SIGNUP_DONE: &str = "/compte/creation/enregistree";
    pub const ACTIVATION: &str = "/compte/activation";
    pub const FORGOT_PASSWORD: &str = "/mot-de-passe/oublie";
    pub const RESET_PASSWORD: &str = "/mot-de-passe/reinitialiser";
    pub const CHANGE_PASSWORD: &str = "/mot-de-passe/modifier";
    pub const PROCEDURES: &str = "/demarches";
    pub use crate::domain::notifications::paths::{ACCOUNT, CONFIRM_EMAIL, NOTIFICATIONS};
}

#[server(endpoint = "session/current")]
pub async fn session_user() -> Result<Option<CurrentUser>, AppError> {
    let (services, ctx) = crate::backend::context()?;
    Ok(services.accounts.current_user(&ctx))
}

#[server(endpoint = "signup/start")]
pub async fn start_signup(input: DocumentCredentialInput) -> Result<String, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.start_signup(&ctx, input).await)
}

#[server(endpoint = "signup/email")]
pub async fn submit_signup_email(ticket: String, email: String, email_confirmation: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.submit_signup_email(&ctx, &ticket, &email, &email_confirmation).await)
}

#[server(endpoint = "activation/read")]
pub async fn read_activation_link(token: String) -> Result<ActivationLink, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.activation_link(&ctx, &token).await)
}

#[server(endpoint = "activation/password")]
pub async fn create_password(token: String, password: String, password_confirmation: String) -> Result<String, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.create_password(&ctx, &token, &password, &password_confirmation).await.map(|n| n.to_string()))
}

#[server(endpoint = "activation/visa")]
pub async fn confirm_visa_email(token: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    let result = services.accounts.confirm_visa_email(&ctx, &token).await;
    if let Ok(session) = &result {
        crate::backend::set_session_cookie(&ctx, Some(session));
    }
    crate::backend::respond(result.map(|_| ()))
}

#[server(endpoint = "session/login")]
pub async fn login(identifier: String, password: String) -> Result<LoginOutcome, AppError> {
    let (services, ctx) = crate::backend::context()?;
    let result = services.accounts.login(&ctx, &identifier, &password).await.map(|(session, outcome)| {
        crate::backend::set_session_cookie(&ctx, Some(&session));
        outcome
    });
    crate::backend::respond(result)
}

#[server(endpoint = "session/logout")]
pub async fn logout() -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    let result = services.accounts.logout(&ctx).await;
    crate::backend::set_session_cookie(&ctx, None);
    crate::backend::respond(result)
}

#[server(endpoint = "password/forgot")]
pub async fn request_password_reset(identifier: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.request_password_reset(&ctx, &identifier).await)
}

#[server(endpoint = "password/check-link")]
pub async fn check_reset_link(token: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.check_reset_link(&ctx, &token).await)
}

#[server(endpoint = "password/reset")]
pub async fn reset_password(token: String, password: String, password_confirmation: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.reset_password(&ctx, &token, &password, &password_confirmation).await)
}

#[server(endpoint = "password/change")]
pub async fn change_password(current: String, password: String, password_confirmation: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.change_password(&ctx, &current, &password, &password_confirmation).await)
}

#[server(endpoint = "compte")]
pub async fn load_account() -> Result<AccountView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.account(&ctx).await)
}

/// Saves the address and phone of the account (checked by the same catalogue rules as the
/// wizard's personal step). Returns what was stored.
#[server(endpoint = "compte/coordonnees", input = leptos::server_fn::codec::Json)]
pub async fn update_contact(contact: crate::domain::catalogue::Answers) -> Result<crate::domain::catalogue::Answers, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.update_contact(&ctx, contact).await)
}

/// Asks to change the account's e-mail (the current password proves it is the owner): a
/// confirmation link goes to the new address.
#[server(endpoint = "compte/courriel")]
pub async fn request_email_change(email: String, email_confirmation: String, current: String) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.request_email_change(&ctx, &email, &email_confirmation, &current).await)
}

#[server(endpoint = "compte/courriel/confirmer")]
pub async fn confirm_email_change(token: String) -> Result<String, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.confirm_email_change(&ctx, &token).await)
}

/// Marks a notification read; returns where it leads.
#[server(endpoint = "notifications/ouvrir")]
pub async fn open_notification(id: i32) -> Result<String, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.open_notification(&ctx, id).await)
}

#[server(endpoint = "notifications/tout-lu")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.mark_notifications_read(&ctx).await)
}

#[server(endpoint = "contact")]
pub async fn send_contact_message(message: ContactMessage) -> Result<(), AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.accounts.send_contact_message(&ctx, message).await)
}

impl ContactMessage {
    pub const MESSAGE_MAX: usize = 4000;

    /// Checks the contact form; returns the trimmed message.
    pub fn validate(&self) -> Result<ContactMessage, crate::domain::validation::FieldErrors> {
        use crate::domain::identifiers::Email;
        use crate::domain::validation::{required_text, FieldErrors};
        let mut errors = FieldErrors::new();
        let name = errors.check("name", required_text(&self.name, 120));
        let email = errors.check("email", Email::parse(&self.email));
        let subject = errors.check("subject", required_text(&self.subject, 200));
        let message = errors.check("message", required_text(&self.message, Self::MESSAGE_MAX));
        match (name, email, subject, message) {
            (Some(name), Some(email), Some(subject), Some(message)) => {
                Ok(ContactMessage { name, email: email.to_string(), subject, message })
            }
            _ => Err(errors),
        }
    }
}
