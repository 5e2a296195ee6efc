//! The national address base, imported (`server import addresses <file.csv>`): the wizard's
//! address completion without an outside service. Full-text search on `search_text` (the
//! address without accents, in lower case): an FTS5 table on SQLite, a GIN index on its
//! `simple` text-search vector on PostgreSQL; both built into the engines.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Addresses {
    Table,
    Id,
    BanId,
    Label,
    Street,
    PostalCode,
    City,
    InseeCode,
    SearchText,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Addresses::Table)
                    .col(pk_auto(Addresses::Id))
                    .col(string_uniq(Addresses::BanId))
                    .col(string(Addresses::Label))
                    .col(string(Addresses::Street))
                    .col(string_len(Addresses::PostalCode, 5))
                    .col(string(Addresses::City))
                    .col(string_len(Addresses::InseeCode, 5))
                    .col(string(Addresses::SearchText))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                // An external-content FTS5 table: the text stays in `addresses`, the index here
                // (rebuilt by each import). Prefix indexes make "hun*" as fast as a word.
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE addresses_fts USING fts5(search_text, content='addresses', content_rowid='id', \
                     tokenize='unicode61', prefix='1 2 3')",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared("CREATE INDEX idx_addresses_search ON addresses USING gin (to_tsvector('simple', search_text))")
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            manager.get_connection().execute_unprepared("DROP TABLE addresses_fts").await?;
        }
        manager.drop_table(Table::drop().table(Addresses::Table).to_owned()).await
    }
}
