//! Corrections after filing (`app::domain::corrections`): the applicant's changes (answers and
//! documents added), each kept with its value before and after; the agent's requests; and the
//! addendum PDF that lists the changes, the receipt staying as filed.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use app::corrections::{ChangeView, CorrectionView, RequestedView, ADDENDUM};
use app::domain::catalogue::{validate_step, Answers, ApplicantContext, Procedure};
use app::domain::corrections::{
    answer_changes, editable_steps, may_correct, merge, target_label, targets, validate_request, CorrectionItem,
};
use app::domain::lifecycle::{Action, FileEvent, FileStatus};
use app::domain::validation::{FieldErrors, ValidationError};
use app::error::AppError;
use app::i18n::Lang;

use crate::db::entities::{application, application_change, application_file, correction_request};
use crate::error::{internal, OrInternal};
use crate::filing::issued::{self, new_verification_code, verification_line, Issue};
use crate::filing::status::{self, Change};
use crate::filing::store::{self, Actor, StoreError};
use crate::filing::submission::paris_display;
use crate::filing::{holder, joined_file};
use crate::mail::{outbox, templates};
use crate::pdf::{Block, PdfDocument};
use crate::state::AppState;

/// The agent's last request on the file, with its items.
pub async fn last_request(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<(correction_request::Model, Vec<CorrectionItem>)>, DbErr> {
    let Some(request) = correction_request::Entity::find()
        .filter(correction_request::Column::ApplicationId.eq(application_id))
        .order_by_desc(correction_request::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let items = serde_json::from_str(&request.items).map_err(|e| DbErr::Custom(format!("correction items: {e}")))?;
    Ok(Some((request, items)))
}

/// The items as pages show them, labelled from the procedure.
pub fn requested_view(procedure: &Procedure, items: &[CorrectionItem], lang: Lang) -> Vec<RequestedView> {
    items
        .iter()
        .map(|item| RequestedView {
            target: item.target.clone(),
            label: target_label(procedure, &item.target, lang).unwrap_or_else(|| item.target.clone()),
            reason: item.reason,
            comment: item.comment.clone(),
        })
        .collect()
}

/// The changes since filing, oldest first.
pub async fn changes(db: &impl ConnectionTrait, application_id: i32) -> Result<Vec<ChangeView>, DbErr> {
    Ok(application_change::Entity::find()
        .filter(application_change::Column::ApplicationId.eq(application_id))
        .order_by_asc(application_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ChangeView { at: paris_display(c.changed_at), label: c.label, before: c.before_value, after: c.after_value })
        .collect())
}

/// Since when files joined are not yet sent: filing, or the last batch of changes.
async fn unsent_since(db: &impl ConnectionTrait, application: &application::Model) -> Result<DateTime<Utc>, DbErr> {
    let last = application_change::Entity::find()
        .filter(application_change::Column::ApplicationId.eq(application.id))
        .order_by_desc(application_change::Column::ChangedAt)
        .one(db)
        .await?;
    let filed = application.submitted_at.unwrap_or(application.created_at);
    Ok(last.map(|c| c.changed_at.max(filed)).unwrap_or(filed))
}

/// Files joined since filing (or since the last changes sent): the applicant may still
/// remove them, and sending the corrections records them.
pub async fn unsent_files(db: &impl ConnectionTrait, application: &application::Model) -> Result<Vec<application_file::Model>, DbErr> {
    let since = unsent_since(db, application).await?;
    Ok(store::files(db, application.id).await?.into_iter().filter(|f| f.uploaded_at > since).collect())
}

fn procedure_of(application: &application::Model) -> Result<&'static Procedure, AppError> {
    app::domain::catalogue::procedure(&application.procedure)
        .ok_or_else(|| internal(format!("unknown procedure {}", application.procedure)))
}

async fn applicant_context(state: &AppState, application: &application::Model) -> Result<ApplicantContext, AppError> {
    let holder =
        holder::of_account(&state.db, application.account_id).await.or_internal()?.ok_or_else(|| internal("file without a holder"))?;
    Ok(holder.context(state.clock.today()))
}

/// The applicant's correction page.
pub async fn view(state: &AppState, application: &application::Model, lang: Lang) -> Result<CorrectionView, AppError> {
    let db = &state.db;
    let procedure = procedure_of(application)?;
    let current = status::current(application).or_internal()?;
    let requested = match (current, last_request(db, application.id).await.or_internal()?) {
        (FileStatus::CorrectionDemandee, Some((_, items))) => requested_view(procedure, &items, lang),
        _ => Vec::new(),
    };
    let files = store::files(db, application.id).await.or_internal()?;
    let since = unsent_since(db, application).await.or_internal()?;
    let added = files.iter().filter(|f| f.uploaded_at > since).map(|f| f.id).collect();
    Ok(CorrectionView {
        id: application.public_id.clone(),
        file_number: application.file_number.clone().unwrap_or_default(),
        procedure: application.procedure.clone().into(),
        status: current,
        answers: serde_json::from_str(&application.answers).or_internal()?,
        version: application.version,
        applicant: applicant_context(state, application).await?,
        requested,
        files: files.into_iter().map(joined_file).collect(),
        added,
        changes: changes(db, application.id).await.or_internal()?,
    })
}

/// Records the applicant's corrections from `version`: the editable answers (checked as the
/// wizard checks them) and the files joined meanwhile, each as a change; the addendum is
/// issued again; a file the agent sent back goes back to them.
pub async fn correct(state: &AppState, application: &application::Model, version: i32, sent: Answers) -> Result<(), AppError> {
    let current = status::current(application).or_internal()?;
    if !may_correct(current) {
        return Err(AppError::Conflict);
    }
    let procedure = procedure_of(application)?;
    let ctx = applicant_context(state, application).await?;
    let stored: Answers = serde_json::from_str(&application.answers).or_internal()?;
    let merged = merge(procedure, &stored, &sent, &ctx);
    let mut errors = FieldErrors::new();
    for step in editable_steps(procedure) {
        if let Err(step_errors) = validate_step(step, &merged, &ctx) {
            errors.0.extend(step_errors.0);
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    // In French: the file's language, as the receipt and the agents' pages.
    let mut recorded: Vec<(String, Option<String>, Option<String>)> =
        answer_changes(procedure, &stored, &merged, &ctx, Lang::Fr).into_iter().map(|c| (c.label, c.before, c.after)).collect();
    for file in unsent_files(&state.db, application).await.or_internal()? {
        let document = procedure.documents.iter().find(|d| d.code == file.document_code).map(|d| d.label.fr).unwrap_or_default();
        recorded.push((format!("Justificatif ajouté – {document}"), None, Some(file.original_name)));
    }
    if recorded.is_empty() {
        return Err(AppError::field("changes", ValidationError::NothingChanged));
    }
    let request = match current {
        FileStatus::CorrectionDemandee => last_request(&state.db, application.id).await.or_internal()?.map(|(r, _)| r),
        _ => None,
    };
    let txn = crate::db::begin_write(&state.db).await.or_internal()?;
    let answers_json = serde_json::to_string(&merged).or_internal()?;
    match store::correct_answers(&txn, &state.clock, application.id, version, answers_json).await {
        Ok(_) => {}
        Err(StoreError::VersionConflict { .. }) => return Err(AppError::Conflict),
        Err(StoreError::Db(error)) => return Err(internal(error)),
    }
    let now = state.clock.now();
    for (label, before, after) in &recorded {
        application_change::ActiveModel {
            application_id: Set(application.id),
            changed_at: Set(now),
            label: Set(label.clone()),
            before_value: Set(before.clone()),
            after_value: Set(after.clone()),
            request_id: Set(request.as_ref().map(|r| r.id)),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .or_internal()?;
    }
    let detail = Some(format!("{} modification(s)", recorded.len()));
    // The status moved with the answers' version: read it again for the compare-and-set.
    let fresh = application::Entity::find_by_id(application.id).one(&txn).await.or_internal()?.ok_or(AppError::NotFound)?;
    match request {
        Some(request) => {
            status::change(
                &txn,
                &state.clock,
                &fresh,
                Change::new(Action::Resubmit, Actor::Applicant(application.account_id)).detail(detail),
            )
            .await?;
            let mut answered: correction_request::ActiveModel = request.into();
            answered.answered_at = Set(Some(now));
            answered.update(&txn).await.or_internal()?;
            tell_agent(&txn, state, application).await?;
        }
        None => {
            status::record_file_event(
                &txn,
                &state.clock,
                &fresh,
                FileEvent::CorrectedByApplicant,
                Actor::Applicant(application.account_id),
                detail,
            )
            .await?;
        }
    }
    issue_addendum(&txn, state, application).await?;
    txn.commit().await.or_internal()?;
    state.jobs_wakeup.notify_one();
    Ok(())
}

/// The agent in charge learns that the file came back corrected.
async fn tell_agent(txn: &impl ConnectionTrait, state: &AppState, application: &application::Model) -> Result<(), AppError> {
    let Some(agent) = store::agent_in_charge(txn, application.id).await.or_internal()? else { return Ok(()) };
    let number = application.file_number.as_deref().unwrap_or_default();
    let content = templates::corrected(number, state.url(&app::instruction::paths::file(&application.public_id)));
    outbox::enqueue(txn, &state.clock, &agent.email, content, vec![]).await.map(|_| ()).or_internal()
}

/// The addendum: every change since filing, dated, with the value before and after. Issued
/// anew after each batch (the account links to the latest); the receipt is never rewritten.
async fn issue_addendum(txn: &impl ConnectionTrait, state: &AppState, application: &application::Model) -> Result<(), AppError> {
    let number = application.file_number.clone().unwrap_or_default();
    let procedure = procedure_of(application)?;
    let code = new_verification_code();
    let mut doc =
        PdfDocument::new("Ministère de l'Intérieur – Étrangers en France", "Avenant à la demande : modifications depuis le dépôt");
    doc.push(Block::Fields(vec![
        ("Numéro de dossier".into(), number.clone()),
        ("Démarche".into(), procedure.title.fr.to_owned()),
        ("Déposée le".into(), application.submitted_at.map(paris_display).unwrap_or_default()),
    ]));
    doc.push(Block::Paragraph(
        "La confirmation de dépôt reste telle que déposée. Les modifications suivantes ont été apportées par le demandeur depuis :".into(),
    ));
    doc.push(Block::Bullets(
        changes(txn, application.id)
            .await
            .or_internal()?
            .into_iter()
            .map(|c| match c.before {
                Some(before) => format!("{} – {} : « {before} » devient « {} »", c.at, c.label, c.after.unwrap_or_default()),
                None => format!("{} – {} : {}", c.at, c.label, c.after.unwrap_or_default()),
            })
            .collect(),
    ));
    doc.push(Block::Note(verification_line(state, &code)));
    let pdf = doc.render_blocking().await.or_internal()?;
    let file_name = format!("avenant-{number}.pdf");
    let issue = Issue {
        application_id: application.id,
        kind: ADDENDUM,
        file_name: &file_name,
        pdf: &pdf,
        verification_code: Some(code),
        valid: None,
    };
    issued::issue(txn, state, issue).await.or_internal()?;
    Ok(())
}

/// "Renvoyer pour correction": checks the items against the procedure, moves the file and
/// records the request, in the caller's transaction.
pub async fn request(
    txn: &impl ConnectionTrait,
    state: &AppState,
    application: &application::Model,
    agent_id: i32,
    items: &[CorrectionItem],
) -> Result<(), AppError> {
    let procedure = procedure_of(application)?;
    let answers: Answers = serde_json::from_str(&application.answers).or_internal()?;
    let known = targets(procedure, &answers, &applicant_context(state, application).await?, Lang::Fr);
    validate_request(items, &known).map_err(AppError::Validation)?;
    let labels: Vec<String> = requested_view(procedure, items, Lang::Fr).into_iter().map(|i| i.label).collect();
    let change = Change::new(Action::RequestCorrection, Actor::Agent(agent_id)).detail(labels.join(", "));
    status::change(txn, &state.clock, application, change).await?;
    correction_request::ActiveModel {
        application_id: Set(application.id),
        agent_id: Set(agent_id),
        requested_at: Set(state.clock.now()),
        items: Set(serde_json::to_string(items).or_internal()?),
        answered_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await
    .or_internal()?;
    Ok(())
}
