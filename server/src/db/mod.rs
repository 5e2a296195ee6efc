//! Database access: connection (SQLite or PostgreSQL), migrations and models.

pub mod entities;
pub mod migration;

use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

/// Connects to `url`, creating the folder of a SQLite file if needed.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display())))?;
            }
        }
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 32 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        // WAL lets readers work while the single writer writes; NORMAL sync is safe with WAL.
        db.execute_unprepared("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;").await?;
    }
    Ok(db)
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once: a
/// transaction that first reads and later writes fails with "database is locked" (without
/// waiting) when another connection wrote in between, whereas a lock taken first simply waits
/// its turn (busy timeout). PostgreSQL needs nothing of the kind.
pub async fn begin_write(db: &(impl TransactionTrait + ConnectionTrait)) -> Result<DatabaseTransaction, DbErr> {
    let txn = db.begin().await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        // A write statement that matches no row but still opens the write transaction.
        txn.execute_unprepared("UPDATE seaql_migrations SET applied_at = applied_at WHERE version = ''").await?;
    }
    Ok(txn)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migration::Migrator::up(db, None).await
}

/// `SELECT 1`, for the health endpoint.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}
