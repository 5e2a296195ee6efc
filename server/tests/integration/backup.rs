//! `server backup` / `server restore`: a backup restored into an empty data folder serves the
//! same files to the same people; a restore never overwrites a database or storage in use.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use server::backup::{self, BackupError};
use server::config::Config;
use server::db::entities::application_file;

use crate::common::{backends, fresh_postgres_url, Backend, TestApp};

const SOFIA: &str = "9102458731";
const IN_FLIGHT: &str = "en.vol@example.fr";

async fn download(app: &TestApp, client: &reqwest::Client, path: &str) -> Vec<u8> {
    let response = client.get(app.url(path)).send().await.expect("download");
    assert_eq!(response.status(), 200, "{path}");
    response.bytes().await.expect("bytes").to_vec()
}

#[tokio::test]
async fn a_backup_restores_into_an_empty_data_folder_and_serves_the_same_files() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id) = app.filed_student_application().await;
        let file = app.file(&id).await;
        let joined = application_file::Entity::find()
            .filter(application_file::Column::ApplicationId.eq(file.id))
            .all(&app.state.db)
            .await
            .expect("joined files");
        assert!(!joined.is_empty());
        let receipt_path = format!("/api/demandes/{id}/documents/confirmation_depot");
        let file_path = format!("/api/demandes/{id}/fichiers/{}", joined[0].id);
        let receipt = download(&app, &sofia, &receipt_path).await;
        let first_file = download(&app, &sofia, &file_path).await;

        // An e-mail in flight when the backup is taken: claimed by a worker that will not run on
        // the copy (queued and locked in one transaction, so this server's worker never sees it
        // free).
        let txn = app.state.db.begin().await.expect("begin");
        let content = server::mail::templates::password_changed(app::i18n::Lang::Fr, "http://exemple/oubli".into());
        server::mail::outbox::enqueue(&txn, &app.state.clock, IN_FLIGHT, content, Vec::new()).await.expect("enqueue");
        let backend_of = txn.get_database_backend();
        let claim = "UPDATE jobs SET locked_until = '2999-01-01 00:00:00+00', locked_by = 'worker-parti' WHERE status = 'queued'";
        txn.execute(sea_orm::Statement::from_string(backend_of, claim)).await.expect("claim");
        txn.commit().await.expect("commit");

        let work = tempfile::tempdir().expect("temporary folder");
        let folder = work.path().join("sauvegarde");
        let report = backup::backup(&app.state.config, &app.state.db, &folder, app.state.clock.now()).await.expect("backup");
        assert!(report.files > joined.len(), "{report:?}: the joined files and the receipt");
        assert!(report.missing.is_empty(), "{report:?}");
        // The copies are sealed as stored: no clear text in the backup either.
        let copy = std::fs::read(folder.join("files").join(&joined[0].storage_key)).expect("copy");
        assert!(!copy.starts_with(b"%PDF"));
        let again = backup::backup(&app.state.config, &app.state.db, &folder, app.state.clock.now()).await;
        assert!(matches!(again, Err(BackupError::FolderNotEmpty(_))), "{again:?}");

        // Into a new, empty data folder (and database).
        let target_dir = work.path().join("restauration");
        let target_url = match backend {
            Backend::Sqlite => format!("sqlite://{}/anef.db?mode=rwc", target_dir.display()),
            Backend::Postgres => fresh_postgres_url().await,
        };
        let vars = [("ANEF_DATA_DIR".to_string(), target_dir.display().to_string()), ("ANEF_DATABASE_URL".to_string(), target_url.clone())];
        let target = Config::from_vars(vars.clone()).expect("target config");
        let restored = backup::restore(&target, &folder).await.expect("restore");
        assert_eq!(restored.files, report.files);
        // Once restored, the target is no longer empty: a second restore is refused.
        let twice = backup::restore(&target, &folder).await;
        assert!(matches!(twice, Err(BackupError::DatabaseNotEmpty)), "{twice:?}");
        // Nor does a restore go into the running service's database.
        let over = backup::restore(&app.state.config, &folder).await;
        assert!(matches!(over, Err(BackupError::DatabaseNotEmpty)), "{over:?}");

        let served = TestApp::spawn_with(backend, |v| v.extend(vars)).await;
        let sofia_again = served.applicant(SOFIA).await;
        assert_eq!(download(&served, &sofia_again, &receipt_path).await, receipt, "{backend:?}: the same receipt");
        assert_eq!(download(&served, &sofia_again, &file_path).await, first_file, "{backend:?}: the same joined file");
        // Still only hers.
        let priya = served.applicant("9101837465").await;
        assert_eq!(priya.get(served.url(&file_path)).send().await.expect("request").status(), 404);
        let audit = server::audit::verify(&served.state.db).await.expect("verify");
        assert!(audit.first_broken.is_none(), "{backend:?}: the audit chains survive the restore");
        let storage =
            server::storage::check::check(&served.state.db, &served.state.storage, served.state.clock.now(), false).await.expect("check");
        assert!(storage.missing.is_empty() && storage.orphans.is_empty(), "{storage:?}");
        // The e-mail in flight is sent by the restored service, without waiting for a lock of a
        // worker that is gone.
        assert!(!served.mails_to(IN_FLIGHT).await.is_empty(), "{backend:?}: the e-mail in flight is sent");
        served.finish().await;
        // On the original, the claim lapses as it would once its lock expired.
        let lapse = "UPDATE jobs SET locked_until = NULL, locked_by = NULL WHERE locked_by = 'worker-parti'";
        app.state.db.execute(sea_orm::Statement::from_string(backend_of, lapse)).await.expect("lapse");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_restore_refuses_what_is_not_a_whole_backup() {
    let app = TestApp::with_demo_people(Backend::Sqlite).await;
    let (_, _) = app.filed_student_application().await;
    let work = tempfile::tempdir().expect("temporary folder");
    let folder = work.path().join("sauvegarde");
    let report = backup::backup(&app.state.config, &app.state.db, &folder, app.state.clock.now()).await.expect("backup");
    let target = |name: &str| {
        let dir = work.path().join(name);
        Config::from_vars([
            ("ANEF_DATA_DIR".to_string(), dir.display().to_string()),
            ("ANEF_DATABASE_URL".to_string(), format!("sqlite://{}/anef.db?mode=rwc", dir.display())),
        ])
        .expect("config")
    };
    // An altered copy is found before anything is written.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).expect("manifest")).expect("json");
    let key = manifest["files"][0]["key"].as_str().expect("key").to_owned();
    let original = std::fs::read(folder.join("files").join(&key)).expect("copy");
    let mut altered = original.clone();
    altered[20] ^= 1;
    std::fs::write(folder.join("files").join(&key), &altered).expect("alter");
    let refused = backup::restore(&target("a"), &folder).await;
    assert!(matches!(&refused, Err(BackupError::AlteredFile(k)) if *k == key), "{refused:?}");
    std::fs::write(folder.join("files").join(&key), &original).expect("put back");
    // A folder without its manifest (an interrupted backup) is not restored.
    let interrupted = work.path().join("interrompue");
    std::fs::create_dir_all(&interrupted).expect("folder");
    assert!(matches!(backup::restore(&target("b"), &interrupted).await, Err(BackupError::NotABackup(_, _))));
    // A backup of SQLite does not go into PostgreSQL.
    if backends().contains(&Backend::Postgres) {
        let pg = Config::from_vars([("ANEF_DATABASE_URL".to_string(), fresh_postgres_url().await)]).expect("config");
        assert!(matches!(backup::restore(&pg, &folder).await, Err(BackupError::OtherBackend { .. })));
    }
    assert_eq!(backup::restore(&target("c"), &folder).await.expect("restore").files, report.files);
    app.finish().await;
}
