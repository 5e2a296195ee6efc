//! What the service keeps, and for how long (`docs/retention.md` gives each period and its
//! basis). The job worker runs [`purge`] with its housekeeping; the periods are configuration
//! (`ANEF_RETENTION_*_DAYS`), defaulting to the documented ones.

use chrono::Duration;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::db::entities::{application, application_event, contact_message, email, notification};
use crate::filing::store;
use crate::messages;
use crate::state::AppState;

/// Retention periods, in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Periods {
    /// A draft nobody touched for this long is deleted with its files.
    pub draft_days: i64,
    /// An abandoned draft is deleted this long after it was abandoned.
    pub abandoned_days: i64,
    /// A read notification is deleted this long after it was sent.
    pub notification_days: i64,
    /// A message of the contact form is deleted this long after it was sent.
    pub contact_days: i64,
    /// A delivered e-mail's row (recipient, subject, times) is deleted this long after delivery.
    pub delivered_email_days: i64,
    /// A file joined to a message that was never sent is deleted this long after its upload.
    pub unsent_attachment_days: i64,
}

impl Default for Periods {
    fn default() -> Self {
        Self {
            draft_days: 365,
            abandoned_days: 30,
            notification_days: 365,
            contact_days: 365,
            delivered_email_days: 90,
            unsent_attachment_days: 2,
        }
    }
}

/// What one run deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub drafts: u64,
    pub notifications: u64,
    pub contact_messages: u64,
    pub emails: u64,
    /// Files joined to a message that was never sent.
    pub unsent_attachments: u64,
}

/// Deletes what is past its period. Drafts go with their files and their history (never filed,
/// they are no administrative record); filed applications are never touched here.
pub async fn purge(state: &AppState) -> Result<Purged, DbErr> {
    let (db, now, periods) = (&state.db, state.clock.now(), state.config.retention);
    let stale = |status: &str, days: i64| {
        application::Entity::find()
            .filter(application::Column::Status.eq(status))
            .filter(application::Column::UpdatedAt.lt(now - Duration::days(days)))
            .select_only()
            .column(application::Column::Id)
            .into_tuple::<i32>()
            .all(db)
    };
    let mut drafts = stale("brouillon", periods.draft_days).await?;
    drafts.extend(stale("abandonnee", periods.abandoned_days).await?);
    for id in &drafts {
        store::delete_files(db, &state.storage, *id).await?;
        application_event::Entity::delete_many().filter(application_event::Column::ApplicationId.eq(*id)).exec(db).await?;
        application::Entity::delete_by_id(*id).exec(db).await?;
    }
    let notifications = notification::Entity::delete_many()
        .filter(notification::Column::ReadAt.is_not_null())
        .filter(notification::Column::CreatedAt.lt(now - Duration::days(periods.notification_days)))
        .exec(db)
        .await?
        .rows_affected;
    let contact_messages = contact_message::Entity::delete_many()
        .filter(contact_message::Column::CreatedAt.lt(now - Duration::days(periods.contact_days)))
        .exec(db)
        .await?
        .rows_affected;
    let emails = email::Entity::delete_many()
        .filter(email::Column::SentAt.lt(now - Duration::days(periods.delivered_email_days)))
        .exec(db)
        .await?
        .rows_affected;
    let unsent_before = now - Duration::days(periods.unsent_attachment_days);
    let unsent_attachments = messages::purge_unsent(db, &state.storage, unsent_before).await?;
    Ok(Purged { drafts: drafts.len() as u64, notifications, contact_messages, emails, unsent_attachments })
}
