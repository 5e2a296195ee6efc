//! "Je donne mon avis": one rating (1 to 5) and optional comment per filed application, deleted
//! with it.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Id,
    ApplicationId,
    Rating,
    Comment,
    CreatedAt,
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
                    .table(Feedback::Table)
                    .col(pk_auto(Feedback::Id))
                    .col(integer(Feedback::ApplicationId))
                    .col(small_integer(Feedback::Rating))
                    .col(text_null(Feedback::Comment))
                    .col(timestamp_with_time_zone(Feedback::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_feedback_application",
                        (Feedback::Table, Feedback::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_feedback_application", Feedback::Table, &["application_id"]).unique().to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Feedback::Table).to_owned()).await
    }
}
