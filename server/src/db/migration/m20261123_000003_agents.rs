//! Prefecture agents and their sessions (the back-office has its own login and cookie, so an
//! applicant's session can never act as an agent's).

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agents {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    /// The prefecture or sub-prefecture whose files the agent instructs.
    PrefectureId,
    /// Manages the agents (and instructs like the others).
    IsAdmin,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgentSessions {
    Table,
    Id,
    TokenHash,
    AgentId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Prefectures {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agents::Table)
                    .col(pk_auto(Agents::Id))
                    .col(string_uniq(Agents::Email))
                    .col(string(Agents::DisplayName))
                    .col(string(Agents::PasswordHash))
                    .col(integer(Agents::PrefectureId))
                    .col(boolean(Agents::IsAdmin))
                    .col(timestamp_with_time_zone(Agents::CreatedAt))
                    .col(timestamp_with_time_zone(Agents::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_agents_prefecture",
                        (Agents::Table, Agents::PrefectureId),
                        (Prefectures::Table, Prefectures::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgentSessions::Table)
                    .col(pk_auto(AgentSessions::Id))
                    .col(string_uniq(AgentSessions::TokenHash))
                    .col(integer(AgentSessions::AgentId))
                    .col(timestamp_with_time_zone(AgentSessions::CreatedAt))
                    .col(timestamp_with_time_zone(AgentSessions::LastSeenAt))
                    .col(timestamp_with_time_zone(AgentSessions::ExpiresAt))
                    .foreign_key(&mut fk(
                        "fk_agent_sessions_agent",
                        (AgentSessions::Table, AgentSessions::AgentId),
                        (Agents::Table, Agents::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_agent_sessions_agent", AgentSessions::Table, &["agent_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AgentSessions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Agents::Table).to_owned()).await
    }
}
