//! A file's message thread (`app::domain::messages`): the rows, who has read what, the files
//! joined to messages and their lifecycle (uploaded unsent, tied when sent, purged when never
//! sent). [`service`] answers the server functions; `http::message_files` carries the files.

pub mod service;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Set,
};

use app::domain::lifecycle::FileEvent;
use app::domain::messages::{Author, CheckedMessage};
use app::filing::JoinedFile;

use crate::clock::{to_naive_date, Clock};
use crate::db::entities::{application, message, message_attachment};
use crate::filing::status::{self, ChangeError};
use crate::filing::store::Actor;
use crate::storage::{Storage, StoredObject};

/// The thread of `application_id`, oldest first, with every attachment of the file (sent or
/// not: the caller keeps what the reader may see).
pub async fn thread(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<(Vec<message::Model>, Vec<message_attachment::Model>), DbErr> {
    let messages =
        message::Entity::find().filter(message::Column::ApplicationId.eq(application_id)).order_by_asc(message::Column::Id).all(db).await?;
    let attachments = message_attachment::Entity::find()
        .filter(message_attachment::Column::ApplicationId.eq(application_id))
        .order_by_asc(message_attachment::Column::Id)
        .all(db)
        .await?;
    Ok((messages, attachments))
}

/// `reader` opened the thread: the other side's messages not yet read are, from `now`.
pub async fn mark_read(db: &impl ConnectionTrait, application_id: i32, reader: Author, now: DateTime<Utc>) -> Result<(), DbErr> {
    message::Entity::update_many()
        .col_expr(message::Column::ReadAt, Expr::value(now))
        .filter(message::Column::ApplicationId.eq(application_id))
        .filter(message::Column::Author.eq(reader.other().as_str()))
        .filter(message::Column::ReadAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// Messages written by `author` that the other side has not read, per file of `ids`.
pub async fn unread_by_file(db: &impl ConnectionTrait, ids: &[i32], author: Author) -> Result<HashMap<i32, u64>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, i64)> = message::Entity::find()
        .select_only()
        .column(message::Column::ApplicationId)
        .column_as(message::Column::Id.count(), "unread")
        .filter(message::Column::ApplicationId.is_in(ids.iter().copied()))
        .filter(message::Column::Author.eq(author.as_str()))
        .filter(message::Column::ReadAt.is_null())
        .group_by(message::Column::ApplicationId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, u64::try_from(n).unwrap_or(0))).collect())
}

/// Who joins or sends: the applicant, or an agent (by id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    Applicant,
    Agent(i32),
}

impl Writer {
    pub fn author(self) -> Author {
        match self {
            Writer::Applicant => Author::Applicant,
            Writer::Agent(_) => Author::Agent,
        }
    }

    fn agent_id(self) -> Option<i32> {
        match self {
            Writer::Applicant => None,
            Writer::Agent(id) => Some(id),
        }
    }
}

/// The files `writer` joined to the thread and has not sent yet.
fn unsent_query(application_id: i32, writer: Writer) -> Select<message_attachment::Entity> {
    let query = message_attachment::Entity::find()
        .filter(message_attachment::Column::ApplicationId.eq(application_id))
        .filter(message_attachment::Column::MessageId.is_null())
        .filter(message_attachment::Column::Author.eq(writer.author().as_str()));
    match writer.agent_id() {
        Some(agent_id) => query.filter(message_attachment::Column::AgentId.eq(agent_id)),
        None => query,
    }
}

/// How many files `writer` has joined and not sent (one message carries at most three).
pub async fn count_unsent(db: &impl ConnectionTrait, application_id: i32, writer: Writer) -> Result<u64, DbErr> {
    unsent_query(application_id, writer).count(db).await
}

/// Whether `reader` may see `attachment`: every sent one, and their own side's unsent ones.
pub fn visible_to(attachment: &message_attachment::Model, reader: Writer) -> bool {
    attachment.message_id.is_some()
        || (attachment.author == reader.author().as_str() && (reader.agent_id().is_none() || attachment.agent_id == reader.agent_id()))
}

pub async fn attachment(db: &impl ConnectionTrait, application_id: i32, id: i32) -> Result<Option<message_attachment::Model>, DbErr> {
    Ok(message_attachment::Entity::find_by_id(id).one(db).await?.filter(|a| a.application_id == application_id))
}

/// Records a stored object as `writer`'s unsent attachment.
/// An attachment received, before its message is sent.
pub struct NewAttachment<'a> {
    pub application_id: i32,
    pub writer: Writer,
    pub name: &'a str,
    pub content_type: &'a str,
    pub stored: &'a StoredObject,
    /// Kept unscanned (the virus scan was down): held from agents until scanned.
    pub held_for_scan: bool,
}

pub async fn add_attachment(db: &impl ConnectionTrait, clock: &Clock, new: NewAttachment<'_>) -> Result<message_attachment::Model, DbErr> {
    message_attachment::ActiveModel {
        application_id: Set(new.application_id),
        message_id: Set(None),
        author: Set(new.writer.author().as_str().to_owned()),
        agent_id: Set(new.writer.agent_id()),
        original_name: Set(new.name.to_owned()),
        content_type: Set(new.content_type.to_owned()),
        size_bytes: Set(i64::try_from(new.stored.size).unwrap_or(i64::MAX)),
        sha256: Set(new.stored.sha256.clone()),
        storage_key: Set(new.stored.key.clone()),
        uploaded_at: Set(clock.now()),
        held_for_scan: Set(new.held_for_scan),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The bytes of the files an account's applicant joined to messages (they count in the
/// account's quota, as the documents do).
pub async fn applicant_bytes(db: &impl ConnectionTrait, application_ids: Vec<i32>) -> Result<u64, DbErr> {
    let sizes: Vec<i64> = message_attachment::Entity::find()
        .filter(message_attachment::Column::ApplicationId.is_in(application_ids))
        .filter(message_attachment::Column::Author.eq(Author::Applicant.as_str()))
        .select_only()
        .column(message_attachment::Column::SizeBytes)
        .into_tuple()
        .all(db)
        .await?;
    Ok(sizes.into_iter().map(|size| u64::try_from(size).unwrap_or(0)).sum())
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    History(#[from] ChangeError),
    /// An attachment id that is not one of the writer's unsent files (sent meanwhile from
    /// another tab, removed, or someone else's).
    #[error("attachment not among the writer's unsent files")]
    UnknownAttachment,
}

/// Sends a checked message in `txn`: the row, its attachments tied to it, and the line of the
/// file's history. The caller tells the other side in the same transaction.
pub async fn send(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    application: &application::Model,
    writer: Writer,
    message: CheckedMessage,
    attachments: &[i32],
) -> Result<message::Model, SendError> {
    let saved = message::ActiveModel {
        application_id: Set(application.id),
        author: Set(writer.author().as_str().to_owned()),
        agent_id: Set(writer.agent_id()),
        body: Set(message.body),
        awaiting_until: Set(message.awaiting_until.and_then(to_naive_date)),
        sent_at: Set(clock.now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut ids: Vec<i32> = attachments.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if !ids.is_empty() {
        let mut tie = message_attachment::Entity::update_many()
            .col_expr(message_attachment::Column::MessageId, Expr::value(saved.id))
            .filter(message_attachment::Column::Id.is_in(ids.iter().copied()))
            .filter(message_attachment::Column::ApplicationId.eq(application.id))
            .filter(message_attachment::Column::MessageId.is_null())
            .filter(message_attachment::Column::Author.eq(writer.author().as_str()));
        if let Some(agent_id) = writer.agent_id() {
            tie = tie.filter(message_attachment::Column::AgentId.eq(agent_id));
        }
        if tie.exec(txn).await?.rows_affected != ids.len() as u64 {
            return Err(SendError::UnknownAttachment);
        }
    }
    let (event, actor) = match writer {
        Writer::Applicant => (FileEvent::MessageFromApplicant, Actor::Applicant(application.account_id)),
        Writer::Agent(id) => (FileEvent::MessageFromAgent, Actor::Agent(id)),
    };
    let detail = (!ids.is_empty()).then(|| format!("{} pièce(s) jointe(s)", ids.len()));
    status::record_file_event(txn, clock, application, event, actor, detail).await?;
    Ok(saved)
}

/// Deletes one unsent attachment, row then object; one sent meanwhile (from another tab)
/// stays, and `false` says so.
pub async fn remove_unsent(db: &impl ConnectionTrait, storage: &Storage, attachment: &message_attachment::Model) -> Result<bool, DbErr> {
    let deleted = message_attachment::Entity::delete_many()
        .filter(message_attachment::Column::Id.eq(attachment.id))
        .filter(message_attachment::Column::MessageId.is_null())
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Ok(false);
    }
    if let Err(error) = storage.delete(&attachment.storage_key).await {
        // `check-storage` sweeps what is left.
        tracing::warn!(%error, "removed attachment left in storage");
    }
    Ok(true)
}

/// Deletes the attachments never sent and joined before `before`, rows then objects; returns
/// how many.
pub async fn purge_unsent(db: &impl ConnectionTrait, storage: &Storage, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let stale = message_attachment::Entity::find()
        .filter(message_attachment::Column::MessageId.is_null())
        .filter(message_attachment::Column::UploadedAt.lt(before))
        .all(db)
        .await?;
    for attachment in &stale {
        remove_unsent(db, storage, attachment).await?;
    }
    Ok(stale.len() as u64)
}

/// What the pages show of an attachment (the same shape as a document's file).
pub fn joined(attachment: &message_attachment::Model) -> JoinedFile {
    JoinedFile {
        id: attachment.id,
        document: "message".to_owned(),
        name: attachment.original_name.clone(),
        size: attachment.size_bytes,
        content_type: attachment.content_type.clone(),
        held_for_scan: attachment.held_for_scan,
    }
}
