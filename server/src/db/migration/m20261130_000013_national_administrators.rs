//! Administrators manage the agents of their own prefecture; the national role, which manages
//! every prefecture's, is explicit.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agents {
    Table,
    NationalAdmin,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Agents::Table).add_column(boolean(Agents::NationalAdmin).default(false)).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Agents::Table).drop_column(Agents::NationalAdmin).to_owned()).await
    }
}
