//! The audit trails become tamper-evident: each line carries the keyed hash of its content and
//! of the line before it in the same trail (one trail per file, one per agent account), and the
//! file or account row keeps the hash of its last line, so that an edited, inserted or removed
//! line breaks the chain (`server verify-audit`). Lines written before this migration keep no
//! hash: the verification counts them apart.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AgentEvents {
    Table,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    AuditHead,
}

#[derive(DeriveIden)]
enum Agents {
    Table,
    AuditHead,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [ApplicationEvents::PrevHash, ApplicationEvents::Hash] {
            manager.alter_table(Table::alter().table(ApplicationEvents::Table).add_column(string_null(column)).to_owned()).await?;
        }
        for column in [AgentEvents::PrevHash, AgentEvents::Hash] {
            manager.alter_table(Table::alter().table(AgentEvents::Table).add_column(string_null(column)).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Applications::Table).add_column(string_null(Applications::AuditHead)).to_owned()).await?;
        manager.alter_table(Table::alter().table(Agents::Table).add_column(string_null(Agents::AuditHead)).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Agents::Table).drop_column(Agents::AuditHead).to_owned()).await?;
        manager.alter_table(Table::alter().table(Applications::Table).drop_column(Applications::AuditHead).to_owned()).await?;
        for column in [AgentEvents::PrevHash, AgentEvents::Hash] {
            manager.alter_table(Table::alter().table(AgentEvents::Table).drop_column(column).to_owned()).await?;
        }
        for column in [ApplicationEvents::PrevHash, ApplicationEvents::Hash] {
            manager.alter_table(Table::alter().table(ApplicationEvents::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
