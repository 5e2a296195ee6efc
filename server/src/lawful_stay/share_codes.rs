//! Share codes: the holder creates one for a purpose, it works for the policy's days (30 by
//! default) unless revoked, and every use is recorded for the holder to see. Checked with the
//! holder's date of birth: a wrong date, an unknown, revoked or expired code all give the same
//! nothing.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use app::domain::date::Date;
use app::domain::lawful_stay::SharePurpose;

use crate::clock::Clock;
use crate::db::entities::{share_code, verification_check};
use crate::filing::holder;

/// What a check found, as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Shown,
    WrongBirthDate,
    Revoked,
    Expired,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Shown => "shown",
            Outcome::WrongBirthDate => "wrong_birth_date",
            Outcome::Revoked => "revoked",
            Outcome::Expired => "expired",
        }
    }
}

/// A new code of `account_id` for `purpose`, working `days` days.
pub async fn create(
    db: &impl ConnectionTrait,
    clock: &Clock,
    account_id: i32,
    purpose: SharePurpose,
    days: i64,
) -> Result<share_code::Model, DbErr> {
    let now = clock.now();
    share_code::ActiveModel {
        account_id: Set(account_id),
        code: Set(crate::filing::issued::new_verification_code()),
        purpose: Set(purpose.as_str().to_owned()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(days)),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The account's codes, newest first, each with its checks (newest first).
pub async fn list(db: &impl ConnectionTrait, account_id: i32) -> Result<Vec<(share_code::Model, Vec<verification_check::Model>)>, DbErr> {
    let codes = share_code::Entity::find()
        .filter(share_code::Column::AccountId.eq(account_id))
        .order_by_desc(share_code::Column::CreatedAt)
        .order_by_desc(share_code::Column::Id)
        .all(db)
        .await?;
    let checks = verification_check::Entity::find()
        .filter(verification_check::Column::ShareCodeId.is_in(codes.iter().map(|c| c.id)))
        .order_by_desc(verification_check::Column::CheckedAt)
        .all(db)
        .await?;
    Ok(codes
        .into_iter()
        .map(|code| {
            let uses = checks.iter().filter(|c| c.share_code_id == Some(code.id)).cloned().collect();
            (code, uses)
        })
        .collect())
}

/// Revokes `code` if it is `account_id`'s; `false` when it is not theirs (or does not exist).
pub async fn revoke(db: &impl ConnectionTrait, clock: &Clock, account_id: i32, code: &str) -> Result<bool, DbErr> {
    let found = share_code::Entity::find()
        .filter(share_code::Column::Code.eq(code))
        .filter(share_code::Column::AccountId.eq(account_id))
        .one(db)
        .await?;
    let Some(found) = found else { return Ok(false) };
    share_code::Entity::update_many()
        .col_expr(share_code::Column::RevokedAt, Expr::value(clock.now()))
        .filter(share_code::Column::Id.eq(found.id))
        .filter(share_code::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(true)
}

/// Whether a code is in force at `now`.
pub fn in_force(code: &share_code::Model, now: DateTime<Utc>) -> Result<(), Outcome> {
    if code.revoked_at.is_some() {
        return Err(Outcome::Revoked);
    }
    if now >= code.expires_at {
        return Err(Outcome::Expired);
    }
    Ok(())
}

/// Checks `code` with the holder's date of birth and records the check. `Some(account_id)`
/// when the page may show the holder's status.
pub async fn check(db: &impl ConnectionTrait, clock: &Clock, code: &str, birth_date: Date) -> Result<Option<i32>, DbErr> {
    let Some(found) = share_code::Entity::find().filter(share_code::Column::Code.eq(code)).one(db).await? else {
        return Ok(None);
    };
    let now = clock.now();
    let outcome = match in_force(&found, now) {
        Err(refused) => refused,
        Ok(()) => match holder::of_account(db, found.account_id).await? {
            Some(h) if h.birth_date == birth_date => Outcome::Shown,
            _ => Outcome::WrongBirthDate,
        },
    };
    verification_check::ActiveModel {
        share_code_id: Set(Some(found.id)),
        issued_document_id: Set(None),
        checked_at: Set(now),
        outcome: Set(outcome.as_str().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((outcome == Outcome::Shown).then_some(found.account_id))
}

/// Records a check of a document's verification code.
pub async fn record_document_check(db: &impl ConnectionTrait, clock: &Clock, document_id: i32) -> Result<(), DbErr> {
    verification_check::ActiveModel {
        share_code_id: Set(None),
        issued_document_id: Set(Some(document_id)),
        checked_at: Set(clock.now()),
        outcome: Set(Outcome::Shown.as_str().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
