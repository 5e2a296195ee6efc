//! The holders' names as the agents' search matches them (lower case, accents and punctuation
//! aside: "gutierrez" finds "GUTIÉRREZ"), on persons and visas; kept by their entities' save,
//! filled here for the rows already stored.

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

use crate::db::entities::person::search_name;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Persons {
    Table,
    SearchName,
}

#[derive(DeriveIden)]
enum Visas {
    Table,
    SearchName,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = string(Persons::SearchName).default("").to_owned();
        manager.alter_table(Table::alter().table(Persons::Table).add_column(column).to_owned()).await?;
        let column = string(Visas::SearchName).default("").to_owned();
        manager.alter_table(Table::alter().table(Visas::Table).add_column(column).to_owned()).await?;
        let db = manager.get_connection();
        fill(db, "SELECT id, given_names, birth_name, usage_name FROM persons", "persons").await?;
        fill(db, "SELECT id, given_names, birth_name, CAST(NULL AS VARCHAR) FROM visas", "visas").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Persons::Table).drop_column(Persons::SearchName).to_owned()).await?;
        manager.alter_table(Table::alter().table(Visas::Table).drop_column(Visas::SearchName).to_owned()).await
    }
}

/// Sets `search_name` of every row `select` gives (`id, given_names, birth_name, usage_name`).
async fn fill(db: &impl ConnectionTrait, select: &str, table: &str) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let placeholders = match backend {
        sea_orm::DatabaseBackend::Postgres => ("$1", "$2"),
        _ => ("?", "?"),
    };
    let update = format!("UPDATE {table} SET search_name = {} WHERE id = {}", placeholders.0, placeholders.1);
    for row in db.query_all(Statement::from_string(backend, select)).await? {
        let id: i32 = row.try_get_by_index(0)?;
        let given: String = row.try_get_by_index(1)?;
        let birth: String = row.try_get_by_index(2)?;
        let usage: Option<String> = row.try_get_by_index(3)?;
        let name = search_name(&given, &birth, usage.as_deref());
        db.execute(Statement::from_sql_and_values(backend, &update, [name.into(), id.into()])).await?;
    }
    Ok(())
}
