//! Database operations on application files that do not depend on a procedure: drafts with
//! optimistic versioning, joined files, the audit trail.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use app::domain::lifecycle::{Action, ActorKind, FileStatus};
use app::filing::RequestKind;

use crate::audit::{self, Trail};
use crate::clock::Clock;
use crate::db::entities::{agent, application, application_event, application_file};
use crate::storage::{Storage, StoredObject};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Db(#[from] DbErr),
    /// The draft changed since the version the caller read (another tab, another device).
    #[error("the draft changed since version {expected}")]
    VersionConflict { expected: i32 },
}

pub struct NewDraft<'a> {
    pub account_id: i32,
    pub procedure: &'a str,
    pub request_kind: RequestKind,
    pub first_step: &'a str,
    pub answers_json: String,
}

pub async fn create_draft(db: &impl ConnectionTrait, clock: &Clock, draft: NewDraft<'_>) -> Result<application::Model, DbErr> {
    let now = clock.now();
    application::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        account_id: Set(draft.account_id),
        procedure: Set(draft.procedure.to_owned()),
        request_kind: Set(draft.request_kind.as_str().to_owned()),
        // Every file starts as a draft; later statuses come through `filing::status`.
        status: Set(FileStatus::Brouillon.as_str().to_owned()),
        answers: Set(draft.answers_json),
        current_step: Set(draft.first_step.to_owned()),
        recap_validated: Set("[]".into()),
        version: Set(1),
        observations: Set(None),
        file_number: Set(None),
        prefecture_id: Set(None),
        submitted_at: Set(None),
        deadline_on: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The application `public_id` if it belongs to `account_id` (else `None`: not found and not
/// someone else's are the same answer).
pub async fn find_owned(db: &impl ConnectionTrait, account_id: i32, public_id: &str) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::PublicId.eq(public_id))
        .filter(application::Column::AccountId.eq(account_id))
        .one(db)
        .await
}

/// The account's applications, newest first.
pub async fn list_owned(db: &impl ConnectionTrait, account_id: i32) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .order_by_desc(application::Column::UpdatedAt)
        .all(db)
        .await
}

/// What a save changes in a draft.
pub struct DraftChange {
    pub answers_json: String,
    pub current_step: String,
    pub recap_validated_json: String,
    pub observations: Option<String>,
}

/// Saves a draft if it is still at `expected_version` (compare-and-set in one statement, so two
/// tabs or two server instances cannot overwrite each other), and returns the new version.
pub async fn save_draft(
    db: &impl ConnectionTrait,
    clock: &Clock,
    id: i32,
    expected_version: i32,
    change: DraftChange,
) -> Result<i32, StoreError> {
    let result = application::Entity::update_many()
        .col_expr(application::Column::Answers, Expr::value(change.answers_json))
        .col_expr(application::Column::CurrentStep, Expr::value(change.current_step))
        .col_expr(application::Column::RecapValidated, Expr::value(change.recap_validated_json))
        .col_expr(application::Column::Observations, Expr::value(change.observations))
        .col_expr(application::Column::Version, Expr::value(expected_version + 1))
        .col_expr(application::Column::UpdatedAt, Expr::value(clock.now()))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    next_version(result.rows_affected, expected_version)
}

/// The version after a compare-and-set that changed `rows` rows from `expected`.
fn next_version(rows: u64, expected: i32) -> Result<i32, StoreError> {
    if rows == 1 {
        Ok(expected + 1)
    } else {
        Err(StoreError::VersionConflict { expected })
    }
}

/// Replaces the answers of a filed application the applicant corrects (`filing::corrections`),
/// if it is still at `expected_version` and still open to corrections; returns the new version.
pub async fn correct_answers(
    db: &impl ConnectionTrait,
    clock: &Clock,
    id: i32,
    expected_version: i32,
    answers_json: String,
) -> Result<i32, StoreError> {
    let open = [FileStatus::Deposee.as_str(), FileStatus::CorrectionDemandee.as_str()];
    let result = application::Entity::update_many()
        .col_expr(application::Column::Answers, Expr::value(answers_json))
        .col_expr(application::Column::Version, Expr::value(expected_version + 1))
        .col_expr(application::Column::UpdatedAt, Expr::value(clock.now()))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(expected_version))
        .filter(application::Column::Status.is_in(open))
        .exec(db)
        .await?;
    next_version(result.rows_affected, expected_version)
}

pub struct NewFile<'a> {
    pub application_id: i32,
    pub document_code: &'a str,
    pub original_name: &'a str,
    pub content_type: &'a str,
    pub stored: &'a StoredObject,
    /// Kept unscanned (the virus scan was down): held from agents until scanned.
    pub held_for_scan: bool,
}

pub async fn add_file(db: &impl ConnectionTrait, clock: &Clock, file: NewFile<'_>) -> Result<application_file::Model, DbErr> {
    application_file::ActiveModel {
        application_id: Set(file.application_id),
        document_code: Set(file.document_code.to_owned()),
        original_name: Set(file.original_name.to_owned()),
        content_type: Set(file.content_type.to_owned()),
        size_bytes: Set(i64::try_from(file.stored.size).unwrap_or(i64::MAX)),
        sha256: Set(file.stored.sha256.clone()),
        storage_key: Set(file.stored.key.clone()),
        uploaded_at: Set(clock.now()),
        held_for_scan: Set(file.held_for_scan),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Why a stored file was not added after all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRefusal {
    /// The application was filed (or closed) meanwhile.
    Frozen,
    /// The document already has its `max_files`.
    Full,
}

/// Adds a stored file if, under the application's lock, the application still takes files and
/// the document still has room: two uploads at once cannot both be the fourth file, and an
/// upload racing the submission cannot land in a filed application.
pub async fn add_file_with_room(
    db: &DatabaseConnection,
    clock: &Clock,
    file: NewFile<'_>,
    max_files: u64,
) -> Result<Result<application_file::Model, FileRefusal>, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let application = application::Entity::find_by_id(file.application_id).lock_exclusive().one(&txn).await?;
    let open = application.is_some_and(|a| {
        matches!(
            super::status::current(&a),
            Ok(FileStatus::Brouillon | FileStatus::ComplementDemande | FileStatus::Deposee | FileStatus::CorrectionDemandee)
        )
    });
    if !open {
        return Ok(Err(FileRefusal::Frozen));
    }
    if count_files(&txn, file.application_id, file.document_code).await? >= max_files {
        return Ok(Err(FileRefusal::Full));
    }
    let saved = add_file(&txn, clock, file).await?;
    txn.commit().await?;
    Ok(Ok(saved))
}

pub async fn files(db: &impl ConnectionTrait, application_id: i32) -> Result<Vec<application_file::Model>, DbErr> {
    application_file::Entity::find()
        .filter(application_file::Column::ApplicationId.eq(application_id))
        .order_by_asc(application_file::Column::Id)
        .all(db)
        .await
}

/// The bytes of every file joined to any application of `account_id`.
pub async fn account_bytes(db: &impl ConnectionTrait, account_id: i32) -> Result<u64, DbErr> {
    let applications: Vec<i32> = application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .select_only()
        .column(application::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let attached = crate::messages::applicant_bytes(db, applications.clone()).await?;
    let sizes: Vec<i64> = application_file::Entity::find()
        .filter(application_file::Column::ApplicationId.is_in(applications))
        .select_only()
        .column(application_file::Column::SizeBytes)
        .into_tuple()
        .all(db)
        .await?;
    Ok(attached + sizes.into_iter().map(|size| u64::try_from(size).unwrap_or(0)).sum::<u64>())
}

/// Removes the files of `application` (rows first, then the stored objects): an abandoned draft
/// keeps nothing. Returns the keys that could not be deleted from storage.
pub async fn delete_files(db: &impl ConnectionTrait, storage: &Storage, application_id: i32) -> Result<Vec<String>, DbErr> {
    let keys: Vec<String> = files(db, application_id).await?.into_iter().map(|f| f.storage_key).collect();
    application_file::Entity::delete_many().filter(application_file::Column::ApplicationId.eq(application_id)).exec(db).await?;
    let mut left = Vec::new();
    for key in keys {
        if let Err(error) = storage.delete(&key).await {
            tracing::warn!(%error, key, "stored file not deleted");
            left.push(key);
        }
    }
    Ok(left)
}

pub async fn count_files(db: &impl ConnectionTrait, application_id: i32, document_code: &str) -> Result<u64, DbErr> {
    application_file::Entity::find()
        .filter(application_file::Column::ApplicationId.eq(application_id))
        .filter(application_file::Column::DocumentCode.eq(document_code))
        .count(db)
        .await
}

/// Who acted, for the audit trail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Applicant(i32),
    Agent(i32),
    System,
}

impl Actor {
    pub fn kind(self) -> ActorKind {
        match self {
            Actor::Applicant(_) => ActorKind::Applicant,
            Actor::Agent(_) => ActorKind::Agent,
            Actor::System => ActorKind::System,
        }
    }

    fn id(self) -> Option<i32> {
        match self {
            Actor::Applicant(id) | Actor::Agent(id) => Some(id),
            Actor::System => None,
        }
    }
}

/// A line of the history, written by `filing::status` only (with the move it records).
pub(super) struct Event<'a> {
    pub application_id: i32,
    pub actor: Actor,
    pub action: &'a str,
    pub from_status: Option<&'a str>,
    pub to_status: &'a str,
    pub detail: Option<String>,
}

pub(super) async fn record_event(db: &impl ConnectionTrait, clock: &Clock, event: Event<'_>) -> Result<(), DbErr> {
    let line = application_event::Model {
        id: 0,
        application_id: event.application_id,
        actor_kind: event.actor.kind().as_str().to_owned(),
        actor_id: event.actor.id(),
        action: event.action.to_owned(),
        from_status: event.from_status.map(str::to_owned),
        to_status: event.to_status.to_owned(),
        detail: event.detail,
        created_at: audit::audit_time(clock.now()),
        prev_hash: None,
        hash: None,
    };
    let sealed = audit::append(db, Trail::Application, line.application_id, &audit::application_line(&line)).await?;
    let mut row = line.into_active_model();
    row.id = NotSet;
    (row.prev_hash, row.hash) = (Set(sealed.prev_hash), Set(Some(sealed.hash)));
    row.insert(db).await?;
    Ok(())
}

/// The agent who last took the file in charge, if one did.
pub async fn agent_in_charge(db: &impl ConnectionTrait, application_id: i32) -> Result<Option<agent::Model>, DbErr> {
    let taken = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(application_id))
        .filter(application_event::Column::Action.eq(Action::TakeCharge.as_str()))
        .order_by_desc(application_event::Column::Id)
        .one(db)
        .await?;
    match taken.and_then(|event| event.actor_id) {
        Some(agent_id) => agent::Entity::find_by_id(agent_id).one(db).await,
        None => Ok(None),
    }
}

pub async fn history(db: &impl ConnectionTrait, application_id: i32) -> Result<Vec<application_event::Model>, DbErr> {
    application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(application_id))
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await
}
