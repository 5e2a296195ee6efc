//! A temporary password (an administrator's reset, the AGDREF registration's) lasts a limited
//! time (`ANEF_TEMPORARY_PASSWORD_HOURS`, 72 by default): the moment it stops working is kept
//! with the account or the agent, and cleared when its owner sets their own.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    TemporaryPasswordExpiresAt,
}

#[derive(DeriveIden)]
enum Agents {
    Table,
    TemporaryPasswordExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let accounts = timestamp_with_time_zone_null(Accounts::TemporaryPasswordExpiresAt);
        manager.alter_table(Table::alter().table(Accounts::Table).add_column(accounts).to_owned()).await?;
        let agents = timestamp_with_time_zone_null(Agents::TemporaryPasswordExpiresAt);
        manager.alter_table(Table::alter().table(Agents::Table).add_column(agents).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Agents::Table).drop_column(Agents::TemporaryPasswordExpiresAt).to_owned()).await?;
        manager.alter_table(Table::alter().table(Accounts::Table).drop_column(Accounts::TemporaryPasswordExpiresAt).to_owned()).await
    }
}
