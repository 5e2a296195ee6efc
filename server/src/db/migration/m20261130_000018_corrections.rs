//! Corrections after filing (`corrections`): the agent's requests to correct a file (each item
//! an answer or a document with its reason, as JSON) and every change the applicant made after
//! filing, with the value before and after, for the agent and the addendum.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CorrectionRequests {
    Table,
    Id,
    ApplicationId,
    AgentId,
    RequestedAt,
    Items,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum ApplicationChanges {
    Table,
    Id,
    ApplicationId,
    ChangedAt,
    Label,
    BeforeValue,
    AfterValue,
    RequestId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CorrectionRequests::Table)
                    .col(pk_auto(CorrectionRequests::Id))
                    .col(integer(CorrectionRequests::ApplicationId))
                    .col(integer(CorrectionRequests::AgentId))
                    .col(timestamp_with_time_zone(CorrectionRequests::RequestedAt))
                    .col(text(CorrectionRequests::Items))
                    .col(timestamp_with_time_zone_null(CorrectionRequests::AnsweredAt))
                    .foreign_key(&mut fk(
                        "fk_correction_requests_application",
                        (CorrectionRequests::Table, CorrectionRequests::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_correction_requests_application", CorrectionRequests::Table, &["application_id"]).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApplicationChanges::Table)
                    .col(pk_auto(ApplicationChanges::Id))
                    .col(integer(ApplicationChanges::ApplicationId))
                    .col(timestamp_with_time_zone(ApplicationChanges::ChangedAt))
                    .col(string(ApplicationChanges::Label))
                    .col(text_null(ApplicationChanges::BeforeValue))
                    .col(text_null(ApplicationChanges::AfterValue))
                    .col(integer_null(ApplicationChanges::RequestId))
                    .foreign_key(&mut fk(
                        "fk_application_changes_application",
                        (ApplicationChanges::Table, ApplicationChanges::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_application_changes_application", ApplicationChanges::Table, &["application_id"]).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ApplicationChanges::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(CorrectionRequests::Table).to_owned()).await
    }
}
