//! The service's clock. Deadlines, expiries and "today" all read it, so that demonstrations
//! and tests can move time forward (`ANEF_CLOCK_OFFSET_DAYS`, or [`Clock::advance`] in tests).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    pub fn with_offset_days(days: i64) -> Self {
        Self { offset_seconds: Arc::new(AtomicI64::new(days * 86_400)) }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Today's date in Paris (UTC+1 is close enough for day-granular rules; the rules that
    /// matter — deadlines — are stored as instants).
    pub fn today(&self) -> app::domain::date::Date {
        to_domain_date(self.today_naive())
    }

    /// The same day as the database stores dates.
    pub fn today_naive(&self) -> chrono::NaiveDate {
        (self.now() + Duration::hours(1)).date_naive()
    }

    /// Moves the clock forward (tests and the demonstration's deadline simulation).
    pub fn advance(&self, by: Duration) {
        self.offset_seconds.fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

/// Converts a register date (chrono) to the domain's date type.
pub fn to_domain_date(date: chrono::NaiveDate) -> app::domain::date::Date {
    app::domain::date::Date::new(date.year(), date.month() as u8, date.day() as u8)
        .unwrap_or_else(|| app::domain::date::Date::from_days_since_epoch(0))
}

pub fn to_naive_date(date: app::domain::date::Date) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(date.year(), u32::from(date.month()), u32::from(date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_moves_now_and_today() {
        let clock = Clock::default();
        let today = clock.today();
        clock.advance(Duration::days(30));
        assert_eq!(today.days_until(clock.today()), 30);
        let shifted = Clock::with_offset_days(2);
        assert!(shifted.now() > Utc::now() + Duration::days(1));
    }

    #[test]
    fn dates_convert_both_ways() {
        let naive = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
        let domain = to_domain_date(naive);
        assert_eq!(domain.to_string(), "2024-02-29");
        assert_eq!(to_naive_date(domain), Some(naive));
    }
}
