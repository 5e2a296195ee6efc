//! The applicant's account page: in-app notifications, and the address the applicant declares
//! on the account (it replaces the register's address when prefilling a new application, as
//! a change of address must be declared before a renewal, SPEC §2).

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    AccountId,
    /// The file it is about, if any.
    ApplicationId,
    /// `domain::notifications::NotificationKind::code`; the sentence is written when read.
    Kind,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Street,
    AddressComplement,
    PostalCode,
    City,
    InseeCode,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::AccountId))
                    .col(integer_null(Notifications::ApplicationId))
                    .col(string_len(Notifications::Kind, 40))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(&mut fk(
                        "fk_notifications_account",
                        (Notifications::Table, Notifications::AccountId),
                        (Accounts::Table, Accounts::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_notifications_application",
                        (Notifications::Table, Notifications::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // The header counts the unread ones on every page: (account, read_at) answers it.
        manager.create_index(index("idx_notifications_account", Notifications::Table, &["account_id", "read_at"])).await?;
        // SQLite alters one column per statement.
        for column in [Accounts::Street, Accounts::AddressComplement, Accounts::PostalCode, Accounts::City, Accounts::InseeCode] {
            manager.alter_table(Table::alter().table(Accounts::Table).add_column(string_null(column)).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Accounts::Street, Accounts::AddressComplement, Accounts::PostalCode, Accounts::City, Accounts::InseeCode] {
            manager.alter_table(Table::alter().table(Accounts::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(Notifications::Table).to_owned()).await
    }
}
