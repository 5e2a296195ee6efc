//! Electronic tax stamps used by filed files (`tax_stamps`): a stamp pays for one procedure, so
//! its number is a primary key, taken in the filing's transaction.

use sea_orm_migration::{prelude::*, schema::*};

use super::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TaxStamps {
    Table,
    Number,
    ApplicationId,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TaxStamps::Table)
                    .col(string_len(TaxStamps::Number, 16).primary_key())
                    .col(integer(TaxStamps::ApplicationId))
                    .col(timestamp_with_time_zone(TaxStamps::UsedAt))
                    .foreign_key(&mut fk(
                        "fk_tax_stamps_application",
                        (TaxStamps::Table, TaxStamps::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TaxStamps::Table).to_owned()).await
    }
}
