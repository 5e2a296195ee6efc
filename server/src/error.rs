//! The one path from an unexpected failure (database, storage, PDF, serialisation…) to the
//! user's [`AppError::Internal`]: the cause is logged here and never shown.
//!
//! Policy: services return `Result<_, AppError>`; an error the user can act on is built as its
//! own `AppError` variant where it happens, and anything else goes through [`OrInternal`] (or
//! [`internal`] where there is no `Result` to convert), so there is no third convention.

use std::fmt::Display;

use app::error::AppError;

/// Logs an unexpected failure and hides its details from the user.
pub fn internal(error: impl Display) -> AppError {
    tracing::error!(%error, "internal error");
    AppError::Internal
}

/// `result.or_internal()?` in a service: an unexpected error becomes [`AppError::Internal`],
/// logged once.
pub trait OrInternal<T> {
    fn or_internal(self) -> Result<T, AppError>;
}

impl<T, E: Display> OrInternal<T> for Result<T, E> {
    fn or_internal(self) -> Result<T, AppError> {
        self.map_err(internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unexpected_errors_become_internal_and_values_pass_through() {
        let failed: Result<(), sea_orm::DbErr> = Err(sea_orm::DbErr::Custom("disk full".into()));
        assert_eq!(failed.or_internal(), Err(AppError::Internal));
        let fine: Result<i32, std::io::Error> = Ok(7);
        assert_eq!(fine.or_internal(), Ok(7));
    }
}
