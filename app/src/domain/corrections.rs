//! Correcting a filed application (issue 13). Until an agent takes the file in charge the
//! applicant may correct an answer or add a document on their own; once instruction has begun,
//! only when the agent sends the file back for correction, with a reason per answer or
//! document. The civil status is never corrected here (it comes from the registers). Each
//! change is kept with its value before and after; the receipt stays as filed and an addendum
//! lists the changes.

use serde::{Deserialize, Serialize};

use super::catalogue::answers::{answer_rows, belongs_to_step, holds, required_documents, retain_step_answers};
use super::catalogue::{Answers, ApplicantContext, Procedure, StepKind, Text};
use super::lifecycle::FileStatus;
use super::validation::{FieldErrors, ValidationError};
use crate::i18n::Lang;

/// The longest comment of an agent on one item, in characters.
pub const COMMENT_MAX: usize = 1000;

/// Whether the applicant may correct the file now: on their own before it is taken in charge,
/// or when the agent asked for it.
pub fn may_correct(status: FileStatus) -> bool {
    matches!(status, FileStatus::Deposee | FileStatus::CorrectionDemandee)
}

/// Why the agent sends an item back. The code is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Incorrect,
    Incomplete,
    OutOfDate,
}

impl Reason {
    pub const ALL: [Reason; 3] = [Reason::Incorrect, Reason::Incomplete, Reason::OutOfDate];

    pub fn label(self) -> Text {
        match self {
            Reason::Incorrect => Text::new("Inexact", "Incorrect"),
            Reason::Incomplete => Text::new("Incomplet", "Incomplete"),
            Reason::OutOfDate => Text::new("Périmé", "Out of date"),
        }
    }
}

/// One answer (by its field id) or one document (by its code) sent back, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionItem {
    pub target: String,
    pub reason: Reason,
    pub comment: String,
}

/// What the agent may send back on a file: each question the applicant was asked (by field
/// id) and each document asked of them (by code), with its label ("step – question").
pub fn targets(procedure: &Procedure, answers: &Answers, ctx: &ApplicantContext, lang: Lang) -> Vec<(String, String)> {
    let fields = editable_steps(procedure).flat_map(|step| {
        step.fields
            .iter()
            .filter(|f| holds(&f.shown, answers, ctx))
            .map(move |f| (f.id.to_owned(), format!("{} – {}", step.title.get(lang), f.label.get(lang))))
    });
    let documents = required_documents(procedure, answers, ctx).into_iter().map(|d| (d.code.to_owned(), d.label.get(lang).to_owned()));
    fields.chain(documents).collect()
}

/// The label of a target, whether or not the answers still show it.
pub fn target_label(procedure: &Procedure, target: &str, lang: Lang) -> Option<String> {
    editable_steps(procedure)
        .find_map(|step| step.fields.iter().find(|f| f.id == target).map(|f| format!("{} – {}", step.title.get(lang), f.label.get(lang))))
        .or_else(|| procedure.documents.iter().find(|d| d.code == target).map(|d| d.label.get(lang).to_owned()))
}

/// The steps whose answers the applicant may correct: every form, and the documents step's
/// own fields (the e-photo code). Civil status is not a step: it comes from the registers.
pub fn editable_steps(procedure: &Procedure) -> impl Iterator<Item = &'static super::catalogue::Step> {
    procedure.steps.iter().filter(|s| matches!(s.kind, StepKind::Form | StepKind::Documents) && !s.fields.is_empty())
}

/// The error key of an item of the agent's form.
pub fn key(target: &str) -> String {
    format!("correction.{target}")
}

/// An agent's request: at least one item, each target known and once, comments within
/// [`COMMENT_MAX`] (a comment is optional: the reason may say it all).
pub fn validate_request(items: &[CorrectionItem], known: &[(String, String)]) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if items.is_empty() {
        errors.add("items", ValidationError::Required);
    }
    for (i, item) in items.iter().enumerate() {
        if !known.iter().any(|(target, _)| *target == item.target) || items[..i].iter().any(|other| other.target == item.target) {
            errors.add(key(&item.target), ValidationError::InvalidChoice);
        } else if item.comment.chars().count() > COMMENT_MAX {
            errors.add(key(&item.target), ValidationError::TooLong { max: COMMENT_MAX });
        }
    }
    errors.into_result(|| ())
}

/// One changed answer, as the agent and the addendum read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerChange {
    /// The step's title, then the question.
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The answers that differ between `before` and `after`, question by question as the recap
/// shows them (a choice by its label, a list item by item), in the procedure's order.
pub fn answer_changes(procedure: &Procedure, before: &Answers, after: &Answers, ctx: &ApplicantContext, lang: Lang) -> Vec<AnswerChange> {
    let mut changes = Vec::new();
    for step in editable_steps(procedure) {
        let old = answer_rows(step, before, ctx, lang);
        let new = answer_rows(step, after, ctx, lang);
        let mut labels: Vec<&String> = new.iter().map(|(label, _)| label).collect();
        labels.extend(old.iter().map(|(label, _)| label).filter(|label| !new.iter().any(|(l, _)| l == *label)));
        for label in labels {
            let find = |rows: &[(String, Option<String>)]| rows.iter().find(|(l, _)| l == label).and_then(|(_, v)| v.clone());
            let (was, is) = (find(&old), find(&new));
            if was != is {
                changes.push(AnswerChange { label: format!("{} – {label}", step.title.get(lang)), before: was, after: is });
            }
        }
    }
    changes
}

/// The corrected answers: the stored ones with the editable steps' answers replaced by the
/// applicant's, kept as the wizard keeps them (only the fields shown); anything else they sent
/// is ignored, so nothing outside those steps changes.
pub fn merge(procedure: &Procedure, stored: &Answers, sent: &Answers, ctx: &ApplicantContext) -> Answers {
    let editable = |key: &str| editable_steps(procedure).any(|step| belongs_to_step(step, key));
    let mut merged = Answers(stored.0.iter().filter(|(k, _)| !editable(k)).map(|(k, v)| (k.clone(), v.clone())).collect());
    for step in editable_steps(procedure) {
        merged.0.extend(retain_step_answers(step, sent, ctx).0);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue;
    use crate::domain::date::Date;

    fn student() -> &'static Procedure {
        catalogue::procedure("etudiant").expect("procedure")
    }

    fn ctx() -> ApplicantContext {
        ApplicantContext { birth_date: Date::new(2002, 5, 14).expect("date"), today: Date::new(2026, 11, 30).expect("date") }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        Answers(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn the_applicant_corrects_before_instruction_or_when_asked() {
        assert!(may_correct(FileStatus::Deposee) && may_correct(FileStatus::CorrectionDemandee));
        for other in [FileStatus::Brouillon, FileStatus::EnInstruction, FileStatus::ComplementDemande, FileStatus::DecisionFavorable] {
            assert!(!may_correct(other), "{other:?}");
        }
    }

    #[test]
    fn a_request_names_known_answers_or_documents_once() {
        let filed = answers(&[("etablissement_type", "universite"), ("etablissement_nom", "Université de Lille")]);
        let known = targets(student(), &filed, &ctx(), Lang::Fr);
        assert!(known.iter().any(|(t, _)| t == "etablissement_nom") && known.iter().any(|(t, _)| t == "passeport"), "{known:?}");
        assert_eq!(target_label(student(), "passeport", Lang::En).as_deref(), Some("Passport"));
        let item =
            |target: &str, comment: &str| CorrectionItem { target: target.into(), reason: Reason::Incorrect, comment: comment.into() };
        assert_eq!(validate_request(&[item("etablissement_nom", "Le nom ne correspond pas à l'attestation.")], &known), Ok(()));
        assert_eq!(validate_request(&[], &known).expect_err("empty").get("items"), Some(&ValidationError::Required));
        let errors = validate_request(&[item("etat_civil", ""), item("passeport", ""), item("passeport", "")], &known).expect_err("bad");
        assert_eq!(errors.get("correction.etat_civil"), Some(&ValidationError::InvalidChoice), "the civil status is not corrected here");
        assert_eq!(errors.get("correction.passeport"), Some(&ValidationError::InvalidChoice), "twice");
        let long = item("etablissement_nom", &"x".repeat(COMMENT_MAX + 1));
        let errors = validate_request(&[long], &known).expect_err("long");
        assert_eq!(errors.get("correction.etablissement_nom"), Some(&ValidationError::TooLong { max: COMMENT_MAX }));
    }

    #[test]
    fn changes_are_read_question_by_question_and_only_editable_answers_move() {
        let before = answers(&[("telephone", "06 12 34 56 78"), ("etablissement_nom", "Université de Lille"), ("hors_etape", "gardé")]);
        let sent = answers(&[("telephone", "07 98 76 54 32"), ("etablissement_nom", "Université de Lille"), ("hors_etape", "changé")]);
        let merged = merge(student(), &before, &sent, &ctx());
        assert_eq!(merged.get("telephone"), Some("07 98 76 54 32"));
        assert_eq!(merged.get("hors_etape"), Some("gardé"), "a key outside the editable steps keeps its value");
        let changes = answer_changes(student(), &before, &merged, &ctx(), Lang::Fr);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].before.as_deref(), Some("06 12 34 56 78"));
        assert_eq!(changes[0].after.as_deref(), Some("07 98 76 54 32"));
        assert!(changes[0].label.contains("téléphone") || changes[0].label.contains("Téléphone"), "{}", changes[0].label);
    }
}
