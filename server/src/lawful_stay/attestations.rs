//! The attestation de prolongation d'instruction (CESEDA R431-15-1): issued to a holder whose
//! renewal was filed in time, valid three months after the current title's expiry, renewed for
//! three more months 15 days before it ends as long as no decision is taken, and ended by the
//! decision or the closure of the file ([`end_for`], called by `filing::status`). An
//! administrative document, so in French.
//!
//! An attestation's `ended_at` is the moment it stops proving anything: now for a decision,
//! the end of its last day when a successor was issued. The renewal job sets it with a
//! compare-and-set, so each attestation has one successor however many instances run the job.

use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use app::domain::lawful_stay::{attestation_renewal_due, first_attestation_until, next_attestation_until, RenewalWindow};
use app::domain::lifecycle::FileStatus;
use app::domain::notifications::NotificationKind;
use app::filing::RequestKind;
use app::i18n::Lang;
use app::lawful_stay::AttestationNotice;

use crate::clock::{to_domain_date, to_naive_date};
use crate::db::entities::{account, application, issued_document, prefecture, title};
use crate::filing::issued::{self, new_verification_code, verification_line, Issue, IssueError, StoredIssue};
use crate::filing::{holder, status};
use crate::mail::outbox::{self, Attachment};
use crate::mail::templates;
use crate::pdf::{holder_fields, Block, PdfDocument, PdfError};
use crate::state::AppState;

/// Kind of the attestation among issued documents (also its download path segment).
pub const PROLONGATION: &str = "attestation_prolongation_instruction";
/// Why an attestation ended when its successor was issued.
const RENEWED: &str = "renewed";

#[derive(Debug, thiserror::Error)]
pub enum AttestationError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Issue(#[from] IssueError),
    #[error("attestation of application {0}: {1}")]
    Missing(i32, &'static str),
}

/// Everything the attestation prints, formatted for display.
pub struct Prolongation {
    pub holder_name: String,
    pub birth_date: String,
    pub nationality: String,
    pub numero_etranger: Option<String>,
    pub title: String,
    pub title_number: String,
    pub title_expires: String,
    pub file_number: String,
    pub filed_on: String,
    pub prefecture: String,
    pub valid_from: String,
    pub valid_until: String,
    /// `filing::issued::verification_line`.
    pub verification: String,
}

impl Prolongation {
    pub fn file_name(&self) -> String {
        format!("attestation-prolongation-instruction-{}.pdf", self.file_number)
    }

    pub fn document(&self) -> PdfDocument {
        let mut doc =
            PdfDocument::new(format!("Ministère de l'Intérieur – {}", self.prefecture), "Attestation de prolongation d'instruction");
        doc.push(Block::Paragraph(format!(
            "Le préfet atteste que la demande de renouvellement de titre de séjour n° {} a été déposée le {} et est en cours d'instruction.",
            self.file_number, self.filed_on
        )));
        doc.push(Block::Heading("Titulaire".into()));
        let identity = holder_fields(&self.holder_name, &self.birth_date, &self.nationality, self.numero_etranger.as_deref());
        doc.push(Block::Fields(identity));
        doc.push(Block::Heading("Titre dont le renouvellement est demandé".into()));
        doc.push(Block::Fields(vec![
            ("Titre".into(), self.title.clone()),
            ("Numéro".into(), self.title_number.clone()),
            ("Valable jusqu'au".into(), self.title_expires.clone()),
        ]));
        doc.push(Block::Heading("Validité de la présente attestation".into()));
        doc.push(Block::Fields(vec![
            ("Du".into(), self.valid_from.clone()),
            ("Au".into(), self.valid_until.clone()),
            ("Numéro de dossier".into(), self.file_number.clone()),
        ]));
        doc.push(Block::Paragraph(
            "Pendant sa durée de validité, cette attestation autorise son titulaire à séjourner en France dans l'attente de la décision \
             sur sa demande. Il conserve les droits attachés au titre dont il demande le renouvellement, notamment celui de travailler \
             lorsque ce titre le permettait. Elle est renouvelée tant qu'aucune décision n'est prise."
                .into(),
        ));
        doc.push(Block::Note(self.verification.clone()));
        doc
    }
}

/// The file's attestation in force on `today`, if any (the latest issued).
pub async fn in_force(
    db: &impl ConnectionTrait,
    application_id: i32,
    now: chrono::DateTime<Utc>,
    today: NaiveDate,
) -> Result<Option<issued_document::Model>, DbErr> {
    let latest = issued_document::Entity::find()
        .filter(issued_document::Column::ApplicationId.eq(application_id))
        .filter(issued_document::Column::Kind.eq(PROLONGATION))
        .order_by_desc(issued_document::Column::ValidUntil)
        .one(db)
        .await?;
    Ok(latest.filter(|d| proves_on(d, now, today)))
}

/// Whether an issued document still proves what it says: within its validity (if it has one),
/// and not ended.
pub fn proves_on(document: &issued_document::Model, now: chrono::DateTime<Utc>, today: NaiveDate) -> bool {
    let within = match (document.valid_from, document.valid_until) {
        (Some(from), Some(until)) => from <= today && today <= until,
        _ => true,
    };
    within && document.ended_at.is_none_or(|ended| now < ended)
}

/// Issues the first attestation of a renewal filed in time (`application_id` taken in charge
/// when the policy issues it then), in `txn`. `None`: not a renewal, no title, or filed late —
/// the applicant is told why where the filing is confirmed.
pub async fn issue_first(
    txn: &impl ConnectionTrait,
    state: &AppState,
    application_id: i32,
) -> Result<Option<(issued_document::Model, Vec<u8>)>, AttestationError> {
    let file = application::Entity::find_by_id(application_id).one(txn).await?.ok_or(AttestationError::Missing(application_id, "file"))?;
    let filed = FiledAs::of(txn, &file, state.clock.today()).await?;
    match prepare_first(txn, state, &file, filed).await? {
        Some(prepared) => record(txn, state, prepared).await.map(Some),
        None => Ok(None),
    }
}

/// What the attestation says of the filing.
pub struct FiledAs {
    pub file_number: String,
    pub filed_on: app::domain::date::Date,
    pub prefecture: String,
}

impl FiledAs {
    /// What `file`, filed already, says.
    async fn of(db: &impl ConnectionTrait, file: &application::Model, today: app::domain::date::Date) -> Result<Self, DbErr> {
        let prefecture = match file.prefecture_id {
            Some(id) => prefecture::Entity::find_by_id(id).one(db).await?.map(|p| p.name).unwrap_or_default(),
            None => String::new(),
        };
        Ok(Self { file_number: file.file_number.clone().unwrap_or_default(), filed_on: filed_on(file, today), prefecture })
    }
}

/// An attestation rendered and stored, waiting for the transaction that records it.
pub struct PreparedAttestation {
    stored: StoredIssue,
    pdf: Vec<u8>,
}

/// The first attestation of `file` filed as `filed`, rendered and stored; `None`: not a
/// renewal, no title, or filed late. Outside the transaction that files it (the receipt's
/// rendering does the same), which then only [`record`]s it.
pub async fn prepare_first(
    db: &impl ConnectionTrait,
    state: &AppState,
    file: &application::Model,
    filed: FiledAs,
) -> Result<Option<PreparedAttestation>, AttestationError> {
    if file.request_kind != RequestKind::Renouvellement.as_str() {
        return Ok(None);
    }
    let today = state.clock.today();
    let Some((held, window)) = renewed_title(db, file).await? else { return Ok(None) };
    if !window.is_timely(filed.filed_on) {
        return Ok(None);
    }
    let until = first_attestation_until(to_domain_date(held.valid_to), today);
    let (Some(from), Some(until)) = (to_naive_date(today), to_naive_date(until)) else {
        return Err(AttestationError::Missing(file.id, "dates"));
    };
    prepare(db, state, file, &held, filed, (from, until)).await.map(Some)
}

/// Records a prepared attestation in `txn`; the PDF comes back for the e-mail.
pub async fn record(
    txn: &impl ConnectionTrait,
    state: &AppState,
    prepared: PreparedAttestation,
) -> Result<(issued_document::Model, Vec<u8>), AttestationError> {
    Ok((issued::record(txn, state, &prepared.stored).await?, prepared.pdf))
}

/// The title a renewal renews, with its renewal window (`None`: the holder has no title).
async fn renewed_title(db: &impl ConnectionTrait, file: &application::Model) -> Result<Option<(title::Model, RenewalWindow)>, DbErr> {
    let Some(owner) = account::Entity::find_by_id(file.account_id).one(db).await? else { return Ok(None) };
    let held = super::current_title(db, &owner).await?;
    Ok(held.map(|held| {
        let window = RenewalWindow::before(to_domain_date(held.valid_to));
        (held, window)
    }))
}

/// The day `file` was filed (`today` while it is being filed).
fn filed_on(file: &application::Model, today: app::domain::date::Date) -> app::domain::date::Date {
    file.submitted_at.map(|at| to_domain_date(at.date_naive())).unwrap_or(today)
}

async fn prepare(
    db: &impl ConnectionTrait,
    state: &AppState,
    file: &application::Model,
    held: &title::Model,
    filed: FiledAs,
    (from, until): (NaiveDate, NaiveDate),
) -> Result<PreparedAttestation, AttestationError> {
    let holder = holder::of_account(db, file.account_id).await?.ok_or(AttestationError::Missing(file.id, "holder"))?;
    let civil = holder.civil_status;
    let code = new_verification_code();
    let attestation = Prolongation {
        holder_name: holder::display_name(&civil),
        nationality: holder::nationality(&civil, Lang::Fr),
        birth_date: civil.birth_date,
        numero_etranger: civil.numero_etranger,
        title: held.label.clone(),
        title_number: held.title_number.clone(),
        title_expires: to_domain_date(held.valid_to).to_french(),
        file_number: filed.file_number,
        filed_on: filed.filed_on.to_french(),
        prefecture: filed.prefecture,
        valid_from: to_domain_date(from).to_french(),
        valid_until: to_domain_date(until).to_french(),
        verification: verification_line(state, &code),
    };
    let file_name = attestation.file_name();
    let pdf = attestation.document().render_blocking().await?;
    let issue = Issue {
        application_id: file.id,
        kind: PROLONGATION,
        file_name: &file_name,
        pdf: &pdf,
        verification_code: Some(code),
        valid: Some((from, until)),
    };
    let stored = issued::store(state, issue).await?;
    Ok(PreparedAttestation { stored, pdf })
}

/// What the filing of `file` gave besides the receipt (`None`: not the renewal of a title): its
/// first attestation, or why there is none — filed late, or issued once the file is checked.
pub async fn notice(
    db: &impl ConnectionTrait,
    file: &application::Model,
    today: app::domain::date::Date,
) -> Result<Option<AttestationNotice>, DbErr> {
    if file.request_kind != RequestKind::Renouvellement.as_str() {
        return Ok(None);
    }
    let first = issued_document::Entity::find()
        .filter(issued_document::Column::ApplicationId.eq(file.id))
        .filter(issued_document::Column::Kind.eq(PROLONGATION))
        .order_by_asc(issued_document::Column::Id)
        .one(db)
        .await?;
    if let Some(until) = first.and_then(|d| d.valid_until) {
        return Ok(Some(AttestationNotice::Issued { valid_until: to_domain_date(until).to_french() }));
    }
    let Some((_, window)) = renewed_title(db, file).await? else { return Ok(None) };
    Ok(Some(match window.is_timely(filed_on(file, today)) {
        false => AttestationNotice::Late { window_closed: window.closes.to_french() },
        true => AttestationNotice::AfterCheck,
    }))
}

/// Ends the attestations of `application_ids` now (a decision, a closure): `reason` is the
/// action's code.
pub async fn end_for(txn: &impl ConnectionTrait, clock: &crate::clock::Clock, application_ids: &[i32], reason: &str) -> Result<(), DbErr> {
    if application_ids.is_empty() {
        return Ok(());
    }
    let now = clock.now();
    issued_document::Entity::update_many()
        .col_expr(issued_document::Column::EndedAt, Expr::value(now))
        .col_expr(issued_document::Column::EndedReason, Expr::value(reason))
        .filter(issued_document::Column::ApplicationId.is_in(application_ids.iter().copied()))
        .filter(issued_document::Column::Kind.eq(PROLONGATION))
        .filter(issued_document::Column::EndedAt.is_null().or(issued_document::Column::EndedAt.gt(now)))
        .exec(txn)
        .await
        .map(|_| ())
}

/// Issues the successor of every attestation due for renewal, each in its own transaction, and
/// tells its holder (notification, e-mail with the PDF). Returns how many were renewed.
pub async fn renew_due(state: &AppState) -> Result<usize, AttestationError> {
    let today = state.clock.today();
    let lead = state.config.lawful_stay.attestation_renewal_lead_days;
    let horizon = state.clock.today_naive() + chrono::Duration::days(lead);
    let due = issued_document::Entity::find()
        .filter(issued_document::Column::Kind.eq(PROLONGATION))
        .filter(issued_document::Column::EndedAt.is_null())
        .filter(issued_document::Column::ValidUntil.lte(horizon))
        .order_by_asc(issued_document::Column::Id)
        .all(&state.db)
        .await?;
    let mut renewed = 0;
    for current in due {
        let Some(valid_until) = current.valid_until else { continue };
        if !attestation_renewal_due(to_domain_date(valid_until), today, lead) {
            continue;
        }
        if renew(state, &current, valid_until).await? {
            renewed += 1;
        }
    }
    if renewed > 0 {
        state.jobs_wakeup.notify_one();
        tracing::info!(renewed, "attestations de prolongation d'instruction renewed");
    }
    Ok(renewed)
}

async fn renew(state: &AppState, current: &issued_document::Model, valid_until: NaiveDate) -> Result<bool, AttestationError> {
    let txn = crate::db::begin_write(&state.db).await?;
    // The end of its last day: it keeps proving the stay until then, beside its successor.
    let ends =
        valid_until.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| Utc.from_utc_datetime(&d)).unwrap_or_else(|| state.clock.now());
    let claimed = issued_document::Entity::update_many()
        .col_expr(issued_document::Column::EndedAt, Expr::value(ends))
        .col_expr(issued_document::Column::EndedReason, Expr::value(RENEWED))
        .filter(issued_document::Column::Id.eq(current.id))
        .filter(issued_document::Column::EndedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        // Another instance renewed it meanwhile.
        txn.commit().await?;
        return Ok(false);
    }
    let file = application::Entity::find_by_id(current.application_id)
        .one(&txn)
        .await?
        .ok_or(AttestationError::Missing(current.application_id, "file"))?;
    // A decided or closed file ended its attestation already; this guards a corrupt row.
    let open = status::current(&file).is_ok_and(FileStatus::awaits_decision);
    let owner = account::Entity::find_by_id(file.account_id).one(&txn).await?;
    let held = match &owner {
        Some(owner) => super::current_title(&txn, owner).await?,
        None => None,
    };
    let (true, Some(owner), Some(held)) = (open, owner, held) else {
        txn.commit().await?;
        return Ok(false);
    };
    let until = to_naive_date(next_attestation_until(to_domain_date(valid_until))).ok_or(AttestationError::Missing(file.id, "dates"))?;
    let from = state.clock.today_naive();
    let filed = FiledAs::of(&txn, &file, state.clock.today()).await?;
    let prepared = prepare(&txn, state, &file, &held, filed, (from, until)).await?;
    let (document, pdf) = record(&txn, state, prepared).await?;
    announce(&txn, state, &owner, &file, document, pdf).await?;
    txn.commit().await?;
    Ok(true)
}

/// Tells the holder of a new attestation: a notification, and an e-mail carrying the PDF.
pub async fn announce(
    txn: &impl ConnectionTrait,
    state: &AppState,
    owner: &account::Model,
    file: &application::Model,
    document: issued_document::Model,
    pdf: Vec<u8>,
) -> Result<(), DbErr> {
    crate::notifications::notify(txn, &state.clock, owner.id, Some(file.id), NotificationKind::AttestationIssued).await?;
    let lang = Lang::from_code(&owner.lang).unwrap_or_default();
    let until = document.valid_until.map(|d| to_domain_date(d).to_french()).unwrap_or_default();
    let content = templates::attestation_issued(
        lang,
        file.file_number.as_deref().unwrap_or_default(),
        &until,
        state.url(app::domain::notifications::paths::ACCOUNT),
    );
    let attachment = Attachment { filename: document.file_name, content_type: "application/pdf".into(), data: pdf };
    outbox::enqueue(txn, &state.clock, &owner.email, content, vec![attachment]).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attestation_prints_the_holder_the_title_its_validity_and_its_code() {
        let attestation = Prolongation {
            holder_name: "Sofía Valentina HERNÁNDEZ RUIZ".into(),
            birth_date: "14/05/2002".into(),
            nationality: "Mexique".into(),
            numero_etranger: Some("9102458731".into()),
            title: "Étudiant".into(),
            title_number: "9924597395".into(),
            title_expires: "30/09/2027".into(),
            file_number: "2027-091-000001".into(),
            filed_on: "02/07/2027".into(),
            prefecture: "Sous-préfecture de Palaiseau".into(),
            valid_from: "02/07/2027".into(),
            valid_until: "30/12/2027".into(),
            verification: "Code de vérification : ABC-DEF-GHJ".into(),
        };
        assert_eq!(attestation.file_name(), "attestation-prolongation-instruction-2027-091-000001.pdf");
        let text = format!("{:?}", attestation.document().blocks);
        for expected in
            ["HERNÁNDEZ RUIZ", "9924597395", "30/09/2027", "30/12/2027", "2027-091-000001", "ABC-DEF-GHJ", "conserve les droits"]
        {
            assert!(text.contains(expected), "{expected}");
        }
        assert!(attestation.document().render().expect("pdf").starts_with(b"%PDF"));
    }
}
