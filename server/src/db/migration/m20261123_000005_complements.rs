//! Complementary-document requests: an agent asks for documents, each with its reason; the
//! applicant keeps the original with a justification or joins a new one.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ComplementRequests {
    Table,
    Id,
    ApplicationId,
    AgentId,
    RequestedAt,
    DeadlineOn,
    AnsweredAt,
    /// The applicant's optional message with the answer.
    Message,
}

#[derive(DeriveIden)]
enum ComplementItems {
    Table,
    Id,
    RequestId,
    DocumentCode,
    Reason,
    /// `maintenu` (the original is kept) or `nouveau` (new files joined); null until answered.
    Answer,
    Justification,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
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
                    .table(ComplementRequests::Table)
                    .col(pk_auto(ComplementRequests::Id))
                    .col(integer(ComplementRequests::ApplicationId))
                    .col(integer(ComplementRequests::AgentId))
                    .col(timestamp_with_time_zone(ComplementRequests::RequestedAt))
                    .col(date(ComplementRequests::DeadlineOn))
                    .col(timestamp_with_time_zone_null(ComplementRequests::AnsweredAt))
                    .col(text_null(ComplementRequests::Message))
                    .foreign_key(&mut fk(
                        "fk_complement_requests_application",
                        (ComplementRequests::Table, ComplementRequests::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_complement_requests_agent",
                        (ComplementRequests::Table, ComplementRequests::AgentId),
                        (Agents::Table, Agents::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_complement_requests_application", ComplementRequests::Table, &["application_id"])).await?;
        manager
            .create_table(
                Table::create()
                    .table(ComplementItems::Table)
                    .col(pk_auto(ComplementItems::Id))
                    .col(integer(ComplementItems::RequestId))
                    .col(string(ComplementItems::DocumentCode))
                    .col(text(ComplementItems::Reason))
                    .col(string_null(ComplementItems::Answer))
                    .col(text_null(ComplementItems::Justification))
                    .foreign_key(&mut fk(
                        "fk_complement_items_request",
                        (ComplementItems::Table, ComplementItems::RequestId),
                        (ComplementRequests::Table, ComplementRequests::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_complement_items_request", ComplementItems::Table, &["request_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ComplementItems::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ComplementRequests::Table).to_owned()).await
    }
}
