//! Submission of a draft: it freezes the answers (status `deposee`), assigns the file number,
//! routes the file to the prefecture competent for the address, issues the receipt PDF (and a
//! timely renewal's attestation), queues the e-mail that carries them, and writes the audit
//! event. The number and the PDFs are made first; one short transaction then writes the rows.
//!
//! Idempotent: a double click or a retry after a lost response finds the file already
//! submitted and gets the same answer, without a second e-mail. Concurrent attempts are
//! serialised by the row lock (PostgreSQL) or the write lock (SQLite).

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use app::domain::catalogue::FilingKind;
use app::domain::lifecycle::FileStatus;

use app::i18n::Lang;

use crate::clock::to_domain_date;
use crate::db::entities::{application, issued_document, prefecture, tax_stamp};
use crate::filing::issued::{self, new_verification_code, verification_line, Issue, IssueError};
use crate::filing::numbers;
use crate::filing::receipt::{FiledContent, Receipt};
use crate::filing::status::{self, Change, ChangeError};
use crate::filing::store::Actor;
use crate::lawful_stay::attestations::{self, FiledAs};
use crate::mail::outbox::{self, Attachment};
use crate::mail::templates;
use crate::registry::{competent_prefecture, departement_of};
use crate::state::AppState;
use crate::storage::StorageError;

/// What the submission needs from the answers, already resolved by the caller.
#[derive(Clone, Debug)]
pub struct Submission {
    /// INSEE code of the address: decides the competent prefecture.
    pub insee_code: String,
    /// What the receipt prints.
    pub filed: FiledContent,
    /// An application, or a VLS-TS validation (its action, receipt and e-mail).
    pub filing: FilingKind,
    /// The electronic tax stamps the answers give (16 digits each): each serves once.
    pub tax_stamps: Vec<String>,
    pub email: String,
    pub lang: Lang,
    /// "Observations à destination de l'administration".
    pub observations: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub file_number: String,
    pub prefecture_name: String,
    pub submitted_at: DateTime<Utc>,
    /// Storage key of the receipt PDF.
    pub receipt_key: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
    #[error("no application {0}")]
    NotFound(i32),
    /// Abandoned, or in a state that cannot be submitted.
    #[error("an application in state {0} cannot be submitted")]
    NotADraft(String),
    #[error("no prefecture serves the commune {0}")]
    NoCompetentPrefecture(String),
    #[error("tax stamp {0} already used")]
    TaxStampUsed(String),
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Status(#[from] ChangeError),
    #[error(transparent)]
    Issue(#[from] IssueError),
    #[error(transparent)]
    Attestation(#[from] crate::lawful_stay::attestations::AttestationError),
}

/// Date and time as shown on the receipt, in Paris time.
pub fn paris_display(at: DateTime<Utc>) -> String {
    // France is UTC+1 in winter and UTC+2 from the last Sunday of March to the last Sunday of
    // October (at 01:00 UTC); computed here rather than pulling a time-zone database.
    use chrono::{Datelike, NaiveDate, TimeZone};
    let last_sunday = |year: i32, month: u32| {
        let last = NaiveDate::from_ymd_opt(year, month + 1, 1).and_then(|d| d.pred_opt()).unwrap_or_default();
        let back = last.weekday().num_days_from_sunday();
        last - chrono::Duration::days(i64::from(back))
    };
    let year = at.year();
    let summer_start = Utc.from_utc_datetime(&last_sunday(year, 3).and_hms_opt(1, 0, 0).unwrap_or_default());
    let summer_end = Utc.from_utc_datetime(&last_sunday(year, 10).and_hms_opt(1, 0, 0).unwrap_or_default());
    let offset = if at >= summer_start && at < summer_end { 2 } else { 1 };
    let local = at + chrono::Duration::hours(offset);
    local.format("%d/%m/%Y à %H:%M (heure de Paris)").to_string()
}

fn receipt_for(submission: &Submission, file_number: &str, at: DateTime<Utc>, prefecture_name: &str, verification: String) -> Receipt {
    Receipt {
        file_number: file_number.to_owned(),
        submitted_at: paris_display(at),
        filed: submission.filed.clone(),
        prefecture: prefecture_name.to_owned(),
        verification,
    }
}

pub async fn submit(state: &AppState, application_id: i32, submission: Submission) -> Result<Submitted, SubmitError> {
    let draft = application::Entity::find_by_id(application_id).one(&state.db).await?.ok_or(SubmitError::NotFound(application_id))?;
    if !is_draft(&draft) {
        // A retry (double click, lost response) allocates nothing.
        return already_submitted(&state.db, &draft, &submission).await;
    }

    // What takes time comes before the write transaction, which then holds its locks for the
    // rows only: the number (its own statement, not a counter row locked until the commit), the
    // receipt and the attestation rendered and stored. A submission that fails after this
    // leaves a gap in the numbers and unreferenced objects, both harmless.
    let competent = competent_prefecture(&state.db, &submission.insee_code)
        .await?
        .ok_or_else(|| SubmitError::NoCompetentPrefecture(submission.insee_code.clone()))?;
    // PostgreSQL keeps microseconds: the retry must answer exactly what the first call did.
    let now = chrono::SubsecRound::trunc_subsecs(state.clock.now(), 6);
    let departement = departement_of(&submission.insee_code).unwrap_or(&competent.departement).to_owned();
    let file_number = numbers::next(&state.db, &numbers::prefix(chrono::Datelike::year(&now), &departement)).await?;

    let code = new_verification_code();
    let receipt = receipt_for(&submission, &file_number, now, &competent.name, verification_line(state, &code));
    let file_name = receipt.file_name();
    let pdf = receipt.document().render_blocking().await?;
    let issue = Issue {
        application_id,
        kind: submission.filing.receipt_kind(),
        file_name: &file_name,
        pdf: &pdf,
        verification_code: Some(code),
        valid: None,
    };
    let stored = issued::store(state, issue).await?;
    // A timely renewal's attestation de prolongation d'instruction comes with the receipt.
    let attestation = match state.config.lawful_stay.attestation_at_filing {
        true => {
            let filed = FiledAs {
                file_number: file_number.clone(),
                filed_on: to_domain_date(now.date_naive()),
                prefecture: competent.name.clone(),
            };
            attestations::prepare_first(&state.db, state, &draft, filed).await?
        }
        false => None,
    };

    let txn = crate::db::begin_write(&state.db).await?;
    let application =
        application::Entity::find_by_id(application_id).lock_exclusive().one(&txn).await?.ok_or(SubmitError::NotFound(application_id))?;
    if !is_draft(&application) {
        // Filed by a concurrent attempt meanwhile: its answer.
        let answer = already_submitted(&txn, &application, &submission).await;
        txn.commit().await?;
        return answer;
    }
    issued::record(&txn, state, &stored).await?;
    take_tax_stamps(&txn, &submission.tax_stamps, application.id, now).await?;
    let attestation = match attestation {
        Some(prepared) => Some(attestations::record(&txn, state, prepared).await?),
        None => None,
    };

    // The e-mail says what the confirmation page says: the attestation, or why there is none.
    let notice = attestations::notice(&txn, &application, state.clock.today()).await?;
    let account_url = format!("{}/demarches", state.config.public_url);
    let content = match submission.filing {
        FilingKind::Application => templates::submission_receipt(
            submission.lang,
            &file_number,
            &submission.filed.procedure,
            &competent.name,
            notice.as_ref(),
            account_url,
        ),
        FilingKind::VisaValidation => templates::visa_validated(submission.lang, &file_number, account_url),
    };
    let mut attachments = vec![Attachment { filename: file_name, content_type: "application/pdf".into(), data: pdf }];
    if let Some((document, pdf)) = attestation {
        attachments.push(Attachment { filename: document.file_name, content_type: "application/pdf".into(), data: pdf });
    }
    outbox::enqueue(&txn, &state.clock, &submission.email, content, attachments).await?;
    let submit = Change::new(submission.filing.action(), Actor::Applicant(application.account_id))
        .detail(file_number.clone())
        .set(application::Column::FileNumber, Some(file_number.clone()))
        .set(application::Column::PrefectureId, Some(competent.id))
        .set(application::Column::SubmittedAt, Some(now))
        .set(application::Column::Observations, submission.observations.clone().filter(|o| !o.trim().is_empty()));
    // Last: the move writes the prefecture's count, a row every filing there shares, locked
    // until the commit. This file's row is locked: the move cannot be lost to another request.
    status::change(&txn, &state.clock, &application, submit).await?;
    txn.commit().await?;
    state.jobs_wakeup.notify_one();
    Ok(Submitted { file_number, prefecture_name: competent.name, submitted_at: now, receipt_key: stored.storage_key().to_owned() })
}

fn is_draft(application: &application::Model) -> bool {
    matches!(status::current(application), Ok(FileStatus::Brouillon))
}

/// The answer the first submission of `application` gave.
async fn already_submitted(
    db: &impl ConnectionTrait,
    application: &application::Model,
    submission: &Submission,
) -> Result<Submitted, SubmitError> {
    let (Some(file_number), Some(submitted_at), Some(prefecture_id)) =
        (application.file_number.clone(), application.submitted_at, application.prefecture_id)
    else {
        return Err(SubmitError::NotADraft(application.status.clone()));
    };
    let prefecture_name = prefecture::Entity::find_by_id(prefecture_id).one(db).await?.map(|p| p.name).unwrap_or_default();
    let receipt_key = issued_document::Entity::find()
        .filter(issued_document::Column::ApplicationId.eq(application.id))
        .filter(issued_document::Column::Kind.eq(submission.filing.receipt_kind()))
        .one(db)
        .await?
        .map(|d| d.storage_key)
        .unwrap_or_default();
    Ok(Submitted { file_number, prefecture_name, submitted_at, receipt_key })
}

/// Takes each tax stamp for the file; a stamp another file took is refused by the primary key
/// (which also settles two filings at once).
async fn take_tax_stamps(
    txn: &impl sea_orm::ConnectionTrait,
    numbers: &[String],
    application_id: i32,
    now: DateTime<Utc>,
) -> Result<(), SubmitError> {
    use sea_orm::{ActiveModelTrait, Set};
    for number in numbers {
        let row = tax_stamp::ActiveModel { number: Set(number.clone()), application_id: Set(application_id), used_at: Set(now) };
        row.insert(txn).await.map_err(|error| match error.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => SubmitError::TaxStampUsed(number.clone()),
            _ => SubmitError::Db(error),
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn receipt_times_are_paris_times() {
        let winter = Utc.with_ymd_and_hms(2026, 11, 22, 13, 5, 0).single().expect("date");
        assert_eq!(paris_display(winter), "22/11/2026 à 14:05 (heure de Paris)");
        let summer = Utc.with_ymd_and_hms(2026, 7, 14, 22, 30, 0).single().expect("date");
        assert_eq!(paris_display(summer), "15/07/2026 à 00:30 (heure de Paris)");
        // 2026-03-29 is the last Sunday of March: summer time from 01:00 UTC.
        let before = Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).single().expect("date");
        let after = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).single().expect("date");
        assert_eq!(paris_display(before), "29/03/2026 à 01:59 (heure de Paris)");
        assert_eq!(paris_display(after), "29/03/2026 à 03:00 (heure de Paris)");
    }
}
