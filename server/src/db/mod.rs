//! Database access: connection (SQLite or PostgreSQL), migrations and models.

pub mod entities;
pub mod migration;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr, ExecResult, QueryResult,
    Statement, TransactionTrait,
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

/// How long a writer waits for its turn before giving up: SQLite's own busy timeout (sqlx's
/// default), which the gate below replaces for the writers of this process.
const WRITE_WAIT: Duration = Duration::from_secs(5);

/// Begins a transaction that will write. On SQLite it takes the write lock at once: a
/// transaction that first reads and later writes fails with "database is locked" (without
/// waiting) when another connection wrote in between, whereas a lock taken first simply waits
/// its turn. PostgreSQL needs nothing of the kind.
///
/// On SQLite the writers of this process also queue on one gate per database file before they
/// begin. Without it they wait in SQLite's busy handler, which polls with growing sleeps (up to
/// 100 ms) and leaves the lock idle between a commit and the next poll: under a burst of filings
/// one of the two cores sat idle (`perf`). The gate hands the turn over at each commit instead.
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTransaction, DbErr> {
    let turn = match write_gate(db) {
        Some(gate) => Some(
            tokio::time::timeout(WRITE_WAIT, gate.lock_owned())
                .await
                .map_err(|_| DbErr::Custom("database is locked: no turn to write within the busy timeout".into()))?,
        ),
        None => None,
    };
    let txn = db.begin().await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        // A write statement that matches no row but still opens the write transaction.
        txn.execute_unprepared("UPDATE seaql_migrations SET applied_at = applied_at WHERE version = ''").await?;
    }
    Ok(WriteTransaction { txn, _turn: turn })
}

/// The gate of a SQLite database, shared by every pool this process opens on its file.
fn write_gate(db: &DatabaseConnection) -> Option<Arc<tokio::sync::Mutex<()>>> {
    static GATES: OnceLock<std::sync::Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return None;
    }
    let file = db.get_sqlite_connection_pool().connect_options().get_filename().to_path_buf();
    let mut gates = GATES.get_or_init(Default::default).lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    Some(gates.entry(file).or_default().clone())
}

/// A write transaction, holding its turn on SQLite until it commits or is dropped (which rolls
/// it back).
pub struct WriteTransaction {
    txn: DatabaseTransaction,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTransaction {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

impl std::ops::Deref for WriteTransaction {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTransaction {
    fn get_database_backend(&self) -> DatabaseBackend {
        self.txn.get_database_backend()
    }

    async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one(stmt).await
    }

    async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
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
    use std::time::Duration;

    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

    /// Writers queued for their turn hold no pooled connection: with more of them waiting than
    /// the pool has connections, a reader still gets one at once, and each writer then commits
    /// in turn, including after a transaction dropped without commit (rolled back).
    #[tokio::test]
    async fn sqlite_writers_queue_without_starving_readers() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = super::connect(&format!("sqlite://{}/turns.db?mode=rwc", dir.path().display())).await.expect("connect");
        db.execute_unprepared("CREATE TABLE seaql_migrations (version TEXT PRIMARY KEY, applied_at INTEGER)").await.expect("table");
        db.execute_unprepared("CREATE TABLE written (writer INTEGER)").await.expect("table");

        let holder = super::begin_write(&db).await.expect("first writer");
        let writers: Vec<_> = (0..12)
            .map(|writer| {
                let db = db.clone();
                tokio::spawn(async move {
                    let txn = super::begin_write(&db).await?;
                    txn.execute_unprepared(&format!("INSERT INTO written VALUES ({writer})")).await?;
                    txn.commit().await
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(writers.iter().all(|w| !w.is_finished()), "the writers wait for the first one's turn");
        let read = tokio::time::timeout(
            Duration::from_secs(3),
            db.query_one(Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) FROM written")),
        );
        let row = read.await.expect("a reader is not starved by 12 queued writers").expect("read").expect("row");
        assert_eq!(row.try_get_by_index::<i64>(0).expect("count"), 0);

        drop(holder);
        for writer in writers {
            writer.await.expect("writer task").expect("writer commits");
        }
        let row = db.query_one(Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) FROM written")).await.expect("read");
        assert_eq!(row.and_then(|r| r.try_get_by_index::<i64>(0).ok()), Some(12));
    }

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
