//! Proof of lawful stay between two titles: the renewal window and its reminders, the
//! attestation de prolongation d'instruction that follows a timely renewal, the day on which the
//! prefecture's silence becomes an implicit rejection, and the share codes that let an employer,
//! a landlord or a social service check a holder's status. Plain rules, no I/O; each legal figure
//! is cited in `docs/lawful-stay.md`, and the policy figures are settings whose defaults are here.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::catalogue::Text;
use super::date::Date;
use super::lifecycle::Action;
use super::validation::ValidationError;

/// CESEDA R431-5: a renewal is filed "dans le courant des quatrième, troisième et deuxième mois"
/// before the title expires, i.e. from 120 to 60 days before.
pub const WINDOW_OPENS_DAYS_BEFORE: i64 = 120;
pub const WINDOW_CLOSES_DAYS_BEFORE: i64 = 60;

/// Where a holder stands with respect to the renewal of a title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timing {
    /// The window has not opened yet.
    NotYet,
    /// Inside the window: the renewal is timely.
    Open,
    /// After the window, the title still valid: the renewal is late.
    Late,
    /// The title has expired.
    Expired,
}

/// The period in which a title's renewal is filed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalWindow {
    pub opens: Date,
    pub closes: Date,
    /// The title's last day of validity.
    pub expires: Date,
}

impl RenewalWindow {
    pub fn before(expires: Date) -> Self {
        RenewalWindow { opens: expires.add_days(-WINDOW_OPENS_DAYS_BEFORE), closes: expires.add_days(-WINDOW_CLOSES_DAYS_BEFORE), expires }
    }

    pub fn timing(&self, today: Date) -> Timing {
        if today > self.expires {
            Timing::Expired
        } else if today > self.closes {
            Timing::Late
        } else if today >= self.opens {
            Timing::Open
        } else {
            Timing::NotYet
        }
    }

    /// A renewal filed by the window's last day keeps the holder's rights until the decision
    /// (an early one too: the applicant did more than asked).
    pub fn is_timely(&self, filed_on: Date) -> bool {
        filed_on <= self.closes
    }
}

/// Days before expiry at which a holder who has not filed a renewal is reminded: the window's
/// opening, its middle and its last day. A policy figure (setting `ANEF_REMINDER_DAYS`).
pub const DEFAULT_REMINDER_DAYS: [i64; 3] = [120, 90, 60];

/// The reminder due on `today`, if any: the latest threshold reached, while the title is valid.
/// A threshold passed while no reminder went out (a worker down for days) is not sent late
/// once a later one is due: the later one says more.
pub fn reminder_due(expires: Date, today: Date, thresholds: &[i64]) -> Option<i64> {
    if today > expires {
        return None;
    }
    let left = today.days_until(expires);
    thresholds.iter().copied().filter(|threshold| left <= *threshold).min()
}

/// CESEDA R431-15-1: the attestation de prolongation d'instruction is valid three months and is
/// renewed until the decision.
pub const ATTESTATION_MONTHS: u32 = 3;
/// Days before an attestation ends that its successor is issued (a policy figure, setting
/// `ANEF_ATTESTATION_RENEWAL_LEAD_DAYS`): time for the holder to hand it to an employer.
pub const DEFAULT_ATTESTATION_RENEWAL_LEAD_DAYS: i64 = 15;

/// The last day of the first attestation: three months after the current title's expiry, or
/// after the issue when that is later (a title already expired).
pub fn first_attestation_until(title_expires: Date, issued_on: Date) -> Date {
    title_expires.max(issued_on).add_months(ATTESTATION_MONTHS)
}

/// The last day of the attestation that follows one ending on `valid_until`: the periods join
/// without a gap.
pub fn next_attestation_until(valid_until: Date) -> Date {
    valid_until.add_months(ATTESTATION_MONTHS)
}

/// Whether the successor of an attestation ending on `valid_until` is due on `today`.
pub fn attestation_renewal_due(valid_until: Date, today: Date, lead_days: i64) -> bool {
    today >= valid_until.add_days(-lead_days)
}

/// CESEDA R432-2: the prefecture's silence for four months on a residence-permit application
/// is an implicit rejection.
pub const IMPLICIT_DECISION_MONTHS: u32 = 4;
/// Days before the implicit decision that the prefecture's agents are warned (a policy figure,
/// setting `ANEF_IMPLICIT_DECISION_WARNING_DAYS`), and the queue's filter.
pub const DEFAULT_IMPLICIT_WARNING_DAYS: i64 = 15;

/// The day silence becomes a rejection, for a period running from `runs_from`: the filing, or
/// the receipt of the documents asked for (CRPA L114-5). While documents are awaited the period
/// does not run, and there is no such day.
pub fn implicit_decision_on(runs_from: Date) -> Date {
    runs_from.add_months(IMPLICIT_DECISION_MONTHS)
}

/// The implicit decision falls within `days` from `today` (and has not passed).
pub fn implicit_decision_within(on: Date, today: Date, days: i64) -> bool {
    (0..=days).contains(&today.days_until(on))
}

/// How `action` changes the day silence becomes a rejection: `Some(Some(day))` sets it (the
/// filing, or the documents asked for received), `Some(None)` clears it (documents awaited: the
/// period is suspended; a decision or a closure: there is no silence any more), `None` leaves it.
pub fn implicit_decision_after(action: Action, today: Date) -> Option<Option<Date>> {
    match action {
        Action::Submit | Action::AnswerComplement | Action::Resubmit => Some(Some(implicit_decision_on(today))),
        Action::RequestComplement
        | Action::RequestCorrection
        | Action::ExpireDeadline
        | Action::DecideFavourable
        | Action::Refuse
        | Action::Withdraw => Some(None),
        Action::Abandon
        | Action::TakeCharge
        | Action::StartProduction
        | Action::CardAvailable
        | Action::HandOver
        | Action::ValidateVisa => None,
    }
}

/// The attestation de prolongation d'instruction stops at the decision, the closure of the file
/// or its withdrawal (the favourable decision's attestation takes over).
pub fn ends_attestation(action: Action) -> bool {
    matches!(action, Action::DecideFavourable | Action::Refuse | Action::ExpireDeadline | Action::Withdraw)
}

/// Letters and digits of codes read aloud or typed from paper: no 0/O, 1/I/L.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Length of share codes and of the verification codes printed on documents.
pub const CODE_LENGTH: usize = 9;
/// Days a share code works (a policy figure, setting `ANEF_SHARE_CODE_DAYS`).
pub const DEFAULT_SHARE_CODE_DAYS: i64 = 30;

/// A code from random bytes: bytes that would bias the draw are skipped, so every letter is
/// equally likely. `None` when `random` runs out first.
pub fn code_from_random(random: impl IntoIterator<Item = u8>) -> Option<String> {
    let size = CODE_ALPHABET.len();
    // The largest multiple of the alphabet's size below 256: the bytes above would favour the
    // first letters.
    let fair = 256 - 256 % size;
    let code: String = random
        .into_iter()
        .filter(|b| usize::from(*b) < fair)
        .map(|b| char::from(CODE_ALPHABET[usize::from(b) % size]))
        .take(CODE_LENGTH)
        .collect();
    (code.len() == CODE_LENGTH).then_some(code)
}

/// A code as typed: case, spaces and dashes do not matter; anything else is reported.
pub fn parse_code(input: &str) -> Result<String, ValidationError> {
    let code: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    if code.is_empty() {
        return Err(ValidationError::Required);
    }
    if code.chars().count() != CODE_LENGTH || !code.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
        return Err(ValidationError::InvalidShareCode);
    }
    Ok(code)
}

/// `ABC-DEF-GHJ`: easier to read out and to copy.
pub fn display_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars.chunks(3).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// Whom a share code is for; the holder sees it in the list of codes and of checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SharePurpose {
    Employer,
    Landlord,
    SocialServices,
    Other,
}

impl SharePurpose {
    pub const ALL: [SharePurpose; 4] = [SharePurpose::Employer, SharePurpose::Landlord, SharePurpose::SocialServices, SharePurpose::Other];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            SharePurpose::Employer => "employeur",
            SharePurpose::Landlord => "bailleur",
            SharePurpose::SocialServices => "services_sociaux",
            SharePurpose::Other => "autre",
        }
    }

    pub fn label(self) -> Text {
        match self {
            SharePurpose::Employer => Text::new("Employeur", "Employer"),
            SharePurpose::Landlord => Text::new("Bailleur", "Landlord"),
            SharePurpose::SocialServices => Text::new("Services sociaux (CAF, France Travail…)", "Social services (CAF, France Travail…)"),
            SharePurpose::Other => Text::new("Autre", "Other"),
        }
    }
}

impl fmt::Display for SharePurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SharePurpose {
    type Err = ValidationError;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        if code.trim().is_empty() {
            return Err(ValidationError::Required);
        }
        SharePurpose::ALL.into_iter().find(|p| p.as_str() == code).ok_or(ValidationError::InvalidChoice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid test date")
    }

    #[test]
    fn the_window_runs_from_120_to_60_days_before_expiry() {
        let window = RenewalWindow::before(d(2027, 2, 28));
        assert_eq!(window.opens, d(2026, 10, 31));
        assert_eq!(window.closes, d(2026, 12, 30));
        assert_eq!(window.timing(d(2026, 10, 30)), Timing::NotYet);
        assert_eq!(window.timing(d(2026, 10, 31)), Timing::Open);
        assert_eq!(window.timing(d(2026, 12, 30)), Timing::Open);
        assert_eq!(window.timing(d(2026, 12, 31)), Timing::Late);
        assert_eq!(window.timing(d(2027, 2, 28)), Timing::Late, "the last day of validity is still a valid day");
        assert_eq!(window.timing(d(2027, 3, 1)), Timing::Expired);
        assert!(window.is_timely(d(2026, 9, 1)));
        assert!(window.is_timely(d(2026, 12, 30)));
        assert!(!window.is_timely(d(2026, 12, 31)));
    }

    #[test]
    fn each_reminder_is_the_latest_threshold_reached() {
        let expires = d(2027, 6, 30);
        let at = |left: i64| reminder_due(expires, expires.add_days(-left), &DEFAULT_REMINDER_DAYS);
        assert_eq!(at(121), None);
        assert_eq!(at(120), Some(120));
        assert_eq!(at(91), Some(120));
        assert_eq!(at(90), Some(90));
        assert_eq!(at(60), Some(60));
        assert_eq!(at(1), Some(60));
        assert_eq!(at(0), Some(60));
        assert_eq!(at(-1), None, "an expired title gets no reminder");
        assert_eq!(reminder_due(expires, expires.add_days(-100), &[]), None);
    }

    #[test]
    fn attestations_cover_three_months_after_expiry_and_join_without_a_gap() {
        assert_eq!(first_attestation_until(d(2027, 2, 28), d(2026, 12, 1)), d(2027, 5, 28));
        // Filed after expiry (late): three months from the issue.
        assert_eq!(first_attestation_until(d(2026, 11, 1), d(2026, 11, 30)), d(2027, 2, 28));
        assert_eq!(next_attestation_until(d(2027, 5, 28)), d(2027, 8, 28));
        assert!(!attestation_renewal_due(d(2027, 5, 28), d(2027, 5, 12), 15));
        assert!(attestation_renewal_due(d(2027, 5, 28), d(2027, 5, 13), 15));
        assert!(attestation_renewal_due(d(2027, 5, 28), d(2027, 6, 1), 15), "a late run still renews");
    }

    #[test]
    fn silence_becomes_a_rejection_after_four_months() {
        assert_eq!(implicit_decision_on(d(2026, 11, 30)), d(2027, 3, 30));
        assert_eq!(implicit_decision_on(d(2026, 10, 31)), d(2027, 2, 28));
        let on = d(2027, 3, 30);
        assert!(implicit_decision_within(on, d(2027, 3, 15), 15));
        assert!(!implicit_decision_within(on, d(2027, 3, 14), 15));
        assert!(implicit_decision_within(on, on, 15));
        assert!(!implicit_decision_within(on, d(2027, 3, 31), 15), "passed");
    }

    #[test]
    fn the_period_restarts_when_the_documents_arrive_and_ends_with_the_decision() {
        let today = d(2026, 12, 1);
        assert_eq!(implicit_decision_after(Action::Submit, today), Some(Some(d(2027, 4, 1))));
        assert_eq!(implicit_decision_after(Action::RequestComplement, today), Some(None));
        assert_eq!(implicit_decision_after(Action::AnswerComplement, today), Some(Some(d(2027, 4, 1))));
        assert_eq!(implicit_decision_after(Action::TakeCharge, today), None);
        for action in [Action::DecideFavourable, Action::Refuse, Action::ExpireDeadline, Action::Withdraw] {
            assert_eq!(implicit_decision_after(action, today), Some(None));
            assert!(ends_attestation(action));
        }
        assert!(!ends_attestation(Action::TakeCharge));
    }

    #[test]
    fn codes_use_an_unambiguous_alphabet_without_bias() {
        for ambiguous in b"01OIL" {
            assert!(!CODE_ALPHABET.contains(ambiguous));
        }
        let code = code_from_random(0u8..=255).expect("enough bytes");
        assert_eq!(code, "23456789A");
        // Bytes past the largest multiple of the alphabet's size are skipped.
        assert_eq!(code_from_random([255u8, 254, 248].into_iter().chain(std::iter::repeat_n(0, 9))), Some("222222222".into()));
        assert_eq!(code_from_random([1u8, 2, 3]), None);
    }

    #[test]
    fn codes_are_read_as_typed() {
        assert_eq!(parse_code(" abc-def-ghj "), Ok("ABCDEFGHJ".into()));
        assert_eq!(parse_code("ABC DEF GHJ"), Ok("ABCDEFGHJ".into()));
        assert_eq!(parse_code(""), Err(ValidationError::Required));
        assert_eq!(parse_code("ABCDEFGH"), Err(ValidationError::InvalidShareCode));
        assert_eq!(parse_code("ABCDEFGH0"), Err(ValidationError::InvalidShareCode), "0 is not in the alphabet");
        assert_eq!(parse_code("ABCDEFGHÉ"), Err(ValidationError::InvalidShareCode));
        assert_eq!(display_code("ABCDEFGHJ"), "ABC-DEF-GHJ");
    }

    #[test]
    fn purposes_round_trip() {
        for purpose in SharePurpose::ALL {
            assert_eq!(purpose.as_str().parse::<SharePurpose>(), Ok(purpose));
        }
        assert_eq!("".parse::<SharePurpose>(), Err(ValidationError::Required));
        assert_eq!("banque".parse::<SharePurpose>(), Err(ValidationError::InvalidChoice));
    }
}
