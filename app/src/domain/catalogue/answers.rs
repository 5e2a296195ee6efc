//! The applicant's answers, their validation against the catalogue, and the documents they call
//! for. The same functions run in the browser (to say at once what is wrong) and on the server
//! (which trusts nothing it receives).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Condition, DocumentRule, Field, FieldKind, Procedure, Step};
use crate::domain::countries;
use crate::domain::date::Date;
use crate::domain::validation::{FieldErrors, ValidationError};
use crate::i18n::Lang;

/// Answers by field id, as the form inputs give them (see [`FieldKind`] for each format).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(pub BTreeMap<String, String>);

impl Answers {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn set(&mut self, field: &str, value: impl Into<String>) {
        self.0.insert(field.to_owned(), value.into());
    }
}

/// What the catalogue needs to know of the applicant besides the answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantContext {
    pub birth_date: Date,
    pub today: Date,
}

impl ApplicantContext {
    pub fn is_minor(&self) -> bool {
        self.birth_date.age_on(self.today) < 18
    }
}

pub fn holds(condition: &Condition, answers: &Answers, ctx: &ApplicantContext) -> bool {
    match condition {
        Condition::Always => true,
        Condition::Is(field, code) => answers.get(field) == Some(*code),
        Condition::In(field, codes) => answers.get(field).is_some_and(|a| codes.contains(&a)),
        Condition::Yes(field) => answers.get(field) == Some("oui"),
        Condition::Minor => ctx.is_minor(),
        Condition::AgeFrom(years) => ctx.birth_date.age_on(ctx.today) >= *years,
        Condition::All(all) => all.iter().all(|c| holds(c, answers, ctx)),
        Condition::Any(any) => any.iter().any(|c| holds(c, answers, ctx)),
        Condition::Not(inner) => !holds(inner, answers, ctx),
    }
}

/// Checks one answer against its field's kind.
fn check_value(field: &Field, value: &str, today: Date) -> Result<(), ValidationError> {
    match field.kind {
        FieldKind::Text { max } | FieldKind::LongText { max } => {
            if value.chars().count() > max {
                return Err(ValidationError::TooLong { max });
            }
        }
        FieldKind::PastDate => {
            if Date::parse_iso(value)? > today {
                return Err(ValidationError::DateInFuture);
            }
        }
        FieldKind::Date => {
            Date::parse_iso(value)?;
        }
        FieldKind::Choice(choices) => {
            if !choices.iter().any(|c| c.code == value) {
                return Err(ValidationError::InvalidChoice);
            }
        }
        FieldKind::YesNo => {
            if value != "oui" && value != "non" {
                return Err(ValidationError::InvalidChoice);
            }
        }
        FieldKind::Checkbox => {
            if value != "oui" {
                return Err(ValidationError::InvalidChoice);
            }
        }
        FieldKind::MonthlyAmount => {
            let cents: i64 = value.parse().map_err(|_| ValidationError::InvalidAmount)?;
            if !(0..=100_000_000).contains(&cents) {
                return Err(ValidationError::InvalidAmount);
            }
        }
        FieldKind::MobilePhone => {
            normalise_mobile_phone(value)?;
        }
        FieldKind::Email => {
            crate::domain::identifiers::Email::parse(value)?;
        }
        FieldKind::Country => {
            if countries::find(value).is_none() {
                return Err(ValidationError::InvalidChoice);
            }
        }
        FieldKind::PostalCode => {
            if value.len() != 5 || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValidationError::InvalidPostalCode);
            }
        }
        FieldKind::InseeCode => {
            let valid = value.len() == 5
                && value.is_ascii()
                && (value[..2].bytes().all(|b| b.is_ascii_digit()) || matches!(&value[..2], "2A" | "2B"))
                && value[2..].bytes().all(|b| b.is_ascii_digit());
            if !valid {
                return Err(ValidationError::InvalidInseeCode);
            }
        }
        FieldKind::EphotoCode => {
            normalise_ephoto_code(value)?;
        }
        FieldKind::TaxStamp => {
            normalise_tax_stamp(value)?;
        }
        FieldKind::AddressSearch(_) => {}
        FieldKind::Group(group) => {
            let items: usize = value.parse().map_err(|_| ValidationError::InvalidChoice)?;
            if items > group.max {
                return Err(ValidationError::TooManyItems { max: group.max });
            }
        }
    }
    Ok(())
}

/// A French mobile number (06/07 and 8 digits) or an international one (+ and 8 to 15
/// digits), with spaces, dots and dashes allowed; returned in international form.
pub fn normalise_mobile_phone(value: &str) -> Result<String, ValidationError> {
    let compact: String = value.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    if let Some(rest) = compact.strip_prefix('+') {
        if (8..=15).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(compact);
        }
    } else if compact.len() == 10 && (compact.starts_with("06") || compact.starts_with("07")) && compact.bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(format!("+33{}", &compact[1..]));
    }
    Err(ValidationError::InvalidPhone)
}

/// The e-photo code: 22 letters and digits (spaces and dashes ignored), in capitals.
pub fn normalise_ephoto_code(value: &str) -> Result<String, ValidationError> {
    let compact: String = value.chars().filter(|c| !matches!(c, ' ' | '-')).collect::<String>().to_ascii_uppercase();
    if compact.len() == 22 && compact.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(compact)
    } else {
        Err(ValidationError::InvalidEphotoCode)
    }
}

/// The number of an electronic tax stamp: 16 digits (spaces ignored). No check digit of it is
/// published, so the format is what can be checked here; that a stamp serves once is checked
/// when the file is filed.
pub fn normalise_tax_stamp(value: &str) -> Result<String, ValidationError> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() == 16 && compact.bytes().all(|b| b.is_ascii_digit()) {
        Ok(compact)
    } else {
        Err(ValidationError::InvalidTaxStamp)
    }
}

/// Parses an amount typed in euros ("615", "615,50", "1 200.5") into cents.
pub fn parse_euros(text: &str) -> Result<i64, ValidationError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '€').collect();
    let (units, decimals) = match compact.split_once([',', '.']) {
        Some((units, decimals)) => (units, decimals),
        None => (compact.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(units) || decimals.len() > 2 || (!decimals.is_empty() && !digits(decimals)) || units.len() > 9 {
        return Err(ValidationError::InvalidAmount);
    }
    let units: i64 = units.parse().map_err(|_| ValidationError::InvalidAmount)?;
    let cents: i64 = format!("{decimals:0<2}").parse().map_err(|_| ValidationError::InvalidAmount)?;
    Ok(units * 100 + cents)
}

/// Cents shown in euros the French way: "1 234,50 €", or "615 €" when whole.
pub fn format_euros(cents: i64) -> String {
    let units = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    match cents % 100 {
        0 => format!("{grouped} €"),
        rest => format!("{grouped},{rest:02} €"),
    }
}

/// An answer as the recap and the back-office show it: the label of a choice, "Oui", a date
/// the French way, an amount in euros. A value the rules refuse is shown as typed.
pub fn display_answer(field: &Field, value: &str, lang: Lang) -> String {
    let yes_no = |yes: bool| match (lang, yes) {
        (Lang::Fr, true) => "Oui",
        (Lang::Fr, false) => "Non",
        (Lang::En, true) => "Yes",
        (Lang::En, false) => "No",
    };
    match field.kind {
        FieldKind::Choice(choices) => choices.iter().find(|c| c.code == value).map(|c| c.label.get(lang).to_owned()),
        FieldKind::YesNo => Some(yes_no(value == "oui").to_owned()),
        FieldKind::Checkbox => Some(yes_no(value == "oui").to_owned()),
        FieldKind::PastDate | FieldKind::Date => Date::parse_iso(value).ok().map(Date::to_french),
        FieldKind::MonthlyAmount => value.parse::<i64>().ok().map(format_euros),
        FieldKind::Country => countries::find(value).map(|c| if lang == Lang::En { c.en } else { c.fr }.to_owned()),
        // In groups of four, as printed on the stamp.
        FieldKind::TaxStamp => normalise_tax_stamp(value)
            .ok()
            .map(|digits| digits.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")),
        _ => None,
    }
    .unwrap_or_else(|| value.to_owned())
}

/// The lines of a form step as the recap and the back-office show them: each shown field with
/// its displayed answer (`None`: not answered), one line per item of a group.
pub fn answer_rows(step: &Step, answers: &Answers, ctx: &ApplicantContext, lang: Lang) -> Vec<(String, Option<String>)> {
    let mut rows = Vec::new();
    for field in step.fields.iter().filter(|f| holds(&f.shown, answers, ctx)) {
        match field.kind {
            FieldKind::AddressSearch(_) => {}
            FieldKind::Group(group) => {
                for n in 0..item_count(answers, field.id) {
                    let values: Vec<String> = group
                        .fields
                        .iter()
                        .filter_map(|sub| answers.get(&item_key(field.id, n, sub.id)).map(|v| display_answer(sub, v, lang)))
                        .collect();
                    rows.push((format!("{} {}", group.item.get(lang), n + 1), Some(values.join(", "))));
                }
            }
            _ => rows.push((field.label.get(lang).to_owned(), answers.get(field.id).map(|v| display_answer(field, v, lang)))),
        }
    }
    rows
}

/// The sum of the monthly amounts a step declares, in cents.
pub fn monthly_total(step: &Step, answers: &Answers) -> i64 {
    step.fields
        .iter()
        .filter(|f| f.kind == FieldKind::MonthlyAmount)
        .filter_map(|f| answers.get(f.id))
        .filter_map(|amount| amount.parse::<i64>().ok())
        .filter(|cents| *cents >= 0)
        .sum()
}

/// The answer key of the field `field` of item `n` of a group.
pub fn item_key(group: &str, n: usize, field: &str) -> String {
    format!("{group}.{n}.{field}")
}

/// The number of items a group answer holds (0 when absent or malformed).
pub fn item_count(answers: &Answers, group: &str) -> usize {
    answers.get(group).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Whether the answer `key` is one of `step`'s (a field, or an item of one of its groups).
pub fn belongs_to_step(step: &Step, key: &str) -> bool {
    step.fields
        .iter()
        .any(|f| key == f.id || (matches!(f.kind, FieldKind::Group(_)) && key.strip_prefix(f.id).is_some_and(|rest| rest.starts_with('.'))))
}

/// The answers of `step` only.
pub fn step_answers(step: &Step, answers: &Answers) -> Answers {
    Answers(answers.0.iter().filter(|(k, _)| belongs_to_step(step, k)).map(|(k, v)| (k.clone(), v.clone())).collect())
}

fn check_field(field: &Field, key: &str, answers: &Answers, today: Date, errors: &mut FieldErrors) {
    match answers.get(key) {
        None if field.required => errors.add(key, ValidationError::Required),
        None => {}
        Some(value) => {
            if let Err(error) = check_value(field, value, today) {
                errors.add(key, error);
            }
        }
    }
}

/// Validates the answers of one step: required fields present, every value well-formed, every
/// item of a shown group complete.
pub fn validate_step(step: &Step, answers: &Answers, ctx: &ApplicantContext) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for field in step.fields.iter().filter(|f| holds(&f.shown, answers, ctx)) {
        if let FieldKind::Group(group) = field.kind {
            if field.required && item_count(answers, field.id) == 0 {
                errors.add(field.id, ValidationError::Required);
                continue;
            }
            check_field(field, field.id, answers, ctx.today, &mut errors);
            for n in 0..item_count(answers, field.id).min(group.max) {
                for item_field in group.fields {
                    check_field(item_field, &item_key(field.id, n, item_field.id), answers, ctx.today, &mut errors);
                }
            }
        } else {
            check_field(field, field.id, answers, ctx.today, &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The answers of a step, keeping only the fields it shows (and their groups' items): what the
/// server stores.
pub fn retain_step_answers(step: &Step, submitted: &Answers, ctx: &ApplicantContext) -> Answers {
    let mut kept = Answers::default();
    for field in step.fields.iter().filter(|f| holds(&f.shown, submitted, ctx) && !matches!(f.kind, FieldKind::AddressSearch(_))) {
        if let Some(value) = submitted.get(field.id) {
            kept.set(field.id, value);
        }
        if let FieldKind::Group(group) = field.kind {
            for n in 0..item_count(submitted, field.id).min(group.max) {
                for item_field in group.fields {
                    let key = item_key(field.id, n, item_field.id);
                    if let Some(value) = submitted.get(&key) {
                        kept.set(&key, value);
                    }
                }
            }
        }
    }
    kept
}

/// The documents the answers call for, in the catalogue's order.
pub fn required_documents(procedure: &Procedure, answers: &Answers, ctx: &ApplicantContext) -> Vec<&'static DocumentRule> {
    procedure.documents.iter().filter(|d| holds(&d.required_when, answers, ctx)).collect()
}
