//! A file's message thread on SQLite and PostgreSQL: a message with an attachment each way,
//! the e-mails (the applicant's says only that there is a message), the notification, unread
//! counts on the account and in the queue, "awaiting your answer" and its answer, the history.
//! Then the rights: an applicant reads only their own threads, an agent only their
//! prefecture's, nobody reaches a file's thread or attachments anonymously; and bad input.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::{backends, TestApp};
use app::domain::messages::{fields, Author, MAX_ATTACHMENTS};
use app::domain::validation::ValidationError;
use app::filing::JoinedFile;
use app::instruction::QueueFilter;
use app::messages::{AgentSendMessage, AgentThread, LoadThread, SendMessage, ThreadView};
use server::db::entities::{application_event, message_attachment, notification};

const AGENT: &str = "agent.palaiseau@demo.localhost";
const SOFIA: &str = "sofia.hernandez@demo.localhost";
const SECRET: &str = "Mon nouveau bail commence le 1er décembre";

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

async fn attach(app: &TestApp, client: &reqwest::Client, base: &str, name: &str, body: Vec<u8>) -> reqwest::Response {
    client.post(app.url(&format!("{base}?nom={name}"))).header("origin", &app.base_url).body(body).send().await.expect("upload")
}

async fn attached(app: &TestApp, client: &reqwest::Client, base: &str, name: &str) -> JoinedFile {
    let response = attach(app, client, base, name, pdf(name)).await;
    assert_eq!(response.status(), 201, "{name}");
    response.json().await.expect("joined file")
}

fn send(id: &str, body: &str, attachments: Vec<i32>) -> SendMessage {
    SendMessage { id: id.into(), body: body.into(), attachments }
}

fn agent_send(id: &str, body: &str, attachments: Vec<i32>, awaiting: &str) -> AgentSendMessage {
    AgentSendMessage { id: id.into(), body: body.into(), attachments, awaiting_until: awaiting.into() }
}

async fn queue_unread(app: &TestApp, agent: &reqwest::Client, id: &str, only_unread: bool) -> Option<u64> {
    let filter = QueueFilter { unread_messages: only_unread, page: 1, ..Default::default() };
    let page: app::instruction::QueuePage = app.call_fn(agent, app::instruction::Queue { filter }).await.expect("queue");
    page.items.iter().find(|item| item.id == id).map(|item| item.unread_messages)
}

/// A filed student application, its applicant and the agent of its prefecture, and the two
/// sides' addresses of the thread's files.
struct Thread {
    app: TestApp,
    sofia: reqwest::Client,
    id: String,
    agent: reqwest::Client,
    mine: String,
    theirs: String,
}

impl Thread {
    async fn open(backend: crate::common::Backend) -> Thread {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id) = app.filed_student_application().await;
        let agent = app.agent(AGENT).await;
        let (mine, theirs) = (app::messages::paths::applicant_files(&id), app::messages::paths::agent_files(&id));
        Thread { app, sofia, id, agent, mine, theirs }
    }
}

#[tokio::test]
async fn a_message_with_an_attachment_goes_each_way_and_is_counted_until_read() {
    for backend in backends() {
        let Thread { app, sofia, id, agent, mine, theirs } = Thread::open(backend).await;

        // The applicant writes first, before anyone took the file: every agent of the
        // prefecture is told.
        let lease = attached(&app, &sofia, &mine, "bail.pdf").await;
        let thread = app.call_fn(&sofia, send(&id, &format!("  {SECRET}.  "), vec![lease.id])).await.expect("send");
        assert_eq!(thread.messages.len(), 1);
        let first = &thread.messages[0];
        assert_eq!((first.author, first.body.as_str(), first.author_name.as_str()), (Author::Applicant, &*format!("{SECRET}."), "Vous"));
        assert_eq!(first.attachments.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["bail.pdf"]);
        assert!(thread.unsent.is_empty() && !first.read);
        let told = app.last_mail_to(AGENT).await;
        assert!(told.subject.contains("Nouveau message de l'usager"), "{}", told.subject);

        // The queue counts it, and filters on it.
        assert_eq!(queue_unread(&app, &agent, &id, false).await, Some(1), "{backend:?}");
        assert_eq!(queue_unread(&app, &agent, &id, true).await, Some(1));
        let agent_view: ThreadView = app.call_fn(&agent, AgentThread { id: id.clone() }).await.expect("agent thread");
        assert_eq!(agent_view.messages[0].author_name, "Sofía Valentina HERNÁNDEZ RUIZ", "agents read the holder's name");
        assert_eq!(queue_unread(&app, &agent, &id, false).await, Some(0), "read once opened");
        assert_eq!(queue_unread(&app, &agent, &id, true).await, None, "no longer among the unread");
        let download = agent.get(app.url(&format!("{theirs}/{}", lease.id))).send().await.expect("download");
        assert_eq!(download.status(), 200);
        let disposition = download.headers()["content-disposition"].to_str().expect("header").to_owned();
        assert!(disposition.starts_with("attachment"), "never opened in the back-office: {disposition}");
        assert_eq!(download.bytes().await.expect("bytes").as_ref(), pdf("bail.pdf").as_slice());
        let sofia_reads: ThreadView = app.call_fn(&sofia, LoadThread { id: id.clone() }).await.expect("thread");
        assert!(sofia_reads.messages[0].read, "the applicant sees the prefecture opened it");

        // The prefecture answers with a file and awaits an answer.
        let due = app.state.clock.today().add_days(10);
        let form = attached(&app, &agent, &theirs, "formulaire.pdf").await;
        let body = "Merci de nous indiquer votre nouvelle adresse.";
        let thread = app.call_fn(&agent, agent_send(&id, body, vec![form.id], &due.to_string())).await.expect("agent send");
        let answer = thread.messages.last().expect("message");
        assert_eq!((answer.author, answer.awaiting_until.clone(), answer.answered), (Author::Agent, Some(due.to_french()), false));
        let mail = app.last_mail_to(SOFIA).await;
        assert!(mail.subject.contains("nouveau message"), "{}", mail.subject);
        assert!(mail.raw.contains(&due.to_french()), "the awaited day is said");
        assert!(!mail.raw.contains("nouvelle adresse") && !mail.raw.contains("formulaire.pdf"), "never the content: {}", mail.raw);
        let account: app::accounts::AccountView = app.call_fn(&sofia, app::accounts::LoadAccount {}).await.expect("account");
        assert_eq!(account.files[0].unread_messages, 1);
        let file = app.file(&id).await;
        let notified = notification::Entity::find()
            .filter(notification::Column::ApplicationId.eq(file.id))
            .filter(notification::Column::Kind.eq("message"))
            .all(&app.state.db)
            .await
            .expect("notifications");
        assert_eq!(notified.len(), 1);

        // The applicant reads it (and its file), then answers; the notification is read too.
        let read: ThreadView = app.call_fn(&sofia, LoadThread { id: id.clone() }).await.expect("thread");
        let notified = notification::Entity::find_by_id(notified[0].id).one(&app.state.db).await.expect("query").expect("row");
        assert!(notified.read_at.is_some(), "opening the thread reads its notification");
        let theirs_message = read.messages.last().expect("message");
        assert_eq!(theirs_message.author_name, "Sous-préfecture de Palaiseau", "the prefecture signs, not the agent");
        let got = sofia.get(app.url(&format!("{mine}/{}", form.id))).send().await.expect("download");
        assert_eq!(got.status(), 200);
        let account: app::accounts::AccountView = app.call_fn(&sofia, app::accounts::LoadAccount {}).await.expect("account");
        assert_eq!(account.files[0].unread_messages, 0);
        let thread = app.call_fn(&sofia, send(&id, "12 rue des Lilas, 91120 Palaiseau.", vec![])).await.expect("answer");
        assert!(thread.messages[1].answered, "the awaited answer came");

        // Each message is a dated line of the file's history, changing nothing else.
        let events = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(file.id))
            .all(&app.state.db)
            .await
            .expect("history");
        let codes: Vec<&str> = events.iter().map(|e| e.action.as_str()).filter(|a| a.starts_with("message_")).collect();
        assert_eq!(codes, ["message_from_applicant", "message_from_agent", "message_from_applicant"]);
        assert_eq!(app.file(&id).await.status, file.status, "a message moves nothing");
        app.finish().await;
    }
}

#[tokio::test]
async fn only_the_applicant_and_their_prefecture_reach_the_thread() {
    for backend in backends() {
        let Thread { app, sofia, id, agent, mine, theirs } = Thread::open(backend).await;
        let lease = attached(&app, &sofia, &mine, "bail.pdf").await;
        app.call_fn(&sofia, send(&id, "Voici mon bail.", vec![lease.id])).await.expect("send");
        let draft_of_agent = attached(&app, &agent, &theirs, "brouillon.pdf").await;

        // Visitors: refused before anything is read.
        assert!(matches!(app.call_fn_default(LoadThread { id: id.clone() }).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(send(&id, "x", vec![])).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(AgentThread { id: id.clone() }).await, Err((401, _))));
        let anonymous = app.new_client();
        assert_eq!(attach(&app, &anonymous, &mine, "x.pdf", pdf("x")).await.status(), 401);
        assert_eq!(attach(&app, &anonymous, &theirs, "x.pdf", pdf("x")).await.status(), 401);
        assert_eq!(anonymous.get(app.url(&format!("{mine}/{}", lease.id))).send().await.expect("get").status(), 401);

        // Another applicant: as if the file did not exist.
        let priya = app.applicant("9101837465").await;
        assert!(matches!(app.call_fn(&priya, LoadThread { id: id.clone() }).await, Err((404, _))));
        assert!(matches!(app.call_fn(&priya, send(&id, "x", vec![])).await, Err((404, _))));
        assert_eq!(attach(&app, &priya, &mine, "x.pdf", pdf("x")).await.status(), 404);
        assert_eq!(priya.get(app.url(&format!("{mine}/{}", lease.id))).send().await.expect("get").status(), 404);
        // An applicant is no agent.
        assert!(matches!(app.call_fn(&sofia, AgentThread { id: id.clone() }).await, Err((401, _))));
        assert!(matches!(app.call_fn(&sofia, agent_send(&id, "x", vec![], "")).await, Err((401, _))));

        // An agent of another prefecture: not found, nor its files.
        let lille = app.agent("agent.lille@demo.localhost").await;
        assert!(matches!(app.call_fn(&lille, AgentThread { id: id.clone() }).await, Err((404, _))));
        assert!(matches!(app.call_fn(&lille, agent_send(&id, "x", vec![], "")).await, Err((404, _))));
        assert_eq!(lille.get(app.url(&format!("{theirs}/{}", lease.id))).send().await.expect("get").status(), 404);
        assert_eq!(attach(&app, &lille, &theirs, "x.pdf", pdf("x")).await.status(), 404);

        // An agent's unsent file is theirs alone; a sent one cannot be removed.
        assert_eq!(sofia.get(app.url(&format!("{mine}/{}", draft_of_agent.id))).send().await.expect("get").status(), 404);
        let stolen = app.call_fn(&sofia, send(&id, "x", vec![draft_of_agent.id])).await;
        assert!(matches!(stolen, Err((409, _))), "{stolen:?}");
        let removed = sofia.delete(app.url(&format!("{mine}/{}", lease.id))).header("origin", &app.base_url).send().await.expect("delete");
        assert_eq!(removed.status(), 409, "a sent file stays in the file");

        // A draft has no thread.
        let draft = app.start_student_application(&priya).await;
        assert!(matches!(app.call_fn(&priya, LoadThread { id: draft.clone() }).await, Err((404, _))));
        app.finish().await;
    }
}

#[tokio::test]
async fn a_bad_message_is_explained_and_loses_nothing() {
    for backend in backends() {
        let Thread { app, sofia, id, agent, mine, .. } = Thread::open(backend).await;

        // Three files at most, checked from their content.
        let fake = attach(&app, &sofia, &mine, "faux.pdf", b"Ceci n'est pas un PDF".to_vec()).await;
        assert_eq!(fake.status(), 422);
        let mut ids = Vec::new();
        for n in 0..MAX_ATTACHMENTS {
            ids.push(attached(&app, &sofia, &mine, &format!("piece{n}.pdf")).await.id);
        }
        let fourth = attach(&app, &sofia, &mine, "piece3.pdf", pdf("4")).await;
        assert_eq!(fourth.status(), 422);
        let error: app::error::AppError = fourth.json().await.expect("error");
        assert_eq!(error.field_errors().and_then(|f| f.get(fields::ATTACHMENTS)), Some(&ValidationError::TooManyAttachments { max: 3 }));

        // No text: said next to the field, and the files wait for the next try.
        let empty = app.call_fn(&sofia, send(&id, "   ", ids.clone())).await;
        let Err((422, error)) = empty else { panic!("{empty:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get(fields::BODY)), Some(&ValidationError::Required));
        let thread: ThreadView = app.call_fn(&sofia, LoadThread { id: id.clone() }).await.expect("thread");
        assert_eq!(thread.unsent.len(), 3, "kept across a failed send and a reload");
        assert!(thread.messages.is_empty());

        // An agent's deadline is a day to come.
        let past = app.call_fn(&agent, agent_send(&id, "Merci.", vec![], &app.state.clock.today().to_string())).await;
        let Err((422, error)) = past else { panic!("{past:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get(fields::AWAITING)), Some(&ValidationError::DateNotInFuture));

        // Once the file is closed, the thread is read-only.
        app.call_fn(&sofia, app::filing::WithdrawApplication { id: id.clone(), reason: String::new() }).await.expect("withdraw");
        let closed = app.call_fn(&sofia, send(&id, "Encore une question.", ids.clone())).await;
        assert!(matches!(closed, Err((409, _))), "{closed:?}");
        let thread: ThreadView = app.call_fn(&sofia, LoadThread { id: id.clone() }).await.expect("still readable");
        assert!(!thread.open);
        assert_eq!(attach(&app, &sofia, &mine, "tard.pdf", pdf("tard")).await.status(), 409);

        // Unsent files are purged after the retention period (two days by default).
        let file = app.file(&id).await;
        let kept = chrono::Duration::days(app.state.config.retention.unsent_attachment_days);
        let before = app.state.clock.now() - kept;
        assert_eq!(server::messages::purge_unsent(&app.state.db, &app.state.storage, before).await.expect("purge"), 0, "not yet");
        let later = app.state.clock.now() + chrono::Duration::hours(1);
        let purged = server::messages::purge_unsent(&app.state.db, &app.state.storage, later).await.expect("purge");
        assert_eq!(purged, 3);
        let left = message_attachment::Entity::find()
            .filter(message_attachment::Column::ApplicationId.eq(file.id))
            .all(&app.state.db)
            .await
            .expect("attachments");
        assert!(left.is_empty(), "{left:?}");
        app.finish().await;
    }
}
