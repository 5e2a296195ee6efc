//! "Je donne mon avis" (seed 004's confirmation page): a rating from 1 to 5 and an optional
//! comment on the filing, one per application, and the summary administrators read.

use serde::{Deserialize, Serialize};

use crate::domain::validation::{FieldErrors, ValidationError};

/// The ratings offered, from "very dissatisfied" to "very satisfied".
pub const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;
/// The longest comment, in characters.
pub const COMMENT_MAX: usize = 1000;

/// A rating and comment as the applicant gives them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub rating: u8,
    /// Trimmed; `None` when nothing is said.
    pub comment: Option<String>,
}

/// Checks an applicant's feedback: a rating among [`RATINGS`], a comment of at most
/// [`COMMENT_MAX`] characters (blank is none).
pub fn validate(rating: Option<u8>, comment: &str) -> Result<Feedback, FieldErrors> {
    let mut errors = FieldErrors::new();
    match rating {
        None => errors.add("rating", ValidationError::Required),
        Some(r) if !RATINGS.contains(&r) => errors.add("rating", ValidationError::InvalidChoice),
        Some(_) => {}
    }
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        errors.add("comment", ValidationError::TooLong { max: COMMENT_MAX });
    }
    errors.into_result(|| Feedback { rating: rating.unwrap_or_default(), comment: (!comment.is_empty()).then(|| comment.to_owned()) })
}

/// What the administrators of a scope read of the feedback given on its files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackSummary {
    /// How many applicants gave each rating, from 1 to 5.
    pub per_rating: [u32; 5],
    /// The latest comments, newest first: the rating, the comment and the day (DD/MM/YYYY).
    pub recent: Vec<(u8, String, String)>,
}

impl FeedbackSummary {
    pub fn count(&self) -> u32 {
        self.per_rating.iter().sum()
    }

    /// The mean rating, in tenths (43 is 4.3); `None` without any feedback.
    pub fn average_tenths(&self) -> Option<u32> {
        let count = self.count();
        let total: u32 = self.per_rating.iter().zip(1..).map(|(n, rating)| n * rating).sum();
        (count > 0).then(|| (total * 10 + count / 2) / count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_is_required_and_within_the_scale() {
        assert_eq!(validate(Some(4), "  Rapide et clair.  "), Ok(Feedback { rating: 4, comment: Some("Rapide et clair.".into()) }));
        assert_eq!(validate(Some(1), "   "), Ok(Feedback { rating: 1, comment: None }));
        assert_eq!(validate(None, "").expect_err("no rating").get("rating"), Some(&ValidationError::Required));
        assert_eq!(validate(Some(6), "").expect_err("out of scale").get("rating"), Some(&ValidationError::InvalidChoice));
        assert_eq!(validate(Some(0), "").expect_err("out of scale").get("rating"), Some(&ValidationError::InvalidChoice));
        let long = "é".repeat(COMMENT_MAX + 1);
        assert_eq!(validate(Some(3), &long).expect_err("too long").get("comment"), Some(&ValidationError::TooLong { max: COMMENT_MAX }));
    }

    #[test]
    fn the_summary_counts_and_averages() {
        let empty = FeedbackSummary::default();
        assert_eq!((empty.count(), empty.average_tenths()), (0, None));
        let summary = FeedbackSummary { per_rating: [0, 1, 0, 2, 3], recent: Vec::new() };
        assert_eq!(summary.count(), 6);
        // (2 + 4 + 4 + 5 + 5 + 5) / 6 = 4.17
        assert_eq!(summary.average_tenths(), Some(42));
    }
}
