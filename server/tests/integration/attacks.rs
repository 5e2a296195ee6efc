//! Attacks that each must fail, on SQLite and PostgreSQL (issue 10's list): a session cookie
//! replayed after logout or past its lifetime, another applicant's file through every
//! applicant function, a complement asked on another prefecture's file, an agent with a
//! password to change on the file routes, cross-site headers on server functions, uploads
//! racing each other or the submission, and two tabs starting the same application.

use crate::common::{backends, TestApp, STUDENT_DOCUMENTS};
use app::error::AppError;
use leptos::server_fn::ServerFn;
use server::filing::store;

const SOFIA: &str = "9102458731";
const PRIYA: &str = "9101837465";

/// The status of the account page's server function called with `cookie`.
async fn account_with(app: &TestApp, cookie: &str) -> u16 {
    let response = reqwest::Client::new()
        .post(app.url(app::accounts::LoadAccount::PATH))
        .header("origin", &app.base_url)
        .header("cookie", cookie)
        .send()
        .await
        .expect("account");
    response.status().as_u16()
}

#[tokio::test]
async fn a_session_cookie_dies_with_logout_idleness_and_age() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        // Replayed after logout.
        let cookie = app.session_cookie(SOFIA).await;
        assert_eq!(account_with(&app, &cookie).await, 200, "{backend:?}");
        let logout = reqwest::Client::new()
            .post(app.url(app::accounts::Logout::PATH))
            .header("origin", &app.base_url)
            .header("cookie", &cookie)
            .send()
            .await
            .expect("logout");
        assert!(logout.status().is_success());
        assert_eq!(account_with(&app, &cookie).await, 401, "{backend:?}: replayed after logout");

        // Idle for more than an hour.
        let idle = app.session_cookie(SOFIA).await;
        app.state.clock.advance(chrono::Duration::minutes(61));
        assert_eq!(account_with(&app, &idle).await, 401, "{backend:?}: idle");

        // Used every 50 minutes, each use pushes its idle end back, but it still ends 12 hours
        // after the login: it answers at 50, 100, … 700 minutes, not at 750.
        let busy = app.session_cookie(SOFIA).await;
        let mut answered = 0;
        for _ in 0..16 {
            app.state.clock.advance(chrono::Duration::minutes(50));
            if account_with(&app, &busy).await == 401 {
                break;
            }
            answered += 1;
        }
        assert_eq!(answered, 14, "{backend:?}: kept alive by use, up to its absolute lifetime");
        assert_eq!(account_with(&app, &busy).await, 401, "{backend:?}: absolute lifetime");
        app.finish().await;
    }
}

#[tokio::test]
async fn another_applicants_file_is_out_of_reach_of_every_applicant_function() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let sofia = app.applicant(SOFIA).await;
        let draft = app.start_student_application(&sofia).await;
        let joined = app.upload(&sofia, &draft, "passeport", "passeport.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()).await;
        let file_id = joined.json::<serde_json::Value>().await.expect("json")["id"].as_i64().expect("id");

        let priya = app.applicant(PRIYA).await;
        let not_found = |outcome: Result<(), (u16, AppError)>, what: &str| {
            assert!(matches!(outcome, Err((404, AppError::NotFound))), "{backend:?}: {what}: {outcome:?}");
        };
        not_found(app.call_fn(&priya, app::filing::LoadDraft { id: draft.clone() }).await.map(|_| ()), "load");
        let save: app::filing::SaveStep =
            TestApp::args(serde_json::json!({"id": draft, "step": "informations", "version": 1, "answers": {}}));
        not_found(app.call_fn(&priya, save).await.map(|_| ()), "save");
        let submit = app::filing::SubmitApplication { id: draft.clone(), observations: None };
        not_found(app.call_fn(&priya, submit).await.map(|_| ()), "submit");
        not_found(app.call_fn(&priya, app::filing::AbandonApplication { id: draft.clone() }).await, "abandon");
        let answer = app::filing::AnswerComplement { id: draft.clone(), answers: vec![], message: None };
        not_found(app.call_fn(&priya, answer).await, "answer a request");
        let delete = priya
            .delete(app.url(&format!("/api/demandes/{draft}/fichiers/{file_id}")))
            .header("origin", &app.base_url)
            .send()
            .await
            .expect("delete");
        assert_eq!(delete.status(), 404, "{backend:?}: delete a file");
        // The draft and its file are untouched.
        let view: app::filing::DraftView = app.call_fn(&sofia, app::filing::LoadDraft { id: draft.clone() }).await.expect("draft");
        assert_eq!(view.files.len(), 1);
        app.finish().await;
    }
}

#[tokio::test]
async fn agents_are_held_to_their_prefecture_and_to_their_password_change() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (_, id) = app.filed_student_application().await;
        // Another prefecture's agent cannot ask this file for documents.
        let lille = app.agent("agent.lille@demo.localhost").await;
        let ask: app::instruction::AgentRequestComplement =
            TestApp::args(serde_json::json!({"id": id, "documents": [{"document": "passeport", "reason": "Illisible."}]}));
        let foreign = app.call_fn(&lille, ask).await;
        assert!(matches!(foreign, Err((404, AppError::NotFound))), "{backend:?}: {foreign:?}");

        // An agent whose password an administrator reset reaches no file route before changing it.
        let admin = app.agent("admin.palaiseau@demo.localhost").await;
        let agent_id = app.agent_id("agent.palaiseau@demo.localhost").await;
        let reset: app::instruction::admin::IssuedPassword =
            app.call_fn(&admin, app::instruction::admin::AdminResetPassword { agent_id }).await.expect("reset");
        let agent = app.new_client();
        let logged: Result<(), _> = app
            .call_fn(
                &agent,
                app::instruction::AgentLogin { email: "agent.palaiseau@demo.localhost".into(), password: reset.temporary_password },
            )
            .await;
        assert!(logged.is_ok(), "{logged:?}");
        let refusal = agent
            .post(app.url(&format!("/api/agent/dossiers/{id}/refus?motif=x")))
            .header("origin", &app.base_url)
            .body(b"%PDF-1.4\n%%EOF\n".to_vec())
            .send()
            .await
            .expect("refusal");
        assert_eq!(refusal.status(), 403, "{backend:?}");
        let download = agent.get(app.url(&format!("/api/agent/dossiers/{id}/fichiers/1"))).send().await.expect("download");
        assert_eq!(download.status(), 403, "{backend:?}");
        app.finish().await;
    }
}

#[tokio::test]
async fn server_functions_refuse_cross_site_headers() {
    let app = TestApp::with_demo_people(crate::common::Backend::Sqlite).await;
    let cookie = app.session_cookie(SOFIA).await;
    for (name, value) in [("origin", "null"), ("sec-fetch-site", "same-site"), ("sec-fetch-site", "cross-site")] {
        let response = reqwest::Client::new()
            .post(app.url(app::accounts::MarkNotificationsRead::PATH))
            .header(name, value)
            .header("cookie", &cookie)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "{name}: {value}");
    }
    app.finish().await;
}

#[tokio::test]
async fn racing_uploads_and_tabs_get_the_limits_they_would_get_one_by_one() {
    for backend in backends() {
        // Six uploads of one person in flight at once (the default cap is three, tested in
        // `scanning`): the per-document limit must hold under the race by itself.
        let app = TestApp::with_demo_people_from(backend, |v| v.push(("ANEF_UPLOADS_PER_PERSON".into(), "6".into()))).await;
        let sofia = app.applicant(SOFIA).await;

        // Five tabs start the same application at once: one draft.
        let starts = (0..5).map(|_| app.start_student_application(&sofia));
        let ids: Vec<String> = futures::future::join_all(starts).await;
        assert!(ids.iter().all(|id| *id == ids[0]), "{backend:?}: {ids:?}");
        let mine: Vec<app::filing::ApplicationSummary> = app.call_fn(&sofia, app::filing::MyApplications {}).await.expect("list");
        assert_eq!(mine.len(), 1, "{backend:?}");
        let draft = ids[0].clone();

        // Six uploads at once to one document: three are kept.
        let uploads = (0..6)
            .map(|i| app.upload(&sofia, &draft, STUDENT_DOCUMENTS[0], "page.pdf", format!("%PDF-1.4\n% page {i}\n%%EOF\n").into_bytes()));
        let statuses: Vec<u16> = futures::future::join_all(uploads).await.into_iter().map(|r| r.status().as_u16()).collect();
        assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{backend:?}: {statuses:?}");
        assert!(statuses.iter().all(|s| *s == 201 || *s == 422), "{statuses:?}");

        // A file stored while the file was taken in charge is not added to it.
        let filed = app.file_student_application(&app.applicant(PRIYA).await).await;
        let application = app.file(&filed).await;
        let agent = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            use server::db::entities::agent::{Column, Entity};
            let prefecture = application.prefecture_id.expect("routed");
            Entity::find().filter(Column::PrefectureId.eq(prefecture)).one(&app.state.db).await.expect("db").expect("an agent")
        };
        let take =
            server::filing::status::Change::new(app::domain::lifecycle::Action::TakeCharge, server::filing::store::Actor::Agent(agent.id));
        server::filing::status::change(&app.state.db, &app.state.clock, &application, take).await.expect("taken in charge");
        let stored = app.state.storage.put(b"%PDF-1.4\n%%EOF\n").await.expect("put");
        let late = store::NewFile {
            application_id: application.id,
            document_code: STUDENT_DOCUMENTS[0],
            original_name: "tard.pdf",
            content_type: "application/pdf",
            stored: &stored,
            held_for_scan: false,
        };
        let added = store::add_file_with_room(&app.state.db, &app.state.clock, late, 3).await.expect("db");
        assert_eq!(added.err(), Some(store::FileRefusal::Frozen), "{backend:?}");
        app.finish().await;
    }
}
