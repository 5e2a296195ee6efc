//! Complementary-document requests (SPEC §6): the agent asks for documents with a reason
//! each, the file waits for the applicant until the deadline, the applicant keeps or replaces
//! each document and the file goes back to the agent.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use app::domain::catalogue::Procedure;
use app::domain::complement::{days_left, DocumentAnswer, RequestedDocument};
use app::domain::date::Date;
use app::filing::{ComplementItemView, ComplementView};
use app::i18n::Lang;

use crate::clock::{to_domain_date, to_naive_date, Clock};
use crate::db::entities::{application_file, complement_item, complement_request};
use crate::filing::joined_file;

/// Answers stored for an item.
pub const KEPT: &str = "maintenu";
pub const REPLACED: &str = "nouveau";

/// The last request on the file, with its items.
pub async fn last(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<(complement_request::Model, Vec<complement_item::Model>)>, DbErr> {
    let Some(request) = complement_request::Entity::find()
        .filter(complement_request::Column::ApplicationId.eq(application_id))
        .order_by_desc(complement_request::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let items = complement_item::Entity::find()
        .filter(complement_item::Column::RequestId.eq(request.id))
        .order_by_asc(complement_item::Column::Id)
        .all(db)
        .await?;
    Ok(Some((request, items)))
}

/// The request still waiting for the applicant, if any.
pub async fn open(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<(complement_request::Model, Vec<complement_item::Model>)>, DbErr> {
    Ok(last(db, application_id).await?.filter(|(request, _)| request.answered_at.is_none()))
}

/// Whether `file` was joined in answer to `request` (after it was made).
pub fn joined_in_answer(file: &application_file::Model, request: &complement_request::Model) -> bool {
    file.uploaded_at > request.requested_at
}

/// Records a request in `txn` (the caller moves the file's status in the same transaction).
pub async fn create(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    application_id: i32,
    agent_id: i32,
    deadline: Date,
    documents: &[RequestedDocument],
) -> Result<(), DbErr> {
    let request = complement_request::ActiveModel {
        application_id: Set(application_id),
        agent_id: Set(agent_id),
        requested_at: Set(clock.now()),
        deadline_on: Set(to_naive_date(deadline).ok_or_else(|| DbErr::Custom(format!("deadline out of range: {deadline}")))?),
        answered_at: Set(None),
        message: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for document in documents {
        complement_item::ActiveModel {
            request_id: Set(request.id),
            document_code: Set(document.document.clone()),
            reason: Set(document.reason.trim().to_owned()),
            answer: Set(None),
            justification: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Records the applicant's answer (the caller checked it and moves the status in `txn`).
pub async fn record_answer(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    request: complement_request::Model,
    items: Vec<complement_item::Model>,
    answers: &[DocumentAnswer],
    message: Option<String>,
) -> Result<(), DbErr> {
    for item in items {
        let Some(answer) = answers.iter().find(|a| a.document == item.document_code) else { continue };
        let mut active: complement_item::ActiveModel = item.into();
        active.answer = Set(Some(if answer.keep { KEPT } else { REPLACED }.to_owned()));
        active.justification =
            Set(answer.justification.as_deref().map(str::trim).filter(|j| answer.keep && !j.is_empty()).map(str::to_owned));
        active.update(txn).await?;
    }
    let mut active: complement_request::ActiveModel = request.into();
    active.answered_at = Set(Some(now));
    active.message = Set(message.map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()));
    active.update(txn).await?;
    Ok(())
}

/// The request as the pages show it.
pub fn view(
    procedure: &Procedure,
    request: &complement_request::Model,
    items: &[complement_item::Model],
    files: &[application_file::Model],
    today: Date,
    lang: Lang,
) -> ComplementView {
    let deadline = to_domain_date(request.deadline_on);
    ComplementView {
        requested_on: to_domain_date(request.requested_at.date_naive()).to_french(),
        deadline_on: deadline.to_french(),
        days_left: days_left(today, deadline),
        answered: request.answered_at.is_some(),
        message: request.message.clone(),
        items: items
            .iter()
            .map(|item| {
                let of_document = files.iter().filter(|f| f.document_code == item.document_code);
                ComplementItemView {
                    document: item.document_code.clone(),
                    label: procedure
                        .documents
                        .iter()
                        .find(|d| d.code == item.document_code)
                        .map(|d| d.label.get(lang).to_owned())
                        .unwrap_or_else(|| item.document_code.clone()),
                    reason: item.reason.clone(),
                    originals: of_document.clone().filter(|f| !joined_in_answer(f, request)).cloned().map(joined_file).collect(),
                    new_files: of_document.filter(|f| joined_in_answer(f, request)).cloned().map(joined_file).collect(),
                    answer: item.answer.clone(),
                    justification: item.justification.clone(),
                }
            })
            .collect(),
    }
}
