//! The reminder the day before an appointment: an e-mail (with the calendar file) and a
//! notification. Each booking is marked by a compare-and-set in the transaction that queues
//! them, so two instances running the job at once remind once.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};

use app::domain::notifications::NotificationKind;
use app::i18n::Lang;

use crate::db::entities::{account, application, appointment, collection_slot, prefecture};
use crate::mail::{outbox, templates};
use crate::state::AppState;

/// Reminds the holders of tomorrow's standing bookings. Returns how many were reminded.
pub async fn send_due(state: &AppState) -> Result<usize, DbErr> {
    let tomorrow = state.clock.today_naive() + chrono::Duration::days(1);
    let slots = collection_slot::Entity::find().filter(collection_slot::Column::Day.eq(tomorrow)).all(&state.db).await?;
    if slots.is_empty() {
        return Ok(0);
    }
    let due = appointment::Entity::find()
        .filter(appointment::Column::SlotId.is_in(slots.iter().map(|s| s.id)))
        .filter(appointment::Column::ActiveApplicationId.is_not_null())
        .filter(appointment::Column::ReminderSentAt.is_null())
        .all(&state.db)
        .await?;
    let mut sent = 0;
    for booking in due {
        let Some(slot) = slots.iter().find(|s| s.id == booking.slot_id) else { continue };
        let txn = crate::db::begin_write(&state.db).await?;
        let marked = appointment::Entity::update_many()
            .col_expr(appointment::Column::ReminderSentAt, Expr::value(state.clock.now()))
            .filter(appointment::Column::Id.eq(booking.id))
            .filter(appointment::Column::ReminderSentAt.is_null())
            .exec(&txn)
            .await?;
        if marked.rows_affected != 1 {
            continue;
        }
        let Some(file) = application::Entity::find_by_id(booking.application_id).one(&txn).await? else { continue };
        let Some(owner) = account::Entity::find_by_id(file.account_id).one(&txn).await? else { continue };
        let office = prefecture::Entity::find_by_id(slot.prefecture_id).one(&txn).await?;
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        let details = super::service::Details::new(state, &file, slot, office.as_ref(), &booking);
        let content = templates::appointment_reminder(lang, &details.mail(), state.url(&app::appointments::paths::page(&file.public_id)));
        outbox::enqueue(&txn, &state.clock, &owner.email, content, vec![details.calendar_attachment()]).await?;
        crate::notifications::notify(&txn, &state.clock, owner.id, Some(file.id), NotificationKind::AppointmentReminder).await?;
        txn.commit().await?;
        sent += 1;
    }
    if sent > 0 {
        state.jobs_wakeup.notify_one();
        tracing::info!(sent, "appointment reminders sent");
    }
    Ok(sent)
}
