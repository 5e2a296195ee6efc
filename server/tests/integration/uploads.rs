//! Files joined to a draft over HTTP: the format is checked from the content, the size at the
//! HTTP layer before storing, at most three files per document, and only the owner reaches them.

use crate::common::{backends, TestApp, STUDENT_DOCUMENTS};
use server::filing::store;

async fn upload(app: &TestApp, client: &reqwest::Client, draft: &str, document: &str, name: &str, body: Vec<u8>) -> reqwest::Response {
    app.upload(client, draft, document, name, body).await
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

#[tokio::test]
async fn joined_files_are_checked_limited_and_private() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let owner = app.account_of("9102458731").await;
        let draft = app.student_draft(owner).await.public_id;

        let client = app.new_client();
        // Not logged in yet.
        assert_eq!(upload(&app, &client, &draft, "passeport", "passeport.pdf", pdf("a")).await.status(), 401);
        app.login_demo(&client, "9102458731").await;

        // The name's right-to-left override (it would show "passeportfdp.exe" as "passeportexe.pdf")
        // is dropped.
        let response = upload(&app, &client, &draft, "passeport", "mon%20passeport%E2%80%AEfdp.exe", pdf("page 1")).await;
        assert_eq!(response.status(), 201, "{backend:?}");
        let joined: serde_json::Value = response.json().await.expect("json");
        assert_eq!(joined["name"], "mon passeportfdp.exe");
        assert_eq!(joined["content_type"], "application/pdf");
        let file_id = joined["id"].as_i64().expect("id");

        let download = client.get(app.url(&format!("/api/demandes/{draft}/fichiers/{file_id}"))).send().await.expect("download");
        assert_eq!(download.status(), 200);
        assert_eq!(download.headers()["content-type"], "application/pdf");
        assert_eq!(download.bytes().await.expect("bytes").to_vec(), pdf("page 1"));

        // A text file renamed .pdf is refused from its content, with the message's code.
        let fake = upload(&app, &client, &draft, "passeport", "faux.pdf", b"Ceci n'est pas un PDF".to_vec()).await;
        assert_eq!(fake.status(), 422);
        assert!(fake.text().await.expect("body").contains("FileTypeNotAccepted"));

        // 11 MB is refused at the HTTP layer, and nothing is recorded.
        let mut big = pdf("big");
        big.resize(11 * 1024 * 1024, b' ');
        assert_eq!(upload(&app, &client, &draft, "domicile", "gros.pdf", big).await.status(), 413);
        let application = store::find_owned(&app.state.db, owner, &draft).await.expect("find").expect("draft");
        assert_eq!(store::count_files(&app.state.db, application.id, "domicile").await.expect("count"), 0);

        // Three files per document, not four.
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0].to_vec();
        assert_eq!(upload(&app, &client, &draft, "passeport", "page2.png", png.clone()).await.status(), 201);
        assert_eq!(upload(&app, &client, &draft, "passeport", "page3.png", png.clone()).await.status(), 201);
        let fourth = upload(&app, &client, &draft, "passeport", "page4.png", png).await;
        assert_eq!(fourth.status(), 422);
        assert!(fourth.text().await.expect("body").contains("TooManyFiles"));

        // Another applicant sees nothing of it.
        let other = app.applicant("9101837465").await;
        let peek = other.get(app.url(&format!("/api/demandes/{draft}/fichiers/{file_id}"))).send().await.expect("peek");
        assert_eq!(peek.status(), 404);
        assert_eq!(upload(&app, &other, &draft, "passeport", "intrus.pdf", pdf("x")).await.status(), 404);

        // A request from another site is refused (CSRF).
        let forged = client
            .post(app.url(&format!("/api/demandes/{draft}/pieces/passeport?nom=x.pdf")))
            .header("origin", "https://evil.example")
            .body(pdf("x"))
            .send()
            .await
            .expect("forged");
        assert_eq!(forged.status(), 403);

        // Removal frees a place.
        let removed = client
            .delete(app.url(&format!("/api/demandes/{draft}/fichiers/{file_id}")))
            .header("origin", &app.base_url)
            .send()
            .await
            .expect("delete");
        assert_eq!(removed.status(), 204);
        assert_eq!(client.get(app.url(&format!("/api/demandes/{draft}/fichiers/{file_id}"))).send().await.expect("get").status(), 404);
        assert_eq!(store::count_files(&app.state.db, application.id, "passeport").await.expect("count"), 2);

        // After submission the receipt is downloadable by its owner only, and files are frozen.
        let receipt_url = app.url(&format!("/api/demandes/{draft}/documents/confirmation_depot"));
        assert_eq!(client.get(&receipt_url).send().await.expect("get").status(), 404, "no receipt before submission");
        let submission = crate::common::student_submission("sofia@example.fr");
        server::filing::submission::submit(&app.state, application.id, submission).await.expect("submit");
        let receipt = client.get(&receipt_url).send().await.expect("receipt");
        assert_eq!(receipt.status(), 200);
        assert!(receipt.bytes().await.expect("bytes").starts_with(b"%PDF-"));
        assert_eq!(other.get(&receipt_url).send().await.expect("peek").status(), 404);
        // Until it is taken in charge a filed application still takes files (a correction);
        // once it is, it is frozen (`corrections::an_applicant_corrects_…`).
        assert_eq!(upload(&app, &client, &draft, "passeport", "ajout.pdf", pdf("added")).await.status(), 201);
        app.finish().await;
    }
}

/// Sends only the head of a 10 MB POST that waits for `100 Continue`, and returns the status
/// line the server answers with: a refusal decided before reading means no `100 Continue`.
async fn answer_to_a_waiting_upload(app: &TestApp, path: &str, cookie: Option<&str>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.expect("connect");
    let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nOrigin: {}\r\nContent-Type: application/octet-stream\r\n\
         Content-Length: 10000000\r\nExpect: 100-continue\r\n{cookie}\r\n",
        app.base_url
    );
    stream.write_all(head.as_bytes()).await.expect("send the head");
    let mut answer = vec![0u8; 512];
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut answer)).await.expect("an answer").expect("read");
    String::from_utf8_lossy(&answer[..read]).lines().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn large_bodies_of_strangers_are_refused_without_being_read() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let owner = app.account_of("9102458731").await;
        let draft = app.student_draft(owner).await.public_id;
        let upload = format!("/api/demandes/{draft}/pieces/passeport?nom=gros.pdf");
        let refusal = format!("/api/agent/dossiers/{draft}/refus");
        // Anonymous: refused at once, the 10 MB never asked for.
        assert!(answer_to_a_waiting_upload(&app, &upload, None).await.starts_with("HTTP/1.1 401"), "{backend:?}");
        assert!(answer_to_a_waiting_upload(&app, &refusal, None).await.starts_with("HTTP/1.1 401"), "{backend:?}");
        // Another applicant: the draft is not theirs, so it does not exist for them.
        let cookie = app.session_cookie("9101837465").await;
        assert!(answer_to_a_waiting_upload(&app, &upload, Some(&cookie)).await.starts_with("HTTP/1.1 404"), "{backend:?}");
        app.finish().await;
    }
}

/// The files under the storage folder (objects are kept in two-letter subfolders).
fn stored_objects(root: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(root) else { return 0 };
    entries.flatten().map(|entry| if entry.path().is_dir() { stored_objects(&entry.path()) } else { 1 }).sum()
}

/// A PDF of about `megabytes` MB (the type is read from its first bytes).
fn large_pdf(megabytes: usize) -> Vec<u8> {
    let mut bytes = pdf("grand");
    bytes.resize(megabytes * 1024 * 1024, b' ');
    bytes
}

#[tokio::test]
async fn storage_holds_only_catalogue_documents_within_the_accounts_quota() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, |vars| vars.push(("ANEF_ACCOUNT_QUOTA_MB".into(), "10".into()))).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let client = app.applicant("9102458731").await;
        let draft = app.start_student_application(&client).await;

        // A document the student procedure does not ask for takes nothing.
        let unknown = upload(&app, &client, &draft, "photo_de_vacances", "plage.pdf", pdf("x")).await;
        assert_eq!(unknown.status(), 404, "{backend:?}");

        // Three files of 3 MB fit in the 10 MB quota; a fourth does not, with the reason.
        for document in &STUDENT_DOCUMENTS[..3] {
            let joined = upload(&app, &client, &draft, document, "scan.pdf", large_pdf(3)).await;
            assert_eq!(joined.status(), 201, "{backend:?}: {document}");
        }
        let over = upload(&app, &client, &draft, STUDENT_DOCUMENTS[3], "scan.pdf", large_pdf(3)).await;
        assert_eq!(over.status(), 422, "{backend:?}");
        assert!(over.text().await.expect("body").contains("AccountStorageFull"));

        // Abandoning the draft frees its files, rows and stored objects.
        let application = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            use server::db::entities::application::{Column, Entity};
            Entity::find().filter(Column::PublicId.eq(draft.as_str())).one(&app.state.db).await.expect("db").expect("draft").id
        };
        assert_eq!(store::files(&app.state.db, application).await.expect("files").len(), 3);
        app.call_fn(&client, app::filing::AbandonApplication { id: draft.clone() }).await.expect("abandon");
        assert!(store::files(&app.state.db, application).await.expect("files").is_empty(), "{backend:?}");
        assert_eq!(store::account_bytes(&app.state.db, app.account_of("9102458731").await).await.expect("bytes"), 0);
        assert_eq!(stored_objects(&app.state.config.storage_dir), 0, "{backend:?}: no object left in storage");
        app.finish().await;
    }
}

#[tokio::test]
async fn check_storage_finds_lost_files_and_sweeps_orphans_after_a_day() {
    use server::storage::check::{check, GRACE};
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let client = app.applicant("9102458731").await;
        let draft = app.start_student_application(&client).await;
        let kept = upload(&app, &client, &draft, STUDENT_DOCUMENTS[0], "passeport.pdf", pdf("gardé")).await;
        assert_eq!(kept.status(), 201);
        let lost = upload(&app, &client, &draft, STUDENT_DOCUMENTS[1], "domicile.pdf", pdf("perdu")).await;
        assert_eq!(lost.status(), 201);
        let (storage, db) = (&app.state.storage, &app.state.db);
        let intact = check(db, storage, app.state.clock.now(), false).await.expect("check");
        assert_eq!((intact.missing.len(), intact.orphans.len()), (0, 0), "{backend:?}: {intact:?}");

        // An object lost behind its row, and an object no row points at.
        let files = {
            use sea_orm::EntityTrait;
            server::db::entities::application_file::Entity::find().all(db).await.expect("files")
        };
        let lost_key = files.iter().find(|f| f.document_code == STUDENT_DOCUMENTS[1]).expect("row").storage_key.clone();
        std::fs::remove_file(app.state.config.storage_dir.join(&lost_key)).expect("lose the object");
        let orphan = storage.put(b"%PDF-1.4\n% sans ligne\n%%EOF\n").await.expect("put").key;

        let report = check(db, storage, app.state.clock.now(), true).await.expect("check");
        assert_eq!(report.missing, vec![lost_key.clone()], "{backend:?}");
        assert_eq!(report.orphans, vec![orphan.clone()]);
        assert!(report.swept.is_empty(), "a fresh object may be an upload whose row is about to commit");
        let later = check(db, storage, app.state.clock.now() + GRACE + chrono::Duration::hours(1), true).await.expect("check");
        assert_eq!(later.swept, vec![orphan.clone()], "{backend:?}");
        assert!(storage.get(&orphan).await.is_err());
        let kept_key = files.iter().find(|f| f.document_code == STUDENT_DOCUMENTS[0]).expect("row").storage_key.clone();
        assert!(storage.get(&kept_key).await.is_ok(), "an object a row points at is never swept");
        // The lost file's row stays listed for an operator; the test leaves the draft clean.
        let _: () = app.call_fn(&client, app::filing::AbandonApplication { id: draft }).await.expect("abandon");
        app.finish().await;
    }
}
