//! Proof of lawful stay on SQLite and PostgreSQL, with the service's clock moved: renewal
//! reminders at each threshold once (also with two runs at once) and turned off by the holder;
//! the attestation de prolongation d'instruction issued with a timely renewal's receipt, renewed
//! 15 days before it ends, stopped by the decision, and refused to a late renewal with the
//! reason; the implicit-decision day set at filing, suspended by a request for documents and
//! restarted by the answer, with the agents' warning and the queue's filter; share codes
//! created, checked, refused for a wrong date of birth, revoked, expired and rate-limited; a
//! document's verification code. Each new function refuses who has no right to it.

use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::common::{backends, TestApp};
use app::domain::catalogue;
use app::domain::lifecycle::FileStatus;
use app::instruction::QueueFilter;
use app::lawful_stay::{AttestationNotice, ProofsView, ShareCodeState, Standing, StatusCheckView};
use server::clock::{to_domain_date, to_naive_date};
use server::db::entities::{issued_document, notification, renewal_reminder, title};
use server::lawful_stay::attestations::{renew_due, PROLONGATION};
use server::lawful_stay::{implicit, reminders};

const SOFIA: &str = "9102458731";
const SOFIA_EMAIL: &str = "sofia.hernandez@demo.localhost";
const LUKASZ: &str = "5901284736";
const LUKASZ_EMAIL: &str = "lukasz.wisniewski@demo.localhost";
const RETO: &str = "7502173984";

/// The last day of Łukasz's title (`server/data/seed/titles.csv`). The reminder tests start the
/// server on a day chosen from it, so that its worker's start-up pass sees that day.
#[allow(non_snake_case)]
fn LUKASZ_EXPIRES() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 28).expect("date")
}

fn today(app: &TestApp) -> NaiveDate {
    to_naive_date(app.state.clock.today()).expect("today")
}

/// Moves the service's clock so that today is `day`.
fn set_today(app: &TestApp, day: NaiveDate) {
    app.state.clock.advance(Duration::days((day - today(app)).num_days()));
}

async fn title_of(app: &TestApp, numero: &str) -> title::Model {
    use server::db::entities::person;
    let person =
        person::Entity::find().filter(person::Column::NumeroEtranger.eq(numero)).one(&app.state.db).await.expect("query").expect("person");
    title::Entity::find()
        .filter(title::Column::PersonId.eq(person.id))
        .order_by_desc(title::Column::ValidTo)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("title")
}

async fn reminder_mails(app: &TestApp, email: &str) -> usize {
    app.mails_to(email).await.iter().filter(|m| m.subject.contains("expire")).count()
}

async fn attestations(app: &TestApp, public_id: &str) -> Vec<issued_document::Model> {
    let file = app.file(public_id).await;
    issued_document::Entity::find()
        .filter(issued_document::Column::ApplicationId.eq(file.id))
        .filter(issued_document::Column::Kind.eq(PROLONGATION))
        .order_by_asc(issued_document::Column::Id)
        .all(&app.state.db)
        .await
        .expect("attestations")
}

async fn submitted(app: &TestApp, client: &reqwest::Client, id: &str) -> app::filing::SubmittedView {
    // Submitting a filed application again gives the first answer back.
    app.call_fn(client, app::filing::SubmitApplication { id: id.to_string(), observations: None }).await.expect("submitted view")
}

#[tokio::test]
async fn reminders_go_out_once_at_each_threshold_until_turned_off() {
    for backend in backends() {
        let expires = LUKASZ_EXPIRES();
        let app = TestApp::with_demo_people_on(backend, expires - Duration::days(121)).await;
        assert_eq!(title_of(&app, LUKASZ).await.valid_to, expires);
        reminders::send_due(&app.state).await.expect("reminders");
        assert_eq!(reminder_mails(&app, LUKASZ_EMAIL).await, 0, "{backend:?}: before the window");

        // The window opens: one reminder, however many runs, two of them at once.
        app.state.clock.advance(Duration::days(1));
        let (a, b) = tokio::join!(reminders::send_due(&app.state), reminders::send_due(&app.state));
        a.expect("first run");
        b.expect("second run");
        reminders::send_due(&app.state).await.expect("third run");
        assert_eq!(reminder_mails(&app, LUKASZ_EMAIL).await, 1, "{backend:?}");
        let mail = app.last_mail_to(LUKASZ_EMAIL).await;
        let window = app::domain::lawful_stay::RenewalWindow::before(to_domain_date(expires));
        assert!(mail.raw.contains(&window.opens.to_french()) && mail.raw.contains(&window.closes.to_french()), "{}", mail.raw);
        let account_id = app.account_of(LUKASZ).await;
        let notified = notification::Entity::find()
            .filter(notification::Column::AccountId.eq(account_id))
            .filter(notification::Column::Kind.eq("renewal_reminder"))
            .count(&app.state.db)
            .await
            .expect("count");
        assert_eq!(notified, 1);

        // The page says the same in one sentence.
        let lukasz = app.applicant(LUKASZ).await;
        let proofs: ProofsView = app.call_fn(&lukasz, app::lawful_stay::LoadProofs {}).await.expect("proofs");
        let notice = proofs.renewal.expect("a title");
        assert_eq!((notice.opens_on, notice.timing), (window.opens.to_french(), app::domain::lawful_stay::Timing::Open));
        assert!(proofs.reminders);

        // 90 days before, then 60: one more each.
        app.state.clock.advance(Duration::days(30));
        reminders::send_due(&app.state).await.expect("run");
        reminders::send_due(&app.state).await.expect("run");
        assert_eq!(reminder_mails(&app, LUKASZ_EMAIL).await, 2, "{backend:?}");
        let sent: Vec<i32> = renewal_reminder::Entity::find()
            .filter(renewal_reminder::Column::AccountId.eq(account_id))
            .order_by_asc(renewal_reminder::Column::DaysBefore)
            .all(&app.state.db)
            .await
            .expect("rows")
            .into_iter()
            .map(|r| r.days_before)
            .collect();
        assert_eq!(sent, [90, 120]);

        // Turned off on the account page: the 60-day reminder does not go.
        let lukasz = app.applicant(LUKASZ).await;
        let anonymous = app.call_fn_default(app::lawful_stay::SetReminders { enabled: false }).await;
        assert!(matches!(anonymous, Err((401, _))), "{anonymous:?}");
        app.call_fn(&lukasz, app::lawful_stay::SetReminders { enabled: false }).await.expect("turn off");
        app.state.clock.advance(Duration::days(30));
        reminders::send_due(&app.state).await.expect("run");
        assert_eq!(reminder_mails(&app, LUKASZ_EMAIL).await, 2, "{backend:?}: turned off");
        let lukasz = app.applicant(LUKASZ).await;
        let proofs: ProofsView = app.call_fn(&lukasz, app::lawful_stay::LoadProofs {}).await.expect("proofs");
        assert!(!proofs.reminders);
        app.finish().await;
    }
}

#[tokio::test]
async fn a_filed_renewal_stops_the_reminders() {
    for backend in backends() {
        let expires = LUKASZ_EXPIRES();
        // Filed before any reminder is due (early is timely); then the window opens.
        let app = TestApp::with_demo_people_on(backend, expires - Duration::days(125)).await;
        let procedure = catalogue::procedure("citoyen_ue_salarie").expect("procedure");
        let (_, id) = app.filed_application_as(procedure, LUKASZ).await;
        app.state.clock.advance(Duration::days(25));
        let lukasz = app.applicant(LUKASZ).await;
        reminders::send_due(&app.state).await.expect("reminders");
        assert_eq!(reminder_mails(&app, LUKASZ_EMAIL).await, 0, "{backend:?}: filed already");
        let notice: Option<app::lawful_stay::RenewalNotice> =
            app.call_fn(&lukasz, app::lawful_stay::LoadRenewalNotice {}).await.expect("notice");
        assert!(notice.expect("a title").filed);
        assert!(!attestations(&app, &id).await.is_empty(), "filed in the window");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_timely_renewal_gets_an_attestation_renewed_until_the_decision() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let expires = title_of(&app, SOFIA).await.valid_to;
        set_today(&app, expires - Duration::days(90));
        let (sofia, id) = app.filed_student_application().await;

        // With the receipt: valid three months after the title's expiry, sent with it.
        let first = attestations(&app, &id).await;
        assert_eq!(first.len(), 1, "{backend:?}");
        let until = to_naive_date(to_domain_date(expires).add_months(3)).expect("date");
        assert_eq!((first[0].valid_from, first[0].valid_until), (Some(today(&app)), Some(until)));
        assert_eq!(
            submitted(&app, &sofia, &id).await.attestation,
            Some(AttestationNotice::Issued { valid_until: to_domain_date(until).to_french() })
        );
        let receipt_mail = app.last_mail_to(SOFIA_EMAIL).await;
        assert!(receipt_mail.raw.contains("attestation-prolongation-instruction-"), "attached");
        assert!(receipt_mail.raw.contains("confirmation-de-depot-"), "beside the receipt");
        let account: app::accounts::AccountView = app.call_fn(&sofia, app::accounts::LoadAccount {}).await.expect("account");
        assert_eq!(account.files[0].attestation_until, Some(to_domain_date(until).to_french()));
        assert!(account.files[0].issued.contains(&PROLONGATION.to_string()));

        // 16 days before its end nothing happens; 15 days before, one successor (two runs at once).
        set_today(&app, until - Duration::days(16));
        assert_eq!(renew_due(&app.state).await.expect("renew"), 0);
        app.state.clock.advance(Duration::days(1));
        let (a, b) = tokio::join!(renew_due(&app.state), renew_due(&app.state));
        assert_eq!(a.expect("run") + b.expect("run"), 1, "{backend:?}");
        assert_eq!(renew_due(&app.state).await.expect("again"), 0);
        let issued = attestations(&app, &id).await;
        assert_eq!(issued.len(), 2);
        let next_until = to_naive_date(to_domain_date(until).add_months(3)).expect("date");
        assert_eq!(issued[1].valid_until, Some(next_until));
        let renewed_mail = app.last_mail_to(SOFIA_EMAIL).await;
        assert!(renewed_mail.subject.contains("attestation"), "{}", renewed_mail.subject);
        // The first one still proves the stay until its own last day.
        let document = issued[0].verification_code.clone().expect("code");
        let check: Option<app::lawful_stay::DocumentCheckView> =
            app.call_fn_default(app::lawful_stay::VerifyDocument { code: document.clone() }).await.expect("check");
        assert!(check.expect("found").valid);
        // The download gives the latest one.
        let sofia = app.applicant(SOFIA).await;
        let download = sofia.get(app.url(&app::filing::paths::issued(&id, PROLONGATION))).send().await.expect("download");
        assert_eq!(download.status(), 200);
        assert_eq!(format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(download.bytes().await.expect("pdf"))), issued[1].sha256);

        // The decision ends it: no successor any more, and the verification says so.
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        app.act(&agent, &id, "take_charge").await;
        app.act(&agent, &id, "decide_favourable").await;
        let ended = attestations(&app, &id).await;
        assert!(ended.iter().all(|a| a.ended_at.is_some()), "{backend:?}");
        set_today(&app, next_until - Duration::days(10));
        assert_eq!(renew_due(&app.state).await.expect("renew"), 0);
        let check: Option<app::lawful_stay::DocumentCheckView> =
            app.call_fn_default(app::lawful_stay::VerifyDocument { code: document }).await.expect("check");
        assert!(!check.expect("found").valid);
        assert_eq!(app.file(&id).await.implicit_decision_on, None, "decided");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_late_renewal_gets_the_receipt_only_with_the_reason() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let expires = title_of(&app, RETO).await.valid_to;
        set_today(&app, expires - Duration::days(40));
        let procedure = catalogue::procedure("citoyen_ue_salarie").expect("procedure");
        let (reto, id) = app.filed_application_as(procedure, RETO).await;
        assert!(attestations(&app, &id).await.is_empty(), "{backend:?}");
        let window = app::domain::lawful_stay::RenewalWindow::before(to_domain_date(expires));
        assert_eq!(
            submitted(&app, &reto, &id).await.attestation,
            Some(AttestationNotice::Late { window_closed: window.closes.to_french() })
        );
        // The receipt's e-mail says why, as the confirmation page does; it carries the receipt only.
        let mail = app.last_mail_to("reto.brugger@demo.localhost").await;
        assert!(mail.raw.contains("tardive"), "{}", mail.raw);
        assert!(!mail.raw.contains("attestation-prolongation-instruction-"));
        app.finish().await;
    }
}

#[tokio::test]
async fn silence_becomes_a_rejection_four_months_after_filing_and_after_the_documents_arrive() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (_, id) = app.filed_student_application().await;
        let filed_on = today(&app);
        let four_months = |day: NaiveDate| to_naive_date(to_domain_date(day).add_months(4)).expect("date");
        assert_eq!(app.file(&id).await.implicit_decision_on, Some(four_months(filed_on)), "{backend:?}");

        // A request for documents suspends it; the answer restarts it from its day.
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        app.act(&agent, &id, "take_charge").await;
        let ask: app::instruction::AgentRequestComplement = TestApp::args(
            serde_json::json!({"id": id, "documents": [{"document": "passeport", "reason": "La page de la photo est illisible."}]}),
        );
        app.call_fn(&agent, ask).await.expect("request");
        assert_eq!(app.file(&id).await.implicit_decision_on, None);
        app.state.clock.advance(Duration::days(10));
        let sofia = app.applicant(SOFIA).await;
        let answer: app::filing::AnswerComplement = TestApp::args(
            serde_json::json!({"id": id, "answers": [{"document": "passeport", "keep": true, "justification": "La photo est lisible sur l'original."}], "message": null}),
        );
        app.call_fn(&sofia, answer).await.expect("answer");
        let day = four_months(today(&app));
        assert_eq!(app.file(&id).await.implicit_decision_on, Some(day));
        let account: app::accounts::AccountView = app.call_fn(&sofia, app::accounts::LoadAccount {}).await.expect("account");
        assert_eq!(account.files[0].implicit_decision_on, Some(to_domain_date(day).to_french()));

        // 16 days before: neither the warning nor the queue's filter; 15 days before: both, once.
        set_today(&app, day - Duration::days(16));
        assert_eq!(implicit::warn_agents(&app.state).await.expect("warn"), 0);
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        let soon = QueueFilter { implicit_soon: true, page: 1, ..Default::default() };
        assert_eq!(app.queue(&agent, soon.clone()).await.expect("queue").total, 0);
        app.state.clock.advance(Duration::days(1));
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        assert_eq!(implicit::warn_agents(&app.state).await.expect("warn"), 1, "{backend:?}");
        assert_eq!(implicit::warn_agents(&app.state).await.expect("again"), 0);
        let warning = app.last_mail_to("agent.palaiseau@demo.localhost").await;
        let number = app.file(&id).await.file_number.expect("number");
        assert!(warning.raw.contains(&number), "{}", warning.raw);
        assert!(app.mails_to("agent.etampes@demo.localhost").await.is_empty(), "another prefecture's agents are not told");
        let page = app.queue(&agent, soon.clone()).await.expect("queue");
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].implicit_decision_on, Some(to_domain_date(day).to_french()));
        let elsewhere = app.agent("agent.etampes@demo.localhost").await;
        assert_eq!(app.queue(&elsewhere, soon).await.expect("queue").total, 0, "another prefecture's files stay hidden");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_share_code_shows_the_status_to_whoever_knows_the_birth_date_until_revoked_or_expired() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let anonymous = app.call_fn_default(app::lawful_stay::CreateShareCode { purpose: "employeur".into() }).await;
        assert!(matches!(anonymous, Err((401, _))), "{anonymous:?}");
        let anonymous = app.call_fn_default(app::lawful_stay::LoadProofs {}).await;
        assert!(matches!(anonymous, Err((401, _))), "{anonymous:?}");
        // Asked by the home page for every visitor: nobody's title for a visitor.
        let anonymous = app.call_fn_default(app::lawful_stay::LoadRenewalNotice {}).await;
        assert!(matches!(anonymous, Ok(None)), "{anonymous:?}");
        let anonymous = app.call_fn_default(app::lawful_stay::RevokeShareCode { code: "222-222-222".into() }).await;
        assert!(matches!(anonymous, Err((401, _))), "{anonymous:?}");
        let sofia = app.applicant(SOFIA).await;
        let refused = app.call_fn(&sofia, app::lawful_stay::CreateShareCode { purpose: "banque".into() }).await;
        assert!(matches!(&refused, Err((422, e)) if e.field_errors().is_some()), "{refused:?}");
        let code: app::lawful_stay::ShareCodeView =
            app.call_fn(&sofia, app::lawful_stay::CreateShareCode { purpose: "employeur".into() }).await.expect("code");
        assert_eq!(code.code.len(), 11, "ABC-DEF-GHJ");
        assert_eq!(code.state, ShareCodeState::Active);

        let check = |code: &str, day: &str, month: &str, year: &str| app::lawful_stay::VerifyStatus {
            code: code.to_lowercase(),
            day: day.into(),
            month: month.into(),
            year: year.into(),
        };
        let employer = app.new_client();
        let shown: Option<StatusCheckView> = app.call_fn(&employer, check(&code.code, "14", "05", "2002")).await.expect("check");
        let shown = shown.expect("the right date of birth shows the status");
        assert_eq!(shown.full_name, "Sofía Valentina HERNÁNDEZ RUIZ");
        assert_eq!(shown.nationality, "Mexique");
        let expires = to_domain_date(title_of(&app, SOFIA).await.valid_to).to_french();
        assert!(matches!(&shown.standing, Standing::Title { valid_until, .. } if *valid_until == expires), "{:?}", shown.standing);

        // A wrong date reveals nothing; a malformed input is explained.
        let wrong: Option<StatusCheckView> = app.call_fn(&employer, check(&code.code, "15", "05", "2002")).await.expect("check");
        assert_eq!(wrong, None, "{backend:?}");
        let malformed = app.call_fn(&employer, check("ABC-DEF-GH0", "31", "02", "2002")).await;
        let Err((422, error)) = malformed else { panic!("{malformed:?}") };
        let fields = error.field_errors().expect("fields");
        assert!(fields.get("code").is_some() && fields.get("birth_date").is_some(), "{fields:?}");

        // The holder sees each use.
        let proofs: ProofsView = app.call_fn(&sofia, app::lawful_stay::LoadProofs {}).await.expect("proofs");
        assert_eq!(proofs.codes[0].checks.len(), 2);

        // Another applicant cannot revoke it; the holder can, and then it shows nothing.
        let priya = app.applicant("9101837465").await;
        let foreign = app.call_fn(&priya, app::lawful_stay::RevokeShareCode { code: code.code.clone() }).await;
        assert!(matches!(foreign, Err((404, _))), "{foreign:?}");
        app.call_fn(&sofia, app::lawful_stay::RevokeShareCode { code: code.code.clone() }).await.expect("revoke");
        let revoked: Option<StatusCheckView> = app.call_fn(&employer, check(&code.code, "14", "05", "2002")).await.expect("check");
        assert_eq!(revoked, None);

        // A code expires after its 30 days.
        let second: app::lawful_stay::ShareCodeView =
            app.call_fn(&sofia, app::lawful_stay::CreateShareCode { purpose: "bailleur".into() }).await.expect("code");
        app.state.clock.advance(Duration::days(29));
        let still: Option<StatusCheckView> = app.call_fn(&employer, check(&second.code, "14", "05", "2002")).await.expect("check");
        assert!(still.is_some());
        app.state.clock.advance(Duration::days(1));
        let expired: Option<StatusCheckView> = app.call_fn(&employer, check(&second.code, "14", "05", "2002")).await.expect("check");
        assert_eq!(expired, None);
        let sofia = app.applicant(SOFIA).await;
        let proofs: ProofsView = app.call_fn(&sofia, app::lawful_stay::LoadProofs {}).await.expect("proofs");
        let states: Vec<ShareCodeState> = proofs.codes.iter().map(|c| c.state).collect();
        assert_eq!(states, [ShareCodeState::Expired, ShareCodeState::Revoked]);

        // Ten checks a day per code: guessing a date of birth is hopeless.
        let third: app::lawful_stay::ShareCodeView =
            app.call_fn(&sofia, app::lawful_stay::CreateShareCode { purpose: "autre".into() }).await.expect("code");
        app.clear_of_window_end(server::accounts::rate_limit::VERIFY_PER_CODE);
        for day in 1..=10 {
            let guess: Option<StatusCheckView> =
                app.call_fn(&app.new_client(), check(&third.code, &day.to_string(), "01", "2002")).await.expect("guess");
            assert_eq!(guess, None);
        }
        let limited = app.call_fn(&app.new_client(), check(&third.code, "14", "05", "2002")).await;
        assert!(matches!(limited, Err((429, _))), "{backend:?}: {limited:?}");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_documents_code_tells_whether_it_is_authentic_and_valid() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (_, id) = app.filed_student_application().await;
        let receipt = issued_document::Entity::find()
            .filter(issued_document::Column::ApplicationId.eq(app.file(&id).await.id))
            .filter(issued_document::Column::Kind.eq(app::domain::catalogue::FilingKind::Application.receipt_kind()))
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("receipt");
        let code = receipt.verification_code.expect("the receipt carries a code");
        let found: Option<app::lawful_stay::DocumentCheckView> = app
            .call_fn_default(app::lawful_stay::VerifyDocument { code: app::domain::lawful_stay::display_code(&code) })
            .await
            .expect("check");
        let found = found.expect("found");
        assert_eq!((found.kind.as_str(), found.valid), (app::domain::catalogue::FilingKind::Application.receipt_kind(), true));
        assert_eq!(found.holder, "Sofía Valentina HERNÁNDEZ RUIZ");
        let unknown: Option<app::lawful_stay::DocumentCheckView> =
            app.call_fn_default(app::lawful_stay::VerifyDocument { code: "222-222-222".into() }).await.expect("check");
        assert_eq!(unknown, None, "{backend:?}");
        let malformed = app.call_fn_default(app::lawful_stay::VerifyDocument { code: "nope".into() }).await;
        assert!(matches!(malformed, Err((422, _))), "{malformed:?}");
        // The page itself is public, in both languages.
        let page = app.get(&app::lawful_stay::paths::verify_document(&code)).await;
        assert_eq!(page.status(), 200);
        assert!(page.text().await.expect("page").contains("Vérifier"));
        let status = app.file(&id).await.status;
        assert_eq!(status, FileStatus::Deposee.as_str());
        app.finish().await;
    }
}
