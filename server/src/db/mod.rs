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
        .sqlx_logging(false)
        // No ping before each use of a pooled connection: it doubled the round trips of every
        // query (on SQLite, two hand-offs to the connection's thread; `perf` on a logged-in page
        // put a tenth of its time there). A connection that died (the database restarted) fails
        // its one query and leaves the pool; the next request gets a new one.
        .test_before_acquire(false)
        // Set on every connection of the pool, not only the first (`synchronous` and
        // `foreign_keys` hold per connection). WAL lets readers work while the single writer
        // writes. FULL makes each commit durable: a filing acknowledged by a receipt must survive
        // a power cut, which NORMAL does not promise.
        .map_sqlx_sqlite_opts(|sqlite| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            sqlite.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Full).foreign_keys(true)
        });
    Database::connect(options).await
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

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

    /// The pragmas hold on every pooled connection: transactions held open at once each take
    /// their own connection.
    #[tokio::test]
    async fn every_sqlite_connection_is_durable_and_checks_foreign_keys() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = super::connect(&format!("sqlite://{}/pragmas.db?mode=rwc", dir.path().display())).await.expect("connect");
        let mut held = Vec::new();
        for _ in 0..4 {
            let txn = db.begin().await.expect("begin");
            let pragma = |name: &str| Statement::from_string(db.get_database_backend(), format!("PRAGMA {name}"));
            let value = |row: Option<sea_orm::QueryResult>| row.and_then(|r| r.try_get_by_index::<i32>(0).ok());
            assert_eq!(value(txn.query_one(pragma("synchronous")).await.expect("synchronous")), Some(2), "FULL");
            assert_eq!(value(txn.query_one(pragma("foreign_keys")).await.expect("foreign keys")), Some(1));
            held.push(txn);
        }
        let row = db.query_one(Statement::from_string(db.get_database_backend(), "PRAGMA journal_mode")).await.expect("journal mode");
        assert_eq!(row.and_then(|r| r.try_get_by_index::<String>(0).ok()).as_deref(), Some("wal"));
    }
}
