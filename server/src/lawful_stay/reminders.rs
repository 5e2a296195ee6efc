//! Reminders before a title expires (CESEDA R431-5: a renewal is filed from 120 to 60 days
//! before): at each threshold of the policy, a holder who has not filed a renewal gets an e-mail
//! and a notification, unless they turned reminders off. Each reminder is sent once: its row's
//! unique key (account, expiry, threshold) is inserted with the e-mail, in one transaction, so
//! two instances running the job at once send it once.

use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};

use app::domain::lawful_stay::{reminder_due, RenewalWindow};
use app::domain::notifications::NotificationKind;
use app::i18n::Lang;

use crate::clock::to_domain_date;
use crate::db::entities::{account, renewal_reminder, title};
use crate::mail::{outbox, templates};
use crate::state::AppState;

/// Sends the reminders due today. Returns how many were sent by this call.
pub async fn send_due(state: &AppState) -> Result<usize, DbErr> {
    let thresholds = &state.config.lawful_stay.reminder_days;
    let Some(furthest) = thresholds.iter().copied().max() else { return Ok(0) };
    let today = state.clock.today();
    let first = state.clock.today_naive();
    let last = first + chrono::Duration::days(furthest);
    let expiring = title::Entity::find().filter(title::Column::ValidTo.between(first, last)).all(&state.db).await?;
    if expiring.is_empty() {
        return Ok(0);
    }
    let owners: HashMap<i32, account::Model> = account::Entity::find()
        .filter(account::Column::PersonId.is_in(expiring.iter().map(|t| t.person_id)))
        .filter(account::Column::RenewalReminders.eq(true))
        .filter(account::Column::PasswordHash.is_not_null())
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|a| Some((a.person_id?, a)))
        .collect();
    let mut sent = 0;
    for owner in owners.values() {
        // The title that ends last is the one to renew (a renewed holder has a newer one).
        let Some(held) = super::current_title(&state.db, owner).await? else { continue };
        let expires = to_domain_date(held.valid_to);
        let Some(days_before) = reminder_due(expires, today, thresholds) else { continue };
        if super::filed_renewal(&state.db, owner.id, &held).await?.is_some() {
            continue;
        }
        if send(state, owner, &held, days_before).await? {
            sent += 1;
        }
    }
    if sent > 0 {
        state.jobs_wakeup.notify_one();
        tracing::info!(sent, "renewal reminders sent");
    }
    Ok(sent)
}

/// One reminder, recorded and queued in one transaction; `false` when it was sent already.
async fn send(state: &AppState, owner: &account::Model, held: &title::Model, days_before: i64) -> Result<bool, DbErr> {
    let txn = crate::db::begin_write(&state.db).await?;
    let row = renewal_reminder::ActiveModel {
        account_id: Set(owner.id),
        expires_on: Set(held.valid_to),
        days_before: Set(i32::try_from(days_before).unwrap_or(i32::MAX)),
        sent_at: Set(state.clock.now()),
        ..Default::default()
    };
    let once = OnConflict::columns([
        renewal_reminder::Column::AccountId,
        renewal_reminder::Column::ExpiresOn,
        renewal_reminder::Column::DaysBefore,
    ])
    .do_nothing()
    .to_owned();
    let inserted = renewal_reminder::Entity::insert(row).on_conflict(once).exec_without_returning(&txn).await?;
    if inserted == 0 {
        txn.commit().await?;
        return Ok(false);
    }
    crate::notifications::notify(&txn, &state.clock, owner.id, None, NotificationKind::RenewalReminder).await?;
    let window = RenewalWindow::before(to_domain_date(held.valid_to));
    let lang = Lang::from_code(&owner.lang).unwrap_or_default();
    let content = templates::renewal_reminder(lang, &held.label, &window, state.url(app::filing::paths::NEW));
    outbox::enqueue(&txn, &state.clock, &owner.email, content, vec![]).await?;
    txn.commit().await?;
    Ok(true)
}
