//! Indexes for the agents' queue at scale (measured with 100 000 files, `server/benches/queue.rs`).
//!
//! - The queue lists a prefecture's files oldest first, all statuses but drafts: with only
//!   `(prefecture_id, status, submitted_at)`, every page read and sorted all of the
//!   prefecture's rows (70 000 in the benchmark, 80 to 500 ms). `(prefecture_id, submitted_at,
//!   id)` gives the rows in the page's order; `status` last lets SQLite skip excluded statuses
//!   in the index, and gives PostgreSQL an index-only scan for the counts per status.
//! - A search by holder (name, numéro étranger) keeps the files of the matching accounts:
//!   `(account_id, prefecture_id, submitted_at, id, status)` answers it without reading the
//!   other prefectures' files, already in the page's order for a single holder (so that
//!   SQLite's planner prefers it to walking the whole queue), and counts them from the index.

use sea_orm_migration::prelude::*;

use super::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
}

const QUEUE_ORDER: &str = "idx_applications_queue_order";
const HOLDER: &str = "idx_applications_holder";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index(QUEUE_ORDER, Applications::Table, &["prefecture_id", "submitted_at", "id", "status"])).await?;
        manager.create_index(index(HOLDER, Applications::Table, &["account_id", "prefecture_id", "submitted_at", "id", "status"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [HOLDER, QUEUE_ORDER] {
            manager.drop_index(Index::drop().name(name).table(Applications::Table).to_owned()).await?;
        }
        Ok(())
    }
}
