//! The e-mail outbox against a real SMTP server: nothing is lost while the server is down,
//! delivery resumes with backoff, a message is sent once, and queued messages survive a
//! restart of the process.

use crate::common::{backends, free_port, Backend, SmtpSink, TestApp};
use chrono::Duration;
use sea_orm::{EntityTrait, TransactionTrait};
use server::mail::outbox::{self, Attachment, EmailContent};

fn content() -> EmailContent {
    EmailContent {
        subject: "Confirmation de dépôt".into(),
        text: "Votre demande a bien été enregistrée, Łukasz.".into(),
        html: "<p>Votre demande a bien été enregistrée, Łukasz.</p>".into(),
    }
}

fn receipt() -> Attachment {
    let mut doc = server::pdf::PdfDocument::new("Étrangers en France", "Confirmation de dépôt");
    doc.push(server::pdf::Block::Paragraph("Numéro de dossier 2026-075-000001".into()));
    Attachment { filename: "confirmation-de-depot.pdf".into(), content_type: "application/pdf".into(), data: doc.render().expect("pdf") }
}

/// The service, sending through an SMTP server that is not running yet (`port` is where to
/// start it).
async fn with_smtp_server_down(backend: Backend) -> (TestApp, u16) {
    let port = free_port();
    let app = TestApp::spawn_with(backend, |vars| {
        vars.push(("ANEF_MAIL_TRANSPORT".into(), "smtp".into()));
        vars.push(("ANEF_SMTP_URL".into(), format!("smtp://127.0.0.1:{port}")));
    })
    .await;
    (app, port)
}

#[tokio::test]
async fn mail_waits_for_the_smtp_server_and_is_sent_once() {
    for backend in backends() {
        let (app, port) = with_smtp_server_down(backend).await;
        let email_id = enqueue(&app, "usager@example.fr", vec![receipt()]).await;

        // The SMTP server is down: the attempt fails and is rescheduled, nothing is lost. The
        // attempt is made either here or by the server's own worker, whichever claims the job.
        let mut stored = None;
        for _ in 0..100 {
            app.run_jobs().await;
            let email = server::db::entities::email::Entity::find_by_id(email_id).one(&app.state.db).await.expect("query").expect("email");
            if email.last_error.is_some() {
                stored = Some(email);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let stored = stored.unwrap_or_else(|| panic!("{backend:?}: the failure is recorded"));
        assert!(stored.sent_at.is_none());
        assert_eq!(server::jobs::pending_count(&app.state.db).await.expect("count"), 1);

        // The server comes back; after the backoff the message goes out, exactly once.
        let sink = SmtpSink::start(port);
        app.state.clock.advance(Duration::minutes(5));
        app.drain_outbox().await;
        app.run_jobs().await;
        let messages = sink.messages();
        assert_eq!(messages.len(), 1, "{backend:?}");
        assert!(messages[0].contains("To: usager@example.fr"));
        assert!(messages[0].contains("confirmation-de-depot.pdf"));
        assert!(messages[0].contains("application/pdf"));
        assert!(messages[0].contains("Łukasz"), "UTF-8 bodies survive");
        let stored = server::db::entities::email::Entity::find_by_id(email_id).one(&app.state.db).await.expect("query").expect("email");
        assert!(stored.sent_at.is_some());
        // Delivered: the row keeps who, what subject and when; the body and its attachment,
        // which may carry links or temporary passwords, are gone.
        assert_eq!((stored.to_address.as_str(), stored.subject.as_str()), ("usager@example.fr", "Confirmation de dépôt"));
        assert!(stored.text_body.is_empty() && stored.html_body.is_empty(), "{backend:?}: {stored:?}");
        let attachments = server::db::entities::email_attachment::Entity::find().all(&app.state.db).await.expect("query");
        assert!(attachments.is_empty(), "{backend:?}");
        app.finish().await;
    }
}

#[tokio::test]
async fn queued_mail_survives_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let vars = |dir: &std::path::Path| {
        vec![
            ("ANEF_DATA_DIR".to_string(), dir.display().to_string()),
            ("ANEF_MAIL_TRANSPORT".to_string(), "smtp".to_string()),
            ("ANEF_SMTP_URL".to_string(), format!("smtp://127.0.0.1:{port}")),
        ]
    };
    {
        // First process: the action commits its e-mail, then the process stops before sending.
        let config = server::config::Config::from_vars(vars(dir.path())).expect("config");
        let state = server::prepare(config, None).await.expect("prepare");
        let txn = state.db.begin().await.expect("begin");
        outbox::enqueue(&txn, &state.clock, "usager@example.fr", content(), vec![]).await.expect("enqueue");
        txn.commit().await.expect("commit");
        state.db.close().await.expect("close");
    }
    let sink = SmtpSink::start(port);
    let config = server::config::Config::from_vars(vars(dir.path())).expect("config");
    let state = server::prepare(config, None).await.expect("prepare again");
    let ran = server::jobs::Worker::new(state.clone()).run_due().await.expect("run");
    assert_eq!(ran, 1);
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(server::jobs::pending_count(&state.db).await.expect("count"), 0);
}

/// Runs the due jobs once an hour of the service's clock, `hours` times, with the mail server
/// down: each e-mail gets at most one attempt an hour.
async fn hours_of_outage(app: &TestApp, hours: i64) {
    for _ in 0..hours {
        app.run_jobs().await;
        app.state.clock.advance(Duration::hours(1));
    }
}

/// Queues the test e-mail to `to`; returns its id.
async fn enqueue(app: &TestApp, to: &str, attachments: Vec<Attachment>) -> i32 {
    let txn = app.state.db.begin().await.expect("begin");
    let id = outbox::enqueue(&txn, &app.state.clock, to, content(), attachments).await.expect("enqueue");
    txn.commit().await.expect("commit");
    id
}

async fn dead_letters_in_health(app: &TestApp) -> u64 {
    let health: serde_json::Value = app.get("/health").await.json().await.expect("health");
    health["dead_letters"].as_u64().expect("a count")
}

#[tokio::test]
async fn mail_outlives_a_two_day_outage_and_a_dead_letter_can_be_sent_again() {
    for backend in backends() {
        let (app, port) = with_smtp_server_down(backend).await;
        server::seed::seed_demo_agents(&app.state.db, &app.state.clock).await.expect("demo agents");

        // Down for 48 hours, then back: the e-mail arrives.
        enqueue(&app, "patiente@example.fr", vec![]).await;
        hours_of_outage(&app, 48).await;
        assert_eq!(server::jobs::pending_count(&app.state.db).await.expect("count"), 1, "{backend:?}: still trying");
        let sink = SmtpSink::start(port);
        app.state.clock.advance(Duration::hours(1));
        app.drain_outbox().await;
        assert_eq!(sink.messages().len(), 1, "{backend:?}");
        drop(sink);

        // Down for four days: the e-mail becomes a dead letter, counted by /health and listed
        // for national administrators, who send it again once the server is back.
        enqueue(&app, "oubliee@example.fr", vec![]).await;
        hours_of_outage(&app, 96).await;
        assert_eq!(server::jobs::pending_count(&app.state.db).await.expect("count"), 0);
        assert_eq!(dead_letters_in_health(&app).await, 1, "{backend:?}");
        let palaiseau = app.agent("admin.palaiseau@demo.localhost").await;
        let local: app::instruction::admin::AgentDirectory =
            app.call_fn(&palaiseau, app::instruction::admin::AdminAgents {}).await.expect("directory");
        assert!(local.dead_letters.is_empty(), "a prefecture's administrator does not see the service's mail");
        let national = app.agent("admin.national@demo.localhost").await;
        let directory: app::instruction::admin::AgentDirectory =
            app.call_fn(&national, app::instruction::admin::AdminAgents {}).await.expect("directory");
        assert_eq!(directory.dead_letters.len(), 1, "{backend:?}");
        let letter = &directory.dead_letters[0];
        assert_eq!((letter.to.as_str(), letter.subject.as_str()), ("oubliee@example.fr", "Confirmation de dépôt"));
        let refused = app.call_fn(&palaiseau, app::instruction::admin::AdminResendEmail { id: letter.id }).await;
        assert!(matches!(refused, Err((403, _))), "{backend:?}: {refused:?}");
        let sink = SmtpSink::start(port);
        let _: () = app.call_fn(&national, app::instruction::admin::AdminResendEmail { id: letter.id }).await.expect("resend");
        app.drain_outbox().await;
        assert!(sink.messages().iter().any(|m| m.contains("To: oubliee@example.fr")), "{backend:?}");
        assert_eq!(dead_letters_in_health(&app).await, 0);
        app.finish().await;
    }
}
