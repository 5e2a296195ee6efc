//! The administration of agents over HTTP (issue 4): an administrator lists the agents of their
//! prefecture, creates one — who logs in with the temporary password shown once and sees only
//! their prefecture's files — and resets a password; another prefecture's agents and the
//! national role are out of their reach, a national administrator's scope is every prefecture;
//! input follows the shared rules, a taken e-mail is a field error; anyone but an
//! administrator's agent session is refused; every creation and reset, and every file an agent
//! opens or downloads, is in the `agent_events` audit trail. On SQLite and PostgreSQL.

use crate::common::{backends, TestApp};
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::instruction::admin::{AgentDirectory, IssuedPassword};
use app::instruction::{QueueFilter, QueuePage};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::db::entities::{agent, agent_event};

const ADMIN: &str = "admin.palaiseau@demo.localhost";
const NATIONAL: &str = "admin.national@demo.localhost";
const DEMO_PASSWORD: &str = "Agent-2026!";

async fn login(app: &TestApp, email: &str, password: &str) -> Result<reqwest::Client, (u16, AppError)> {
    let client = app.new_client();
    let logged: Result<(), _> =
        app.call_fn(&client, app::instruction::AgentLogin { email: email.to_string(), password: password.to_string() }).await;
    logged.map(|()| client)
}

async fn queue(app: &TestApp, client: &reqwest::Client) -> Result<QueuePage, u16> {
    app.queue(client, QueueFilter::default()).await.map_err(|(status, _)| status)
}

/// Replaces the temporary password of the logged-in agent `client`.
async fn change_password(app: &TestApp, client: &reqwest::Client, current: &str, new: &str) -> Result<(), (u16, AppError)> {
    app.call_fn(
        client,
        app::instruction::ChangeAgentPassword {
            current: current.to_string(),
            password: new.to_string(),
            password_confirmation: new.to_string(),
        },
    )
    .await
}

async fn create(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    name: &str,
    prefecture: &str,
    role: &str,
) -> Result<IssuedPassword, (u16, AppError)> {
    let new = app::instruction::admin::AdminCreateAgent {
        email: email.into(),
        display_name: name.into(),
        prefecture: prefecture.into(),
        role: role.into(),
    };
    app.call_fn(client, new).await
}

async fn events(app: &TestApp, agent_id: i32) -> Vec<agent_event::Model> {
    agent_event::Entity::find().filter(agent_event::Column::AgentId.eq(agent_id)).all(&app.state.db).await.expect("events")
}

#[tokio::test]
async fn an_administrator_creates_an_agent_who_sees_only_their_prefecture() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let applicant = app.applicant("9102458731").await;
        let file = app.file_student_application(&applicant).await;

        let admin = app.agent(ADMIN).await;
        assert!(queue(&app, &admin).await.expect("queue").is_admin, "the queue's header links to the administration");
        // A prefecture's administrator sees and chooses their own prefecture's agents only.
        let palaiseau_agents = server::seed::demo_agents().iter().filter(|a| a.prefecture_code == "SP091-PAL").count();
        let directory: AgentDirectory = app.call_fn(&admin, app::instruction::admin::AdminAgents {}).await.expect("directory");
        assert_eq!(directory.administrator, "Nadia Benali");
        assert!(!directory.national);
        assert_eq!(directory.agents.len(), palaiseau_agents);
        assert!(directory.agents.iter().all(|a| a.prefecture_code == "SP091-PAL"), "{:?}", directory.agents);
        assert_eq!(
            directory.prefectures.iter().map(|p| (p.code.as_str(), p.name.as_str())).collect::<Vec<_>>(),
            [("SP091-PAL", "Sous-préfecture de Palaiseau")]
        );

        // Created in Palaiseau, with an address typed in capitals: the shown password works.
        let issued =
            create(&app, &admin, " Lucie.Moreau@Interieur.GOUV.fr ", " Lucie  MOREAU ", "SP091-PAL", "agent").await.expect("create");
        assert_eq!(issued.agent.email, "lucie.moreau@interieur.gouv.fr");
        assert_eq!(issued.agent.display_name, "Lucie MOREAU");
        assert_eq!(issued.agent.prefecture_name, "Sous-préfecture de Palaiseau");
        assert_eq!(issued.agent.role, app::domain::agents::AgentRole::Agent);
        assert_eq!(app::domain::password::check(&issued.temporary_password), Ok(()));
        let lucie = login(&app, "lucie.moreau@interieur.gouv.fr", &issued.temporary_password).await.expect("new agent logs in");
        // Nothing opens before the temporary password is replaced, by its owner.
        assert_eq!(queue(&app, &lucie).await.err(), Some(403));
        let file_first = app.call_fn(&lucie, app::instruction::AgentFile { id: file.to_string() }).await;
        assert!(matches!(file_first, Err((403, AppError::PasswordChangeRequired))), "{file_first:?}");
        let wrong = change_password(&app, &lucie, "pas-le-bon", "Lucie-Moreau-2026!").await;
        assert!(matches!(wrong, Err((_, AppError::WrongCurrentPassword))), "{wrong:?}");
        let weak = change_password(&app, &lucie, &issued.temporary_password, "faible").await;
        assert!(matches!(weak, Err((422, _))), "{weak:?}");
        change_password(&app, &lucie, &issued.temporary_password, "Lucie-Moreau-2026!").await.expect("password changed");
        let page = queue(&app, &lucie).await.expect("queue");
        assert_eq!((page.prefecture.as_str(), page.total, page.is_admin), ("Sous-préfecture de Palaiseau", 1, false));
        assert_eq!(page.items[0].id, file);

        // Another prefecture, or the national role, is not theirs to give.
        let elsewhere = create(&app, &admin, "marc.durand@interieur.gouv.fr", "Marc Durand", "P075", "administrateur").await;
        assert!(
            matches!(&elsewhere, Err((422, AppError::Validation(e))) if e.get("prefecture") == Some(&ValidationError::InvalidChoice)),
            "{backend:?}: {elsewhere:?}"
        );
        let promoted = create(&app, &admin, "marc.durand@interieur.gouv.fr", "Marc Durand", "SP091-PAL", "administrateur_national").await;
        assert!(
            matches!(&promoted, Err((422, AppError::Validation(e))) if e.get("role") == Some(&ValidationError::InvalidChoice)),
            "{backend:?}: {promoted:?}"
        );
        let lille_id = app.agent_id("agent.lille@demo.localhost").await;
        let foreign_reset = app.call_fn(&admin, app::instruction::admin::AdminResetPassword { agent_id: lille_id }).await;
        assert!(matches!(foreign_reset, Err((404, AppError::NotFound))), "{backend:?}: {foreign_reset:?}");

        // The national administrator sees every prefecture, and creates an administrator in
        // Paris, whose scope is Paris: the Palaiseau file is not theirs, nor Lucie.
        let national = app.agent(NATIONAL).await;
        let everyone: AgentDirectory = app.call_fn(&national, app::instruction::admin::AdminAgents {}).await.expect("directory");
        assert!(everyone.national);
        assert_eq!(everyone.agents.len(), server::seed::demo_agents().len() + 1, "every prefecture's, Lucie too");
        let paris =
            create(&app, &national, "marc.durand@interieur.gouv.fr", "Marc Durand", "P075", "administrateur").await.expect("create");
        assert_eq!(paris.agent.role, app::domain::agents::AgentRole::Administrator);
        let marc = login(&app, "marc.durand@interieur.gouv.fr", &paris.temporary_password).await.expect("login");
        change_password(&app, &marc, &paris.temporary_password, "Marc-Durand-2026!").await.expect("password changed");
        let page = queue(&app, &marc).await.expect("queue");
        assert_eq!((page.total, page.is_admin), (0, true));
        let foreign = app.call_fn(&marc, app::instruction::AgentFile { id: file.to_string() }).await;
        assert!(matches!(foreign, Err((404, _))), "{foreign:?}");
        let not_theirs = app.call_fn(&marc, app::instruction::admin::AdminResetPassword { agent_id: issued.agent.id }).await;
        assert!(matches!(not_theirs, Err((404, AppError::NotFound))), "{backend:?}: {not_theirs:?}");

        // Listed where they belong, and audited with who did it.
        let directory: AgentDirectory = app.call_fn(&admin, app::instruction::admin::AdminAgents {}).await.expect("directory");
        assert_eq!(directory.agents.len(), palaiseau_agents + 1);
        let admin_id = app.agent_id(ADMIN).await;
        let audit = events(&app, issued.agent.id).await;
        assert_eq!(audit.len(), 2, "created, then the agent's own password");
        assert_eq!((audit[0].action.as_str(), audit[0].source.as_str(), audit[0].actor_agent_id), ("created", "admin", Some(admin_id)));
        assert_eq!(
            (audit[1].action.as_str(), audit[1].source.as_str(), audit[1].actor_agent_id),
            ("password_changed", "self", Some(issued.agent.id))
        );
        assert_eq!(audit[0].detail.as_deref(), Some("agent SP091-PAL"));
        // The password exists nowhere in clear.
        let stored = agent::Entity::find_by_id(issued.agent.id).one(&app.state.db).await.expect("db").expect("agent");
        assert!(stored.password_hash.starts_with("$argon2id$") && !stored.password_hash.contains(&issued.temporary_password));
        app.finish().await;
    }
}

#[tokio::test]
async fn input_follows_the_shared_rules_and_a_taken_email_is_a_field_error() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let admin = app.agent(ADMIN).await;
        let before = agent::Entity::find().count(&app.state.db).await.expect("count");

        let taken = create(&app, &admin, "Agent.Lille@demo.localhost", "Autre Personne", "SP091-PAL", "agent").await;
        assert!(
            matches!(&taken, Err((422, AppError::Validation(e))) if e.get("email") == Some(&ValidationError::AgentEmailTaken) && e.0.len() == 1),
            "{taken:?}"
        );
        let empty = create(&app, &admin, "", " ", "", "").await;
        let Err((422, AppError::Validation(errors))) = &empty else { panic!("{empty:?}") };
        for field in ["email", "display_name", "prefecture", "role"] {
            assert_eq!(errors.get(field), Some(&ValidationError::Required), "{field}");
        }
        let wrong = create(&app, &admin, "pas-une-adresse", "Jean Dupont", "Paris", "chef").await;
        let Err((422, AppError::Validation(errors))) = &wrong else { panic!("{wrong:?}") };
        assert_eq!(errors.get("email"), Some(&ValidationError::InvalidEmail));
        assert_eq!(errors.get("prefecture"), Some(&ValidationError::InvalidChoice));
        assert_eq!(errors.get("role"), Some(&ValidationError::InvalidChoice));
        assert_eq!(errors.get("display_name"), None);
        // Well formed but not in the register.
        let unknown = create(&app, &admin, "jean.dupont@interieur.gouv.fr", "Jean Dupont", "P999", "agent").await;
        assert!(
            matches!(&unknown, Err((422, AppError::Validation(e))) if e.get("prefecture") == Some(&ValidationError::InvalidChoice)),
            "{unknown:?}"
        );
        assert_eq!(agent::Entity::find().count(&app.state.db).await.expect("count"), before, "nothing created");

        // The command line goes through the same creation, its checks and its audit line.
        let input = app::domain::agents::NewAgentInput {
            email: "cli@interieur.gouv.fr".into(),
            display_name: "Agent Ligne".into(),
            prefecture: "P059".into(),
            role: "agent".into(),
        };
        use server::instruction::agents::{self, AgentError, Origin};
        let weak = agents::create(&app.state.db, &app.state.clock, &app.state.passwords, &input, "court", Origin::CommandLine).await;
        assert!(matches!(&weak, Err(AgentError::Invalid(e)) if e.get("password").is_some()), "{weak:?}");
        let created = agents::create(&app.state.db, &app.state.clock, &app.state.passwords, &input, "Ligne-2026!", Origin::CommandLine)
            .await
            .expect("cli");
        let audit = events(&app, created.id).await;
        assert_eq!((audit[0].source.as_str(), audit[0].actor_agent_id), ("cli", None));
        let again = agents::create(&app.state.db, &app.state.clock, &app.state.passwords, &input, "Ligne-2026!", Origin::CommandLine).await;
        assert!(matches!(again, Err(AgentError::EmailTaken(_))), "{again:?}");
        app.finish().await;
    }
}

/// Calls `args` as each of `others` (anonymous, an applicant, an agent who is not an
/// administrator), and checks that each is refused with the right error.
async fn refused_to_non_administrators<F>(app: &TestApp, others: [(&str, &reqwest::Client); 3], args: F)
where
    F: leptos::server_fn::ServerFn + serde::Serialize + Clone,
    F::Output: serde::de::DeserializeOwned + std::fmt::Debug,
{
    for (who, client) in others {
        let answer = app.call_fn(client, args.clone()).await;
        let expected = if who == "agent" { AppError::AdminOnly } else { AppError::Unauthenticated };
        assert!(matches!(&answer, Err((_, error)) if *error == expected), "{who} {}: {answer:?}", F::PATH);
        assert_eq!(answer.err().map(|(status, _)| status), Some(expected.status()), "{who} {}", F::PATH);
    }
}

#[tokio::test]
async fn only_an_administrators_agent_session_gets_in() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let lille_id = app.agent_id("agent.lille@demo.localhost").await;
        let anonymous = app.new_client();
        let applicant = app.applicant("9102458731").await;
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        let others = [("anonymous", &anonymous), ("applicant", &applicant), ("agent", &agent)];
        refused_to_non_administrators(&app, others, app::instruction::admin::AdminAgents {}).await;
        let new = app::instruction::admin::AdminCreateAgent {
            email: "x@interieur.gouv.fr".into(),
            display_name: "X Y".into(),
            prefecture: "P075".into(),
            role: "administrateur".into(),
        };
        refused_to_non_administrators(&app, others, new).await;
        refused_to_non_administrators(&app, others, app::instruction::admin::AdminResetPassword { agent_id: lille_id }).await;
        refused_to_non_administrators(&app, others, app::instruction::admin::AdminResendEmail { id: 1 }).await;
        assert!(agent::Entity::find()
            .filter(agent::Column::Email.eq("x@interieur.gouv.fr"))
            .one(&app.state.db)
            .await
            .expect("db")
            .is_none());
        assert!(login(&app, "agent.lille@demo.localhost", DEMO_PASSWORD).await.is_ok(), "no reset happened");

        // The page says so, with the status; the queue links to it for administrators only.
        let page = agent.get(app.url("/agent/administration")).send().await.expect("page");
        let status = page.status();
        let html = page.text().await.expect("html");
        assert_eq!(status, 403, "{backend:?}: {html}");
        assert!(html.contains("réservée aux administrateurs"));
        let page = anonymous.get(app.url("/agent/administration")).send().await.expect("page");
        assert_eq!(page.status(), 401);
        let queue_page = agent.get(app.url("/agent")).send().await.expect("queue").text().await.expect("html");
        assert!(!queue_page.contains("href=\"/agent/administration\""));
        let admin = app.agent(ADMIN).await;
        let queue_page = admin.get(app.url("/agent")).send().await.expect("queue").text().await.expect("html");
        assert!(queue_page.contains("href=\"/agent/administration\""), "{backend:?}: {queue_page}");
        let page = admin.get(app.url("/agent/administration")).send().await.expect("page");
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("html");
        assert!(html.contains("Créer un compte agent") && html.contains("agent.palaiseau@demo.localhost"));
        assert!(!html.contains("agent.lille@demo.localhost"), "another prefecture's agents are not listed");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_reset_issues_a_new_password_and_ends_the_agents_sessions() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let admin = app.agent(NATIONAL).await;
        let lille = app.agent("agent.lille@demo.localhost").await;
        let lille_id = app.agent_id("agent.lille@demo.localhost").await;

        let reset: IssuedPassword =
            app.call_fn(&admin, app::instruction::admin::AdminResetPassword { agent_id: lille_id }).await.expect("reset");
        assert_eq!(reset.agent.email, "agent.lille@demo.localhost");
        assert_eq!(app::domain::password::check(&reset.temporary_password), Ok(()));
        assert_eq!(queue(&app, &lille).await.err(), Some(401), "the open session is closed");
        let old = login(&app, "agent.lille@demo.localhost", DEMO_PASSWORD).await;
        assert!(matches!(old, Err((401, AppError::InvalidCredentials))), "{old:?}");
        let again = login(&app, "agent.lille@demo.localhost", &reset.temporary_password).await.expect("new password");
        assert_eq!(queue(&app, &again).await.err(), Some(403), "a reset password is temporary too");
        change_password(&app, &again, &reset.temporary_password, "Lille-Nord-2026!").await.expect("password changed");
        assert_eq!(queue(&app, &again).await.expect("queue").prefecture, "Préfecture du Nord");
        let audit = events(&app, lille_id).await;
        assert_eq!(
            audit.iter().map(|e| (e.action.as_str(), e.source.as_str())).collect::<Vec<_>>(),
            [("created", "seed"), ("password_reset", "admin"), ("password_changed", "self")]
        );

        // An unknown agent; an administrator resetting their own password stays logged in.
        let unknown = app.call_fn(&admin, app::instruction::admin::AdminResetPassword { agent_id: 999999 }).await;
        assert!(matches!(unknown, Err((404, AppError::NotFound))), "{unknown:?}");
        let admin_id = app.agent_id(NATIONAL).await;
        let own: IssuedPassword =
            app.call_fn(&admin, app::instruction::admin::AdminResetPassword { agent_id: admin_id }).await.expect("own reset");
        assert_eq!(queue(&app, &admin).await.err(), Some(403), "still logged in, to replace it");
        change_password(&app, &admin, &own.temporary_password, "Admin-National-2026!").await.expect("own password changed");
        assert!(queue(&app, &admin).await.is_ok());
        assert!(login(&app, NATIONAL, "Admin-National-2026!").await.is_ok());

        // A temporary password left unused for longer than its 72 hours stops working.
        let unused: IssuedPassword =
            app.call_fn(&admin, app::instruction::admin::AdminResetPassword { agent_id: lille_id }).await.expect("reset");
        app.state.clock.advance(chrono::Duration::hours(73));
        let late = login(&app, "agent.lille@demo.localhost", &unused.temporary_password).await;
        assert!(matches!(late, Err((410, AppError::TemporaryPasswordExpired))), "{backend:?}: {late:?}");
        app.finish().await;
    }
}

#[tokio::test]
async fn every_file_an_agent_opens_or_downloads_is_in_their_audit_trail() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (_, id) = app.filed_student_application().await;
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        let file: app::instruction::FileView = app.call_fn(&agent, app::instruction::AgentFile { id: id.clone() }).await.expect("file");
        let joined = &file.documents[0].files[0];
        let download = agent.get(app.url(&format!("/api/agent/dossiers/{id}/fichiers/{}", joined.id))).send().await.expect("download");
        assert_eq!(download.status(), 200);
        let agent_id = app.agent_id("agent.palaiseau@demo.localhost").await;
        let reads: Vec<(String, String)> = events(&app, agent_id)
            .await
            .into_iter()
            .filter(|e| e.action.starts_with("file_"))
            .map(|e| (e.action, e.detail.unwrap_or_default()))
            .collect();
        assert_eq!(reads.len(), 2, "{backend:?}: {reads:?}");
        assert_eq!(reads[0].0, "file_viewed");
        assert_eq!(reads[0].1, file.file_number);
        assert_eq!(reads[1].0, "file_downloaded");
        assert!(reads[1].1.starts_with(&format!("{} : ", file.file_number)) && reads[1].1.contains(&joined.name), "{reads:?}");
        assert_eq!(server::audit::verify(&app.state.db).await.expect("verify").first_broken, None);
        app.finish().await;
    }
}
