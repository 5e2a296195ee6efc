//! What the back-office pages share: labels from the catalogue and the lifecycle, and where an
//! agent without a valid session is sent.

use crate::domain::catalogue;
use crate::domain::lifecycle::FileStatus;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::layout::hard_navigate;

use super::paths;

pub(super) fn status_label(i18n: I18n, status: FileStatus) -> &'static str {
    status.label().get(i18n.lang())
}

pub(super) fn procedure_label(i18n: I18n, id: &str) -> String {
    catalogue::procedure(id).map(|p| p.title.get(i18n.lang()).to_owned()).unwrap_or_else(|| id.to_owned())
}

/// Sends an agent without a session to the login page, one with a temporary password to its
/// change, and one without the second factor of the session to its code or its enrolment; true
/// when it did.
pub(crate) fn unauthenticated(error: &AppError) -> bool {
    match error {
        AppError::Unauthenticated => hard_navigate(paths::LOGIN),
        AppError::PasswordChangeRequired => hard_navigate(paths::PASSWORD),
        AppError::SecondFactorRequired => hard_navigate(paths::CODE),
        AppError::SecondFactorEnrolmentRequired => hard_navigate(paths::TWO_STEP),
        _ => return false,
    }
    true
}
