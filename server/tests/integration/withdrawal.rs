//! Withdrawal on SQLite and PostgreSQL: the applicant withdraws a filed application until the
//! decision (with or without a reason); the file is closed without a decision, its history
//! says so, the attestation de prolongation stops, silence no longer becomes a rejection, and
//! the agent in charge is told. Nobody else can withdraw it, and a decided file cannot be.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::common::{backends, TestApp};
use app::domain::lifecycle::{FileStatus, WITHDRAWAL_REASON_MAX};
use server::db::entities::{agent, application_event, issued_document};
use server::lawful_stay::attestations::PROLONGATION;

const AGENT: &str = "agent.palaiseau@demo.localhost";

fn withdraw(id: &str, reason: &str) -> app::filing::WithdrawApplication {
    app::filing::WithdrawApplication { id: id.to_string(), reason: reason.to_string() }
}

#[tokio::test]
async fn an_applicant_withdraws_a_filed_application_until_the_decision() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id) = app.filed_student_application().await;
        let agent = app.agent(AGENT).await;
        app.act(&agent, &id, "take_charge").await;

        // Nobody else: not a visitor, not another applicant, not an agent.
        let anonymous = app.call_fn_default(withdraw(&id, "")).await;
        assert!(matches!(anonymous, Err((401, _))), "{anonymous:?}");
        let priya = app.applicant("9101837465").await;
        let foreign = app.call_fn(&priya, withdraw(&id, "")).await;
        assert!(matches!(foreign, Err((404, _))), "{foreign:?}");
        let by_agent = app.call_fn(&agent, withdraw(&id, "")).await;
        assert!(matches!(by_agent, Err((401, _))), "{by_agent:?}");
        // A reason too long is explained, and nothing changes.
        let long = app.call_fn(&sofia, withdraw(&id, &"x".repeat(WITHDRAWAL_REASON_MAX + 1))).await;
        let Err((422, error)) = long else { panic!("{long:?}") };
        assert!(error.field_errors().and_then(|f| f.get("reason")).is_some(), "{error:?}");
        assert_eq!(app.file(&id).await.status, FileStatus::EnInstruction.as_str());

        app.call_fn(&sofia, withdraw(&id, "  J'ai obtenu un titre dans un autre pays.  ")).await.expect("withdraw");
        let withdrawn = app.file(&id).await;
        assert_eq!(withdrawn.status, FileStatus::Cloturee.as_str(), "{backend:?}");
        assert_eq!(withdrawn.implicit_decision_on, None, "no silence to become a rejection");
        let last = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(withdrawn.id))
            .order_by_desc(application_event::Column::Id)
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("event");
        assert_eq!((last.action.as_str(), last.actor_kind.as_str()), ("withdraw", "applicant"));
        assert_eq!(last.detail.as_deref(), Some("J'ai obtenu un titre dans un autre pays."));
        let attestations = issued_document::Entity::find()
            .filter(issued_document::Column::ApplicationId.eq(withdrawn.id))
            .filter(issued_document::Column::Kind.eq(PROLONGATION))
            .all(&app.state.db)
            .await
            .expect("attestations");
        assert!(!attestations.is_empty() && attestations.iter().all(|a| a.ended_reason.as_deref() == Some("withdraw")), "{attestations:?}");
        let told = app.last_mail_to(AGENT).await;
        assert!(told.subject.contains("retirée"), "{}", told.subject);
        assert!(told.raw.contains("autre pays"), "the reason is passed on");
        let account: app::accounts::AccountView = app.call_fn(&sofia, app::accounts::LoadAccount {}).await.expect("account");
        assert!(account.files[0].timeline.iter().any(|e| e.label.contains("classée sans suite")));
        assert_eq!(account.files[0].attestation_until, None);

        // Once closed, or once decided, it cannot be withdrawn.
        let again = app.call_fn(&sofia, withdraw(&id, "")).await;
        assert!(matches!(again, Err((409, _))), "{again:?}");
        let procedure = app::domain::catalogue::procedure("passeport_talent_chercheur").expect("procedure");
        let (researcher, decided) = app.filed_application(procedure).await;
        // An agent of the prefecture the file was routed to.
        let prefecture_id = app.file(&decided).await.prefecture_id.expect("routed");
        let competent = agent::Entity::find()
            .filter(agent::Column::PrefectureId.eq(prefecture_id))
            .filter(agent::Column::IsAdmin.eq(false))
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("a demo agent in every prefecture");
        let agent = app.agent(&competent.email).await;
        app.act(&agent, &decided, "take_charge").await;
        app.act(&agent, &decided, "decide_favourable").await;
        let late = app.call_fn(&researcher, withdraw(&decided, "")).await;
        assert!(matches!(late, Err((409, _))), "{late:?}");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}
