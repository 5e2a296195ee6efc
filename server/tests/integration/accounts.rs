//! The account journey over HTTP, on SQLite and PostgreSQL: creation from a title or a visa,
//! activation link, password rule, login/logout, forgotten password, temporary passwords,
//! non-enumeration, rate limits and CSRF refusal.

use crate::common;

use crate::common::seed::{demo_accounts, free_titles, visas_without_numero, SeedDocument};
use crate::common::{backends, TestApp};
use app::accounts::{ActivationLink, CurrentUser, LoginOutcome};
use app::domain::validation::ValidationError;
use app::error::AppError;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

async fn start_signup(app: &TestApp, document: &SeedDocument) -> Result<String, (u16, AppError)> {
    app.call_fn_default(app::accounts::StartSignup { input: document.input() }).await
}

async fn signup_with_email(app: &TestApp, document: &SeedDocument, email: &str) {
    let ticket = start_signup(app, document).await.expect("document recognised");
    let done: Result<(), _> = app
        .call_fn_default(app::accounts::SubmitSignupEmail {
            ticket: ticket.to_string(),
            email: email.to_string(),
            email_confirmation: email.to_string(),
        })
        .await;
    done.expect("e-mail accepted");
}

async fn current_user(app: &TestApp) -> Option<CurrentUser> {
    app.call_fn_default(app::accounts::SessionUser {}).await.expect("current user")
}

#[tokio::test]
async fn title_holder_creates_an_account_and_logs_in_and_out() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let title = free_titles().remove(0);
        let numero = title.numero_etranger.clone().expect("title holder");
        signup_with_email(&app, &title, "nouvel.usager@example.fr").await;

        let mail = app.last_mail_to("nouvel.usager@example.fr").await;
        assert!(mail.subject.contains("Confirmez"), "{backend:?}: {}", mail.subject);
        let token = mail.token("/compte/activation");

        let link: ActivationLink =
            app.call_fn_default(app::accounts::ReadActivationLink { token: token.to_string() }).await.expect("link readable");
        assert_eq!(link, ActivationLink::CreatePassword { numero_etranger: numero.clone() });

        // The rule is enforced on the server too, with the rule named.
        let weak = app
            .call_fn_default(app::accounts::CreatePassword {
                token: token.to_string(),
                password: "faible".into(),
                password_confirmation: "faible".into(),
            })
            .await;
        match weak {
            Err((422, AppError::Validation(errors))) => assert_eq!(errors.get("password"), Some(&ValidationError::PasswordTooShort)),
            other => panic!("{backend:?}: weak password accepted: {other:?}"),
        }
        let identifier: String = app
            .call_fn_default(app::accounts::CreatePassword {
                token: token.to_string(),
                password: "Bonjour-2026!".into(),
                password_confirmation: "Bonjour-2026!".into(),
            })
            .await
            .expect("password created");
        assert_eq!(identifier, numero);

        // Single use.
        let again = app
            .call_fn_default(app::accounts::CreatePassword {
                token: token.to_string(),
                password: "Bonjour-2027!".into(),
                password_confirmation: "Bonjour-2027!".into(),
            })
            .await;
        assert!(matches!(again, Err((410, AppError::LinkInvalid))), "{backend:?}: {again:?}");

        assert_eq!(current_user(&app).await, None);
        let wrong = app.call_fn_default(app::accounts::Login { identifier: numero.to_string(), password: "Bonjour-2027!".into() }).await;
        assert!(matches!(wrong, Err((401, AppError::InvalidCredentials))), "{backend:?}: {wrong:?}");
        let outcome: LoginOutcome = app
            .call_fn_default(app::accounts::Login { identifier: numero.to_string(), password: "Bonjour-2026!".into() })
            .await
            .expect("login");
        assert_eq!(outcome.next, "/demarches");
        let user = current_user(&app).await.expect("logged in");
        assert!(user.has_numero_etranger);
        assert!(!user.must_change_password);

        // The filing area is rendered for the logged-in applicant.
        let response = app.get("/demarches").await;
        let status = response.status();
        let page = response.text().await.expect("page");
        // Said in full when it fails: it once failed only under a fully loaded machine.
        assert!(status == 200 && page.contains("Mes démarches"), "{backend:?}: {status}\n{page}");

        let _: () = app.call_fn_default(app::accounts::Logout {}).await.expect("logout");
        assert_eq!(current_user(&app).await, None);
        app.finish().await;
    }
}

#[tokio::test]
async fn visa_holder_link_validates_the_email_and_opens_the_filing_area() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let visa = visas_without_numero().remove(0);
        signup_with_email(&app, &visa, "visa.holder@example.fr").await;
        let mail = app.last_mail_to("visa.holder@example.fr").await;
        let token = mail.token("/compte/activation");
        let link: ActivationLink = app.call_fn_default(app::accounts::ReadActivationLink { token: token.to_string() }).await.expect("link");
        assert_eq!(link, ActivationLink::ConfirmVisaEmail);
        // Opening the page does not consume the link; confirming does, and logs in.
        let _: () = app.call_fn_default(app::accounts::ConfirmVisaEmail { token: token.to_string() }).await.expect("confirmed");
        let user = current_user(&app).await.expect("session opened");
        assert!(!user.has_numero_etranger, "{backend:?}: a visa holder has no numéro étranger yet");
        let again = app.call_fn_default(app::accounts::ConfirmVisaEmail { token: token.to_string() }).await;
        assert!(matches!(again, Err((410, AppError::LinkInvalid))));

        // Coming back later with the visa sends a new access link to the confirmed address only.
        let other = app.new_client();
        let ticket = app.call_fn(&other, app::accounts::StartSignup { input: visa.input() }).await.expect("ticket");
        let intruder = "intruder@example.fr".to_owned();
        let email = app::accounts::SubmitSignupEmail { ticket, email: intruder.clone(), email_confirmation: intruder };
        app.call_fn(&other, email).await.expect("the same answer as for anyone");
        assert!(app.mails_to("intruder@example.fr").await.is_empty(), "{backend:?}: nothing goes to an unconfirmed address");
        assert_eq!(app.mails_to("visa.holder@example.fr").await.len(), 2);
        app.finish().await;
    }
}

/// Someone holding a document's number and dates signs up with their own address while the
/// holder's account is still pending: the holder's link stays valid and the holder is told; the
/// first link followed makes the account, and the other stops working. Accounts nobody
/// activates are removed after a week.
#[tokio::test]
async fn a_pending_account_is_not_taken_over_by_a_second_sign_up() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let title = free_titles().remove(0);
        signup_with_email(&app, &title, "titulaire@example.fr").await;
        let holder_link = app.last_mail_to("titulaire@example.fr").await.token("/compte/activation");
        signup_with_email(&app, &title, "usurpateur@example.fr").await;
        let intruder_link = app.last_mail_to("usurpateur@example.fr").await.token("/compte/activation");
        let warning = app.last_mail_to("titulaire@example.fr").await;
        assert!(warning.subject.contains("autre adresse"), "{backend:?}: {}", warning.subject);
        assert!(!warning.raw.contains("usurpateur"), "the other address is not revealed");

        // The holder's first link still works, and makes the account theirs.
        let create = |token: &str| app::accounts::CreatePassword {
            token: token.to_owned(),
            password: "Titulaire-2026!".into(),
            password_confirmation: "Titulaire-2026!".into(),
        };
        let numero: String = app.call_fn_default(create(&holder_link)).await.expect("the first link still works");
        let late = app.call_fn_default(create(&intruder_link)).await;
        assert!(matches!(late, Err((410, AppError::LinkInvalid))), "{backend:?}: {late:?}");
        let _: LoginOutcome = app
            .call_fn_default(app::accounts::Login { identifier: numero.clone(), password: "Titulaire-2026!".into() })
            .await
            .expect("login");
        assert!(current_user(&app).await.is_some(), "{backend:?}: logged in");
        let address: String = {
            use sea_orm::{EntityTrait, QueryOrder};
            let accounts = server::db::entities::account::Entity::find()
                .order_by_asc(server::db::entities::account::Column::Id)
                .all(&app.state.db)
                .await
                .expect("accounts");
            accounts.last().expect("the account").email.clone()
        };
        assert_eq!(address, "titulaire@example.fr", "{backend:?}");

        // Another document's account, never activated, is gone after a week.
        let other = free_titles().remove(1);
        signup_with_email(&app, &other, "jamais@example.fr").await;
        let count = || async {
            use sea_orm::{EntityTrait, PaginatorTrait};
            server::db::entities::account::Entity::find().count(&app.state.db).await.expect("count")
        };
        assert_eq!(count().await, 2);
        app.state.clock.advance(chrono::Duration::days(server::accounts::PENDING_ACCOUNT_DAYS + 1));
        server::accounts::purge_expired(&app.state.db, &app.state.clock).await.expect("purge");
        assert_eq!(count().await, 1, "{backend:?}: the activated account stays, the pending one goes");
        app.finish().await;
    }
}

#[tokio::test]
async fn wrong_dates_get_one_generic_answer() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let mut title = free_titles().remove(0);
        title.valid_to = "2099-12-31".into();
        let wrong_dates = start_signup(&app, &title).await;
        assert!(matches!(wrong_dates, Err((422, AppError::DocumentNotRecognised))), "{backend:?}: {wrong_dates:?}");
        let unknown = SeedDocument { number: "1234509876".into(), ..free_titles().remove(0) };
        let unknown_number = start_signup(&app, &unknown).await;
        assert_eq!(format!("{wrong_dates:?}"), format!("{unknown_number:?}"), "the answers must not differ");
        // Malformed input is a field error, with the field named.
        let garbage = SeedDocument { number: "12".into(), valid_from: "2026-02-30".into(), ..free_titles().remove(0) };
        match start_signup(&app, &garbage).await {
            Err((422, AppError::Validation(errors))) => {
                assert_eq!(errors.get("number"), Some(&ValidationError::InvalidDocumentNumber));
                assert_eq!(errors.get("valid_from"), Some(&ValidationError::InvalidDate));
            }
            other => panic!("{backend:?}: {other:?}"),
        }
        app.finish().await;
    }
}

/// A login flood from one machine that writes a new X-Forwarded-For on every request: behind
/// our one load balancer, which appends the address it saw, the forged entries are ignored and
/// the flood meets the per-client limit.
#[tokio::test]
async fn forged_forwarded_addresses_do_not_escape_the_login_limit() {
    use leptos::server_fn::ServerFn;
    for backend in backends() {
        let app = TestApp::spawn_with(backend, |vars| vars.push(("ANEF_PROXY_HOPS".into(), "1".into()))).await;
        let client = app.new_client();
        let mut refused = 0;
        let mut first_refusal = None;
        app.clear_of_window_end(server::accounts::rate_limit::LOGIN_PER_CLIENT);
        for attempt in 0..200u32 {
            // A new identifier each time too, so only the per-client limit can stop the flood.
            let identifier = format!("{:010}", 1_000_000_000 + attempt * 7919);
            let forged = format!("{}.{}.{}.{}", 1 + attempt % 200, attempt % 251, attempt % 241, 1 + attempt % 239);
            let response = client
                .post(app.url(app::accounts::Login::PATH))
                .header("origin", &app.base_url)
                .header("x-forwarded-for", format!("{forged}, 203.0.113.7"))
                .form(&[("identifier", identifier.as_str()), ("password", "Mauvais-2026!")])
                .send()
                .await
                .expect("login");
            if response.status() == 429 {
                refused += 1;
                first_refusal.get_or_insert(attempt);
            }
        }
        assert_eq!(first_refusal, Some(30), "{backend:?}: the 31st attempt of the one client is refused");
        assert_eq!(refused, 170, "{backend:?}");
        // Another client behind the same balancer is not punished for it.
        let neighbour = app
            .new_client()
            .post(app.url(app::accounts::Login::PATH))
            .header("origin", &app.base_url)
            .header("x-forwarded-for", "203.0.113.8")
            .form(&[("identifier", "1999999999"), ("password", "Mauvais-2026!")])
            .send()
            .await
            .expect("login");
        assert_eq!(neighbour.status(), 401, "{backend:?}");
        app.finish().await;
    }
}

/// Wrong passwords typed for someone else's account, from many addresses, cannot lock its owner
/// out: they slow the next attempts down instead. One address guessing is still stopped.
#[tokio::test]
async fn strangers_cannot_lock_an_applicant_out() {
    use leptos::server_fn::ServerFn;
    for backend in backends() {
        let app = TestApp::spawn_with(backend, |vars| vars.push(("ANEF_PROXY_HOPS".into(), "1".into()))).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let demo = demo_accounts();
        let (owner, other) = (&demo[0], &demo[1]);
        let attempt = |identifier: &str, from: &str, password: &str| {
            let request = app
                .new_client()
                .post(app.url(app::accounts::Login::PATH))
                .header("origin", &app.base_url)
                .header("x-forwarded-for", from)
                .form(&[("identifier", identifier), ("password", password)]);
            async move { request.send().await.expect("login").status().as_u16() }
        };
        for stranger in 0..12 {
            let from = format!("198.51.100.{stranger}");
            assert_eq!(attempt(&owner.numero_etranger, &from, "Devine-2026!").await, 401, "{backend:?}");
        }
        // The owner, from home, gets in (a little later than usual).
        assert_eq!(attempt(&owner.numero_etranger, "203.0.113.50", "Demo-2026!").await, 200, "{backend:?}: not locked out");
        // One address guessing another account again and again is refused after ten tries.
        let mut statuses = Vec::new();
        app.clear_of_window_end(server::accounts::rate_limit::LOGIN_PER_IDENTIFIER_FROM_CLIENT);
        for _ in 0..11 {
            statuses.push(attempt(&other.numero_etranger, "192.0.2.66", "Devine-2026!").await);
        }
        assert_eq!(statuses[..10], [401; 10], "{backend:?}");
        assert_eq!(statuses[10], 429, "{backend:?}");
        app.finish().await;
    }
}

/// The contact form's acknowledgement goes to whatever address was typed: it must not carry the
/// sender's subject or message, or the form would relay anyone's text to anyone.
#[tokio::test]
async fn the_contact_acknowledgement_relays_no_text_of_the_sender() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let message = app::accounts::ContactMessage {
            name: "Ana Lima".into(),
            email: "victime@example.fr".into(),
            subject: "Votre colis evil.example".into(),
            message: "Cliquez sur https://evil.example/colis pour le recevoir.".into(),
        };
        let sent: Result<(), _> = app.call_fn_default(app::accounts::SendContactMessage { message }).await;
        assert_eq!(sent, Ok(()), "{backend:?}");
        let acknowledgement = app.last_mail_to("victime@example.fr").await;
        assert!(acknowledgement.raw.contains("Ana Lima"), "{}", acknowledgement.raw);
        assert!(!acknowledgement.raw.contains("evil.example"), "{}", acknowledgement.raw);
        assert!(!acknowledgement.subject.contains("colis"));
        // The contact centre still gets the whole message.
        let forwarded = app.last_mail_to("contact@anef.localhost").await;
        assert!(forwarded.raw.contains("https://evil.example/colis"));
        app.finish().await;
    }
}

#[tokio::test]
async fn account_creation_is_rate_limited_per_number() {
    let app = TestApp::spawn(common::Backend::Sqlite).await;
    let mut title = free_titles().remove(0);
    title.valid_to = "2099-12-31".into();
    let mut last = Ok(String::new());
    app.clear_of_window_end(server::accounts::rate_limit::SIGNUP_PER_NUMBER);
    for _ in 0..6 {
        last = start_signup(&app, &title).await;
    }
    assert!(matches!(last, Err((429, AppError::RateLimited))), "{last:?}");
    app.finish().await;
}

#[tokio::test]
async fn an_existing_account_is_told_by_email_not_on_screen() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let demo = &demo_accounts()[0];
        let title = common::seed::demo_titles()
            .into_iter()
            .find(|t| t.numero_etranger.as_deref() == Some(&demo.numero_etranger))
            .expect("demo title");
        signup_with_email(&app, &title, "someone.else@example.fr").await;
        assert!(app.mails_to("someone.else@example.fr").await.is_empty());
        let notice = app.last_mail_to(&demo.email).await;
        assert!(notice.subject.contains("déjà un compte"), "{}", notice.subject);
        // And the account still logs in with its password.
        let outcome: LoginOutcome = app
            .call_fn_default(app::accounts::Login { identifier: demo.numero_etranger.to_string(), password: demo.password.to_string() })
            .await
            .expect("login");
        assert_eq!(outcome.next, "/demarches");
        app.finish().await;
    }
}

#[tokio::test]
async fn forgotten_password_never_reveals_an_account_and_resets_once() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let demo = &demo_accounts()[0];
        let unknown: Result<(), _> = app.call_fn_default(app::accounts::RequestPasswordReset { identifier: "9999999990".into() }).await;
        let known: Result<(), _> =
            app.call_fn_default(app::accounts::RequestPasswordReset { identifier: demo.numero_etranger.to_string() }).await;
        assert_eq!(unknown, Ok(()));
        assert_eq!(known, Ok(()));
        let mail = app.last_mail_to(&demo.email).await;
        let token = mail.token("/mot-de-passe/reinitialiser");
        let _: () = app.call_fn_default(app::accounts::CheckResetLink { token: token.to_string() }).await.expect("valid link");
        let mismatch = app
            .call_fn_default(app::accounts::ResetPassword {
                token: token.to_string(),
                password: "Nouveau-2026!".into(),
                password_confirmation: "Nouveau-2026?".into(),
            })
            .await;
        assert!(matches!(mismatch, Err((422, AppError::Validation(_)))));
        let _: () = app
            .call_fn_default(app::accounts::ResetPassword {
                token: token.to_string(),
                password: "Nouveau-2026!".into(),
                password_confirmation: "Nouveau-2026!".into(),
            })
            .await
            .expect("reset");
        let reused = app.call_fn_default(app::accounts::CheckResetLink { token: token.to_string() }).await;
        assert!(matches!(reused, Err((410, AppError::LinkInvalid))));
        let old = app
            .call_fn_default(app::accounts::Login { identifier: demo.numero_etranger.to_string(), password: demo.password.to_string() })
            .await;
        assert!(old.is_err());
        let _: LoginOutcome = app
            .call_fn_default(app::accounts::Login { identifier: demo.numero_etranger.to_string(), password: "Nouveau-2026!".into() })
            .await
            .expect("new password works");
        let changed = app.last_mail_to(&demo.email).await;
        assert!(changed.subject.contains("modifié"), "{}", changed.subject);
        app.finish().await;
    }
}

#[tokio::test]
async fn temporary_password_forces_a_change_before_anything_else() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let demo = &demo_accounts()[1];
        let holder = server::db::entities::person::Entity::find()
            .filter(server::db::entities::person::Column::NumeroEtranger.eq(demo.numero_etranger.clone()))
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("person");
        let owner = server::db::entities::account::Entity::find()
            .filter(server::db::entities::account::Column::PersonId.eq(holder.id))
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("account");
        let temporary = server::crypto::temporary_password();
        let mut active: server::db::entities::account::ActiveModel = owner.into();
        active.password_hash = Set(Some(server::crypto::hash_password(&temporary).expect("hash")));
        active.must_change_password = Set(true);
        active.update(&app.state.db).await.expect("update");

        let outcome: LoginOutcome = app
            .call_fn_default(app::accounts::Login { identifier: demo.numero_etranger.to_string(), password: temporary.to_string() })
            .await
            .expect("login");
        assert_eq!(outcome.next, "/mot-de-passe/modifier");
        assert!(current_user(&app).await.expect("session").must_change_password);
        let wrong = app
            .call_fn_default(app::accounts::ChangePassword {
                current: "Nope-2026!".into(),
                password: "Choisi-2026!".into(),
                password_confirmation: "Choisi-2026!".into(),
            })
            .await;
        assert!(matches!(wrong, Err((422, AppError::WrongCurrentPassword))), "{wrong:?}");
        let _: () = app
            .call_fn_default(app::accounts::ChangePassword {
                current: temporary.to_string(),
                password: "Choisi-2026!".into(),
                password_confirmation: "Choisi-2026!".into(),
            })
            .await
            .expect("changed");
        assert!(!current_user(&app).await.expect("still logged in").must_change_password, "{backend:?}");
        app.finish().await;
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_health_answers() {
    let app = TestApp::spawn(common::Backend::Sqlite).await;
    let response = app.client.post(app.url("/api/session/logout")).header("origin", "https://evil.example").send().await.expect("post");
    assert_eq!(response.status(), 403);
    let response = app.client.post(app.url("/api/session/logout")).send().await.expect("post");
    assert_eq!(response.status(), 403, "a POST without Origin, Referer or Sec-Fetch-Site is refused");
    let health = app.get("/health").await;
    assert_eq!(health.status(), 200);
    assert!(health.headers().contains_key("x-request-id"));
    app.finish().await;
}

/// The language switch sends back only to a path of this site, whatever the encoding tricks.
#[tokio::test]
async fn the_language_switch_is_no_open_redirect() {
    let app = TestApp::spawn(common::Backend::Sqlite).await;
    let payloads = [
        "//evil.example",
        "/%09/evil.example",
        "/%0a/evil.example",
        "/%0d%0a/evil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "https://evil.example",
        "https:%2F%2Fevil.example",
        "javascript:alert(1)",
        "%20/evil.example",
        "/%E3%80%80/evil.example",
    ];
    for payload in payloads {
        let response = app.new_client().get(app.url(&format!("/langue/en?retour={payload}"))).send().await.expect("switch");
        assert_eq!(response.status(), 303, "{payload}");
        assert_eq!(response.headers()["location"], "/", "{payload}");
    }
    let kept = app.new_client().get(app.url("/langue/en?retour=/demarches%3Fx%3D1")).send().await.expect("switch");
    assert_eq!(kept.headers()["location"], "/demarches?x=1");
    app.finish().await;
}

#[tokio::test]
async fn pages_render_in_both_languages_with_a_404_for_unknown_paths() {
    let app = TestApp::spawn(common::Backend::Sqlite).await;
    let page = app.get("/connexion").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    assert!(html.contains("Vous avez déjà un compte"));
    assert!(html.contains("Créez votre compte"));

    let english = app.client.get(app.url("/langue/en?retour=/connexion")).send().await.expect("switch");
    assert_eq!(english.status(), 303);
    assert_eq!(english.headers()["location"], "/connexion");
    let html = app.get("/connexion").await.text().await.expect("html");
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("You already have an account"));

    let missing = app.get("/nulle-part").await;
    assert_eq!(missing.status(), 404);

    let protected = app.new_client().get(app.url("/demarches")).header("accept", "text/html").send().await.expect("get");
    assert_eq!(protected.status(), 302);
    assert_eq!(protected.headers()["location"], "/connexion?retour=/demarches");
    app.finish().await;
}
