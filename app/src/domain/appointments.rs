//! Appointments to collect the card (issue 13): the prefecture's agents open collection slots
//! (a day, opening hours cut into slots of a given length, a capacity per slot); once the card
//! is available the applicant books one, and may move or cancel it until the day before; the
//! day list of the agents records whether the card was handed over or the person did not come.
//!
//! Times are Paris wall-clock times (minutes after midnight): a slot is where a person stands
//! in a queue at the prefecture, never an instant to convert.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::lifecycle::FileStatus;
use super::validation::{FieldErrors, ValidationError};

/// The furthest day slots may be opened, in days from today.
pub const OPEN_AHEAD_MAX_DAYS: i64 = 180;
/// Slots one opening may create (a day of 5-minute slots is 144).
pub const SLOTS_PER_OPENING_MAX: usize = 150;
pub const CAPACITY_MAX: u32 = 50;
pub const LENGTH_MIN: u32 = 5;
pub const LENGTH_MAX: u32 = 120;

/// Field names of the agents' opening form.
pub mod fields {
    pub const DAY: &str = "day";
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
    pub const LENGTH: &str = "length";
    pub const CAPACITY: &str = "capacity";
    pub const SLOT: &str = "slot";
}

/// What an agent asks to open: `from`/`to` as `HH:MM`, `length` in minutes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningInput {
    pub day: String,
    pub from: String,
    pub to: String,
    pub length: String,
    pub capacity: String,
}

/// Slots to create: their day, start minutes, length and capacity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    pub day: Date,
    pub starts: Vec<u32>,
    pub length: u32,
    pub capacity: u32,
}

/// `HH:MM` (what `<input type="time">` gives) as minutes after midnight.
pub fn parse_time(text: &str) -> Result<u32, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValidationError::Required);
    }
    let (hours, minutes) = text.split_once(':').ok_or(ValidationError::InvalidTime)?;
    let (Ok(hours), Ok(minutes)) = (hours.parse::<u32>(), minutes.get(..2).unwrap_or(minutes).parse::<u32>()) else {
        return Err(ValidationError::InvalidTime);
    };
    if hours > 23 || minutes > 59 {
        return Err(ValidationError::InvalidTime);
    }
    Ok(hours * 60 + minutes)
}

/// Minutes after midnight as `HH:MM`.
pub fn format_time(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn number(text: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValidationError::Required);
    }
    match text.parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(ValidationError::OutOfRange { min: *range.start(), max: *range.end() }),
    }
}

/// An opening: a day after today and within [`OPEN_AHEAD_MAX_DAYS`], opening hours cut into
/// whole slots of `length` minutes, each for `capacity` people.
pub fn validate_opening(input: &OpeningInput, today: Date) -> Result<Opening, FieldErrors> {
    let mut errors = FieldErrors::new();
    let day = match Date::parse_iso(&input.day) {
        Ok(day) if day <= today => Err(ValidationError::DateNotInFuture),
        Ok(day) if today.days_until(day) > OPEN_AHEAD_MAX_DAYS => Err(ValidationError::DateTooFar { max_days: OPEN_AHEAD_MAX_DAYS as u32 }),
        other => other,
    };
    let day = day.map_err(|e| errors.add(fields::DAY, e)).ok();
    let from = parse_time(&input.from).map_err(|e| errors.add(fields::FROM, e)).ok();
    let to = parse_time(&input.to).map_err(|e| errors.add(fields::TO, e)).ok();
    let length = number(&input.length, LENGTH_MIN..=LENGTH_MAX).map_err(|e| errors.add(fields::LENGTH, e)).ok();
    let capacity = number(&input.capacity, 1..=CAPACITY_MAX).map_err(|e| errors.add(fields::CAPACITY, e)).ok();
    let mut starts = Vec::new();
    match (from, to, length) {
        (Some(from), Some(to), _) if to <= from => errors.add(fields::TO, ValidationError::EndBeforeStart),
        (Some(from), Some(to), Some(length)) if to < from + length => errors.add(fields::TO, ValidationError::EndBeforeStart),
        (Some(from), Some(to), Some(length)) => {
            starts = (from..=to - length).step_by(length as usize).collect();
            if starts.len() > SLOTS_PER_OPENING_MAX {
                errors.add(fields::LENGTH, ValidationError::TooManyItems { max: SLOTS_PER_OPENING_MAX });
            }
        }
        _ => {}
    }
    errors.into_result(|| Opening { day: day.unwrap_or(today), starts, length: length.unwrap_or(0), capacity: capacity.unwrap_or(0) })
}

/// Whether a file's holder may book: once the card is available, until it is handed over.
pub fn may_book(status: FileStatus) -> bool {
    status == FileStatus::TitreDisponible
}

/// Whether an appointment on `day` may still be booked, moved or cancelled on `today`: until
/// the day before (on the day, the prefecture has planned the desk).
pub fn may_change(day: Date, today: Date) -> bool {
    day > today
}

/// What became of an appointment, recorded by the agent on the day. The code is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    HandedOver,
    NoShow,
}

impl Outcome {
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::HandedOver => "remis",
            Outcome::NoShow => "absent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "remis" => Some(Outcome::HandedOver),
            "absent" => Some(Outcome::NoShow),
            _ => None,
        }
    }
}

/// An appointment as an iCalendar file (RFC 5545), in Paris time, for the applicant's calendar.
pub struct CalendarEvent<'a> {
    /// Stable across moves of the same booking, so that a calendar replaces the old one.
    pub uid: &'a str,
    pub day: Date,
    pub start: u32,
    pub length: u32,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    /// `YYYYMMDDTHHMMSSZ`: when the booking was made (the same in every download of it).
    pub stamp: &'a str,
}

impl CalendarEvent<'_> {
    pub fn to_ics(&self) -> String {
        let at = |minutes: u32| {
            format!("{:04}{:02}{:02}T{:02}{:02}00", self.day.year(), self.day.month(), self.day.day(), minutes / 60, minutes % 60)
        };
        let lines = [
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//ANEF séjour//Rendez-vous de retrait//FR".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            "METHOD:PUBLISH".to_owned(),
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escape(self.uid)),
            format!("DTSTAMP:{}", self.stamp),
            format!("DTSTART;TZID=Europe/Paris:{}", at(self.start)),
            format!("DTEND;TZID=Europe/Paris:{}", at(self.start + self.length)),
            format!("SUMMARY:{}", escape(self.summary)),
            format!("LOCATION:{}", escape(self.location)),
            format!("DESCRIPTION:{}", escape(self.description)),
            "END:VEVENT".to_owned(),
            "END:VCALENDAR".to_owned(),
        ];
        lines.iter().map(|line| fold(line)).collect::<Vec<_>>().join("\r\n") + "\r\n"
    }
}

/// Text values escape backslashes, separators and line breaks (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1),
/// never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 30).expect("date")
    }

    fn input(day: &str, from: &str, to: &str, length: &str, capacity: &str) -> OpeningInput {
        OpeningInput { day: day.into(), from: from.into(), to: to.into(), length: length.into(), capacity: capacity.into() }
    }

    #[test]
    fn an_opening_cuts_its_hours_into_whole_slots() {
        let opening = validate_opening(&input("2026-12-07", "09:00", "10:00", "20", "3"), today()).expect("valid");
        assert_eq!(opening.starts, vec![540, 560, 580]);
        assert_eq!((opening.length, opening.capacity), (20, 3));
        // A last piece shorter than a slot is not a slot.
        let opening = validate_opening(&input("2026-12-07", "09:00", "09:50", "20", "1"), today()).expect("valid");
        assert_eq!(opening.starts, vec![540, 560]);
    }

    #[test]
    fn a_bad_opening_says_which_field_is_wrong() {
        let errors = validate_opening(&input("2026-11-30", "9h", "", "3", "0"), today()).expect_err("invalid");
        assert_eq!(errors.get(fields::DAY), Some(&ValidationError::DateNotInFuture));
        assert_eq!(errors.get(fields::FROM), Some(&ValidationError::InvalidTime));
        assert_eq!(errors.get(fields::TO), Some(&ValidationError::Required));
        assert_eq!(errors.get(fields::LENGTH), Some(&ValidationError::OutOfRange { min: 5, max: 120 }));
        assert_eq!(errors.get(fields::CAPACITY), Some(&ValidationError::OutOfRange { min: 1, max: 50 }));
        let errors = validate_opening(&input("2027-12-01", "10:00", "09:00", "15", "2"), today()).expect_err("invalid");
        assert_eq!(errors.get(fields::DAY), Some(&ValidationError::DateTooFar { max_days: 180 }));
        assert_eq!(errors.get(fields::TO), Some(&ValidationError::EndBeforeStart));
    }

    #[test]
    fn booking_opens_with_the_card_and_changes_stop_the_day_before() {
        assert!(may_book(FileStatus::TitreDisponible));
        assert!(!may_book(FileStatus::TitreEnFabrication) && !may_book(FileStatus::Remis));
        let tomorrow = today().add_days(1);
        assert!(may_change(tomorrow, today()));
        assert!(!may_change(today(), today()), "not on the day");
    }

    #[test]
    fn times_read_and_write_as_hours_and_minutes() {
        assert_eq!(parse_time("08:30"), Ok(510));
        assert_eq!(parse_time("08:30:00"), Ok(510), "browsers may add seconds");
        assert_eq!(parse_time("24:00"), Err(ValidationError::InvalidTime));
        assert_eq!(format_time(510), "08:30");
    }

    #[test]
    fn the_calendar_file_is_valid_icalendar_in_paris_time() {
        let event = CalendarEvent {
            uid: "rdv-42@anef.localhost",
            day: Date::new(2026, 12, 7).expect("date"),
            start: 570,
            length: 15,
            summary: "Retrait de votre titre de séjour",
            location: "Sous-préfecture de Palaiseau, 6 rue Émile Zola, 91120 Palaiseau",
            description: "Demande n° 2026-091-000042; apportez votre passeport.",
            stamp: "20261130T120000Z",
        };
        let ics = event.to_ics();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/Paris:20261207T093000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Paris:20261207T094500\r\n"));
        assert!(ics.contains("Palaiseau\\, 6 rue"), "commas escaped");
        assert!(ics.contains("000042\\; apportez"), "semicolons escaped");
        assert!(ics.lines().all(|line| line.len() <= 75), "folded");
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}
