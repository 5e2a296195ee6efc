//! The rules of a complementary-document request (SPEC §6), shared by the agent's form, the
//! applicant's answer page and the server.

use serde::{Deserialize, Serialize};

use crate::domain::validation::{FieldErrors, ValidationError};

/// The longest reason of an agent, or justification of an applicant, in characters.
pub const TEXT_MAX: usize = 1000;

/// One document the agent asks for, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestedDocument {
    pub document: String,
    pub reason: String,
}

/// The applicant's answer for one requested document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentAnswer {
    pub document: String,
    /// `true`: "Maintenir le document" (a justification is required); `false`: "Joindre un
    /// nouveau document" (a new file is required).
    pub keep: bool,
    pub justification: Option<String>,
}

/// The error key of a requested document, next to which the message is shown.
pub fn key(document: &str) -> String {
    format!("complement.{document}")
}

/// An agent's request: at least one document, each once, from `known` codes, each with a reason.
pub fn validate_request(items: &[RequestedDocument], known: &[&str]) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if items.is_empty() {
        errors.add("documents", ValidationError::Required);
    }
    for (i, item) in items.iter().enumerate() {
        if !known.contains(&item.document.as_str()) || items[..i].iter().any(|other| other.document == item.document) {
            errors.add(key(&item.document), ValidationError::InvalidChoice);
        } else if item.reason.trim().is_empty() {
            errors.add(key(&item.document), ValidationError::Required);
        } else if item.reason.chars().count() > TEXT_MAX {
            errors.add(key(&item.document), ValidationError::TooLong { max: TEXT_MAX });
        }
    }
    errors.into_result(|| ())
}

/// The applicant's answer: every requested document answered once; a kept one justified, a
/// replaced one with at least one new file (`new_files` counts them per document).
pub fn validate_answer(requested: &[&str], answers: &[DocumentAnswer], new_files: impl Fn(&str) -> usize) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for document in requested {
        match answers.iter().find(|a| a.document == *document) {
            None => errors.add(key(document), ValidationError::Required),
            Some(answer) if answer.keep => match answer.justification.as_deref().map(str::trim) {
                None | Some("") => errors.add(key(document), ValidationError::JustificationRequired),
                Some(text) if text.chars().count() > TEXT_MAX => errors.add(key(document), ValidationError::TooLong { max: TEXT_MAX }),
                Some(_) => {}
            },
            Some(_) if new_files(document) == 0 => errors.add(key(document), ValidationError::NewFileRequired),
            Some(_) => {}
        }
    }
    errors.into_result(|| ())
}

/// Whole days left until the deadline (0 on the last day, negative once passed).
pub fn days_left(today: crate::domain::date::Date, deadline: crate::domain::date::Date) -> i64 {
    today.days_until(deadline)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(document: &str, reason: &str) -> RequestedDocument {
        RequestedDocument { document: document.into(), reason: reason.into() }
    }

    #[test]
    fn a_request_names_known_documents_once_each_with_a_reason() {
        let known = ["passeport", "inscription"];
        assert_eq!(validate_request(&[asked("passeport", "Page illisible.")], &known), Ok(()));
        let errors = validate_request(&[], &known).expect_err("empty");
        assert_eq!(errors.get("documents"), Some(&ValidationError::Required));
        let errors = validate_request(
            &[asked("passeport", " "), asked("inconnu", "x"), asked("inscription", "a"), asked("inscription", "b")],
            &known,
        )
        .expect_err("invalid");
        assert_eq!(errors.get("complement.passeport"), Some(&ValidationError::Required));
        assert_eq!(errors.get("complement.inconnu"), Some(&ValidationError::InvalidChoice));
        assert_eq!(errors.get("complement.inscription"), Some(&ValidationError::InvalidChoice), "asked twice");
    }

    #[test]
    fn an_answer_keeps_with_a_justification_or_replaces_with_a_file() {
        let requested = ["passeport", "inscription"];
        let keep = |text: Option<&str>| DocumentAnswer { document: "passeport".into(), keep: true, justification: text.map(str::to_owned) };
        let replace = DocumentAnswer { document: "inscription".into(), keep: false, justification: None };
        let files = |n: usize| move |_: &str| n;
        assert_eq!(validate_answer(&requested, &[keep(Some("Le passeport est lisible en page 2.")), replace.clone()], files(1)), Ok(()));
        let errors = validate_answer(&requested, &[keep(Some("  ")), replace.clone()], files(0)).expect_err("invalid");
        assert_eq!(errors.get("complement.passeport"), Some(&ValidationError::JustificationRequired));
        assert_eq!(errors.get("complement.inscription"), Some(&ValidationError::NewFileRequired));
        let errors = validate_answer(&requested, &[keep(Some("ok"))], files(0)).expect_err("missing");
        assert_eq!(errors.get("complement.inscription"), Some(&ValidationError::Required));
    }
}
