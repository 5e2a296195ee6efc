//! The stage tracker and the delay figures on SQLite and PostgreSQL: a filed file's stages, its
//! place among the files waiting to be taken, and the estimate of its decision from the
//! prefecture's decisions of the last 90 days for the same procedure (hidden below the
//! minimum); the public page's figures per prefecture.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::common::{backends, TestApp};
use app::domain::tracker::{DelayFigures, Stage};
use server::clock::to_domain_date;
use server::db::entities::{application, application_event, prefecture};

/// A file of `procedure` in `status` at `prefecture_id`, filed at `filed_at`.
async fn file_row(
    app: &TestApp,
    account_id: i32,
    prefecture_id: i32,
    procedure: &str,
    status: &str,
    filed_at: chrono::DateTime<Utc>,
) -> application::Model {
    application::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        account_id: Set(account_id),
        procedure: Set(procedure.into()),
        request_kind: Set("renouvellement".into()),
        status: Set(status.into()),
        answers: Set("{}".into()),
        current_step: Set("recapitulatif".into()),
        recap_validated: Set("[]".into()),
        version: Set(3),
        prefecture_id: Set(Some(prefecture_id)),
        submitted_at: Set(Some(filed_at)),
        created_at: Set(filed_at - Duration::days(1)),
        updated_at: Set(filed_at),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .expect("file")
}

/// A file of `procedure` decided `ago` days ago by `prefecture_id`, `delay` days after its filing.
async fn decided(app: &TestApp, account_id: i32, prefecture_id: i32, procedure: &str, delay: i64, ago: i64) {
    let decided_at = Utc::now() - Duration::days(ago);
    let file = file_row(app, account_id, prefecture_id, procedure, "decision_favorable", decided_at - Duration::days(delay)).await;
    application_event::ActiveModel {
        application_id: Set(file.id),
        actor_kind: Set("agent".into()),
        action: Set("decide_favourable".into()),
        from_status: Set(Some("en_instruction".into())),
        to_status: Set("decision_favorable".into()),
        created_at: Set(decided_at),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .expect("decision event");
}

async fn prefecture_id(app: &TestApp, code: &str) -> i32 {
    prefecture::Entity::find().filter(prefecture::Column::Code.eq(code)).one(&app.state.db).await.expect("query").expect("prefecture").id
}

async fn tracker(app: &TestApp, client: &reqwest::Client) -> app::accounts::TrackerView {
    let account: app::accounts::AccountView = app.call_fn(client, app::accounts::LoadAccount {}).await.expect("account");
    account.files[0].tracker.clone().expect("a tracker")
}

#[tokio::test]
async fn the_estimate_comes_from_the_prefectures_recent_decisions_and_the_file_knows_its_place() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let palaiseau = prefecture_id(&app, "SP091-PAL").await;
        let etampes = prefecture_id(&app, "SP091-ETA").await;
        let owner = app.account_of("9101837465").await;
        // One file waits in Palaiseau since yesterday: the one filed now comes second.
        file_row(&app, owner, palaiseau, "etudiant", "deposee", Utc::now() - Duration::days(1)).await;

        let (sofia, id) = app.filed_student_application().await;
        let view = tracker(&app, &sofia).await;
        let today = to_domain_date(Utc::now().date_naive()).to_french();
        assert_eq!(view.stages[0].stage, Stage::Filed);
        assert_eq!(view.stages[0].reached_on.as_deref(), Some(today.as_str()));
        assert!(view.stages[1..].iter().all(|s| s.reached_on.is_none()));
        assert_eq!(view.position, Some(2), "{backend:?}");
        assert!(view.awaiting_decision);
        assert_eq!(view.estimate, None, "too few decisions");

        // Six decisions in the window (20 to 70 days), one too old, one elsewhere, one of another procedure.
        for delay in [20, 30, 40, 50, 60, 70] {
            decided(&app, owner, palaiseau, "etudiant", delay, 10).await;
        }
        decided(&app, owner, palaiseau, "etudiant", 5, 100).await;
        decided(&app, owner, etampes, "etudiant", 5, 10).await;
        decided(&app, owner, palaiseau, "passeport_talent_chercheur", 5, 10).await;
        let view = tracker(&app, &sofia).await;
        let estimate = view.estimate.expect("an estimate");
        let filed = Utc::now().date_naive();
        assert_eq!(estimate.from, to_domain_date(filed + Duration::days(40)).to_french(), "{backend:?}");
        assert_eq!(estimate.to, to_domain_date(filed + Duration::days(70)).to_french());
        assert_eq!(estimate.count, 6);

        // The same figures on the public page, for anyone.
        let delays: app::tracker::DelaysView =
            app.call_fn_default(app::tracker::LoadDelays { prefecture: Some("SP091-PAL".into()) }).await.expect("delays");
        let selected = delays.selected.expect("Palaiseau");
        let student = selected.procedures.iter().find(|p| p.procedure.to_string() == "etudiant").expect("row");
        assert_eq!(student.figures, Some(DelayFigures { median: 40, ninth_decile: 70, count: 6 }));
        assert_eq!(student.waiting, 2);
        let researcher = selected.procedures.iter().find(|p| p.procedure.to_string() == "passeport_talent_chercheur").expect("row");
        assert_eq!(researcher.figures, None, "one decision is too few");
        assert!(delays.prefectures.len() > 100);
        let unknown = app.call_fn_default(app::tracker::LoadDelays { prefecture: Some("NOPE".into()) }).await;
        assert!(matches!(unknown, Err((422, _))), "{unknown:?}");

        // Taken in charge: checked today, no place in the waiting line any more.
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        app.call_fn(&agent, app::instruction::AgentAct { id: id.clone(), action: "take_charge".into(), note: None }).await.expect("take");
        let view = tracker(&app, &sofia).await;
        assert_eq!(view.stages[1].reached_on.as_deref(), Some(today.as_str()));
        assert_eq!(view.position, None);
        assert!(view.estimate.is_some());
        app.finish().await;
    }
}
