//! The password rule of the service (SPEC §2): 8 to 64 characters from letters, digits and the
//! special characters `!"#$%&()*-/=>?@_` only, with at least one lowercase letter, one uppercase
//! letter, one digit and one special character.
//!
//! The same function drives the live checklist in the browser and the check on the server.

use super::validation::{FieldErrors, ValidationError};

pub const MIN_LENGTH: usize = 8;
pub const MAX_LENGTH: usize = 64;
/// The only special characters the historical service accepts (seed 003 §1.2.2).
pub const SPECIALS: &str = "!\"#$%&()*-/=>?@_";

/// One line of the checklist shown under the password field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordRule {
    Length,
    Lowercase,
    Uppercase,
    Digit,
    Special,
    OnlyAllowedCharacters,
}

impl PasswordRule {
    pub const ALL: [PasswordRule; 6] = [
        PasswordRule::Length,
        PasswordRule::Lowercase,
        PasswordRule::Uppercase,
        PasswordRule::Digit,
        PasswordRule::Special,
        PasswordRule::OnlyAllowedCharacters,
    ];
}

fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || SPECIALS.contains(c)
}

/// Whether `password` satisfies `rule` (for the live checklist).
pub fn satisfies(password: &str, rule: PasswordRule) -> bool {
    let len = password.chars().count();
    match rule {
        PasswordRule::Length => (MIN_LENGTH..=MAX_LENGTH).contains(&len),
        PasswordRule::Lowercase => password.chars().any(|c| c.is_ascii_lowercase()),
        PasswordRule::Uppercase => password.chars().any(|c| c.is_ascii_uppercase()),
        PasswordRule::Digit => password.chars().any(|c| c.is_ascii_digit()),
        PasswordRule::Special => password.chars().any(|c| SPECIALS.contains(c)),
        PasswordRule::OnlyAllowedCharacters => password.chars().all(is_allowed),
    }
}

/// Checks the whole rule; the error names the first broken part.
pub fn check(password: &str) -> Result<(), ValidationError> {
    if password.is_empty() {
        return Err(ValidationError::Required);
    }
    if let Some(character) = password.chars().find(|c| !is_allowed(*c)) {
        return Err(ValidationError::PasswordForbiddenCharacter { character });
    }
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(ValidationError::PasswordTooShort);
    }
    if len > MAX_LENGTH {
        return Err(ValidationError::PasswordTooLong);
    }
    if !satisfies(password, PasswordRule::Lowercase) {
        return Err(ValidationError::PasswordNeedsLowercase);
    }
    if !satisfies(password, PasswordRule::Uppercase) {
        return Err(ValidationError::PasswordNeedsUppercase);
    }
    if !satisfies(password, PasswordRule::Digit) {
        return Err(ValidationError::PasswordNeedsDigit);
    }
    if !satisfies(password, PasswordRule::Special) {
        return Err(ValidationError::PasswordNeedsSpecial);
    }
    Ok(())
}

/// Checks a new password and its confirmation, as typed in the two fields of the form.
pub fn check_new(password: &str, confirmation: &str) -> Result<(), (&'static str, ValidationError)> {
    check(password).map_err(|e| ("password", e))?;
    if password != confirmation {
        return Err(("password_confirmation", ValidationError::PasswordMismatch));
    }
    Ok(())
}

/// The errors of a form that sets a new password (empty: it may be sent).
pub fn new_password_errors(password: &str, confirmation: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Err((field, error)) = check_new(password, confirmation) {
        errors.add(field, error);
    }
    errors
}

/// The errors of a form that replaces the `current` password: it is given, and the new one
/// follows the rule, is confirmed and differs from it.
pub fn change_errors(current: &str, password: &str, confirmation: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if current.is_empty() {
        errors.add("current", ValidationError::Required);
    }
    match check_new(password, confirmation) {
        Err((field, error)) => errors.add(field, error),
        Ok(()) if password == current => errors.add("password", ValidationError::PasswordUnchanged),
        Ok(()) => {}
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_needs_the_current_password_and_a_different_confirmed_one() {
        let fields = |errors: FieldErrors| errors.0.iter().map(|e| (e.field.clone(), e.error.clone())).collect::<Vec<_>>();
        assert!(change_errors("Old-2026!", "New-2026!", "New-2026!").is_empty());
        assert_eq!(fields(change_errors("", "New-2026!", "New-2026!")), [("current".to_owned(), ValidationError::Required)]);
        assert_eq!(
            fields(change_errors("Same-2026!", "Same-2026!", "Same-2026!")),
            [("password".to_owned(), ValidationError::PasswordUnchanged)]
        );
        assert_eq!(
            fields(change_errors("Old-2026!", "New-2026!", "New-2027!")),
            [("password_confirmation".to_owned(), ValidationError::PasswordMismatch)]
        );
        assert!(new_password_errors("New-2026!", "New-2026!").is_empty());
        assert!(!new_password_errors("court", "court").is_empty());
    }

    #[test]
    fn accepts_a_password_with_every_class() {
        assert_eq!(check("Demo-2026!"), Ok(()));
        assert_eq!(check("aB3_aaaa"), Ok(()));
        assert_eq!(check(&format!("aB3_{}", "x".repeat(60))), Ok(()));
    }

    #[test]
    fn names_the_broken_part() {
        assert_eq!(check(""), Err(ValidationError::Required));
        assert_eq!(check("aB3_aaa"), Err(ValidationError::PasswordTooShort));
        assert_eq!(check(&format!("aB3_{}", "x".repeat(61))), Err(ValidationError::PasswordTooLong));
        assert_eq!(check("AB3_AAAA"), Err(ValidationError::PasswordNeedsLowercase));
        assert_eq!(check("ab3_aaaa"), Err(ValidationError::PasswordNeedsUppercase));
        assert_eq!(check("aBc_aaaa"), Err(ValidationError::PasswordNeedsDigit));
        assert_eq!(check("aBc3aaaa"), Err(ValidationError::PasswordNeedsSpecial));
    }

    #[test]
    fn refuses_characters_outside_the_historical_set() {
        for bad in ["aB3_aaa+", "aB3_aaa.", "aB3_aaa é", "aB3_aaa'", "aB3_aaa€", "aB3_aaa "] {
            assert!(matches!(check(bad), Err(ValidationError::PasswordForbiddenCharacter { .. })), "{bad} should be refused");
        }
        for special in SPECIALS.chars() {
            assert_eq!(check(&format!("aB3aaaa{special}")), Ok(()), "{special} is allowed");
        }
    }

    #[test]
    fn checklist_follows_the_same_rule() {
        let ok = "Demo-2026!";
        assert!(PasswordRule::ALL.iter().all(|r| satisfies(ok, *r)));
        assert!(!satisfies("short", PasswordRule::Length));
        assert!(!satisfies("aaaa+aaa", PasswordRule::OnlyAllowedCharacters));
    }

    #[test]
    fn confirmation_must_match() {
        assert_eq!(check_new("Demo-2026!", "Demo-2026!"), Ok(()));
        assert_eq!(check_new("Demo-2026!", "Demo-2026?"), Err(("password_confirmation", ValidationError::PasswordMismatch)));
        assert_eq!(check_new("weak", "weak"), Err(("password", ValidationError::PasswordTooShort)));
    }
}
