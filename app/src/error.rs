//! The one error type of server functions.
//!
//! Policy: services return [`AppError`]; each variant maps once to an HTTP status
//! ([`AppError::status`]) and to a sentence in the user's language ([`AppError::message`]).
//! Internal details are logged on the server and never sent to the browser.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::registration::RegistrationRefusal;
use crate::domain::validation::{FieldError, FieldErrors, ValidationError};
use crate::i18n::{Lang, Msg};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Some fields broke a rule; each error belongs next to its field.
    #[error("invalid input: {0:?}")]
    Validation(FieldErrors),
    /// Login failed. Never says whether the identifier exists.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The title or visa and dates typed do not match a register (never says which part).
    #[error("document not recognised")]
    DocumentNotRecognised,
    #[error("too many attempts")]
    RateLimited,
    #[error("not logged in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// An agent who is not an administrator asked for the administration of agents.
    #[error("administrators only")]
    AdminOnly,
    #[error("not found")]
    NotFound,
    /// A single-use link was already used, has expired or never existed.
    #[error("link invalid or expired")]
    LinkInvalid,
    /// The pending account creation (between the two first steps) has expired.
    #[error("signup expired")]
    SignupExpired,
    /// A temporary password (issued by an administrator or with the AGDREF registration) is
    /// past its lifetime: a new one must be asked for.
    #[error("temporary password expired")]
    TemporaryPasswordExpired,
    /// The session holds a temporary password that must be replaced first.
    #[error("password change required")]
    PasswordChangeRequired,
    /// The agent has a second factor and has not given its code in this session yet.
    #[error("second factor required")]
    SecondFactorRequired,
    /// The configuration requires agents' second factor and this agent has none yet.
    #[error("second factor enrolment required")]
    SecondFactorEnrolmentRequired,
    #[error("wrong current password")]
    WrongCurrentPassword,
    /// The state changed under the user's feet (another tab, an agent…).
    #[error("conflict")]
    Conflict,
    #[error("internal error")]
    Internal,
    /// A service the page relies on (e.g. the national address base) cannot answer now.
    #[error("service unavailable")]
    Unavailable,
    /// The request never reached the server or its answer was unreadable.
    #[error("network: {0}")]
    Network(String),
    /// The holder of the file cannot be registered in AGDREF, and why.
    #[error("AGDREF registration refused: {0:?}")]
    Registration(RegistrationRefusal),
}

impl AppError {
    pub fn field(field: &str, error: ValidationError) -> Self {
        AppError::Validation(FieldErrors(vec![FieldError::new(field, error)]))
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) | AppError::DocumentNotRecognised | AppError::WrongCurrentPassword => 422,
            AppError::InvalidCredentials | AppError::Unauthenticated => 401,
            AppError::RateLimited => 429,
            AppError::Forbidden
            | AppError::AdminOnly
            | AppError::PasswordChangeRequired
            | AppError::SecondFactorRequired
            | AppError::SecondFactorEnrolmentRequired => 403,
            AppError::NotFound => 404,
            AppError::LinkInvalid | AppError::SignupExpired | AppError::TemporaryPasswordExpired => 410,
            AppError::Conflict | AppError::Registration(_) => 409,
            AppError::Internal | AppError::Network(_) => 500,
            AppError::Unavailable => 503,
        }
    }

    /// The sentence for the top of the form. Validation errors also carry per-field messages.
    pub fn message(&self, lang: Lang) -> &'static str {
        let msg = match self {
            AppError::Validation(_) => Msg::ErrorSummaryTitle,
            AppError::InvalidCredentials => Msg::ErrInvalidCredentials,
            AppError::DocumentNotRecognised => Msg::ErrDocumentNotRecognised,
            AppError::RateLimited => Msg::ErrRateLimited,
            AppError::Unauthenticated => Msg::ErrUnauthenticated,
            AppError::Forbidden => Msg::ErrForbidden,
            AppError::AdminOnly => Msg::ErrAdminOnly,
            AppError::NotFound => Msg::ErrNotFound,
            AppError::LinkInvalid => Msg::ErrLinkInvalid,
            AppError::SignupExpired => Msg::ErrSignupExpired,
            AppError::TemporaryPasswordExpired => Msg::ErrTemporaryPasswordExpired,
            AppError::PasswordChangeRequired => Msg::ErrPasswordChangeRequired,
            AppError::SecondFactorRequired => Msg::ErrSecondFactorRequired,
            AppError::SecondFactorEnrolmentRequired => Msg::ErrSecondFactorEnrolmentRequired,
            AppError::WrongCurrentPassword => Msg::ErrWrongCurrentPassword,
            AppError::Conflict => Msg::ErrConflict,
            AppError::Internal => Msg::ErrInternal,
            AppError::Network(_) => Msg::ErrNetwork,
            AppError::Unavailable => Msg::ErrUnavailable,
            AppError::Registration(refusal) => match refusal {
                RegistrationRefusal::NotVisaHolder => Msg::ErrRegistrationNotVisaHolder,
                RegistrationRefusal::AlreadyRegistered => Msg::ErrRegistrationAlreadyRegistered,
                RegistrationRefusal::NotSubmitted => Msg::ErrRegistrationNotSubmitted,
            },
        };
        msg.text(lang)
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(message) | ServerFnErrorErr::Response(message) => AppError::Network(message),
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_message_and_a_client_or_server_status() {
        let all = [
            AppError::Validation(FieldErrors::new()),
            AppError::InvalidCredentials,
            AppError::DocumentNotRecognised,
            AppError::RateLimited,
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::AdminOnly,
            AppError::NotFound,
            AppError::LinkInvalid,
            AppError::SignupExpired,
            AppError::TemporaryPasswordExpired,
            AppError::PasswordChangeRequired,
            AppError::SecondFactorRequired,
            AppError::SecondFactorEnrolmentRequired,
            AppError::WrongCurrentPassword,
            AppError::Conflict,
            AppError::Internal,
            AppError::Network("x".into()),
            AppError::Unavailable,
            AppError::Registration(RegistrationRefusal::NotVisaHolder),
            AppError::Registration(RegistrationRefusal::AlreadyRegistered),
            AppError::Registration(RegistrationRefusal::NotSubmitted),
        ];
        for error in all {
            assert!((400..600).contains(&error.status()));
            assert!(!error.message(Lang::Fr).is_empty());
            assert_ne!(error.message(Lang::Fr), error.message(Lang::En));
        }
    }

    #[test]
    fn serialises_across_the_network_boundary() {
        let error = AppError::field("email", ValidationError::InvalidEmail);
        let bytes = error.ser();
        assert_eq!(AppError::de(bytes), error);
    }
}
