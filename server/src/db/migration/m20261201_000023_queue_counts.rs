//! Files per prefecture and status, kept by the one writer of a file's status
//! (`filing::status`) in the transaction of each move: the queue's counts read a few rows
//! instead of counting a prefecture's files at every page. Filled here from the files.

use sea_orm_migration::{prelude::*, schema::*};

use super::fk;

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
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(QueueCounts::Table).to_owned()).await
    }
}
