//! Agents' second factor (TOTP, RFC 6238): the agent's secret once enrolled (and the one being
//! enrolled), the last time step used (a code serves once), the session's proof of the second
//! factor, and the recovery codes (hashed, each used once).

use sea_orm_migration::{prelude::*, schema::*};

use super::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agents {
    Table,
    Id,
    TotpSecret,
    TotpPendingSecret,
    TotpEnabledAt,
    TotpLastStep,
}

#[derive(DeriveIden)]
enum AgentSessions {
    Table,
    SecondFactorAt,
}

#[derive(DeriveIden)]
enum AgentRecoveryCodes {
    Table,
    Id,
    AgentId,
    CodeHash,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in [
            string_null(Agents::TotpSecret),
            string_null(Agents::TotpPendingSecret),
            timestamp_with_time_zone_null(Agents::TotpEnabledAt),
            big_integer_null(Agents::TotpLastStep),
        ] {
            manager.alter_table(Table::alter().table(Agents::Table).add_column(column).to_owned()).await?;
        }
        let proven = timestamp_with_time_zone_null(AgentSessions::SecondFactorAt);
        manager.alter_table(Table::alter().table(AgentSessions::Table).add_column(proven).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(AgentRecoveryCodes::Table)
                    .col(pk_auto(AgentRecoveryCodes::Id))
                    .col(integer(AgentRecoveryCodes::AgentId))
                    .col(string(AgentRecoveryCodes::CodeHash))
                    .col(timestamp_with_time_zone_null(AgentRecoveryCodes::UsedAt))
                    .foreign_key(&mut fk(
                        "fk_agent_recovery_codes_agent",
                        (AgentRecoveryCodes::Table, AgentRecoveryCodes::AgentId),
                        (Agents::Table, Agents::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AgentRecoveryCodes::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(AgentSessions::Table).drop_column(AgentSessions::SecondFactorAt).to_owned()).await?;
        for column in [Agents::TotpSecret, Agents::TotpPendingSecret, Agents::TotpEnabledAt, Agents::TotpLastStep] {
            manager.alter_table(Table::alter().table(Agents::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
