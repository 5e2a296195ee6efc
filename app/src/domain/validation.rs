//! Every rule a user's input can break, as one enum shared by the browser and the server.
//!
//! Rules return these values; the UI turns them into sentences once, in
//! [`crate::i18n::validation_message`], so both sides always say the same thing.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ValidationError {
    #[error("required")]
    Required,
    #[error("too long (max {max})")]
    TooLong { max: usize },
    #[error("incomplete date")]
    IncompleteDate,
    #[error("invalid date")]
    InvalidDate,
    #[error("date in the future")]
    DateInFuture,
    #[error("end date before start date")]
    EndBeforeStart,
    #[error("invalid title or visa number")]
    InvalidDocumentNumber,
    #[error("invalid numéro étranger")]
    InvalidNumeroEtranger,
    #[error("invalid e-mail address")]
    InvalidEmail,
    #[error("e-mail addresses differ")]
    EmailMismatch,
    /// Another agent account already has this e-mail (agents are identified by it).
    #[error("e-mail already used by an agent")]
    AgentEmailTaken,
    #[error("password too short")]
    PasswordTooShort,
    #[error("password too long")]
    PasswordTooLong,
    #[error("password needs a lowercase letter")]
    PasswordNeedsLowercase,
    #[error("password needs an uppercase letter")]
    PasswordNeedsUppercase,
    #[error("password needs a digit")]
    PasswordNeedsDigit,
    #[error("password needs a special character")]
    PasswordNeedsSpecial,
    #[error("password has a forbidden character")]
    PasswordForbiddenCharacter { character: char },
    #[error("passwords differ")]
    PasswordMismatch,
    #[error("new password equals the old one")]
    PasswordUnchanged,
    #[error("new e-mail address equals the current one")]
    EmailUnchanged,
    #[error("file too large")]
    FileTooLarge { max_mb: u32 },
    #[error("file type not accepted")]
    FileTypeNotAccepted,
    #[error("empty file")]
    FileEmpty,
    #[error("too many files for this document")]
    TooManyFiles { max: u32 },
    #[error("the account's files reach their total size")]
    AccountStorageFull { max_mb: u32 },
    #[error("the virus scan found a virus in the file")]
    FileInfected,
    #[error("the virus scan cannot be done now")]
    ScanUnavailable,
    #[error("the upload stopped sending data")]
    UploadStalled { seconds: u32 },
    #[error("too many uploads at once from this person")]
    TooManyUploadsAtOnce { max: u32 },
    #[error("too many uploads at once on the service")]
    UploadsBusy,
    #[error("not one of the proposed choices")]
    InvalidChoice,
    #[error("procedure not offered to this applicant online")]
    ProcedureNotOffered,
    #[error("invalid phone number")]
    InvalidPhone,
    #[error("invalid amount")]
    InvalidAmount,
    #[error("invalid postal code")]
    InvalidPostalCode,
    #[error("invalid INSEE code")]
    InvalidInseeCode,
    #[error("invalid e-photo code")]
    InvalidEphotoCode,
    #[error("too many items")]
    TooManyItems { max: usize },
    #[error("a kept document needs a justification")]
    JustificationRequired,
    #[error("a replaced document needs a new file")]
    NewFileRequired,
    #[error("invalid share or verification code")]
    InvalidShareCode,
    #[error("too many attachments")]
    TooManyAttachments { max: usize },
    #[error("date not after today")]
    DateNotInFuture,
    #[error("date too far ahead")]
    DateTooFar { max_days: u32 },
    #[error("invalid time")]
    InvalidTime,
    #[error("number out of range")]
    OutOfRange { min: u32, max: u32 },
    /// A correction sent with nothing changed (`domain::corrections`).
    #[error("nothing changed")]
    NothingChanged,
    /// The chosen collection slot is full, or gone (`domain::appointments`).
    #[error("slot no longer available")]
    SlotUnavailable,
    #[error("invalid tax stamp number")]
    InvalidTaxStamp,
    /// A second factor's code that is malformed, wrong, late or already used.
    #[error("invalid second factor code")]
    InvalidSecondFactorCode,
    /// A VLS-TS is validated once.
    #[error("visa already validated")]
    VisaAlreadyValidated,
    /// An electronic tax stamp pays for one procedure only.
    #[error("tax stamp already used")]
    TaxStampUsed,
}

/// One rule broken by one field. `field` is the form field's name, so the page can put the
/// message next to the input and link the error summary to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub error: ValidationError,
}

impl FieldError {
    pub fn new(field: impl Into<String>, error: ValidationError) -> Self {
        Self { field: field.into(), error }
    }
}

/// Collects the errors of a whole form, so a user sees every problem at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, error: ValidationError) {
        self.0.push(FieldError::new(field, error));
    }

    /// Records the error of `result` under `field` and returns its value when it is valid.
    pub fn check<T>(&mut self, field: &str, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(field, error);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&ValidationError> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.error)
    }

    /// `Ok(value)` when no error was recorded.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

/// Trims `text` and refuses it when empty or longer than `max` characters.
pub fn required_text(text: &str, max: usize) -> Result<String, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        Err(ValidationError::Required)
    } else if text.chars().count() > max {
        Err(ValidationError::TooLong { max })
    } else {
        Ok(text.to_owned())
    }
}

/// Like [`required_text`] but an empty value is allowed and gives `None`.
pub fn optional_text(text: &str, max: usize) -> Result<Option<String>, ValidationError> {
    match required_text(text, max) {
        Ok(text) => Ok(Some(text)),
        Err(ValidationError::Required) => Ok(None),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert_eq!(required_text("  abc ", 5), Ok("abc".to_owned()));
        assert_eq!(required_text("   ", 5), Err(ValidationError::Required));
        assert_eq!(required_text("éééééé", 5), Err(ValidationError::TooLong { max: 5 }));
        assert_eq!(optional_text("", 5), Ok(None));
        assert_eq!(optional_text("abcdef", 5), Err(ValidationError::TooLong { max: 5 }));
    }

    #[test]
    fn field_errors_collect_everything() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.check("a", Ok::<_, ValidationError>(1)), Some(1));
        assert_eq!(errors.check::<i32>("b", Err(ValidationError::Required)), None);
        errors.add("c", ValidationError::InvalidEmail);
        assert_eq!(errors.get("b"), Some(&ValidationError::Required));
        assert_eq!(errors.get("a"), None);
        assert_eq!(errors.into_result(|| ()).map_err(|e| e.0.len()), Err(2));
    }
}
