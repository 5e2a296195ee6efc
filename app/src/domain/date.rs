//! Calendar dates without time zone, shared by the browser and the server.
//!
//! The browser bundle cannot afford a full date library, and the product only needs civil dates
//! (birth dates, validity periods, deadlines), so this is a small proleptic-Gregorian type.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::validation::ValidationError;

/// A valid calendar date. Construct it with [`Date::new`] or parse it; an invalid date
/// (31 February…) cannot exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses the ISO form `YYYY-MM-DD` (what `<input type="date">` and the database use).
    pub fn parse_iso(text: &str) -> Result<Self, ValidationError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ValidationError::Required);
        }
        let mut parts = text.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(ValidationError::InvalidDate);
        };
        Self::from_parts(d, m, y)
    }

    /// Parses a date typed as three fields (day, month, year), as on the paper-like forms of
    /// the service. Leading zeros are optional; the year must have four digits.
    pub fn from_parts(day: &str, month: &str, year: &str) -> Result<Self, ValidationError> {
        let (day, month, year) = (day.trim(), month.trim(), year.trim());
        if day.is_empty() && month.is_empty() && year.is_empty() {
            return Err(ValidationError::Required);
        }
        if day.is_empty() || month.is_empty() || year.is_empty() {
            return Err(ValidationError::IncompleteDate);
        }
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !all_digits(day) || !all_digits(month) || !all_digits(year) || year.len() != 4 || day.len() > 2 || month.len() > 2 {
            return Err(ValidationError::InvalidDate);
        }
        let parse = |s: &str| s.parse::<u32>().map_err(|_| ValidationError::InvalidDate);
        let (d, m, y) = (parse(day)?, parse(month)?, parse(year)?);
        Self::new(y as i32, m as u8, d as u8).ok_or(ValidationError::InvalidDate)
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The same day `months` months later, or the month's last day when it is shorter
    /// (31 January + 1 month = 28 or 29 February), as validity periods are counted.
    pub fn add_months(self, months: u32) -> Self {
        let index = i64::from(self.month) - 1 + i64::from(months);
        let year = self.year + (index / 12) as i32;
        let month = (index % 12) as u8 + 1;
        Self { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// Age in completed years on `today`.
    pub fn age_on(self, today: Date) -> u32 {
        let mut age = today.year - self.year;
        if (today.month, today.day) < (self.month, self.day) {
            age -= 1;
        }
        age.max(0) as u32
    }

    /// `JJ/MM/AAAA`, the French way of writing a date (also used in English pages, as on the
    /// official documents).
    pub fn to_french(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> Self {
        date.to_string()
    }
}

impl TryFrom<String> for Date {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Date::parse_iso(&value)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid test date")
    }

    #[test]
    fn months_are_added_as_validity_periods_count_them() {
        assert_eq!(d(2026, 11, 30).add_months(3), d(2027, 2, 28));
        assert_eq!(d(2028, 1, 31).add_months(1), d(2028, 2, 29));
        assert_eq!(d(2026, 10, 15).add_months(4), d(2027, 2, 15));
        assert_eq!(d(2026, 12, 1).add_months(12), d(2027, 12, 1));
        assert_eq!(d(2026, 12, 1).add_months(0), d(2026, 12, 1));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::new(2023, 2, 29), None);
        assert!(Date::new(2024, 2, 29).is_some());
        assert_eq!(Date::new(2024, 4, 31), None);
        assert_eq!(Date::new(2024, 13, 1), None);
        assert_eq!(Date::new(1900, 2, 29), None);
        assert!(Date::new(2000, 2, 29).is_some());
    }

    #[test]
    fn parses_three_fields_with_clear_errors() {
        assert_eq!(Date::from_parts("5", "3", "2024"), Ok(d(2024, 3, 5)));
        assert_eq!(Date::from_parts("05", "03", "2024"), Ok(d(2024, 3, 5)));
        assert_eq!(Date::from_parts("", "", ""), Err(ValidationError::Required));
        assert_eq!(Date::from_parts("5", "", "2024"), Err(ValidationError::IncompleteDate));
        assert_eq!(Date::from_parts("31", "02", "2024"), Err(ValidationError::InvalidDate));
        assert_eq!(Date::from_parts("5", "3", "24"), Err(ValidationError::InvalidDate));
        assert_eq!(Date::from_parts("a", "3", "2024"), Err(ValidationError::InvalidDate));
    }

    #[test]
    fn iso_round_trip() {
        let date = d(1999, 12, 31);
        assert_eq!(date.to_string(), "1999-12-31");
        assert_eq!(Date::parse_iso("1999-12-31"), Ok(date));
        assert_eq!(date.to_french(), "31/12/1999");
        assert_eq!(Date::parse_iso("1999-1-1"), Ok(d(1999, 1, 1)));
        assert_eq!(Date::parse_iso("garbage"), Err(ValidationError::InvalidDate));
    }

    #[test]
    fn day_arithmetic_matches_the_calendar() {
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(d(2000, 3, 1).days_since_epoch(), 11_017);
        for days in [-800_000, -1, 0, 59, 365, 11_016, 20_000, 2_932_896] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(d(2024, 2, 28).add_days(1), d(2024, 2, 29));
        assert_eq!(d(2024, 12, 31).add_days(1), d(2025, 1, 1));
        assert_eq!(d(2026, 11, 22).add_days(30), d(2026, 12, 22));
        assert_eq!(d(2026, 11, 22).days_until(d(2026, 12, 22)), 30);
    }

    #[test]
    fn age_counts_completed_years() {
        let birth = d(2010, 6, 15);
        assert_eq!(birth.age_on(d(2026, 6, 14)), 15);
        assert_eq!(birth.age_on(d(2026, 6, 15)), 16);
        assert_eq!(d(2004, 2, 29).age_on(d(2022, 2, 28)), 17);
        assert_eq!(d(2004, 2, 29).age_on(d(2022, 3, 1)), 18);
    }

    #[test]
    fn serde_uses_iso_strings() {
        let json = serde_json::to_string(&d(2026, 1, 2)).expect("serialise");
        assert_eq!(json, "\"2026-01-02\"");
        let back: Date = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, d(2026, 1, 2));
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }
}
