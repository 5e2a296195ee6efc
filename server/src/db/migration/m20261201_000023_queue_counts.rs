//! Files per prefecture and status, kept by the one writer of a file's status
//! (`filing::status`) in the transaction of each move: the queue's counts read a few rows
//! instead of counting a prefecture's files at every page. Filled here from the files.
//!
//! With it, the index of the queue filtered by procedure (and status), oldest first: without
//! it such a page read every file of the prefecture in the status (`make bench`).

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

const QUEUE_PROCEDURE: &str = "idx_applications_queue_procedure";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QueueCounts {
    Table,
    PrefectureId,
    Status,
    Files,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
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
                    .table(QueueCounts::Table)
                    .col(integer(QueueCounts::PrefectureId))
                    .col(string(QueueCounts::Status))
                    .col(big_integer(QueueCounts::Files).default(0))
                    .primary_key(Index::create().col(QueueCounts::PrefectureId).col(QueueCounts::Status))
                    .foreign_key(&mut fk(
                        "fk_queue_counts_prefecture",
                        (QueueCounts::Table, QueueCounts::PrefectureId),
                        (Prefectures::Table, Prefectures::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO queue_counts (prefecture_id, status, files) \
                 SELECT prefecture_id, status, COUNT(*) FROM applications WHERE prefecture_id IS NOT NULL GROUP BY prefecture_id, status",
            )
            .await?;
        let by_procedure = index(QUEUE_PROCEDURE, Applications::Table, &["prefecture_id", "procedure", "status", "submitted_at", "id"]);
        manager.create_index(by_procedure).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(QUEUE_PROCEDURE).table(Applications::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(QueueCounts::Table).to_owned()).await
    }
}
