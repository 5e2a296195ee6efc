//! The audit trails are tamper-evident: on SQLite and PostgreSQL, a line edited, removed or
//! forged in SQL is found by `audit::verify`, which names the first broken link.

use crate::common::{backends, TestApp};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};
use server::audit::{verify, Trail};
use server::db::entities::{agent_event, application_event};

async fn sql(app: &TestApp, statement: &str) {
    let backend = app.state.db.get_database_backend();
    app.state.db.execute(Statement::from_string(backend, statement.to_owned())).await.expect(statement);
}

/// The demo student's filed application, taken in charge: lines in both kinds of trail.
async fn filed_and_taken_in_charge(app: &TestApp) -> String {
    let (_, id) = app.filed_student_application().await;
    let agent = app.agent("agent.palaiseau@demo.localhost").await;
    let _: app::instruction::FileView = app
        .call_fn(&agent, app::instruction::AgentAct { id: id.clone(), action: "take_charge".into(), note: None })
        .await
        .expect("take charge");
    id
}

#[tokio::test]
async fn an_edited_or_removed_line_breaks_the_chain() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        filed_and_taken_in_charge(&app).await;

        let intact = verify(&app.state.db).await.expect("verify");
        assert_eq!(intact.first_broken, None, "{backend:?}");
        assert_eq!(intact.lines_before_chain, 0);
        let lines = application_event::Entity::find().order_by_asc(application_event::Column::Id).all(&app.state.db).await.expect("lines");
        assert!(lines.len() >= 2 && intact.lines_checked >= lines.len(), "{intact:?}");

        // The agents' trail: a seeded "created" line rewritten to blame an agent, then put back.
        let first = agent_event::Entity::find().order_by_asc(agent_event::Column::Id).one(&app.state.db).await.expect("db").expect("line");
        sql(&app, &format!("UPDATE agent_events SET actor_agent_id = {} WHERE id = {}", first.agent_id, first.id)).await;
        let forged = verify(&app.state.db).await.expect("verify").first_broken.expect("the forgery is found");
        assert_eq!((forged.trail, forged.line_id), (Trail::Agent, Some(first.id)), "{backend:?}: {forged}");
        let original = first.actor_agent_id.map_or("NULL".to_owned(), |id| id.to_string());
        sql(&app, &format!("UPDATE agent_events SET actor_agent_id = {original} WHERE id = {}", first.id)).await;
        assert_eq!(verify(&app.state.db).await.expect("verify").first_broken, None, "{backend:?}: put back");

        // Someone with SQL access rewrites who took the file in charge.
        let taken = lines.last().expect("the last line");
        sql(&app, &format!("UPDATE application_events SET detail = 'rien' WHERE id = {}", taken.id)).await;
        let edited = verify(&app.state.db).await.expect("verify").first_broken.expect("the edit is found");
        assert_eq!((edited.trail, edited.line_id), (Trail::Application, Some(taken.id)), "{backend:?}: {edited}");
        assert_eq!(edited.reason, "its content does not match its hash");

        // Removing that line instead leaves the file's head pointing at nothing.
        sql(&app, &format!("DELETE FROM application_events WHERE id = {}", taken.id)).await;
        let cut = verify(&app.state.db).await.expect("verify").first_broken.expect("the removal is found");
        assert_eq!((cut.owner_id, cut.line_id), (taken.application_id, None), "{backend:?}: {cut}");
        app.finish().await;
    }
}

/// Cutting a trail's end and pointing its row at the earlier hash passes the chain's own check
/// (a hash is copied without the key); the heads anchored outside the database catch it.
#[tokio::test]
async fn a_trail_cut_behind_a_moved_head_is_caught_by_the_anchors() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let id = filed_and_taken_in_charge(&app).await;
        let anchors = server::audit::anchors(&app.state.db).await.expect("anchors");
        let file = app.file(&id).await;
        assert!(anchors.iter().any(|a| a.owner_id == file.id && a.trail == "application_events"), "{backend:?}");
        assert_eq!(server::audit::check_anchors(&app.state.db, &anchors).await.expect("check"), None, "{backend:?}: intact");

        let lines = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(file.id))
            .order_by_asc(application_event::Column::Id)
            .all(&app.state.db)
            .await
            .expect("lines");
        let (last, before) = (&lines[lines.len() - 1], &lines[lines.len() - 2]);
        sql(&app, &format!("DELETE FROM application_events WHERE id = {}", last.id)).await;
        let previous = before.hash.clone().expect("a sealed line");
        sql(&app, &format!("UPDATE applications SET audit_head = '{previous}' WHERE id = {}", file.id)).await;
        assert_eq!(verify(&app.state.db).await.expect("verify").first_broken, None, "{backend:?}: the chain alone cannot tell");
        let cut = server::audit::check_anchors(&app.state.db, &anchors).await.expect("check").expect("the anchor catches it");
        assert_eq!((cut.trail, cut.owner_id, cut.line_id), (Trail::Application, file.id, None), "{backend:?}: {cut}");
        app.finish().await;
    }
}
