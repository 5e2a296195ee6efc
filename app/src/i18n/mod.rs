//! French and English texts of the interface.
//!
//! Every sentence is a variant of [`Msg`] with both translations side by side in
//! `messages.rs`, so a missing translation is a compile error, not a blank on screen.

mod messages;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use messages::Msg;

use crate::domain::validation::ValidationError;

/// Interface language. French is the default, as on the original service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];
    /// Name of the cookie that remembers the choice.
    pub const COOKIE: &'static str = "lang";

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranges: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let primary = tag.split('-').next()?;
                let lang = Lang::from_code(primary)?;
                let quality = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranges.first().map(|(_, lang)| *lang)
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }
}

/// Reads the page's language from context; `App` provides it once per page load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n(pub Lang);

impl I18n {
    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self.0)
    }

    pub fn lang(self) -> Lang {
        self.0
    }

    /// Text of a message with `{name}` placeholders filled in.
    pub fn fill(self, msg: Msg, values: &[(&str, &str)]) -> String {
        fill(msg.text(self.0), values)
    }

    pub fn validation(self, error: &ValidationError) -> String {
        validation_message(error, self.0)
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n(Lang::Fr))
}

/// Replaces each `{name}` of `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The sentence shown next to a field that broke a rule.
pub fn validation_message(error: &ValidationError, lang: Lang) -> String {
    use ValidationError as V;
    let msg = match error {
        V::Required => Msg::ErrRequired,
        V::TooLong { max } => return fill(Msg::ErrTooLong.text(lang), &[("max", &max.to_string())]),
        V::IncompleteDate => Msg::ErrIncompleteDate,
        V::InvalidDate => Msg::ErrInvalidDate,
        V::DateInFuture => Msg::ErrDateInFuture,
        V::EndBeforeStart => Msg::ErrEndBeforeStart,
        V::InvalidDocumentNumber => Msg::ErrInvalidDocumentNumber,
        V::InvalidNumeroEtranger => Msg::ErrInvalidNumeroEtranger,
        V::InvalidEmail => Msg::ErrInvalidEmail,
        V::EmailMismatch => Msg::ErrEmailMismatch,
        V::AgentEmailTaken => Msg::ErrAgentEmailTaken,
        V::PasswordTooShort => Msg::ErrPasswordTooShort,
        V::PasswordTooLong => Msg::ErrPasswordTooLong,
        V::PasswordNeedsLowercase => Msg::ErrPasswordNeedsLowercase,
        V::PasswordNeedsUppercase => Msg::ErrPasswordNeedsUppercase,
        V::PasswordNeedsDigit => Msg::ErrPasswordNeedsDigit,
        V::PasswordNeedsSpecial => Msg::ErrPasswordNeedsSpecial,
        V::PasswordForbiddenCharacter { character } => {
            let shown = if character.is_whitespace() { Msg::SpaceCharacter.text(lang).to_owned() } else { format!("« {character} »") };
            return fill(Msg::ErrPasswordForbiddenCharacter.text(lang), &[("character", &shown)]);
        }
        V::PasswordMismatch => Msg::ErrPasswordMismatch,
        V::PasswordUnchanged => Msg::ErrPasswordUnchanged,
        V::EmailUnchanged => Msg::ErrEmailUnchanged,
        V::FileTooLarge { max_mb } => return fill(Msg::ErrFileTooLarge.text(lang), &[("max", &max_mb.to_string())]),
        V::FileTypeNotAccepted => Msg::ErrFileTypeNotAccepted,
        V::FileEmpty => Msg::ErrFileEmpty,
        V::TooManyFiles { max } => return fill(Msg::ErrTooManyFiles.text(lang), &[("max", &max.to_string())]),
        V::AccountStorageFull { max_mb } => return fill(Msg::ErrAccountStorageFull.text(lang), &[("max", &max_mb.to_string())]),
        V::FileInfected => Msg::ErrFileInfected,
        V::ScanUnavailable => Msg::ErrScanUnavailable,
        V::UploadStalled { seconds } => return fill(Msg::ErrUploadStalled.text(lang), &[("seconds", &seconds.to_string())]),
        V::TooManyUploadsAtOnce { max } => return fill(Msg::ErrTooManyUploadsAtOnce.text(lang), &[("max", &max.to_string())]),
        V::UploadsBusy => Msg::ErrUploadsBusy,
        V::InvalidChoice => Msg::ErrInvalidChoice,
        V::ProcedureNotOffered => Msg::ErrProcedureNotOffered,
        V::InvalidPhone => Msg::ErrInvalidPhone,
        V::InvalidAmount => Msg::ErrInvalidAmount,
        V::InvalidPostalCode => Msg::ErrInvalidPostalCode,
        V::InvalidTaxStamp => Msg::ErrInvalidTaxStamp,
        V::TaxStampUsed => Msg::ErrTaxStampUsed,
        V::VisaAlreadyValidated => Msg::ErrVisaAlreadyValidated,
        V::InvalidSecondFactorCode => Msg::ErrInvalidSecondFactorCode,
        V::InvalidInseeCode => Msg::ErrInvalidInseeCode,
        V::InvalidEphotoCode => Msg::ErrInvalidEphotoCode,
        V::JustificationRequired => Msg::ErrJustificationRequired,
        V::NewFileRequired => Msg::ErrNewFileRequired,
        V::InvalidShareCode => Msg::ErrInvalidShareCode,
        V::TooManyItems { max } => return fill(Msg::ErrTooManyItems.text(lang), &[("max", &max.to_string())]),
        V::TooManyAttachments { max } => return fill(Msg::ErrTooManyAttachments.text(lang), &[("max", &max.to_string())]),
        V::DateNotInFuture => Msg::ErrDateNotInFuture,
        V::InvalidTime => Msg::ErrInvalidTime,
        V::NothingChanged => Msg::ErrNothingChanged,
        V::SlotUnavailable => Msg::ErrSlotUnavailable,
        V::OutOfRange { min, max } => return fill(Msg::ErrOutOfRange.text(lang), &[("min", &min.to_string()), ("max", &max.to_string())]),
        V::DateTooFar { max_days } => return fill(Msg::ErrDateTooFar.text(lang), &[("max", &max_days.to_string())]),
    };
    msg.text(lang).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("de-DE,fr;q=0.5,en;q=0.4"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("de-DE"), None);
        assert_eq!(Lang::from_accept_language("fr;q=0.2, en;q=0.9"), Some(Lang::En));
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("{a} et {b}", &[("a", "1"), ("b", "2")]), "1 et 2");
        let text = validation_message(&ValidationError::TooLong { max: 5 }, Lang::En);
        assert!(text.contains('5'), "{text}");
        let text = validation_message(&ValidationError::PasswordForbiddenCharacter { character: '+' }, Lang::Fr);
        assert!(text.contains('+'), "{text}");
    }

    #[test]
    fn every_message_has_both_languages() {
        for msg in Msg::ALL {
            assert!(!msg.text(Lang::Fr).is_empty(), "{msg:?} has no French text");
            assert!(!msg.text(Lang::En).is_empty(), "{msg:?} has no English text");
        }
    }
}
