//! Files kept while the virus scan was down (`ANEF_SCAN_WHEN_DOWN=hold`): held from agents
//! until a later scan clears them. Files joined before scanning existed are not held.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationFiles {
    Table,
    HeldForScan,
}

#[derive(DeriveIden)]
enum MessageAttachments {
    Table,
    HeldForScan,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let held = boolean(ApplicationFiles::HeldForScan).default(false).to_owned();
        manager.alter_table(Table::alter().table(ApplicationFiles::Table).add_column(held).to_owned()).await?;
        let held = boolean(MessageAttachments::HeldForScan).default(false).to_owned();
        manager.alter_table(Table::alter().table(MessageAttachments::Table).add_column(held).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(ApplicationFiles::Table).drop_column(ApplicationFiles::HeldForScan).to_owned()).await?;
        manager.alter_table(Table::alter().table(MessageAttachments::Table).drop_column(MessageAttachments::HeldForScan).to_owned()).await
    }
}
