//! Registration of a visa holder in AGDREF by the agent (SPEC §2, §6), over HTTP on SQLite and
//! PostgreSQL: the person is created with a new numéro étranger, two e-mails go out (identifier;
//! temporary password), the visa sessions end, the next login goes through the password change
//! and the files stay in the same account. Refused for title holders, for another prefecture's
//! agent, for applicants, and a second time.

use crate::common::{backends, TestApp};
use app::accounts::LoginOutcome;
use app::error::AppError;
use app::filing::ApplicationSummary;
use app::instruction::{FileView, RegistrationDone, RegistrationRefusal};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::{account, person, session, visa};

/// The visa the server tests register (the end-to-end suite uses others: README of the seed).
const VISA: &str = "FRA261227519";
const EMAIL: &str = "mamadou.sy@example.fr";

async fn register(app: &TestApp, client: &reqwest::Client, id: &str) -> Result<RegistrationDone, (u16, AppError)> {
    app.call_fn(client, app::instruction::AgentRegisterInAgdref { id: id.to_string() }).await
}

/// The text that follows `label` in a mail, up to the end of the line.
fn after(raw: &str, label: &str) -> String {
    let start = raw.find(label).unwrap_or_else(|| panic!("no {label:?} in {raw}")) + label.len();
    raw[start..].split_whitespace().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn an_agent_registers_a_visa_holder_who_then_logs_in_with_the_new_numero() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_agents(&app.state.db, &app.state.clock).await.expect("demo agents");
        let applicant = app.visa_holder(VISA, EMAIL).await;
        // Filed from Palaiseau (91477): the Palaiseau sub-prefecture instructs it.
        let id = app.file_student_application(&applicant).await;
        let palaiseau = app.agent("agent.palaiseau@demo.localhost").await;
        let file: FileView = app.call_fn(&palaiseau, app::instruction::AgentFile { id: id.to_string() }).await.expect("file");
        assert!(file.can_register_in_agdref, "{backend:?}: a visa holder without numéro");
        assert_eq!(file.civil_status.numero_etranger, None);

        // Neither the applicant nor another prefecture's agent may do it.
        let as_applicant = register(&app, &applicant, &id).await;
        assert!(matches!(as_applicant, Err((401, AppError::Unauthenticated))), "{backend:?}: {as_applicant:?}");
        let lille = app.agent("agent.lille@demo.localhost").await;
        let foreign = register(&app, &lille, &id).await;
        assert!(matches!(foreign, Err((404, AppError::NotFound))), "{backend:?}: {foreign:?}");

        let done = register(&app, &palaiseau, &id).await.expect("registered");
        let numero = done.numero_etranger.clone();
        assert_eq!(numero.len(), 10, "{numero}");
        assert!(numero.bytes().all(|b| b.is_ascii_digit()), "{numero}");
        assert!(numero.starts_with("91"), "numbered by the Essonne prefecture: {numero}");
        assert_eq!(done.email, EMAIL);
        assert_eq!(done.file.civil_status.numero_etranger.as_deref(), Some(numero.as_str()));
        assert!(!done.file.can_register_in_agdref);
        let event = done.file.history.last().expect("event");
        assert_eq!(event.action, "Demandeur enregistré dans AGDREF");
        assert_eq!(event.actor, "Agent de préfecture");
        assert_eq!((event.from_status.map(|s| s.as_str()), event.to_status.as_str()), (Some("deposee"), "deposee"), "not a transition");
        assert!(event.detail.as_deref().is_some_and(|d| d.contains(&numero)), "{event:?}");
        assert_eq!(done.file.status.as_str(), "deposee");

        // AGDREF: the visa's civil status, the file's address; the visa and the account point to it.
        let db = &app.state.db;
        let created = person::Entity::find().filter(person::Column::NumeroEtranger.eq(&numero)).one(db).await.expect("q").expect("person");
        assert_eq!((created.birth_name.as_str(), created.given_names.as_str()), ("Sy", "Mamadou Lamine"));
        assert_eq!((created.nationality.as_str(), created.birth_date.to_string().as_str()), ("SN", "2004-08-30"));
        assert_eq!((created.street.as_str(), created.postal_code.as_str()), ("12 rue de la Hunière", "91120"));
        assert_eq!((created.city.as_str(), created.insee_code.as_str()), ("Palaiseau", "91477"));
        assert_eq!(created.phone.as_deref(), Some("06 12 34 56 78"));
        let the_visa = visa::Entity::find().filter(visa::Column::VisaNumber.eq(VISA)).one(db).await.expect("q").expect("visa");
        assert_eq!(the_visa.person_id, Some(created.id));
        let owner = account::Entity::find().filter(account::Column::Email.eq(EMAIL)).one(db).await.expect("q").expect("account");
        assert_eq!((owner.person_id, owner.visa_id), (Some(created.id), Some(the_visa.id)), "same account, visa kept");
        assert!(owner.must_change_password);
        assert!(owner.password_hash.as_deref().is_some_and(|h| h.starts_with("$argon2id$")));
        let sessions = session::Entity::find().filter(session::Column::AccountId.eq(owner.id)).all(db).await.expect("q");
        assert!(sessions.is_empty(), "{backend:?}: the visa sessions are ended");

        // Two e-mails: the identifier, then the temporary password, each without the other.
        let mails = app.mails_to(EMAIL).await;
        let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
        let n = mails.len();
        assert!(n >= 2, "{subjects:?}");
        let (identifier, secret) = (&mails[n - 2], &mails[n - 1]);
        assert_eq!(
            (identifier.subject.as_str(), secret.subject.as_str()),
            ("Votre identifiant de connexion", "Votre mot de passe provisoire")
        );
        assert_eq!(after(&identifier.raw, "votre numéro étranger : "), numero);
        let password = after(&secret.raw, "Votre mot de passe provisoire est : ");
        assert_eq!(app::domain::password::check(&password), Ok(()), "{password}");
        assert!(!secret.raw.contains(&numero), "the password mail does not carry the identifier");
        assert!(!identifier.raw.contains(&password), "the identifier mail does not carry the password");
        assert!(identifier.raw.contains(&format!("{}/connexion", app.base_url)));

        // The old visa session is over.
        let stale = app.call_fn(&applicant, app::filing::MyApplications {}).await;
        assert!(matches!(stale, Err((401, _))), "{backend:?}: {stale:?}");

        // Registering twice is refused, with its reason.
        let again = register(&app, &palaiseau, &id).await;
        assert!(matches!(again, Err((409, AppError::Registration(RegistrationRefusal::AlreadyRegistered)))), "{again:?}");

        // The temporary password lasts 72 hours: later, it is refused with what to do.
        app.state.clock.advance(chrono::Duration::hours(73));
        let late =
            app.call_fn(&app.new_client(), app::accounts::Login { identifier: numero.to_string(), password: password.to_string() }).await;
        assert!(matches!(late, Err((410, AppError::TemporaryPasswordExpired))), "{backend:?}: {late:?}");
        app.state.clock.advance(chrono::Duration::hours(-73));

        // Next login: numéro + temporary password, straight to the password change; nothing
        // else is open until then.
        let browser = app.new_client();
        let outcome: LoginOutcome = app
            .call_fn(&browser, app::accounts::Login { identifier: numero.to_string(), password: password.to_string() })
            .await
            .expect("login with the temporary password");
        assert_eq!(outcome.next, "/mot-de-passe/modifier");
        let blocked = app.call_fn(&browser, app::filing::MyApplications {}).await;
        assert!(matches!(blocked, Err((403, AppError::PasswordChangeRequired))), "{blocked:?}");
        let _: () = app
            .call_fn(
                &browser,
                app::accounts::ChangePassword {
                    current: password.to_string(),
                    password: "Mamadou-2026!".into(),
                    password_confirmation: "Mamadou-2026!".into(),
                },
            )
            .await
            .expect("password changed");
        let list: Vec<ApplicationSummary> = app.call_fn(&browser, app::filing::MyApplications {}).await.expect("list");
        assert_eq!(list.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), [id.as_str()], "the file stays in the account");
        let user = app.call_fn(&browser, app::accounts::SessionUser {}).await.expect("user");
        assert!(user.is_some_and(|u| u.has_numero_etranger && !u.must_change_password && u.unread_notifications == 1));
        // The account says it too: a notification, and the registration in the file's timeline.
        let account: app::accounts::AccountView = app.call_fn(&browser, app::accounts::LoadAccount {}).await.expect("account");
        assert!(account.notifications[0].text.contains("Vous êtes enregistré(e)"), "{:?}", account.notifications);
        assert!(account.files[0].timeline.iter().any(|e| e.label == "Demandeur enregistré dans AGDREF"), "{:?}", account.files[0].timeline);

        // The new password works; the temporary one no longer does.
        let fresh = app.new_client();
        let old = app.call_fn(&fresh, app::accounts::Login { identifier: numero.to_string(), password: password.to_string() }).await;
        assert!(matches!(old, Err((401, AppError::InvalidCredentials))), "{old:?}");
        let outcome: LoginOutcome = app
            .call_fn(&fresh, app::accounts::Login { identifier: numero.to_string(), password: "Mamadou-2026!".into() })
            .await
            .expect("login");
        assert_eq!(outcome.next, "/demarches");

        // The agent's queue now shows the numéro, and finds the file by it.
        let file: FileView = app.call_fn(&palaiseau, app::instruction::AgentFile { id: id.to_string() }).await.expect("file");
        assert_eq!(file.civil_status.numero_etranger.as_deref(), Some(numero.as_str()));
        app.finish().await;
    }
}

#[tokio::test]
async fn a_title_holder_is_not_registered_again() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (applicant, id) = app.filed_student_application().await;
        let palaiseau = app.agent("agent.palaiseau@demo.localhost").await;
        let file: FileView = app.call_fn(&palaiseau, app::instruction::AgentFile { id: id.to_string() }).await.expect("file");
        assert!(!file.can_register_in_agdref);
        let refused = register(&app, &palaiseau, &id).await;
        assert!(matches!(refused, Err((409, AppError::Registration(RegistrationRefusal::NotVisaHolder)))), "{backend:?}: {refused:?}");
        // Nothing was sent and the applicant's session goes on.
        let list = app.call_fn(&applicant, app::filing::MyApplications {}).await.expect("still logged in");
        assert_eq!(list.len(), 1);
        assert!(app.mails_to("sofia.hernandez@demo.localhost").await.iter().all(|m| !m.subject.contains("provisoire")));
        app.finish().await;
    }
}

#[tokio::test]
async fn two_agents_registering_at_once_create_one_person() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_agents(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let applicant = app.visa_holder(VISA, EMAIL).await;
        let id = app.file_student_application(&applicant).await;
        let (first, second) = (app.agent("agent.palaiseau@demo.localhost").await, app.agent("admin.palaiseau@demo.localhost").await);
        let (a, b) = tokio::join!(register(&app, &first, &id), register(&app, &second, &id));
        let outcomes = [&a, &b];
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "{backend:?}: {a:?} / {b:?}");
        assert!(
            outcomes.iter().any(|o| matches!(o, Err((409, AppError::Registration(RegistrationRefusal::AlreadyRegistered))))),
            "{backend:?}: {a:?} / {b:?}"
        );
        let the_visa = visa::Entity::find().filter(visa::Column::VisaNumber.eq(VISA)).one(&app.state.db).await.expect("q").expect("v");
        let persons = person::Entity::find()
            .filter(person::Column::BirthName.eq(the_visa.birth_name.as_str()))
            .filter(person::Column::GivenNames.eq(the_visa.given_names.as_str()))
            .all(&app.state.db)
            .await
            .expect("q");
        assert_eq!(persons.len(), 1, "{backend:?}: the loser's person row is rolled back");
        let secrets = app.mails_to(EMAIL).await.into_iter().filter(|m| m.subject.contains("provisoire")).count();
        assert_eq!(secrets, 1, "{backend:?}: one temporary password sent");
        app.finish().await;
    }
}
