//! The applicant's account page over HTTP, on SQLite and PostgreSQL: civil status and the
//! register's address; a declared address checked by the wizard's rules and used by the next
//! application; an e-mail change confirmed from the new mailbox (the old one is told); in-app
//! notifications from the agents' actions with the header's unread counter, opened only by
//! their owner; each filed file's timeline and documents; the "titre disponible" e-mail with
//! where to collect the card.

use crate::common::{backends, TestApp};
use app::accounts::{AccountView, CurrentUser};
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::filing::DraftView;

const SOFIA: &str = "9102458731";
const SOFIA_EMAIL: &str = "sofia.hernandez@demo.localhost";

async fn account(app: &TestApp, client: &reqwest::Client) -> AccountView {
    app.call_fn(client, app::accounts::LoadAccount {}).await.expect("account")
}

async fn unread(app: &TestApp, client: &reqwest::Client) -> u64 {
    let user: Option<CurrentUser> = app.call_fn(client, app::accounts::SessionUser {}).await.expect("session");
    user.expect("logged in").unread_notifications
}

async fn update_contact(
    app: &TestApp,
    client: &reqwest::Client,
    contact: serde_json::Value,
) -> Result<app::domain::catalogue::Answers, (u16, AppError)> {
    app.call_fn(client, TestApp::args::<app::accounts::UpdateContact>(serde_json::json!({ "contact": contact }))).await
}

#[tokio::test]
async fn the_account_shows_and_updates_the_applicants_details() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let anonymous = app.call_fn_default(app::accounts::LoadAccount {}).await;
        assert!(matches!(anonymous, Err((401, _))), "{anonymous:?}");

        let sofia = app.applicant(SOFIA).await;
        let view = account(&app, &sofia).await;
        assert_eq!(view.civil_status.numero_etranger.as_deref(), Some(SOFIA));
        assert_eq!((view.civil_status.email.as_str(), view.files.len(), view.unread_notifications), (SOFIA_EMAIL, 0, 0));
        // Until she declares one, the register's address.
        assert_eq!(view.contact.get("adresse_voie"), Some("12 rue de la Hunière"));
        assert_eq!(view.contact.get("telephone"), Some("06 39 98 01 23"));

        // The wizard's rules, field by field; nothing is stored.
        let refused = update_contact(
            &app,
            &sofia,
            serde_json::json!({"adresse_voie": "", "adresse_code_postal": "9112", "adresse_commune": "Lille",
                "adresse_code_insee": "59350", "telephone": "12345"}),
        )
        .await;
        let Err((422, AppError::Validation(errors))) = refused else { panic!("{backend:?}: {refused:?}") };
        assert_eq!(errors.get("adresse_voie"), Some(&ValidationError::Required));
        assert_eq!(errors.get("adresse_code_postal"), Some(&ValidationError::InvalidPostalCode));
        assert_eq!(errors.get("telephone"), Some(&ValidationError::InvalidPhone));
        assert_eq!(account(&app, &sofia).await.contact.get("adresse_commune"), Some("Palaiseau"));

        // She moved: only the contact fields are kept, the old complement does not stick.
        let saved = update_contact(
            &app,
            &sofia,
            serde_json::json!({"adresse_voie": "8 rue Nationale", "adresse_code_postal": "59000", "adresse_commune": "Lille",
                "adresse_code_insee": "59350", "telephone": "07 11 22 33 44", "situation_familiale": "marie"}),
        )
        .await;
        assert!(saved.is_ok(), "{backend:?}: {saved:?}");
        let view = account(&app, &sofia).await;
        assert_eq!(view.contact.get("adresse_commune"), Some("Lille"));
        assert_eq!(view.contact.get("adresse_complement"), None);
        assert_eq!(view.contact.get("situation_familiale"), None);
        // The next application starts from the declared address.
        let id: String = app.start_student_application(&sofia).await;
        let draft: DraftView = app.call_fn(&sofia, app::filing::LoadDraft { id: id.to_string() }).await.expect("draft");
        assert_eq!(draft.answers.get("adresse_voie"), Some("8 rue Nationale"), "{backend:?}");
        assert_eq!(draft.answers.get("telephone"), Some("07 11 22 33 44"));
        assert_eq!(draft.answers.get("adresse_complement"), None);

        // A new e-mail address: the same one, or a mismatch, is refused.
        let change = |email: &str, confirmation: &str, current: &str| app::accounts::RequestEmailChange {
            email: email.into(),
            email_confirmation: confirmation.into(),
            current: current.into(),
        };
        let same = app.call_fn(&sofia, change(SOFIA_EMAIL, SOFIA_EMAIL, "Demo-2026!")).await;
        assert!(
            matches!(&same, Err((422, AppError::Validation(e))) if e.get("email") == Some(&ValidationError::EmailUnchanged)),
            "{same:?}"
        );
        let mismatch = app.call_fn(&sofia, change("sofia@new.localhost", "x@y.fr", "Demo-2026!")).await;
        assert!(matches!(mismatch, Err((422, _))), "{mismatch:?}");
        // Whoever finds her session open cannot move the account without her password.
        let no_password = app.call_fn(&sofia, change("sofia@new.localhost", "sofia@new.localhost", "")).await;
        assert!(
            matches!(&no_password, Err((422, AppError::Validation(e))) if e.get("current") == Some(&ValidationError::Required)),
            "{no_password:?}"
        );
        let wrong = app.call_fn(&sofia, change("sofia@new.localhost", "sofia@new.localhost", "Devine-2026!")).await;
        assert!(matches!(wrong, Err((422, AppError::WrongCurrentPassword))), "{wrong:?}");
        assert!(app.mails_to("sofia@new.localhost").await.is_empty(), "no link sent");
        // A reset link asked before the change must not outlive it.
        let _: () = app.call_fn_default(app::accounts::RequestPasswordReset { identifier: SOFIA.to_string() }).await.expect("reset asked");
        let reset_token = app.last_mail_to(SOFIA_EMAIL).await.token("/mot-de-passe/reinitialiser");
        let asked: Result<(), _> = app.call_fn(&sofia, change("sofia@new.localhost", "sofia@new.localhost", "Demo-2026!")).await;
        assert!(asked.is_ok(), "{asked:?}");
        // Nothing changes until the link is followed.
        assert_eq!(account(&app, &sofia).await.civil_status.email, SOFIA_EMAIL);
        let token = app.last_mail_to("sofia@new.localhost").await.token("/compte/courriel/confirmer");
        let confirmed: String =
            app.call_fn(&app.new_client(), app::accounts::ConfirmEmailChange { token: token.to_string() }).await.expect("confirm");
        assert_eq!(confirmed, "sofia@new.localhost");
        let again = app.call_fn(&app.new_client(), app::accounts::ConfirmEmailChange { token: token.to_string() }).await;
        assert!(matches!(again, Err((410, AppError::LinkInvalid))), "{again:?}");
        // Confirmed from another browser: her session ended, and so did the reset link.
        let ended = app.call_fn(&sofia, app::accounts::LoadAccount {}).await;
        assert!(matches!(ended, Err((401, AppError::Unauthenticated))), "{ended:?}");
        let stale_reset = app.call_fn_default(app::accounts::CheckResetLink { token: reset_token }).await;
        assert!(matches!(stale_reset, Err((410, AppError::LinkInvalid))), "{stale_reset:?}");
        let sofia = app.applicant(SOFIA).await;
        let view = account(&app, &sofia).await;
        assert_eq!(view.civil_status.email, "sofia@new.localhost");
        // The former address is told, and so is the account.
        let told = app.last_mail_to(SOFIA_EMAIL).await;
        assert!(told.subject.contains("modifiée"), "{}", told.subject);
        assert_eq!(view.unread_notifications, 1);
        assert!(view.notifications[0].text.contains("adresse électronique"), "{:?}", view.notifications);
        app.finish().await;
    }
}

#[tokio::test]
async fn agents_actions_notify_the_applicant_who_follows_the_file_from_the_account() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let sofia = app.applicant(SOFIA).await;
        let id = app.file_student_application(&sofia).await;
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        app.act(&agent, &id, "take_charge").await;
        // Taking charge is not news for the applicant.
        assert_eq!(unread(&app, &sofia).await, 0, "{backend:?}");

        let ask: app::instruction::AgentRequestComplement = TestApp::args(
            serde_json::json!({"id": id, "documents": [{"document": "passeport", "reason": "La page de la photo est illisible."}]}),
        );
        app.call_fn(&agent, ask).await.expect("request");
        assert_eq!(unread(&app, &sofia).await, 1, "{backend:?}");
        let view = account(&app, &sofia).await;
        let number = view.files[0].file_number.clone().expect("number");
        let notification = &view.notifications[0];
        assert!(!notification.read);
        assert!(notification.text.contains(&number) && notification.text.contains("pièces complémentaires"), "{}", notification.text);

        // Only its owner opens it; opening leads to the answer page and marks it read.
        let other = app.applicant("9101837465").await;
        let foreign = app.call_fn(&other, app::accounts::OpenNotification { id: notification.id }).await;
        assert!(matches!(foreign, Err((404, _))), "{foreign:?}");
        let target: String = app.call_fn(&sofia, app::accounts::OpenNotification { id: notification.id }).await.expect("open");
        assert_eq!(target, format!("/demarches/demande/{id}/complement"));
        assert_eq!(unread(&app, &sofia).await, 0);

        // She answers; the agent decides, the card is produced and made available.
        let answer: app::filing::AnswerComplement = TestApp::args(
            serde_json::json!({"id": id, "answers": [{"document": "passeport", "keep": true, "justification": "La photo est lisible sur l'original."}], "message": null}),
        );
        app.call_fn(&sofia, answer).await.expect("answer");
        for action in ["decide_favourable", "start_production", "card_available"] {
            app.act(&agent, &id, action).await;
        }
        assert_eq!(unread(&app, &sofia).await, 3, "{backend:?}");
        let view = account(&app, &sofia).await;
        let texts: Vec<&str> = view.notifications.iter().map(|n| n.text.as_str()).collect();
        assert!(
            texts[0].contains("disponible") && texts[1].contains("fabrication") && texts[2].contains("décision favorable"),
            "{texts:?}"
        );
        let file = &view.files[0];
        assert_eq!(file.status, app::domain::lifecycle::FileStatus::TitreDisponible);
        let timeline: Vec<&str> = file.timeline.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            timeline,
            [
                "Demande déposée",
                "Dossier pris en charge",
                "Pièces complémentaires demandées",
                "Dossier complété",
                "Décision favorable rendue",
                "Titre en fabrication",
                "Titre disponible"
            ],
            "{backend:?}"
        );
        // Her renewal, filed before its window closed, came with the attestation de prolongation.
        assert_eq!(
            file.issued,
            ["confirmation_depot", "attestation_prolongation_instruction", "attestation_decision_favorable", "avis_mise_a_disposition"]
        );
        let office = file.collect_at.as_deref().expect("where to collect the card");
        assert!(office.starts_with("Sous-préfecture de Palaiseau, "), "{office}");

        // The e-mail says where to collect the card.
        let mail = app.last_mail_to(SOFIA_EMAIL).await;
        assert!(mail.subject.contains("disponible"), "{}", mail.subject);
        assert!(mail.raw.contains("Sous-préfecture de Palaiseau") && mail.raw.contains("rendez-vous"), "{}", mail.raw);

        // Everything read at once.
        let done: Result<(), _> = app.call_fn(&sofia, app::accounts::MarkNotificationsRead {}).await;
        assert!(done.is_ok(), "{done:?}");
        assert_eq!(unread(&app, &sofia).await, 0);
        assert!(account(&app, &sofia).await.notifications.iter().all(|n| n.read));
        app.finish().await;
    }
}
