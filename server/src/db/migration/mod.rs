//! Schema migrations, run at start-up and by `server migrate`. Written with the portable
//! schema builder so that each one runs unchanged on SQLite and PostgreSQL. A migration is
//! never edited once released: add a new one.

use sea_orm_migration::prelude::*;

mod m20261122_000001_foundation;
mod m20261122_000002_filing;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261122_000001_foundation::Migration), Box::new(m20261122_000002_filing::Migration)]
    }
}
