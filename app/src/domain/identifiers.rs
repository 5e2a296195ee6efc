//! Identifiers typed by users: the numéro étranger (login identifier), the number of a residence
//! title or of a visa, and e-mail addresses. Each is a newtype that can only hold a valid,
//! normalised value.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::validation::ValidationError;

/// Removes the spaces people copy from the card ("99 99 99 99 99") and upper-cases letters.
fn normalise(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '.').flat_map(char::to_uppercase).collect()
}

/// The AGDREF "numéro étranger": exactly 10 digits. It is the login identifier.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NumeroEtranger(String);

impl NumeroEtranger {
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let value = normalise(text);
        if value.is_empty() {
            return Err(ValidationError::Required);
        }
        if value.len() == 10 && value.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(value))
        } else {
            Err(ValidationError::InvalidNumeroEtranger)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NumeroEtranger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The number printed on a residence title (10 digits) or on a visa (9 to 12 letters and
/// digits). The account-creation form takes either; the registers tell which it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocumentNumber(String);

impl DocumentNumber {
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let value = normalise(text);
        if value.is_empty() {
            return Err(ValidationError::Required);
        }
        let valid_len = (9..=12).contains(&value.len());
        if valid_len && value.chars().all(|c| c.is_ascii_alphanumeric()) {
            Ok(Self(value))
        } else {
            Err(ValidationError::InvalidDocumentNumber)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address, trimmed, with its domain lower-cased. The check is deliberately
/// permissive (RFC 5322 allows far more than any form should refuse); delivery is what proves it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

pub const EMAIL_MAX_LENGTH: usize = 254;

impl Email {
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ValidationError::Required);
        }
        if text.len() > EMAIL_MAX_LENGTH {
            return Err(ValidationError::TooLong { max: EMAIL_MAX_LENGTH });
        }
        let Some((local, domain)) = text.rsplit_once('@') else {
            return Err(ValidationError::InvalidEmail);
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.chars().any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\@".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.len() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()));
        if local_ok && domain_ok {
            Ok(Self(format!("{local}@{}", domain.to_lowercase())))
        } else {
            Err(ValidationError::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numero_etranger_is_ten_digits() {
        assert_eq!(NumeroEtranger::parse(" 75 12 34 56 78 ").map(|n| n.0), Ok("7512345678".into()));
        assert_eq!(NumeroEtranger::parse(""), Err(ValidationError::Required));
        assert_eq!(NumeroEtranger::parse("751234567"), Err(ValidationError::InvalidNumeroEtranger));
        assert_eq!(NumeroEtranger::parse("75123456789"), Err(ValidationError::InvalidNumeroEtranger));
        assert_eq!(NumeroEtranger::parse("75123A5678"), Err(ValidationError::InvalidNumeroEtranger));
    }

    #[test]
    fn document_number_accepts_titles_and_visas() {
        assert_eq!(DocumentNumber::parse("9999999999").map(|n| n.0), Ok("9999999999".into()));
        assert_eq!(DocumentNumber::parse("fra 123 456 789").map(|n| n.0), Ok("FRA123456789".into()));
        assert_eq!(DocumentNumber::parse("12345678"), Err(ValidationError::InvalidDocumentNumber));
        assert_eq!(DocumentNumber::parse("FRA12345678901"), Err(ValidationError::InvalidDocumentNumber));
        assert_eq!(DocumentNumber::parse("FRA_23456789"), Err(ValidationError::InvalidDocumentNumber));
    }

    #[test]
    fn email_rules() {
        assert_eq!(Email::parse(" Ana.Lopez@Example.FR ").map(|e| e.0), Ok("Ana.Lopez@example.fr".into()));
        assert_eq!(Email::parse("prénom@exemple.fr").map(|e| e.0), Ok("prénom@exemple.fr".into()));
        for bad in ["ana", "ana@", "@example.fr", "ana@example", "ana @example.fr", "ana@exa mple.fr", "ana@-x.fr", "a@b.12"] {
            assert_eq!(Email::parse(bad), Err(ValidationError::InvalidEmail), "{bad}");
        }
        assert_eq!(Email::parse(""), Err(ValidationError::Required));
    }
}
