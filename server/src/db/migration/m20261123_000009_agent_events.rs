//! The audit trail of agent accounts (SPEC §1: every administrator action is audited): who
//! created an agent or reset an agent's password, when, and from where (the administrators'
//! page, the command line or the demo seed).

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AgentEvents {
    Table,
    Id,
    /// The account the event is about.
    AgentId,
    /// `admin` (the administrators' page), `cli` or `seed`.
    Source,
    /// The administrator who acted, when the source is `admin`.
    ActorAgentId,
    /// `created` or `password_reset`.
    Action,
    Detail,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Agents {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AgentEvents::Table)
                    .col(pk_auto(AgentEvents::Id))
                    .col(integer(AgentEvents::AgentId))
                    .col(string(AgentEvents::Source))
                    .col(integer_null(AgentEvents::ActorAgentId))
                    .col(string(AgentEvents::Action))
                    .col(text_null(AgentEvents::Detail))
                    .col(timestamp_with_time_zone(AgentEvents::CreatedAt))
                    // An audit trail outlives nothing it describes: agents are never deleted
                    // while events name them.
                    .foreign_key(&mut fk(
                        "fk_agent_events_agent",
                        (AgentEvents::Table, AgentEvents::AgentId),
                        (Agents::Table, Agents::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_agent_events_actor",
                        (AgentEvents::Table, AgentEvents::ActorAgentId),
                        (Agents::Table, Agents::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_agent_events_agent", AgentEvents::Table, &["agent_id", "created_at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AgentEvents::Table).to_owned()).await
    }
}
