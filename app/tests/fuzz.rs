//! Fuzzing of every validator of the domain with proptest (`cargo fuzz` needs a nightly
//! compiler; these are plain functions of strings and bytes, where property testing fits):
//! identifiers, dates, e-photo code, tax stamp, amounts, password rule, catalogue answers, file
//! sniffing and names, return path. Each target feeds arbitrary input, including the characters
//! that break parsers (controls, bidi marks, combining accents, lookalike slashes), checks that
//! nothing panics and that what is accepted is what the rule promises.
//!
//! `cargo test` runs each target for `FUZZ_SECONDS` (default 1 s); `make fuzz` runs them longer
//! and prints the executions of each.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use app::domain::catalogue::answers::{
    format_euros, normalise_ephoto_code, normalise_mobile_phone, normalise_tax_stamp, parse_euros, retain_step_answers,
};
use app::domain::catalogue::{validate_step, Answers, ApplicantContext, PROCEDURES};
use app::domain::date::Date;
use app::domain::files::{check_upload, clean_file_name, FileKind};
use app::domain::identifiers::{DocumentNumber, Email, NumeroEtranger};
use app::domain::navigation::safe_return_path;
use app::domain::password;

/// Runs `check` on inputs of `strategy` until the time budget is spent; prints the executions.
fn fuzz<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let seconds = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or(1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    const BATCH: u32 = 256;
    let mut executions = 0u64;
    while executions == 0 || Instant::now() < deadline {
        // A runner runs its cases once: a new one (a new random seed) for each batch.
        let mut runner = TestRunner::new(Config { cases: BATCH, failure_persistence: None, ..Config::default() });
        if let Err(failure) = runner.run(&strategy, &check) {
            panic!("{name}: {failure}");
        }
        executions += u64::from(BATCH);
    }
    println!("fuzz {name}: {executions} executions, no failure");
}

/// Text mixing what people type with what breaks parsers.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[ -~]{0,12}",
        "[0-9 .\\-]{0,16}",
        Just("\u{202e}".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("e\u{0301}".to_owned()),
        Just("\t\r\n\0".to_owned()),
        Just("／\\∕".to_owned()),
        Just("@".to_owned()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(pieces, 0..6).prop_map(|parts| parts.concat())
}

#[test]
fn identifiers() {
    fuzz("numero_etranger", tricky_text(), |text| {
        if let Ok(numero) = NumeroEtranger::parse(&text) {
            prop_assert!(numero.as_str().len() == 10 && numero.as_str().bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(NumeroEtranger::parse(numero.as_str()), Ok(numero.clone()));
        }
        Ok(())
    });
    fuzz("document_number", tricky_text(), |text| {
        if let Ok(number) = DocumentNumber::parse(&text) {
            prop_assert!(number.as_str().chars().all(|c| c.is_ascii_alphanumeric()), "{:?}", number.as_str());
            prop_assert_eq!(DocumentNumber::parse(number.as_str()), Ok(number.clone()));
        }
        Ok(())
    });
    fuzz("email", tricky_text(), |text| {
        if let Ok(email) = Email::parse(&text) {
            prop_assert!(email.as_str().contains('@') && !email.as_str().chars().any(|c| c.is_control() || c.is_whitespace()));
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
        }
        Ok(())
    });
}

#[test]
fn dates() {
    fuzz("date_iso", tricky_text(), |text| {
        if let Ok(date) = Date::parse_iso(&text) {
            prop_assert_eq!(Date::parse_iso(&date.to_string()), Ok(date));
        }
        Ok(())
    });
    fuzz("date_parts", (tricky_text(), tricky_text(), tricky_text()), |(day, month, year)| {
        if let Ok(date) = Date::from_parts(&day, &month, &year) {
            prop_assert!((1..=31).contains(&date.day()) && (1..=12).contains(&date.month()));
        }
        Ok(())
    });
    fuzz("date_arithmetic", (1900i32..2200, 1u8..=12, 1u8..=31, -40_000i64..40_000), |(year, month, day, days)| {
        if let Some(date) = Date::new(year, month, day) {
            let moved = date.add_days(days);
            prop_assert_eq!(date.days_until(moved), days);
            prop_assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
        Ok(())
    });
}

#[test]
fn codes_and_amounts() {
    fuzz("ephoto_code", tricky_text(), |text| {
        if let Ok(code) = normalise_ephoto_code(&text) {
            prop_assert!(code.len() == 22 && code.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
            prop_assert_eq!(normalise_ephoto_code(&code), Ok(code.clone()));
        }
        Ok(())
    });
    fuzz("tax_stamp", tricky_text(), |text| {
        if let Ok(stamp) = normalise_tax_stamp(&text) {
            prop_assert!(stamp.len() == 16 && stamp.bytes().all(|b| b.is_ascii_digit()));
        }
        Ok(())
    });
    fuzz("mobile_phone", tricky_text(), |text| {
        let _ = normalise_mobile_phone(&text);
        Ok(())
    });
    fuzz("euros", tricky_text(), |text| {
        if let Ok(cents) = parse_euros(&text) {
            prop_assert!(cents >= 0);
            prop_assert_eq!(parse_euros(&format_euros(cents)), Ok(cents), "the display reads back");
        }
        Ok(())
    });
}

#[test]
fn password_rule() {
    fuzz("password", (tricky_text(), tricky_text()), |(password, confirmation)| {
        let alone = password::check(&password);
        let paired = password::check_new(&password, &confirmation);
        if alone.is_err() {
            prop_assert!(paired.is_err(), "a refused password is refused with its confirmation");
        }
        if paired.is_ok() {
            prop_assert_eq!(&password, &confirmation);
        }
        Ok(())
    });
}

/// Answers with the catalogue's own keys and arbitrary values, and keys of nothing.
fn answers_for(procedure: usize) -> impl Strategy<Value = Answers> {
    let keys: Vec<String> = PROCEDURES[procedure].fields().map(|f| f.id.to_owned()).chain(["x.0.y".to_owned(), "".to_owned()]).collect();
    let value = prop_oneof![tricky_text(), Just("oui".to_owned()), Just("2020-01-31".to_owned()), "[0-9]{1,12}"];
    prop::collection::vec((prop::sample::select(keys), value), 0..40).prop_map(|pairs| Answers(pairs.into_iter().collect()))
}

#[test]
fn catalogue_answers() {
    let today = Date::new(2026, 11, 30).expect("date");
    for (n, procedure) in PROCEDURES.iter().enumerate() {
        let strategy = (answers_for(n), 1930i32..2026, 1u8..=12, 1u8..=28);
        fuzz(&format!("answers {}", procedure.id), strategy, |(answers, year, month, day)| {
            let birth_date = Date::new(year, month, day).expect("valid by construction");
            let ctx = ApplicantContext { birth_date, today };
            for step in procedure.steps {
                let checked = validate_step(step, &answers, &ctx);
                let kept = retain_step_answers(step, &answers, &ctx);
                // What is kept of valid answers is still valid.
                if checked.is_ok() {
                    prop_assert!(validate_step(step, &kept, &ctx).is_ok(), "{}: kept answers fail", step.id);
                }
            }
            let _ = app::domain::catalogue::required_documents(procedure, &answers, &ctx);
            Ok(())
        });
    }
}

#[test]
fn files() {
    fuzz("sniff", (prop::collection::vec(any::<u8>(), 0..64), any::<u64>(), 0u32..10), |(head, size, joined)| {
        let kind = FileKind::sniff(&head);
        if let Some(kind) = kind {
            prop_assert!(!kind.content_type().is_empty());
        }
        if let Ok(accepted) = check_upload(size, &head, joined) {
            prop_assert_eq!(Some(accepted), kind, "an accepted file is one the sniffing recognised");
        }
        Ok(())
    });
    fuzz("file_name", tricky_text(), |name| {
        let clean = clean_file_name(&name);
        prop_assert!(!clean.is_empty() && clean.chars().count() <= 120);
        prop_assert!(!clean.contains(['/', '\\', '"']), "{:?}", clean);
        let hidden = |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        prop_assert!(!clean.chars().any(hidden), "{:?}", clean);
        Ok(())
    });
}

#[test]
fn return_path() {
    let paths = prop_oneof![tricky_text().prop_map(|t| format!("/{t}")), tricky_text()];
    fuzz("return_path", paths, |value| {
        if let Some(path) = safe_return_path(&value) {
            prop_assert!(path.starts_with('/') && !path.starts_with("//"));
            prop_assert!(!path.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\'), "{:?}", path);
        }
        Ok(())
    });
}
