//! The deadline job on SQLite and PostgreSQL: files whose request for additional documents went
//! unanswered past the deadline are closed, with a system event in their history and an e-mail
//! in the applicant's language; the deadline day itself is still the applicant's; running the
//! job again, or twice at the same time, closes each file exactly once; the prefecture's agents
//! see the files closed.
//!
//! Deadlines are set in the future and the service's clock is then moved forward, so that the
//! server's own worker (which closes expired files once at start-up) has nothing to close
//! before the test calls the job itself.

use crate::common::{backends, TestApp};
use app::domain::lifecycle::FileStatus;
use app::instruction::{QueueFilter, QueuePage};
use chrono::{Duration, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set};
use server::clock::to_naive_date;
use server::db::entities::{account, application, application_event, email, prefecture};
use server::filing::store;
use server::instruction::deadlines::close_expired;

const SOFIA: &str = "9102458731";
const SOFIA_EMAIL: &str = "sofia.hernandez@demo.localhost";
const PRIYA: &str = "9101837465";
const PRIYA_EMAIL: &str = "priya.raghunathan@demo.localhost";

fn today(app: &TestApp) -> NaiveDate {
    to_naive_date(app.state.clock.today()).expect("today")
}

async fn palaiseau(app: &TestApp) -> i32 {
    prefecture::Entity::find()
        .filter(prefecture::Column::Code.eq("SP091-PAL"))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("prefecture")
        .id
}

/// A submitted file of `account_id` in `status`, answered by `deadline_on`.
fn submitted(
    account_id: i32,
    prefecture_id: i32,
    file_number: &str,
    status: &str,
    deadline_on: Option<NaiveDate>,
    now: chrono::DateTime<chrono::Utc>,
) -> application::ActiveModel {
    application::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        account_id: Set(account_id),
        procedure: Set("etudiant".into()),
        request_kind: Set("renouvellement".into()),
        status: Set(status.into()),
        answers: Set("{}".into()),
        current_step: Set("recapitulatif".into()),
        recap_validated: Set("[]".into()),
        version: Set(5),
        observations: Set(None),
        file_number: Set(Some(file_number.into())),
        prefecture_id: Set(Some(prefecture_id)),
        submitted_at: Set(Some(now - Duration::days(60))),
        deadline_on: Set(deadline_on),
        created_at: Set(now - Duration::days(61)),
        updated_at: Set(now),
        ..Default::default()
    }
}

async fn reload(app: &TestApp, id: i32) -> application::Model {
    application::Entity::find_by_id(id).one(&app.state.db).await.expect("query").expect("file")
}

async fn queue(app: &TestApp, agent: &reqwest::Client, filter: QueueFilter) -> QueuePage {
    app.queue(agent, filter).await.expect("queue page")
}

async fn closing_events(app: &TestApp) -> Vec<application_event::Model> {
    application_event::Entity::find()
        .filter(application_event::Column::Action.eq("expire_deadline"))
        .all(&app.state.db)
        .await
        .expect("events")
}

#[tokio::test]
async fn files_past_their_deadline_are_closed_once_with_an_event_and_an_email() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let db = &app.state.db;
        server::seed::seed_demo_accounts(db, &app.state.clock).await.expect("demo accounts");
        server::seed::seed_demo_agents(db, &app.state.clock).await.expect("demo agents");
        let (sofia, priya) = (app.account_of(SOFIA).await, app.account_of(PRIYA).await);
        // Priya reads the service in English.
        let mut english: account::ActiveModel = account::Entity::find_by_id(priya).one(db).await.expect("query").expect("account").into();
        english.lang = Set("en".into());
        english.update(db).await.expect("switch to English");
        let prefecture = palaiseau(&app).await;
        let (now, day) = (app.state.clock.now(), today(&app));

        let insert = |account, number: &str, status: &str, deadline: Option<NaiveDate>| {
            submitted(account, prefecture, number, status, deadline, now).insert(db)
        };
        let long_past = insert(sofia, "2026-091-900001", "complement_demande", Some(day + Duration::days(90))).await.expect("insert");
        let just_past = insert(priya, "2026-091-900002", "complement_demande", Some(day + Duration::days(99))).await.expect("insert");
        let last_day = insert(sofia, "2026-091-900003", "complement_demande", Some(day + Duration::days(100))).await.expect("insert");
        let later = insert(sofia, "2026-091-900004", "complement_demande", Some(day + Duration::days(130))).await.expect("insert");
        // Only files awaiting documents are concerned, whatever their date.
        let answered = insert(sofia, "2026-091-900005", "en_instruction", Some(day + Duration::days(10))).await.expect("insert");
        // Written without `filing::status`: counted per status once, as the migration does.
        server::filing::counts::recount(db).await.expect("count per status");

        // Nothing is due today.
        assert_eq!(close_expired(&app.state, 10).await.expect("job"), 0, "{backend:?}");

        // 100 days later: two deadlines have passed, the third is today.
        app.state.clock.advance(Duration::days(100));
        assert_eq!(close_expired(&app.state, 1).await.expect("job"), 2, "{backend:?}");
        for file in [&long_past, &just_past] {
            let closed = reload(&app, file.id).await;
            assert_eq!((closed.status.as_str(), closed.version, closed.deadline_on), ("cloturee", file.version + 1, None), "{backend:?}");
            let history = store::history(db, file.id).await.expect("history");
            assert_eq!(history.len(), 1, "{backend:?}");
            let event = &history[0];
            assert_eq!(
                (event.actor_kind.as_str(), event.actor_id, event.action.as_str()),
                ("system", None, "expire_deadline"),
                "{backend:?}"
            );
            assert_eq!((event.from_status.as_deref(), event.to_status.as_str()), (Some("complement_demande"), "cloturee"));
            let deadline = file.deadline_on.expect("deadline").format("%d/%m/%Y").to_string();
            assert_eq!(event.detail.as_deref(), Some(format!("Échéance du {deadline} dépassée").as_str()), "{backend:?}");
        }
        for file in [&last_day, &later] {
            assert_eq!(reload(&app, file.id).await.status, "complement_demande", "{backend:?}");
        }
        assert_eq!(reload(&app, answered.id).await.status, "en_instruction", "{backend:?}");

        // The agents of the prefecture see them closed, and find one by its number.
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        let closed = queue(&app, &agent, QueueFilter { status: Some(FileStatus::Cloturee), page: 1, ..Default::default() }).await;
        assert_eq!(closed.total, 2, "{backend:?}");
        assert!(closed.items.iter().all(|item| item.status == FileStatus::Cloturee && item.deadline_on.is_none()), "{backend:?}");
        assert!(closed.counts.contains(&(FileStatus::Cloturee, 2)), "{:?}", closed.counts);
        let found = queue(&app, &agent, QueueFilter { search: Some("2026-091-900002".into()), page: 1, ..Default::default() }).await;
        assert_eq!((found.total, found.items[0].status.as_str()), (1, "cloturee"), "{backend:?}");

        // Each applicant is told once, in their language.
        let to_sofia = app.mails_to(SOFIA_EMAIL).await;
        assert_eq!(to_sofia.len(), 1, "{backend:?}");
        assert!(to_sofia[0].subject.contains("2026-091-900001"), "{}", to_sofia[0].subject);
        assert!(to_sofia[0].raw.contains("dossier clôturé faute de réponse dans le délai"), "{}", to_sofia[0].raw);
        let to_priya = app.mails_to(PRIYA_EMAIL).await;
        assert_eq!(to_priya.len(), 1, "{backend:?}");
        assert_eq!(to_priya[0].subject, "Your application 2026-091-900002 has moved on");
        assert!(to_priya[0].raw.contains("file closed: no answer within the deadline"), "{}", to_priya[0].raw);

        // Again the same day: nothing more is closed, recorded or sent.
        assert_eq!(close_expired(&app.state, 10).await.expect("job"), 0, "{backend:?}");
        assert_eq!(closing_events(&app).await.len(), 2, "{backend:?}");
        assert_eq!(app.mails_to(SOFIA_EMAIL).await.len() + app.mails_to(PRIYA_EMAIL).await.len(), 2, "{backend:?}");

        // The next day the last day is over too.
        app.state.clock.advance(Duration::days(1));
        assert_eq!(close_expired(&app.state, 10).await.expect("job"), 1, "{backend:?}");
        assert_eq!(reload(&app, last_day.id).await.status, "cloturee", "{backend:?}");
        assert_eq!(reload(&app, later.id).await.status, "complement_demande", "{backend:?}");
        assert_eq!(app.mails_to(SOFIA_EMAIL).await.len(), 2, "{backend:?}");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}

#[tokio::test]
async fn two_runs_at_once_close_each_file_exactly_once() {
    const FILES: usize = 150;
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let db = &app.state.db;
        server::seed::seed_demo_accounts(db, &app.state.clock).await.expect("demo accounts");
        let sofia = app.account_of(SOFIA).await;
        let prefecture = palaiseau(&app).await;
        let (now, day) = (app.state.clock.now(), today(&app));
        let files: Vec<application::ActiveModel> = (0..FILES)
            .map(|i| {
                let deadline = day + Duration::days(10 + (i % 7) as i64);
                submitted(sofia, prefecture, &format!("2026-091-8{i:05}"), "complement_demande", Some(deadline), now)
            })
            .collect();
        application::Entity::insert_many(files).exec(db).await.expect("insert files");
        server::filing::counts::recount(db).await.expect("count per status");
        app.state.clock.advance(Duration::days(30));

        // Two instances at the same moment, in small batches so that they interleave. The test
        // server's own worker is a third one when its start-up pass comes late (a loaded
        // machine): what counts is that each file is closed once, whoever closes it.
        let (first, second) = tokio::join!(close_expired(&app.state, 7), close_expired(&app.state, 7));
        let (first, second) = (first.expect("first run"), second.expect("second run"));
        assert!(first + second <= FILES, "{backend:?}: {first} + {second}");

        // Files the worker's pass had locked were skipped by both runs: that pass closes them.
        let mut still_open = u64::MAX;
        for _ in 0..100 {
            still_open =
                application::Entity::find().filter(application::Column::Status.eq("complement_demande")).count(db).await.expect("count");
            if still_open == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert_eq!(still_open, 0, "{backend:?}");
        let events = closing_events(&app).await;
        assert_eq!(events.len(), FILES, "{backend:?}");
        let mut closed: Vec<i32> = events.iter().map(|e| e.application_id).collect();
        closed.sort_unstable();
        closed.dedup();
        assert_eq!(closed.len(), FILES, "{backend:?}: a file was closed twice");
        let emails: Vec<i32> = email::Entity::find()
            .filter(email::Column::ToAddress.eq(SOFIA_EMAIL))
            .select_only()
            .column(email::Column::Id)
            .into_tuple()
            .all(db)
            .await
            .expect("emails");
        assert_eq!(emails.len(), FILES, "{backend:?}");
        assert_eq!(close_expired(&app.state, 7).await.expect("third run"), 0, "{backend:?}");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}
