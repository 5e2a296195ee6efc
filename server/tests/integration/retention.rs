//! Retention (docs/retention.md), on SQLite and PostgreSQL: nothing goes before its period;
//! past it, stale and abandoned drafts go with their files and history, read notifications,
//! contact messages and delivered e-mails go, and filed applications and the audit chains stay.

use crate::common::{backends, TestApp, STUDENT_DOCUMENTS};
use app::domain::notifications::NotificationKind;
use sea_orm::{EntityTrait, PaginatorTrait};
use server::db::entities::{application, contact_message, email, notification};
use server::retention::{purge, Purged};

#[tokio::test]
async fn each_kind_of_data_goes_at_the_end_of_its_period() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let db = &app.state.db;
        // A filed application (kept), a draft with a file, an abandoned draft.
        let (_, filed) = app.filed_student_application().await;
        let priya = app.applicant("9101837465").await;
        let draft = app.start_student_application(&priya).await;
        let joined = app.upload(&priya, &draft, STUDENT_DOCUMENTS[0], "scan.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()).await;
        assert_eq!(joined.status(), 201);
        let lukasz = app.applicant("5901284736").await;
        let abandoned = app.start_student_application(&lukasz).await;
        app.call_fn(&lukasz, app::filing::AbandonApplication { id: abandoned }).await.expect("abandon");
        // A read notification, a contact message, delivered e-mails (the receipt among them).
        let account = app.account_of("9101837465").await;
        server::notifications::notify(db, &app.state.clock, account, None, NotificationKind::EmailChanged).await.expect("notify");
        app.call_fn(&priya, app::accounts::MarkNotificationsRead {}).await.expect("read");
        let message = app::accounts::ContactMessage {
            name: "Ana Lima".into(),
            email: "ana@example.fr".into(),
            subject: "Question".into(),
            message: "Bonjour, une question sur mon dossier.".into(),
        };
        app.call_fn_default(app::accounts::SendContactMessage { message }).await.expect("contact");
        app.drain_outbox().await;
        let count_all = || async {
            (
                application::Entity::find().count(db).await.expect("applications"),
                notification::Entity::find().count(db).await.expect("notifications"),
                contact_message::Entity::find().count(db).await.expect("contact"),
                email::Entity::find().count(db).await.expect("emails"),
            )
        };
        let before = count_all().await;
        assert_eq!(before.0, 3, "{backend:?}");

        // Four weeks on: nothing is due yet.
        app.state.clock.advance(chrono::Duration::days(28));
        assert_eq!(purge(&app.state).await.expect("purge"), Purged::default(), "{backend:?}");
        assert_eq!(count_all().await, before);

        // A year on: everything but the filed application is past its period.
        app.state.clock.advance(chrono::Duration::days(340));
        let purged = purge(&app.state).await.expect("purge");
        assert_eq!(purged.drafts, 2, "{backend:?}: {purged:?}");
        assert!(purged.notifications >= 1 && purged.contact_messages == 1 && purged.emails >= 3, "{backend:?}: {purged:?}");
        let left: Vec<application::Model> = application::Entity::find().all(db).await.expect("applications");
        assert_eq!(left.iter().map(|a| a.public_id.as_str()).collect::<Vec<_>>(), [filed.as_str()]);
        assert_eq!(store_files_of_drafts(&app).await, 0, "{backend:?}: the drafts' files are gone");
        assert_eq!(server::audit::verify(db).await.expect("verify").first_broken, None, "{backend:?}");
        app.finish().await;
    }
}

/// Files left on applications that are not the filed one.
async fn store_files_of_drafts(app: &TestApp) -> usize {
    let files = server::db::entities::application_file::Entity::find().all(&app.state.db).await.expect("files");
    let filed: Vec<i32> = application::Entity::find().all(&app.state.db).await.expect("applications").iter().map(|a| a.id).collect();
    files.iter().filter(|f| !filed.contains(&f.application_id)).count()
}
