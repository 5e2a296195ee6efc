//! Appointments to collect the card (`appointments`): the collection slots agents open per
//! prefecture (a day, a start and length in Paris wall-clock minutes, a capacity and how many are
//! booked, kept by a conditional update so concurrent bookings never exceed it) and the
//! bookings. `active_application_id` is the file's id while the booking stands and empty once
//! cancelled or settled: its unique index keeps one standing booking per file on both databases.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Prefectures {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CollectionSlots {
    Table,
    Id,
    PrefectureId,
    Day,
    StartMinute,
    LengthMinutes,
    Capacity,
    Booked,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Appointments {
    Table,
    Id,
    ApplicationId,
    ActiveApplicationId,
    SlotId,
    BookedAt,
    CancelledAt,
    Outcome,
    SettledAt,
    SettledBy,
    ReminderSentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CollectionSlots::Table)
                    .col(pk_auto(CollectionSlots::Id))
                    .col(integer(CollectionSlots::PrefectureId))
                    .col(date(CollectionSlots::Day))
                    .col(integer(CollectionSlots::StartMinute))
                    .col(integer(CollectionSlots::LengthMinutes))
                    .col(integer(CollectionSlots::Capacity))
                    .col(integer(CollectionSlots::Booked).default(0))
                    .col(integer_null(CollectionSlots::CreatedBy))
                    .col(timestamp_with_time_zone(CollectionSlots::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_collection_slots_prefecture",
                        (CollectionSlots::Table, CollectionSlots::PrefectureId),
                        (Prefectures::Table, Prefectures::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // One slot per prefecture and start: opening the same hours twice adds nothing.
        let mut once = index("ux_collection_slots_start", CollectionSlots::Table, &["prefecture_id", "day", "start_minute"]);
        manager.create_index(once.unique().to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(Appointments::Table)
                    .col(pk_auto(Appointments::Id))
                    .col(integer(Appointments::ApplicationId))
                    .col(integer_null(Appointments::ActiveApplicationId))
                    .col(integer(Appointments::SlotId))
                    .col(timestamp_with_time_zone(Appointments::BookedAt))
                    .col(timestamp_with_time_zone_null(Appointments::CancelledAt))
                    .col(string_null(Appointments::Outcome))
                    .col(timestamp_with_time_zone_null(Appointments::SettledAt))
                    .col(integer_null(Appointments::SettledBy))
                    .col(timestamp_with_time_zone_null(Appointments::ReminderSentAt))
                    .foreign_key(&mut fk(
                        "fk_appointments_application",
                        (Appointments::Table, Appointments::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_appointments_slot",
                        (Appointments::Table, Appointments::SlotId),
                        (CollectionSlots::Table, CollectionSlots::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        let mut standing = index("ux_appointments_active", Appointments::Table, &["active_application_id"]);
        manager.create_index(standing.unique().to_owned()).await?;
        manager.create_index(index("ix_appointments_slot", Appointments::Table, &["slot_id"]).to_owned()).await?;
        manager.create_index(index("ix_appointments_application", Appointments::Table, &["application_id"]).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Appointments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(CollectionSlots::Table).to_owned()).await
    }
}
