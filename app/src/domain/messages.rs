//! The rules of a file's message thread (issue 13): who may write when, what a message holds,
//! and the "awaiting your answer" deadline an agent may set. Shared by the forms (checked in the
//! browser before sending) and the server.
//!
//! A message is informal: its deadline pauses nothing. Only a complementary-document request
//! (`domain::complement`) suspends the instruction's periods.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::lifecycle::FileStatus;
use super::validation::{FieldErrors, ValidationError};

/// The longest message, in characters.
pub const BODY_MAX: usize = 5000;
/// Files joined to one message (each checked as any upload: type, size, quota).
pub const MAX_ATTACHMENTS: usize = 3;
/// The furthest "awaiting your answer" deadline an agent may set, in days from today.
pub const AWAITING_MAX_DAYS: i64 = 90;

/// Who wrote a message. The code is stored in `messages.author`: never rename one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Applicant,
    Agent,
}

impl Author {
    pub const fn as_str(self) -> &'static str {
        match self {
            Author::Applicant => "usager",
            Author::Agent => "agent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "usager" => Some(Author::Applicant),
            "agent" => Some(Author::Agent),
            _ => None,
        }
    }

    /// The other side of the thread: who reads what this author writes.
    pub fn other(self) -> Author {
        match self {
            Author::Applicant => Author::Agent,
            Author::Agent => Author::Applicant,
        }
    }
}

/// Whether the thread is open: from filing until the file is closed, refused or handed over
/// (a draft has no one to write to; a finished file is read-only and keeps its thread).
pub fn thread_open(status: FileStatus) -> bool {
    status != FileStatus::Brouillon && !status.is_terminal()
}

/// A message as checked: the text trimmed, and the agent's deadline if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedMessage {
    pub body: String,
    pub awaiting_until: Option<Date>,
}

/// Field names of the message forms, where errors are shown.
pub mod fields {
    pub const BODY: &str = "body";
    pub const ATTACHMENTS: &str = "attachments";
    pub const AWAITING: &str = "awaiting";
}

/// A message: some text (at most [`BODY_MAX`]), at most [`MAX_ATTACHMENTS`] files, and for an
/// agent an optional deadline (`YYYY-MM-DD`, empty for none) after `today` and within
/// [`AWAITING_MAX_DAYS`].
pub fn validate(body: &str, attachments: usize, awaiting_until: &str, today: Date) -> Result<CheckedMessage, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = body.trim();
    if text.is_empty() {
        errors.add(fields::BODY, ValidationError::Required);
    } else if text.chars().count() > BODY_MAX {
        errors.add(fields::BODY, ValidationError::TooLong { max: BODY_MAX });
    }
    if attachments > MAX_ATTACHMENTS {
        errors.add(fields::ATTACHMENTS, ValidationError::TooManyAttachments { max: MAX_ATTACHMENTS });
    }
    let awaiting = match awaiting_until.trim() {
        "" => None,
        day => match Date::parse_iso(day) {
            Ok(day) if day <= today => {
                errors.add(fields::AWAITING, ValidationError::DateNotInFuture);
                None
            }
            Ok(day) if today.days_until(day) > AWAITING_MAX_DAYS => {
                errors.add(fields::AWAITING, ValidationError::DateTooFar { max_days: AWAITING_MAX_DAYS as u32 });
                None
            }
            Ok(day) => Some(day),
            Err(error) => {
                errors.add(fields::AWAITING, error);
                None
            }
        },
    };
    errors.into_result(|| CheckedMessage { body: text.to_owned(), awaiting_until: awaiting })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 30).expect("date")
    }

    #[test]
    fn a_message_has_text_within_the_limit_and_three_files_at_most() {
        let checked = validate("  Bonjour, voici mon bail.  ", 3, "", today()).expect("valid");
        assert_eq!(checked, CheckedMessage { body: "Bonjour, voici mon bail.".into(), awaiting_until: None });
        let errors = validate("   ", 4, "", today()).expect_err("invalid");
        assert_eq!(errors.get(fields::BODY), Some(&ValidationError::Required));
        assert_eq!(errors.get(fields::ATTACHMENTS), Some(&ValidationError::TooManyAttachments { max: 3 }));
        let long = "é".repeat(BODY_MAX + 1);
        assert_eq!(validate(&long, 0, "", today()).expect_err("long").get(fields::BODY), Some(&ValidationError::TooLong { max: BODY_MAX }));
        assert!(validate(&"é".repeat(BODY_MAX), 0, "", today()).is_ok(), "counted in characters, not bytes");
    }

    #[test]
    fn an_awaited_answer_is_due_after_today_and_within_ninety_days() {
        let due = |day: &str| validate("Merci de préciser votre adresse.", 0, day, today());
        assert_eq!(due("2026-12-15").expect("valid").awaiting_until, Date::new(2026, 12, 15));
        assert_eq!(due("2026-11-30").expect_err("today").get(fields::AWAITING), Some(&ValidationError::DateNotInFuture));
        assert_eq!(due("2027-03-01").expect_err("far").get(fields::AWAITING), Some(&ValidationError::DateTooFar { max_days: 90 }));
        assert_eq!(due("2027-02-28").expect("90 days").awaiting_until, Date::new(2027, 2, 28));
        assert!(due("2026-02-30").is_err(), "not a day");
    }

    #[test]
    fn the_thread_is_open_from_filing_until_the_file_is_finished() {
        assert!(!thread_open(FileStatus::Brouillon));
        for open in [FileStatus::Deposee, FileStatus::EnInstruction, FileStatus::ComplementDemande, FileStatus::TitreDisponible] {
            assert!(thread_open(open), "{open:?}");
        }
        for closed in [FileStatus::Cloturee, FileStatus::Refusee, FileStatus::Remis, FileStatus::Abandonnee] {
            assert!(!thread_open(closed), "{closed:?}");
        }
    }

    #[test]
    fn authors_keep_their_stored_codes() {
        for author in [Author::Applicant, Author::Agent] {
            assert_eq!(Author::from_code(author.as_str()), Some(author));
            assert_ne!(author.other(), author);
        }
    }
}
