//! `server backup <folder>` and `server restore <folder>`: the database and the stored files
//! together, consistent with each other.
//!
//! The database is copied as one snapshot (SQLite's `VACUUM INTO`; `pg_dump` on a snapshot the
//! server exported, PostgreSQL), and the files copied are those the snapshot's rows point at,
//! listed from the snapshot itself. Files are copied sealed, as stored: a backup holds no clear
//! text, and restoring it needs the storage keys (kept apart from the backups, docs/backup.md).
//! A restore goes only into an empty database and an empty storage folder, then migrates, so an
//! older backup comes up to the running version.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, IsolationLevel, QueryFilter,
    Statement, TransactionTrait,
};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::db::entities::job;
use crate::storage::{check, sha256_hex, StorageError};

const MANIFEST: &str = "manifest.json";
const FILES: &str = "files";
const SQLITE_FILE: &str = "database.sqlite";
const POSTGRES_FILE: &str = "database.pgdump";
const FORMAT: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0} is not empty: a backup goes into a new folder")]
    FolderNotEmpty(PathBuf),
    #[error("{tool} failed ({status}): {stderr}")]
    Tool { tool: &'static str, status: String, stderr: String },
    #[error("{0} is not a backup of this service: {1}")]
    NotABackup(PathBuf, String),
    #[error("the backup is of a {backup} database and the configured one is {configured}")]
    OtherBackend { backup: String, configured: String },
    #[error("the configured database already holds tables: a restore goes into an empty database")]
    DatabaseNotEmpty,
    #[error("the storage folder already holds files: a restore goes into an empty one")]
    StorageNotEmpty,
    #[error("the backup's copy of {0} is altered (its checksum differs)")]
    AlteredFile(String),
}

/// What `manifest.json` records.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// `sqlite` or `postgres`.
    backend: String,
    created_at: DateTime<Utc>,
    /// Each file copied, with the SHA-256 of its sealed bytes.
    files: Vec<ManifestFile>,
    /// Files the snapshot's rows point at that storage no longer held (`server check-storage`
    /// lists them too).
    missing: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestFile {
    key: String,
    sha256: String,
}

#[derive(Debug, PartialEq, Eq)]
pub struct BackupReport {
    pub files: usize,
    pub missing: Vec<String>,
}

fn backend_name(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Postgres => "postgres",
        _ => "sqlite",
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |error| BackupError::Io(path.to_owned(), error)
}

/// Writes a backup of the configured database (`db`) and storage into `folder` (created; it
/// must not hold anything).
pub async fn backup(config: &Config, db: &DatabaseConnection, folder: &Path, now: DateTime<Utc>) -> Result<BackupReport, BackupError> {
    let storage = config.storage();
    if std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(BackupError::FolderNotEmpty(folder.to_owned()));
    }
    std::fs::create_dir_all(folder.join(FILES)).map_err(io(folder))?;
    let backend = db.get_database_backend();
    let referenced = match backend {
        DatabaseBackend::Postgres => dump_postgres(db, &config.database_url, &folder.join(POSTGRES_FILE)).await?,
        _ => snapshot_sqlite(db, &folder.join(SQLITE_FILE)).await?,
    };

    let mut files = Vec::with_capacity(referenced.len());
    let mut missing = Vec::new();
    for key in referenced {
        match storage.read_sealed(&key).await {
            Ok(sealed) => {
                let path = folder.join(FILES).join(&key);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(io(parent))?;
                }
                std::fs::write(&path, &sealed).map_err(io(&path))?;
                files.push(ManifestFile { sha256: sha256_hex(&sealed), key });
            }
            Err(StorageError::NotFound(_)) => missing.push(key),
            Err(error) => return Err(error.into()),
        }
    }
    let report = BackupReport { files: files.len(), missing: missing.clone() };
    let manifest = Manifest { format: FORMAT, backend: backend_name(backend).into(), created_at: now, files, missing };
    let path = folder.join(MANIFEST);
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Io(path.clone(), e.into()))?;
    // The manifest last: a backup without one was interrupted.
    std::fs::write(&path, json).map_err(io(&path))?;
    Ok(report)
}

/// A consistent copy of the SQLite database, and the keys its rows point at.
async fn snapshot_sqlite(db: &DatabaseConnection, target: &Path) -> Result<BTreeSet<String>, BackupError> {
    let path = target.to_str().ok_or_else(|| BackupError::Io(target.to_owned(), std::io::ErrorKind::InvalidInput.into()))?;
    db.execute(Statement::from_sql_and_values(DatabaseBackend::Sqlite, "VACUUM INTO ?", [path.into()])).await?;
    // Read-only, and without `db::connect`'s WAL setting, which would write to the copy.
    let snapshot = sea_orm::Database::connect(format!("sqlite://{path}?mode=ro")).await?;
    let keys = check::referenced_keys(&snapshot).await?;
    snapshot.close().await?;
    Ok(keys.into_iter().collect())
}

/// `pg_dump` of the snapshot a read-only transaction exports, and the keys that same snapshot's
/// rows point at.
async fn dump_postgres(db: &DatabaseConnection, database_url: &str, target: &Path) -> Result<BTreeSet<String>, BackupError> {
    let txn = db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?;
    let row = txn
        .query_one(Statement::from_string(DatabaseBackend::Postgres, "SELECT pg_export_snapshot()"))
        .await?
        .ok_or_else(|| DbErr::Custom("no snapshot exported".into()))?;
    let snapshot: String = row.try_get_by_index(0)?;
    let keys = check::referenced_keys(&txn).await?;
    let output = tokio::process::Command::new("pg_dump")
        .arg("--format=custom")
        .arg("--no-owner")
        .arg(format!("--snapshot={snapshot}"))
        .arg("--file")
        .arg(target)
        .arg("--dbname")
        .arg(database_url)
        .output()
        .await
        .map_err(|e| BackupError::Tool { tool: "pg_dump", status: "not started".into(), stderr: e.to_string() })?;
    txn.commit().await?;
    if !output.status.success() {
        return Err(BackupError::Tool {
            tool: "pg_dump",
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    Ok(keys.into_iter().collect())
}

#[derive(Debug, PartialEq, Eq)]
pub struct RestoreReport {
    pub files: usize,
    pub created_at: DateTime<Utc>,
}

/// Restores the backup in `folder` into the configured database and storage, both empty, then
/// migrates.
pub async fn restore(config: &Config, folder: &Path) -> Result<RestoreReport, BackupError> {
    let manifest_path = folder.join(MANIFEST);
    let manifest = std::fs::read(&manifest_path).map_err(|_| BackupError::NotABackup(folder.to_owned(), format!("no {MANIFEST}")))?;
    let manifest: Manifest = serde_json::from_slice(&manifest).map_err(|e| BackupError::NotABackup(folder.to_owned(), e.to_string()))?;
    if manifest.format != FORMAT {
        return Err(BackupError::NotABackup(folder.to_owned(), format!("format {} is not {FORMAT}", manifest.format)));
    }
    let db = crate::db::connect(&config.database_url).await?;
    let backend = db.get_database_backend();
    if manifest.backend != backend_name(backend) {
        return Err(BackupError::OtherBackend { backup: manifest.backend, configured: backend_name(backend).into() });
    }
    if table_count(&db).await? > 0 {
        return Err(BackupError::DatabaseNotEmpty);
    }
    let storage = config.storage();
    if !storage.list().await?.is_empty() {
        return Err(BackupError::StorageNotEmpty);
    }
    // Every copy is checked before anything is written.
    let mut copies = Vec::with_capacity(manifest.files.len());
    for file in &manifest.files {
        let path = folder.join(FILES).join(&file.key);
        let sealed = std::fs::read(&path).map_err(io(&path))?;
        if sha256_hex(&sealed) != file.sha256 {
            return Err(BackupError::AlteredFile(file.key.clone()));
        }
        copies.push((file.key.as_str(), sealed));
    }

    match backend {
        DatabaseBackend::Postgres => {
            db.close().await?;
            let output = tokio::process::Command::new("pg_restore")
                .arg("--no-owner")
                .arg("--exit-on-error")
                .arg("--dbname")
                .arg(&config.database_url)
                .arg(folder.join(POSTGRES_FILE))
                .output()
                .await
                .map_err(|e| BackupError::Tool { tool: "pg_restore", status: "not started".into(), stderr: e.to_string() })?;
            if !output.status.success() {
                return Err(BackupError::Tool {
                    tool: "pg_restore",
                    status: output.status.to_string(),
                    stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
                });
            }
        }
        _ => {
            db.close().await?;
            let target = sqlite_path(&config.database_url)
                .ok_or_else(|| BackupError::NotABackup(folder.to_owned(), "the database URL names no file".into()))?;
            for leftover in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{leftover}", target.display()));
            }
            let source = folder.join(SQLITE_FILE);
            std::fs::copy(&source, &target).map_err(io(&source))?;
            std::fs::File::open(&target).and_then(|f| f.sync_all()).map_err(io(&target))?;
        }
    }
    for (key, sealed) in &copies {
        storage.write_sealed(key, sealed).await?;
    }
    let db = crate::db::connect(&config.database_url).await?;
    crate::db::migrate(&db).await?;
    // Jobs the backed-up service's workers had claimed would wait for their lock to expire:
    // those workers are not running on this copy, so the jobs are free at once (an e-mail in
    // flight when the backup was taken may then be sent a second time, never lost).
    job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
        .filter(job::Column::Status.eq("queued"))
        .exec(&db)
        .await?;
    db.close().await?;
    Ok(RestoreReport { files: copies.len(), created_at: manifest.created_at })
}

async fn table_count(db: &DatabaseConnection) -> Result<i64, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        _ => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
    };
    let row = db.query_one(Statement::from_string(backend, sql)).await?;
    Ok(row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0))
}

/// The file of a `sqlite://path?options` URL.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    (!path.is_empty()).then(|| PathBuf::from(path))
}
