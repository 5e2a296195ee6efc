//! Single-use links sent by e-mail: issued, read and consumed by their hash.

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::clock::Clock;
use crate::crypto::{new_token, token_hash};
use crate::db::entities::account_token;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Activation,
    PasswordReset,
    /// Confirms a new e-mail address (`new_email` holds it).
    EmailChange,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::PasswordReset => "password_reset",
            Purpose::EmailChange => "email_change",
        }
    }

    fn lifetime(self) -> Duration {
        match self {
            Purpose::Activation | Purpose::EmailChange => Duration::hours(48),
            Purpose::PasswordReset => Duration::hours(2),
        }
    }
}

/// Issues a new link, revoking the account's previous unused links of the same purpose.
pub async fn issue(
    db: &impl ConnectionTrait,
    clock: &Clock,
    account_id: i32,
    purpose: Purpose,
    new_email: Option<String>,
) -> Result<String, DbErr> {
    revoke(db, clock, account_id, purpose).await?;
    insert(db, clock, (account_id, purpose), new_email).await
}

/// An activation link for `address`, beside the account's open ones: a second sign-up on an
/// account nobody activated yet must not void the link the first address received.
pub async fn issue_for_address(db: &impl ConnectionTrait, clock: &Clock, account_id: i32, address: String) -> Result<String, DbErr> {
    insert(db, clock, (account_id, Purpose::Activation), Some(address)).await
}

async fn insert(
    db: &impl ConnectionTrait,
    clock: &Clock,
    (account_id, purpose): (i32, Purpose),
    new_email: Option<String>,
) -> Result<String, DbErr> {
    let now = clock.now();
    let token = new_token();
    account_token::ActiveModel {
        account_id: Set(account_id),
        purpose: Set(purpose.as_str().into()),
        token_hash: Set(token_hash(&token)),
        new_email: Set(new_email),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The link if it exists, has this purpose, is unused and unexpired.
pub async fn find_valid(
    db: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
    purpose: Purpose,
) -> Result<Option<account_token::Model>, DbErr> {
    let now = clock.now();
    Ok(account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(token_hash(token)))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > now))
}

/// Marks a valid link used and returns it. The update is conditional on `used_at IS NULL`, so
/// two simultaneous clicks cannot both succeed.
pub async fn consume(
    db: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
    purpose: Purpose,
) -> Result<Option<account_token::Model>, DbErr> {
    let Some(found) = find_valid(db, clock, token, purpose).await? else {
        return Ok(None);
    };
    let updated = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(clock.now()))
        .filter(account_token::Column::Id.eq(found.id))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok((updated.rows_affected == 1).then_some(found))
}

/// Ends the account's open links of `purpose` (marked used, so they answer "link no longer
/// valid"): after a password or e-mail change, a reset link sent earlier must not work.
pub async fn revoke(db: &impl ConnectionTrait, clock: &Clock, account_id: i32, purpose: Purpose) -> Result<u64, DbErr> {
    let revoked = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(clock.now()))
        .filter(account_token::Column::AccountId.eq(account_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(revoked.rows_affected)
}

/// Drops links that expired more than a week ago (housekeeping).
pub async fn purge(db: &impl ConnectionTrait, clock: &Clock) -> Result<u64, DbErr> {
    let cutoff = clock.now() - Duration::days(7);
    Ok(account_token::Entity::delete_many().filter(account_token::Column::ExpiresAt.lt(cutoff)).exec(db).await?.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::Purpose;

    #[test]
    fn reset_links_live_shorter_than_activation_links() {
        assert!(Purpose::PasswordReset.lifetime() < Purpose::Activation.lifetime());
        assert_eq!(Purpose::Activation.lifetime(), chrono::Duration::hours(48));
    }
}
