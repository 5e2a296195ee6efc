//! Where a filed application stands, as the applicant follows it: the stages it goes through
//! with the day each was reached, what comes next and who acts, and an estimate of the decision
//! from the prefecture's own recent figures. Plain rules, no I/O.

use serde::{Deserialize, Serialize};

use super::catalogue::Text;
use super::date::Date;
use super::lifecycle::Action;

/// The figures count the decisions of the last 90 days.
pub const FIGURES_WINDOW_DAYS: i64 = 90;
/// Below this many decisions the figures say too little to be shown (a policy figure, setting
/// `ANEF_ESTIMATE_MIN_FILES`).
pub const DEFAULT_MIN_FILES: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    Filed,
    /// An agent took the file and checks that it is complete.
    BeingChecked,
    /// The file is complete (the documents asked for came back) and is examined.
    BeingInstructed,
    Decided,
    CardInProduction,
    CardAvailable,
    HandedOver,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Filed,
        Stage::BeingChecked,
        Stage::BeingInstructed,
        Stage::Decided,
        Stage::CardInProduction,
        Stage::CardAvailable,
        Stage::HandedOver,
    ];

    pub fn label(self) -> Text {
        match self {
            Stage::Filed => Text::new("Demande déposée", "Application filed"),
            Stage::BeingChecked => Text::new("Vérification du dossier", "File being checked"),
            Stage::BeingInstructed => Text::new("Instruction", "Under review"),
            Stage::Decided => Text::new("Décision", "Decision"),
            Stage::CardInProduction => Text::new("Titre en fabrication", "Permit being produced"),
            Stage::CardAvailable => Text::new("Titre disponible", "Permit ready"),
            Stage::HandedOver => Text::new("Titre remis", "Permit handed over"),
        }
    }

    /// What happens once the file has reached this stage, and who acts.
    pub fn next(self) -> Text {
        match self {
            Stage::Filed => Text::new(
                "La préfecture va prendre votre dossier en charge et vérifier qu'il est complet. Vous n'avez rien à faire.",
                "The prefecture will take up your file and check that it is complete. You have nothing to do.",
            ),
            Stage::BeingChecked => Text::new(
                "Un agent vérifie votre dossier. S'il manque une pièce, elle vous sera demandée par courriel.",
                "An agent is checking your file. If a document is missing, you will be asked for it by e-mail.",
            ),
            Stage::BeingInstructed => Text::new(
                "La préfecture examine votre demande et prendra une décision. Vous n'avez rien à faire.",
                "The prefecture is examining your application and will decide. You have nothing to do.",
            ),
            Stage::Decided => Text::new(
                "La décision est disponible dans vos documents. Si elle est favorable, la préfecture lance la fabrication de votre titre.",
                "The decision is in your documents. If it is favourable, the prefecture orders your permit.",
            ),
            Stage::CardInProduction => Text::new(
                "Votre titre est fabriqué par l'Imprimerie nationale. Vous serez prévenu dès qu'il sera disponible.",
                "Your permit is being printed. You will be told as soon as it is ready.",
            ),
            Stage::CardAvailable => Text::new(
                "Votre titre vous attend en préfecture : prenez rendez-vous pour le retirer.",
                "Your permit is waiting for you at the prefecture: book an appointment to collect it.",
            ),
            Stage::HandedOver => Text::new("Votre titre vous a été remis.", "Your permit was handed over to you."),
        }
    }
}

/// The day each stage was reached, from the file's history (`(action, day)`, oldest first).
/// `BeingInstructed` is reached when the file is taken in charge and no document or correction
/// is requested at once, or when the last documents or corrections requested come back.
pub fn stages(history: &[(Action, Date)]) -> Vec<(Stage, Option<Date>)> {
    let first = |wanted: &[Action]| history.iter().find(|(a, _)| wanted.contains(a)).map(|(_, d)| *d);
    let last = |wanted: &[Action]| history.iter().rev().find(|(a, _)| wanted.contains(a)).map(|(_, d)| *d);
    let checked = first(&[Action::TakeCharge]);
    let requested = history.iter().any(|(a, _)| matches!(a, Action::RequestComplement | Action::RequestCorrection));
    let answered = last(&[Action::AnswerComplement, Action::Resubmit]);
    let decided = first(&[Action::DecideFavourable, Action::Refuse]);
    let instructed = match (requested, answered) {
        (false, _) => checked,
        (true, Some(day)) => Some(day),
        // Still waiting for documents, unless the file was decided meanwhile.
        (true, None) => decided,
    };
    Stage::ALL
        .into_iter()
        .map(|stage| {
            let day = match stage {
                Stage::Filed => first(&[Action::Submit]),
                Stage::BeingChecked => checked,
                Stage::BeingInstructed => instructed,
                Stage::Decided => decided,
                Stage::CardInProduction => first(&[Action::StartProduction]),
                Stage::CardAvailable => first(&[Action::CardAvailable]),
                Stage::HandedOver => first(&[Action::HandOver]),
            };
            (stage, day)
        })
        .collect()
}

/// The prefecture's recent delays between filing and decision, in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelayFigures {
    pub median: i64,
    /// Nine decisions in ten came within this many days.
    pub ninth_decile: i64,
    /// How many decisions the figures count.
    pub count: usize,
}

/// The figures of `delays` (days from filing to decision), or `None` below `min_files`.
/// Percentiles by nearest rank: each figure is a delay some file really had.
pub fn delay_figures(mut delays: Vec<i64>, min_files: usize) -> Option<DelayFigures> {
    if delays.is_empty() || delays.len() < min_files {
        return None;
    }
    delays.sort_unstable();
    let rank = |percent: usize| delays[(delays.len() * percent).div_ceil(100).max(1) - 1];
    Some(DelayFigures { median: rank(50), ninth_decile: rank(90), count: delays.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid test date")
    }

    #[test]
    fn stages_follow_the_history() {
        let history = [(Action::Submit, d(2026, 1, 5)), (Action::TakeCharge, d(2026, 1, 20))];
        let reached: Vec<Option<Date>> = stages(&history).into_iter().map(|(_, day)| day).collect();
        assert_eq!(reached[..4], [Some(d(2026, 1, 5)), Some(d(2026, 1, 20)), Some(d(2026, 1, 20)), None]);

        // Documents asked: the instruction starts when the last ones come back.
        let history = [
            (Action::Submit, d(2026, 1, 5)),
            (Action::TakeCharge, d(2026, 1, 20)),
            (Action::RequestComplement, d(2026, 1, 21)),
            (Action::AnswerComplement, d(2026, 2, 1)),
            (Action::RequestComplement, d(2026, 2, 3)),
        ];
        let stages = stages(&history);
        assert_eq!(stages[2], (Stage::BeingInstructed, Some(d(2026, 2, 1))));
        let history = [(Action::Submit, d(2026, 1, 5)), (Action::TakeCharge, d(2026, 1, 20)), (Action::RequestComplement, d(2026, 1, 21))];
        assert_eq!(super::stages(&history)[2], (Stage::BeingInstructed, None), "waiting for documents");
        for stage in Stage::ALL {
            assert!(!stage.label().en.is_empty() && !stage.next().fr.is_empty());
        }
    }

    #[test]
    fn figures_are_real_delays_and_hidden_below_the_minimum() {
        assert_eq!(delay_figures(vec![30, 40], 5), None);
        assert_eq!(delay_figures(vec![], 0), None);
        let figures = delay_figures(vec![100, 20, 30, 40, 50, 60, 70, 80, 90, 10], 5).expect("ten files");
        assert_eq!(figures, DelayFigures { median: 50, ninth_decile: 90, count: 10 });
        let figures = delay_figures(vec![12, 5, 7, 30, 9], 5).expect("five files");
        assert_eq!((figures.median, figures.ninth_decile), (9, 30));
    }
}
