//! Account-creation and login forms: what they accept, checked the same way in the browser and
//! on the server.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::identifiers::{DocumentNumber, Email, NumeroEtranger};
use super::validation::{FieldErrors, ValidationError};

/// The "Créez votre compte" half of the login page: number of a title or visa and its
/// validity dates, as written on the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCredential {
    pub number: DocumentNumber,
    pub valid_from: Date,
    pub valid_to: Date,
}

/// Raw fields of the account-creation form (each date as three inputs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCredentialInput {
    pub number: String,
    pub from_day: String,
    pub from_month: String,
    pub from_year: String,
    pub to_day: String,
    pub to_month: String,
    pub to_year: String,
}

impl DocumentCredentialInput {
    pub fn validate(&self) -> Result<DocumentCredential, FieldErrors> {
        let mut errors = FieldErrors::new();
        let number = errors.check("number", DocumentNumber::parse(&self.number));
        let valid_from = errors.check("valid_from", Date::from_parts(&self.from_day, &self.from_month, &self.from_year));
        let valid_to = errors.check("valid_to", Date::from_parts(&self.to_day, &self.to_month, &self.to_year));
        if let (Some(from), Some(to)) = (valid_from, valid_to) {
            if to < from {
                errors.add("valid_to", ValidationError::EndBeforeStart);
            }
        }
        match (number, valid_from, valid_to) {
            (Some(number), Some(valid_from), Some(valid_to)) if errors.is_empty() => {
                Ok(DocumentCredential { number, valid_from, valid_to })
            }
            _ => Err(errors),
        }
    }
}

/// E-mail step of account creation: the address typed twice.
pub fn validate_signup_email(email: &str, confirmation: &str) -> Result<Email, FieldErrors> {
    let mut errors = FieldErrors::new();
    let parsed = errors.check("email", Email::parse(email));
    if let Some(parsed) = &parsed {
        if Email::parse(confirmation).ok().as_ref() != Some(parsed) {
            errors.add("email_confirmation", ValidationError::EmailMismatch);
        }
    }
    match parsed {
        Some(email) if errors.is_empty() => Ok(email),
        _ => Err(errors),
    }
}

/// The e-mail change form: the new address twice and the current password, so that whoever
/// finds a session open cannot take the account over by moving its address.
pub fn validate_email_change(email: &str, confirmation: &str, current_password: &str) -> Result<Email, FieldErrors> {
    let checked = validate_signup_email(email, confirmation);
    let mut errors = checked.clone().err().unwrap_or_default();
    if current_password.is_empty() {
        errors.add("current", ValidationError::Required);
    }
    match checked {
        Ok(email) if errors.is_empty() => Ok(email),
        _ => Err(errors),
    }
}

/// "Vous avez déjà un compte": numéro étranger and password (only presence is checked here;
/// a wrong password is a generic login failure, never a field error).
pub fn validate_login(identifier: &str, password: &str) -> Result<NumeroEtranger, FieldErrors> {
    let mut errors = FieldErrors::new();
    let identifier = errors.check("identifier", NumeroEtranger::parse(identifier));
    if password.is_empty() {
        errors.add("password", ValidationError::Required);
    }
    match identifier {
        Some(identifier) if errors.is_empty() => Ok(identifier),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_change_needs_the_current_password() {
        assert!(validate_email_change("a@b.fr", "a@b.fr", "Secret-2026!").is_ok());
        let errors = validate_email_change("a@b.fr", "a@b.fr", "").expect_err("no password");
        assert_eq!(errors.get("current"), Some(&ValidationError::Required));
        let errors = validate_email_change("a@b.fr", "c@d.fr", "").expect_err("two errors");
        assert_eq!(errors.get("email_confirmation"), Some(&ValidationError::EmailMismatch));
        assert_eq!(errors.get("current"), Some(&ValidationError::Required));
    }

    fn input(number: &str, from: (&str, &str, &str), to: (&str, &str, &str)) -> DocumentCredentialInput {
        DocumentCredentialInput {
            number: number.into(),
            from_day: from.0.into(),
            from_month: from.1.into(),
            from_year: from.2.into(),
            to_day: to.0.into(),
            to_month: to.1.into(),
            to_year: to.2.into(),
        }
    }

    #[test]
    fn valid_credential() {
        let credential = input("9999999999", ("1", "9", "2025"), ("31", "8", "2027")).validate().expect("valid");
        assert_eq!(credential.number.as_str(), "9999999999");
        assert_eq!(credential.valid_from.to_string(), "2025-09-01");
        assert_eq!(credential.valid_to.to_string(), "2027-08-31");
    }

    #[test]
    fn reports_every_field() {
        let errors = input("", ("", "", ""), ("31", "2", "2027")).validate().expect_err("invalid");
        assert_eq!(errors.get("number"), Some(&ValidationError::Required));
        assert_eq!(errors.get("valid_from"), Some(&ValidationError::Required));
        assert_eq!(errors.get("valid_to"), Some(&ValidationError::InvalidDate));
    }

    #[test]
    fn end_must_follow_start() {
        let errors = input("9999999999", ("1", "9", "2027"), ("31", "8", "2025")).validate().expect_err("invalid");
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.get("valid_to"), Some(&ValidationError::EndBeforeStart));
    }

    #[test]
    fn signup_email_confirmation() {
        assert!(validate_signup_email("a@b.fr", " a@B.FR ").is_ok());
        let errors = validate_signup_email("a@b.fr", "c@b.fr").expect_err("mismatch");
        assert_eq!(errors.get("email_confirmation"), Some(&ValidationError::EmailMismatch));
        let errors = validate_signup_email("a@", "a@").expect_err("invalid");
        assert_eq!(errors.get("email"), Some(&ValidationError::InvalidEmail));
    }

    #[test]
    fn login_form() {
        assert!(validate_login("7512345678", "x").is_ok());
        let errors = validate_login("12", "").expect_err("invalid");
        assert_eq!(errors.get("identifier"), Some(&ValidationError::InvalidNumeroEtranger));
        assert_eq!(errors.get("password"), Some(&ValidationError::Required));
    }
}
