//! The virus scan of joined files (a real clamd with the project's EICAR signature) and the
//! way uploads are received: streamed, failed only when they stop progressing, capped per
//! person; nothing is kept of a refused file.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use app::domain::validation::ValidationError;
use app::error::AppError;
use app::instruction::FileView;

use crate::common::{backends, free_port, infected_pdf, Backend, Clamd, TestApp};

const SOFIA: &str = "9102458731";
const AGENT: &str = "agent.palaiseau@demo.localhost";

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n{text}\n%%EOF\n").into_bytes()
}

async fn refusal(response: reqwest::Response) -> (u16, ValidationError) {
    let status = response.status().as_u16();
    let error: AppError = response.json().await.expect("an error");
    let first = error.field_errors().and_then(|e| e.0.first().cloned()).unwrap_or_else(|| panic!("{error:?}"));
    (status, first.error)
}

/// Stored objects, and whether a temporary write was left behind.
async fn objects(app: &TestApp) -> (usize, bool) {
    let listed = app.state.storage.list().await.expect("list");
    (listed.iter().filter(|l| !l.unfinished).count(), listed.iter().any(|l| l.unfinished))
}

#[tokio::test]
async fn an_infected_file_is_refused_and_never_kept_a_clean_one_is_kept() {
    for backend in backends() {
        let port = free_port();
        let _clamd = Clamd::start(port);
        let app = TestApp::spawn_with(backend, |v| v.push(("ANEF_CLAMD".into(), Clamd::address(port)))).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        server::seed::seed_demo_agents(&app.state.db, &app.state.clock).await.expect("demo agents");
        let sofia = app.applicant(SOFIA).await;
        let draft = app.start_student_application(&sofia).await;
        let before = objects(&app).await;
        let infected = app.upload(&sofia, &draft, "passeport", "passeport.pdf", infected_pdf()).await;
        assert_eq!(refusal(infected).await, (422, ValidationError::FileInfected), "{backend:?}");
        assert_eq!(objects(&app).await, before, "nothing of it is kept");
        let clean = app.upload(&sofia, &draft, "passeport", "passeport.pdf", pdf("passeport de Sofia")).await;
        assert_eq!(clean.status(), 201, "{backend:?}");
        let joined: app::filing::JoinedFile = clean.json().await.expect("joined");
        assert!(!joined.held_for_scan);

        // Message attachments go through the same scan, on both sides.
        let (sofia, id) = app.filed_student_application().await;
        let agent = app.agent(AGENT).await;
        let mine = format!("/api/demandes/{id}/messages/pieces?nom=virus.pdf");
        let sent = sofia.post(app.url(&mine)).header("origin", &app.base_url).body(infected_pdf()).send().await.expect("upload");
        assert_eq!(refusal(sent).await, (422, ValidationError::FileInfected));
        let theirs = format!("/api/agent/dossiers/{id}/messages/pieces?nom=virus.pdf");
        let sent = agent.post(app.url(&theirs)).header("origin", &app.base_url).body(infected_pdf()).send().await.expect("upload");
        assert_eq!(refusal(sent).await, (422, ValidationError::FileInfected));
        // So does the decision an agent sends with a refusal.
        let decision = format!("/api/agent/dossiers/{id}/refus?motif=x");
        let sent = agent.post(app.url(&decision)).header("origin", &app.base_url).body(infected_pdf()).send().await.expect("refusal");
        assert_eq!(refusal(sent).await, (422, ValidationError::FileInfected));
        app.finish().await;
    }
}

#[tokio::test]
async fn with_the_scan_down_a_file_is_refused_or_held_from_agents_until_scanned() {
    let backend = Backend::Sqlite;
    // Refused: nothing unscanned is kept, and the applicant is told to try again shortly.
    let down = free_port();
    let app = TestApp::spawn_with(backend, |v| v.push(("ANEF_CLAMD".into(), Clamd::address(down)))).await;
    server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
    let sofia = app.applicant(SOFIA).await;
    let draft = app.start_student_application(&sofia).await;
    let refused = app.upload(&sofia, &draft, "passeport", "passeport.pdf", pdf("passeport")).await;
    assert_eq!(refusal(refused).await, (503, ValidationError::ScanUnavailable));
    assert_eq!(objects(&app).await, (0, false));
    app.finish().await;

    // Held: kept, but agents cannot open it until clamd is back and clears it.
    for backend in backends() {
        let port = free_port();
        let app = TestApp::with_demo_people_from(backend, |v| {
            v.push(("ANEF_CLAMD".into(), Clamd::address(port)));
            v.push(("ANEF_SCAN_WHEN_DOWN".into(), "hold".into()));
        })
        .await;
        let (sofia, id) = app.filed_student_application().await;
        let agent = app.agent(AGENT).await;
        let file: FileView = app.call_fn(&agent, app::instruction::AgentFile { id: id.clone() }).await.expect("file");
        let held = file.documents[0].files[0].clone();
        assert!(held.held_for_scan, "{backend:?}");
        let path = format!("/api/agent/dossiers/{id}/fichiers/{}", held.id);
        assert_eq!(agent.get(app.url(&path)).send().await.expect("download").status(), 409, "held from agents");
        // The applicant sends a message with an infected attachment while the scan is down.
        let mine = format!("/api/demandes/{id}/messages/pieces?nom=virus.pdf");
        let sent = sofia.post(app.url(&mine)).header("origin", &app.base_url).body(infected_pdf()).send().await.expect("upload");
        assert_eq!(sent.status(), 201);

        // Still down: nothing changes.
        let report = server::scanning::held::rescan_held(&app.state).await.expect("rescan");
        assert!(report.still_down && report.released == 0, "{report:?}");
        let _clamd = Clamd::start(port);
        let report = server::scanning::held::rescan_held(&app.state).await.expect("rescan");
        assert_eq!((report.released, report.removed, report.still_down), (6, 1, false), "{backend:?}: {report:?}");
        assert_eq!(agent.get(app.url(&path)).send().await.expect("download").status(), 200, "cleared");
        let file: FileView = app.call_fn(&agent, app::instruction::AgentFile { id: id.clone() }).await.expect("file");
        assert!(file.documents.iter().flat_map(|d| &d.files).all(|f| !f.held_for_scan));
        // The infected one is gone, and its sender told.
        let account: app::accounts::AccountView = app.call_fn(&sofia, app::accounts::LoadAccount {}).await.expect("account");
        assert!(account.notifications.iter().any(|n| n.text.contains("virus")), "{:?}", account.notifications);
        let storage = server::storage::check::check(&app.state.db, &app.state.storage, app.state.clock.now(), false).await.expect("check");
        assert!(storage.missing.is_empty() && storage.orphans.is_empty(), "{storage:?}");
        app.finish().await;
    }
}

/// An upload written by hand on a socket, so that the test decides when each piece leaves.
struct SlowUpload {
    stream: tokio::net::TcpStream,
}

impl SlowUpload {
    async fn start(app: &TestApp, cookie: &str, path: &str, length: usize) -> SlowUpload {
        let address = app.base_url.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(address).await.expect("connect");
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {address}\r\nOrigin: {}\r\nCookie: {cookie}\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n",
            app.base_url
        );
        stream.write_all(head.as_bytes()).await.expect("head");
        SlowUpload { stream }
    }

    async fn send(&mut self, piece: &[u8]) {
        self.stream.write_all(piece).await.expect("piece");
        self.stream.flush().await.expect("flush");
    }

    /// The status line and body of the answer.
    async fn answer(mut self) -> (u16, String) {
        let mut answer = String::new();
        self.stream.read_to_string(&mut answer).await.expect("answer");
        let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned())
    }
}

#[tokio::test]
async fn a_slow_upload_that_keeps_progressing_succeeds_a_stalled_one_fails_and_leaves_nothing() {
    for backend in backends() {
        let app = TestApp::with_demo_people_from(backend, |v| {
            v.push(("ANEF_REQUEST_TIMEOUT_SECONDS".into(), "2".into()));
            v.push(("ANEF_UPLOAD_IDLE_SECONDS".into(), "1".into()));
        })
        .await;
        let sofia = app.applicant(SOFIA).await;
        let draft = app.start_student_application(&sofia).await;
        let cookie = app.session_cookie(SOFIA).await;
        let path = format!("/api/demandes/{draft}/pieces/passeport?nom=lent.pdf");

        // Four seconds in all, twice the request timeout, but a piece every 400 ms.
        let content = pdf(&"x".repeat(10 * 1024));
        let mut upload = SlowUpload::start(&app, &cookie, &path, content.len()).await;
        for piece in content.chunks(content.len() / 10 + 1) {
            upload.send(piece).await;
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
        let (status, body) = upload.answer().await;
        assert_eq!(status, 201, "{backend:?}: {body}");
        let joined: app::filing::JoinedFile = serde_json::from_str(&body).expect("joined");
        let stored = sofia.get(app.url(&format!("/api/demandes/{draft}/fichiers/{}", joined.id))).send().await.expect("get");
        assert_eq!(stored.bytes().await.expect("bytes").to_vec(), content, "the whole file, in order");

        // A connection that stops sending: refused after the idle time, nothing kept.
        let before = objects(&app).await;
        let mut stalled = SlowUpload::start(&app, &cookie, &path, content.len()).await;
        stalled.send(&content[..100]).await;
        let (status, body) = stalled.answer().await;
        assert_eq!(status, 408, "{body}");
        let error: AppError = serde_json::from_str(&body).expect("error");
        assert_eq!(
            error.field_errors().and_then(|e| e.0.first().cloned()).map(|e| e.error),
            Some(ValidationError::UploadStalled { seconds: 1 })
        );
        assert_eq!(objects(&app).await, before, "no object, no temporary file");
        app.finish().await;
    }
}

#[tokio::test]
async fn one_person_cannot_hold_more_than_three_uploads_at_once() {
    let app = TestApp::with_demo_people_from(Backend::Sqlite, |_| {}).await;
    let sofia = app.applicant(SOFIA).await;
    let draft = app.start_student_application(&sofia).await;
    let cookie = app.session_cookie(SOFIA).await;
    let content = pdf("trois à la fois");
    let mut open = Vec::new();
    for document in ["passeport", "justificatif_domicile", "inscription"] {
        let path = format!("/api/demandes/{draft}/pieces/{document}?nom={document}.pdf");
        let mut upload = SlowUpload::start(&app, &cookie, &path, content.len()).await;
        upload.send(&content[..10]).await;
        open.push(upload);
    }
    // Let the server take the three places.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let fourth = app.upload(&sofia, &draft, "resultats", "resultats.pdf", content.clone()).await;
    assert_eq!(refusal(fourth).await, (429, ValidationError::TooManyUploadsAtOnce { max: 3 }));
    for mut upload in open {
        upload.send(&content[10..]).await;
        assert_eq!(upload.answer().await.0, 201);
    }
    assert_eq!(app.upload(&sofia, &draft, "resultats", "resultats.pdf", content).await.status(), 201, "places came back");
    app.finish().await;
}
