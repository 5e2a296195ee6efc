//! Appointments to collect the card (`app::domain::appointments`): the slots a prefecture
//! opens, the bookings, and what became of them. A slot's `booked` count only moves by a
//! conditional update (`booked < capacity`), in the transaction that writes the booking, so
//! concurrent bookings on any number of instances never exceed the capacity; a file has one
//! standing booking at most (a unique index on `active_application_id`).

pub mod reminders;
pub mod service;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, SqlErr,
};

use app::domain::appointments::{may_change, Opening, Outcome};

use crate::clock::{to_domain_date, to_naive_date, Clock};
use crate::db::entities::{appointment, collection_slot};

/// Opens the slots of `opening` for a prefecture; a start already open is left as it is.
/// Returns how many were added.
pub async fn open(db: &impl ConnectionTrait, clock: &Clock, prefecture_id: i32, agent_id: i32, opening: &Opening) -> Result<u64, DbErr> {
    let day = to_naive_date(opening.day).ok_or_else(|| DbErr::Custom(format!("day out of range: {}", opening.day)))?;
    let rows = opening.starts.iter().map(|start| collection_slot::ActiveModel {
        prefecture_id: Set(prefecture_id),
        day: Set(day),
        start_minute: Set(*start as i32),
        length_minutes: Set(opening.length as i32),
        capacity: Set(opening.capacity as i32),
        booked: Set(0),
        created_by: Set(Some(agent_id)),
        created_at: Set(clock.now()),
        ..Default::default()
    });
    let once =
        OnConflict::columns([collection_slot::Column::PrefectureId, collection_slot::Column::Day, collection_slot::Column::StartMinute])
            .do_nothing()
            .to_owned();
    collection_slot::Entity::insert_many(rows).on_conflict(once).exec_without_returning(db).await
}

/// A prefecture's slots from `first` to `last` (days included), in time order.
pub async fn slots(
    db: &impl ConnectionTrait,
    prefecture_id: i32,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<collection_slot::Model>, DbErr> {
    collection_slot::Entity::find()
        .filter(collection_slot::Column::PrefectureId.eq(prefecture_id))
        .filter(collection_slot::Column::Day.between(first, last))
        .order_by_asc(collection_slot::Column::Day)
        .order_by_asc(collection_slot::Column::StartMinute)
        .all(db)
        .await
}

/// The file's standing booking and its slot.
pub async fn standing(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<(appointment::Model, collection_slot::Model)>, DbErr> {
    let Some(booking) = appointment::Entity::find().filter(appointment::Column::ActiveApplicationId.eq(application_id)).one(db).await?
    else {
        return Ok(None);
    };
    let slot = collection_slot::Entity::find_by_id(booking.slot_id).one(db).await?;
    Ok(slot.map(|slot| (booking, slot)))
}

/// Why a booking, a move or a cancellation was refused.
#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error(transparent)]
    Db(#[from] DbErr),
    /// The slot is full, past, of another prefecture, or does not exist.
    #[error("slot unavailable")]
    SlotUnavailable,
    /// The standing booking is today or past: it can no longer be moved or cancelled.
    #[error("too late to change the appointment")]
    TooLate,
    /// No standing booking to cancel, or another booking of the same file won the race.
    #[error("the file's booking changed meanwhile")]
    Changed,
}

/// Books `slot_id` for the file, replacing (moving) its standing booking if any, in one
/// transaction: the new slot's place is taken by a conditional update, the old one given back.
pub async fn book(
    db: &DatabaseConnection,
    clock: &Clock,
    application_id: i32,
    prefecture_id: i32,
    slot_id: i32,
) -> Result<appointment::Model, BookingError> {
    let today = clock.today_naive();
    let txn = crate::db::begin_write(db).await?;
    let taken = collection_slot::Entity::update_many()
        .col_expr(collection_slot::Column::Booked, Expr::col(collection_slot::Column::Booked).add(1))
        .filter(collection_slot::Column::Id.eq(slot_id))
        .filter(collection_slot::Column::PrefectureId.eq(prefecture_id))
        .filter(collection_slot::Column::Day.gt(today))
        .filter(Expr::col(collection_slot::Column::Booked).lt(Expr::col(collection_slot::Column::Capacity)))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(BookingError::SlotUnavailable);
    }
    if let Some((previous, slot)) = standing(&txn, application_id).await? {
        if previous.slot_id == slot_id {
            // The same slot again: nothing moves (the place just taken is given back).
            release(&txn, slot_id).await?;
            txn.commit().await?;
            return Ok(previous);
        }
        if !may_change(to_domain_date(slot.day), clock.today()) {
            return Err(BookingError::TooLate);
        }
        end(&txn, clock, &previous).await?;
    }
    let booking = appointment::ActiveModel {
        application_id: Set(application_id),
        active_application_id: Set(Some(application_id)),
        slot_id: Set(slot_id),
        booked_at: Set(clock.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let booking = match booking {
        Ok(booking) => booking,
        // Another booking of the same file committed first.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => return Err(BookingError::Changed),
        Err(error) => return Err(error.into()),
    };
    txn.commit().await?;
    Ok(booking)
}

/// Cancels the file's standing booking, until the day before.
pub async fn cancel(db: &DatabaseConnection, clock: &Clock, application_id: i32) -> Result<(), BookingError> {
    let txn = crate::db::begin_write(db).await?;
    let Some((booking, slot)) = standing(&txn, application_id).await? else {
        return Err(BookingError::Changed);
    };
    if !may_change(to_domain_date(slot.day), clock.today()) {
        return Err(BookingError::TooLate);
    }
    end(&txn, clock, &booking).await?;
    txn.commit().await?;
    Ok(())
}

/// Ends a standing booking and gives its place back, if it still stands.
async fn end(txn: &impl ConnectionTrait, clock: &Clock, booking: &appointment::Model) -> Result<(), BookingError> {
    let ended = appointment::Entity::update_many()
        .col_expr(appointment::Column::CancelledAt, Expr::value(clock.now()))
        .col_expr(appointment::Column::ActiveApplicationId, Expr::value(Option::<i32>::None))
        .filter(appointment::Column::Id.eq(booking.id))
        .filter(appointment::Column::ActiveApplicationId.is_not_null())
        .exec(txn)
        .await?;
    if ended.rows_affected != 1 {
        return Err(BookingError::Changed);
    }
    release(txn, booking.slot_id).await?;
    Ok(())
}

async fn release(txn: &impl ConnectionTrait, slot_id: i32) -> Result<(), DbErr> {
    collection_slot::Entity::update_many()
        .col_expr(collection_slot::Column::Booked, Expr::col(collection_slot::Column::Booked).sub(1))
        .filter(collection_slot::Column::Id.eq(slot_id))
        .filter(collection_slot::Column::Booked.gt(0))
        .exec(txn)
        .await
        .map(|_| ())
}

/// Records what became of a standing booking on its day; `false` if it no longer stands.
pub async fn settle(db: &impl ConnectionTrait, clock: &Clock, booking_id: i32, outcome: Outcome, agent_id: i32) -> Result<bool, DbErr> {
    let settled = appointment::Entity::update_many()
        .col_expr(appointment::Column::Outcome, Expr::value(outcome.as_str()))
        .col_expr(appointment::Column::SettledAt, Expr::value(clock.now()))
        .col_expr(appointment::Column::SettledBy, Expr::value(agent_id))
        .col_expr(appointment::Column::ActiveApplicationId, Expr::value(Option::<i32>::None))
        .filter(appointment::Column::Id.eq(booking_id))
        .filter(appointment::Column::ActiveApplicationId.is_not_null())
        .exec(db)
        .await?;
    Ok(settled.rows_affected == 1)
}

/// The bookings of the slots of `slot_ids` that stand or were settled (not the cancelled ones).
pub async fn of_slots(db: &impl ConnectionTrait, slot_ids: &[i32]) -> Result<Vec<appointment::Model>, DbErr> {
    appointment::Entity::find()
        .filter(appointment::Column::SlotId.is_in(slot_ids.iter().copied()))
        .filter(appointment::Column::CancelledAt.is_null())
        .order_by_asc(appointment::Column::Id)
        .all(db)
        .await
}
