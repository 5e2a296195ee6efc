//! Which parts of the recap a change calls into question (seeds 001–004: "Modifier ma saisie"
//! from the recap). Only the part that changed, and the parts whose questions or documents the
//! change alters, go back to "to validate"; the others stay validated.

use serde::{Deserialize, Serialize};

use super::answers::{holds, required_documents, step_answers, Answers, ApplicantContext};
use super::model::{Procedure, Step, StepKind};

/// Why a validated part must be checked again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reopened {
    /// Its own answers changed.
    Edited,
    /// The change shows or hides questions of this part.
    Questions,
    /// The change alters the documents asked.
    Documents,
}

/// A part (step id) to check again, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReopenedPart {
    pub part: String,
    pub why: Reopened,
}

/// The fields of `step` the answers show.
fn shown_fields(step: &Step, answers: &Answers, ctx: &ApplicantContext) -> Vec<&'static str> {
    step.fields.iter().filter(|f| holds(&f.shown, answers, ctx)).map(|f| f.id).collect()
}

/// The recap parts to validate again when the answers of `edited` go from `before` to `after`
/// (all the draft's answers, each time).
pub fn parts_to_check_again(
    procedure: &Procedure,
    edited: &str,
    before: &Answers,
    after: &Answers,
    ctx: &ApplicantContext,
) -> Vec<ReopenedPart> {
    let documents_changed = {
        let codes = |answers| required_documents(procedure, answers, ctx).into_iter().map(|d| d.code).collect::<Vec<_>>();
        codes(before) != codes(after)
    };
    procedure
        .steps
        .iter()
        .filter(|step| matches!(step.kind, StepKind::Form | StepKind::Documents))
        .filter_map(|step| {
            let why = if step.id == edited && step_answers(step, before) != step_answers(step, after) {
                Reopened::Edited
            } else if step.kind == StepKind::Documents && documents_changed {
                Reopened::Documents
            } else if step.id != edited && shown_fields(step, before, ctx) != shown_fields(step, after, ctx) {
                Reopened::Questions
            } else {
                return None;
            };
            Some(ReopenedPart { part: step.id.to_owned(), why })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::procedure;
    use crate::domain::date::Date;

    fn adult() -> ApplicantContext {
        ApplicantContext { birth_date: Date::new(2002, 5, 14).expect("date"), today: Date::new(2026, 11, 30).expect("date") }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        let mut answers = Answers::default();
        for (field, value) in pairs {
            answers.set(field, *value);
        }
        answers
    }

    const SINGLE: &[(&str, &str)] = &[("situation_familiale", "celibataire"), ("enfants", "non"), ("etablissement_nom", "Université")];

    #[test]
    fn the_same_answers_reopen_nothing() {
        let student = procedure("etudiant").expect("student");
        let before = answers(SINGLE);
        assert_eq!(parts_to_check_again(student, "informations", &before, &before.clone(), &adult()), []);
    }

    #[test]
    fn a_marriage_reopens_the_part_and_the_documents_only() {
        let student = procedure("etudiant").expect("student");
        let before = answers(SINGLE);
        let mut after = before.clone();
        after.set("situation_familiale", "marie");
        after.set("conjoint_nationalite", "MX");
        let reopened = parts_to_check_again(student, "informations", &before, &after, &adult());
        assert_eq!(
            reopened,
            [
                ReopenedPart { part: "informations".into(), why: Reopened::Edited },
                ReopenedPart { part: "justificatifs".into(), why: Reopened::Documents },
            ]
        );
    }

    #[test]
    fn a_change_that_shows_questions_elsewhere_reopens_that_part() {
        // The salarié qualifié's sub-mention shows the diploma field in its own step and changes
        // the documents: these two parts reopen, not the personal one.
        let employee = procedure("passeport_talent_salarie_qualifie").expect("employee");
        let before = answers(&[("sous_mention", "salarie_en_mission")]);
        let after = answers(&[("sous_mention", "salarie_qualifie")]);
        let parts: Vec<String> = parts_to_check_again(employee, "motif", &before, &after, &adult()).into_iter().map(|p| p.part).collect();
        assert_eq!(parts, ["motif", "justificatifs"]);
    }

    #[test]
    fn a_change_that_shows_questions_in_another_part_reopens_it() {
        // Conditions may reach across steps: seen from the personal step, a different motive
        // answer shows other questions in the motive part.
        let employee = procedure("passeport_talent_salarie_qualifie").expect("employee");
        let before = answers(&[("sous_mention", "salarie_en_mission")]);
        let after = answers(&[("sous_mention", "salarie_qualifie")]);
        let reopened = parts_to_check_again(employee, "informations", &before, &after, &adult());
        assert!(reopened.contains(&ReopenedPart { part: "motif".into(), why: Reopened::Questions }));
    }
}
