//! In-app notifications of applicants' accounts: written in the same transaction as the change
//! they announce (and as its e-mail), counted for the header bell, listed on the account page,
//! marked read when opened. Their sentence and target come from
//! `app::domain::notifications`, in the reader's language at the time of reading.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, IntoColumnRef, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use app::accounts::NotificationView;
use app::domain::notifications::{paths, NotificationKind};
use app::i18n::Lang;

use crate::clock::Clock;
use crate::db::entities::{application, notification};
use crate::filing::submission::paris_display;

/// How many notifications the account page lists (the newest).
pub const LISTED: u64 = 50;

/// Adds a notification to `account_id`, about `application_id` when there is one.
pub async fn notify(
    db: &impl ConnectionTrait,
    clock: &Clock,
    account_id: i32,
    application_id: Option<i32>,
    kind: NotificationKind,
) -> Result<(), DbErr> {
    let row = notification::ActiveModel {
        account_id: Set(account_id),
        application_id: Set(application_id),
        kind: Set(kind.code().to_owned()),
        created_at: Set(clock.now()),
        read_at: Set(None),
        ..Default::default()
    };
    notification::Entity::insert(row).exec_without_returning(db).await.map(|_| ())
}

/// The number of unread notifications (the header bell) of the account whose id is the outer
/// query's column `account_id`: a subquery, so the session's lookup reads it in the same round trip.
pub fn unread_count(account_id: impl IntoColumnRef) -> SimpleExpr {
    let count = Query::select()
        .expr(Expr::col((notification::Entity, notification::Column::Id)).count())
        .from(notification::Entity)
        .and_where(Expr::col((notification::Entity, notification::Column::AccountId)).equals(account_id))
        .and_where(Expr::col((notification::Entity, notification::Column::ReadAt)).is_null())
        .to_owned();
    SimpleExpr::SubQuery(None, Box::new(count.into_sub_query_statement()))
}

/// The account's newest notifications, in `lang`.
pub async fn list(db: &impl ConnectionTrait, account_id: i32, lang: Lang) -> Result<Vec<NotificationView>, DbErr> {
    let rows = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account_id))
        .order_by_desc(notification::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?;
    let file_ids: Vec<i32> = rows.iter().filter_map(|n| n.application_id).collect();
    let files: HashMap<i32, (String, Option<String>)> = if file_ids.is_empty() {
        HashMap::new()
    } else {
        application::Entity::find()
            .select_only()
            .columns([application::Column::Id, application::Column::PublicId, application::Column::FileNumber])
            .filter(application::Column::Id.is_in(file_ids))
            .into_tuple::<(i32, String, Option<String>)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, public_id, number)| (id, (public_id, number)))
            .collect()
    };
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            // A kind this version does not know (written by a newer one) is skipped, not shown blank.
            let kind = NotificationKind::from_code(&row.kind)?;
            let file = row.application_id.and_then(|id| files.get(&id));
            Some(NotificationView {
                id: row.id,
                at: paris_display(row.created_at),
                text: kind.sentence(file.and_then(|(_, number)| number.as_deref()), lang),
                read: row.read_at.is_some(),
                href: paths::open(row.id),
            })
        })
        .collect())
}

/// Marks the account's notification read and returns where it leads; `None` when the account
/// has no such notification.
pub async fn open(db: &impl ConnectionTrait, clock: &Clock, account_id: i32, id: i32) -> Result<Option<String>, DbErr> {
    let Some(row) = notification::Entity::find_by_id(id).filter(notification::Column::AccountId.eq(account_id)).one(db).await? else {
        return Ok(None);
    };
    if row.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(clock.now()))
            .filter(notification::Column::Id.eq(row.id))
            .filter(notification::Column::ReadAt.is_null())
            .exec(db)
            .await?;
    }
    let Some(kind) = NotificationKind::from_code(&row.kind) else { return Ok(Some(paths::ACCOUNT.to_owned())) };
    let public_id = match row.application_id {
        Some(file) => {
            application::Entity::find_by_id(file).select_only().column(application::Column::PublicId).into_tuple::<String>().one(db).await?
        }
        None => None,
    };
    Ok(Some(kind.target(public_id.as_deref())))
}

/// Marks every notification of the account read.
pub async fn mark_all_read(db: &impl ConnectionTrait, clock: &Clock, account_id: i32) -> Result<u64, DbErr> {
    Ok(notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(clock.now()))
        .filter(notification::Column::AccountId.eq(account_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// Marks read the account's notifications of `kind` about one file: what they announced was
/// just seen (the thread opened).
pub async fn mark_read_about(
    db: &impl ConnectionTrait,
    clock: &Clock,
    account_id: i32,
    application_id: i32,
    kind: NotificationKind,
) -> Result<(), DbErr> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(clock.now()))
        .filter(notification::Column::AccountId.eq(account_id))
        .filter(notification::Column::ApplicationId.eq(application_id))
        .filter(notification::Column::Kind.eq(kind.code()))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}
