//! The wizard's server functions over HTTP: a draft is started once per procedure, each step
//! is validated with the shared catalogue and saved with a version check, and only its owner
//! reaches it.

use crate::common;

use crate::common::{backends, student_personal_answers, student_steps, TestApp};
use app::domain::catalogue::orientation::OTHER_TITLES;
use app::domain::lifecycle::FileStatus;
use app::error::AppError;
use app::filing::{ApplicationSummary, DraftView, SavedStep};
use serde_json::json;

async fn save_step(app: &TestApp, client: &reqwest::Client, body: serde_json::Value) -> Result<SavedStep, (u16, AppError)> {
    app.call_fn(client, TestApp::args::<app::filing::SaveStep>(body)).await
}

#[tokio::test]
async fn steps_are_validated_saved_and_versioned() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let client = app.applicant("9102458731").await;

        let unknown = app.start(&client, "astronaute", app::filing::RequestKind::Premiere).await;
        assert!(matches!(unknown, Err((422, AppError::Validation(_)))), "{unknown:?}");
        let id: String = app.start_student_application(&client).await;
        let again: String = app.start_student_application(&client).await;
        assert_eq!(again, id, "{backend:?}: one open draft per procedure");

        let draft: DraftView = app.call_fn(&client, app::filing::LoadDraft { id: id.to_string() }).await.expect("draft");
        assert_eq!((draft.current_step.as_str(), draft.version), ("informations", 1));

        // Bad input: each field gets its own error; nothing is saved.
        let mut wrong = student_personal_answers();
        wrong["telephone"] = json!("12");
        wrong["adresse_code_postal"] = json!("ABCDE");
        let refused = save_step(&app, &client, json!({"id": id, "step": "informations", "version": 1, "answers": wrong})).await;
        let Err((422, AppError::Validation(errors))) = refused else { panic!("{backend:?}: {refused:?}") };
        assert!(errors.get("telephone").is_some() && errors.get("adresse_code_postal").is_some());

        let saved =
            save_step(&app, &client, json!({"id": id, "step": "informations", "version": 1, "answers": student_personal_answers()}))
                .await
                .expect("save");
        assert_eq!(saved, SavedStep { version: 2, next_step: "motif".into(), reopened: Vec::new() });
        let draft: DraftView = app.call_fn(&client, app::filing::LoadDraft { id: id.to_string() }).await.expect("draft");
        assert_eq!(draft.current_step, "motif", "the wizard resumes at the next step");
        assert_eq!(draft.answers.get("adresse_code_insee"), Some("91477"));

        // Another tab still on version 1 is told, not silently overwriting.
        let stale =
            save_step(&app, &client, json!({"id": id, "step": "informations", "version": 1, "answers": student_personal_answers()})).await;
        assert!(matches!(stale, Err((409, AppError::Conflict))), "{stale:?}");

        let list: Vec<ApplicationSummary> = app.call_fn(&client, app::filing::MyApplications {}).await.expect("list");
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].id.as_str(), list[0].status.as_str(), list[0].file_number.as_deref()), (id.as_str(), "brouillon", None));

        // Another applicant, or nobody, reaches nothing.
        let other = app.applicant("9101837465").await;
        let peek = app.call_fn(&other, app::filing::LoadDraft { id: id.to_string() }).await;
        assert!(matches!(peek, Err((404, AppError::NotFound))), "{peek:?}");
        let anonymous = app.call_fn(&app.new_client(), app::filing::LoadDraft { id: id.to_string() }).await;
        assert!(matches!(anonymous, Err((401, AppError::Unauthenticated))), "{anonymous:?}");
        app.finish().await;
    }
}

async fn upload_pdf(app: &TestApp, client: &reqwest::Client, id: &str, document: &str) {
    let response = client
        .post(app.url(&format!("/api/demandes/{id}/pieces/{document}?nom={document}.pdf")))
        .header("origin", &app.base_url)
        .body(format!("%PDF-1.4\n% {document}\n").into_bytes())
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 201, "upload {document}");
}

#[tokio::test]
async fn a_complete_student_file_is_submitted_once_and_a_draft_can_be_abandoned() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        let client = app.applicant("9102458731").await;
        let id: String = app.start_student_application(&client).await;

        // Every step but the documents.
        let [personal, motive, resources, _] = student_steps();
        let mut version = 1;
        for (step, answers) in [personal, motive, resources] {
            version = save_step(&app, &client, json!({"id": id, "step": step, "version": version, "answers": answers}))
                .await
                .expect(step)
                .version;
        }

        // The draft carries what the wizard needs: the register's civil status, the address
        // prefilled from it, the applicant's birth date for the catalogue's conditions.
        let draft: app::filing::DraftView = app.call_fn(&client, app::filing::LoadDraft { id: id.to_string() }).await.expect("draft");
        assert_eq!(draft.civil_status.birth_name, "Hernández Ruiz");
        assert_eq!(draft.civil_status.numero_etranger.as_deref(), Some("9102458731"));
        assert_eq!(draft.current_step, "justificatifs");
        assert!(draft.answers.get("adresse_code_insee").is_some(), "prefilled from the register");

        // Documents missing: the submission lists them, nothing is filed.
        let missing = app.call_fn(&client, app::filing::SubmitApplication { id: id.to_string(), observations: None }).await;
        let Err((422, AppError::Validation(errors))) = missing else { panic!("{backend:?}: {missing:?}") };
        assert!(errors.get("documents.passeport").is_some() && errors.get("documents.inscription").is_some());
        assert!(errors.get("code_ephoto").is_some(), "the e-photo code is part of the documents step");

        for document in crate::common::STUDENT_DOCUMENTS {
            upload_pdf(&app, &client, &id, document).await;
        }
        let bad_code =
            save_step(&app, &client, json!({"id": id, "step": "justificatifs", "version": version, "answers": {"code_ephoto": "123"}}))
                .await;
        assert!(matches!(&bad_code, Err((422, AppError::Validation(e))) if e.get("code_ephoto").is_some()), "{bad_code:?}");
        version = save_step(
            &app,
            &client,
            json!({"id": id, "step": "justificatifs", "version": version, "answers": {"code_ephoto": "AB12CD34EF56GH78IJ90KL"}}),
        )
        .await
        .expect("documents step")
        .version;

        // Every part must be validated in the recap before the filing.
        let unchecked = app.call_fn(&client, app::filing::SubmitApplication { id: id.to_string(), observations: None }).await;
        let Err((422, AppError::Validation(errors))) = unchecked else { panic!("{backend:?}: {unchecked:?}") };
        assert!(errors.get("recapitulatif.informations").is_some(), "{errors:?}");
        for part in ["informations", "motif", "ressources", "justificatifs"] {
            let validated: i32 = app
                .call_fn(&client, app::filing::ValidateRecapPart { id: id.to_string(), part: part.to_string(), version })
                .await
                .expect(part);
            version = validated;
        }
        let unknown =
            app.call_fn(&client, app::filing::ValidateRecapPart { id: id.to_string(), part: "confirmation".into(), version }).await;
        assert!(matches!(unknown, Err((404, _))), "only the parts of the recap: {unknown:?}");
        let filed: app::filing::SubmittedView = app
            .call_fn(
                &client,
                app::filing::SubmitApplication { id: id.to_string(), observations: Some("Mon nom d'usage est mal orthographié.".into()) },
            )
            .await
            .expect("submit");
        assert!(filed.file_number.ends_with("-091-000001"), "{filed:?}");
        assert_eq!(filed.prefecture, "Sous-préfecture de Palaiseau");
        let again: app::filing::SubmittedView =
            app.call_fn(&client, app::filing::SubmitApplication { id: id.to_string(), observations: None }).await.expect("retry");
        assert_eq!(again, filed, "a retry files nothing more");

        let list: Vec<ApplicationSummary> = app.call_fn(&client, app::filing::MyApplications {}).await.expect("list");
        assert_eq!((list[0].status.as_str(), list[0].file_number.as_deref()), ("deposee", Some(filed.file_number.as_str())));
        let mails = app.mails_to("sofia.hernandez@demo.localhost").await;
        assert_eq!(mails.iter().filter(|m| m.subject.contains(&filed.file_number)).count(), 1);
        let stale =
            save_step(&app, &client, json!({"id": id, "step": "informations", "version": version, "answers": student_personal_answers()}))
                .await;
        assert!(matches!(stale, Err((409, AppError::Conflict))), "a filed application is frozen");

        // Abandon, once.
        let other: String = app.start(&client, "passeport_talent_chercheur", app::filing::RequestKind::Changement).await.expect("start");
        app.call_fn(&client, app::filing::AbandonApplication { id: other.to_string() }).await.expect("abandon");
        let twice = app.call_fn(&client, app::filing::AbandonApplication { id: other.to_string() }).await;
        assert!(matches!(twice, Err((409, AppError::Conflict))), "{twice:?}");
        let list: Vec<ApplicationSummary> = app.call_fn(&client, app::filing::MyApplications {}).await.expect("list");
        assert!(list.iter().any(|a| a.id == other && a.status == FileStatus::Abandonnee));
        app.finish().await;
    }
}

/// Whether the student entry of the orientation page is open to this applicant.
fn student_open(view: &app::filing::OrientationView) -> bool {
    let entry = view.others.iter().find(|o| o.code == "etudiant").expect("student entry");
    entry.procedure.is_some() && entry.refusal.is_none()
}

#[tokio::test]
async fn orientation_offers_the_renewal_and_the_open_procedures() {
    let app = TestApp::spawn(common::Backend::Sqlite).await;
    server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");

    // A student title holder: renewal open, student entry online.
    let student = app.applicant("9102458731").await;
    let view: app::filing::OrientationView = app.call_fn(&student, app::filing::Orientation {}).await.expect("orientation");
    assert_eq!(view.current_label.as_deref(), Some("Étudiant"));
    assert_eq!(view.current_mention.as_deref(), Some("ETUDIANT- ÉLÈVE"));
    assert_eq!(view.renewal.as_deref(), Some("etudiant"));
    assert!(student_open(&view));
    // The open entries are the catalogue's, in the page's order.
    let open: Vec<&str> = view.others.iter().filter_map(|o| o.procedure.as_deref()).collect();
    let expected: Vec<&str> = OTHER_TITLES.iter().filter_map(|t| t.procedure()).map(|p| p.id).collect();
    assert_eq!(open, expected);
    assert!(!open.is_empty());
    assert!(view.others.iter().any(|o| o.code == "visiteur" && o.procedure.is_none()), "closed entries are listed, greyed out");

    // A validated VLS-TS étudiant: no title to renew yet, the student title is asked online.
    let newcomer = app.applicant("6906273541").await;
    let view: app::filing::OrientationView = app.call_fn(&newcomer, app::filing::Orientation {}).await.expect("orientation");
    assert_eq!(view.renewal, None);
    assert_eq!(view.current_mention.as_deref(), Some("VLS-TS ÉTUDIANT"));
    assert!(student_open(&view));
    assert!(view.talent_mentions.is_empty());

    // A validated VLS-TS passeport talent: the sub-mention is picked from the list.
    let talent = app.applicant("7506492815").await;
    let view: app::filing::OrientationView = app.call_fn(&talent, app::filing::Orientation {}).await.expect("orientation");
    assert_eq!(view.current_mention.as_deref(), Some("VLS-TS PASSEPORT TALENT"));
    let researcher = view.talent_mentions.iter().find(|m| m.code == "chercheur").expect("researcher mention");
    assert_eq!(researcher.procedure.as_deref(), Some("passeport_talent_chercheur"));
    let investor = view.talent_mentions.iter().find(|m| m.code == "investisseur").expect("investor mention");
    assert_eq!(investor.procedure.as_deref(), Some("passeport_talent_investisseur"));
    assert!(view.talent_mentions.iter().all(|m| m.procedure.is_some()), "every sub-mention of seed 003 is open");
    app.finish().await;
}

#[tokio::test]
async fn the_preamble_pdfs_are_printed_from_the_catalogue() {
    let app = TestApp::spawn(common::Backend::Sqlite).await;
    let client = app.new_client();
    for path in ["/api/procedures/etudiant/justificatifs.pdf", "/api/modeles/attestation-employeur.pdf"] {
        let response = client.get(app.url(path)).send().await.expect("request");
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert!(response.bytes().await.expect("body").starts_with(b"%PDF"), "{path}");
    }
    for path in ["/api/procedures/inconnue/justificatifs.pdf", "/api/modeles/inconnu.pdf", "/api/modeles/attestation-employeur"] {
        assert_eq!(client.get(app.url(path)).send().await.expect("request").status(), 404, "{path}");
    }
    app.finish().await;
}

#[tokio::test]
async fn address_suggestions_come_from_the_configured_address_base() {
    // A stand-in for api-adresse.data.gouv.fr (out of reach from the test machines), answering
    // in its GeoJSON format.
    use axum::extract::Query;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let ban_url = format!("http://{}", listener.local_addr().expect("addr"));
    let ban = axum::Router::new().route(
        "/search/",
        axum::routing::get(|Query(query): Query<std::collections::HashMap<String, String>>| async move {
            assert_eq!(query.get("autocomplete").map(String::as_str), Some("1"));
            axum::Json(json!({
                "type": "FeatureCollection",
                "query": query.get("q"),
                "features": [
                    {"type": "Feature", "properties": {
                        "label": "12 Rue de la Hunière 91120 Palaiseau", "name": "12 Rue de la Hunière",
                        "postcode": "91120", "city": "Palaiseau", "citycode": "91477", "type": "housenumber"}},
                    {"type": "Feature", "properties": {"label": "Rue sans commune", "name": "Rue sans commune", "type": "street"}}
                ]
            }))
        }),
    );
    tokio::spawn(async move { axum::serve(listener, ban).await });

    let app = TestApp::spawn_with(common::Backend::Sqlite, |env| env.push(("ANEF_ADDRESS_API_URL".into(), format!("{ban_url}/")))).await;
    server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
    let anonymous = app.call_fn(&app.new_client(), app::filing::SearchAddress { query: "12 rue".into() }).await;
    assert!(matches!(anonymous, Err((401, _))), "{anonymous:?}");

    let client = app.applicant("9102458731").await;
    let found: Vec<app::filing::AddressSuggestion> =
        app.call_fn(&client, app::filing::SearchAddress { query: "12 rue de la huni".into() }).await.expect("search");
    assert_eq!(found.len(), 1, "a suggestion without a commune is left out");
    assert_eq!(
        (found[0].street.as_str(), found[0].postal_code.as_str(), found[0].insee_code.as_str()),
        ("12 Rue de la Hunière", "91120", "91477")
    );
    let short: Vec<app::filing::AddressSuggestion> =
        app.call_fn(&client, app::filing::SearchAddress { query: "12".into() }).await.expect("short");
    assert!(short.is_empty(), "too short to search");

    // Without the online API, the base imported into the database answers (docs/addresses.md).
    let without = TestApp::spawn(common::Backend::Sqlite).await;
    server::seed::seed_demo_accounts(&without.state.db, &without.state.clock).await.expect("demo accounts");
    let client = without.new_client();
    without.login_demo(&client, "9102458731").await;
    let local: Vec<app::filing::AddressSuggestion> =
        without.call_fn(&client, app::filing::SearchAddress { query: "12 rue de la huni".into() }).await.expect("imported base");
    assert_eq!(local.first().map(|s| s.label.as_str()), Some("12 Rue de la Hunière 91120 Palaiseau"), "{local:?}");
    app.finish().await;
    without.finish().await;
}

/// A new procedure is one catalogue entry: every entry, the passeport talent motives included,
/// is filed through the server functions with answers and documents derived from the catalogue.
#[tokio::test]
async fn every_procedure_of_the_catalogue_is_filed_from_its_entry_alone() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        for procedure in app::domain::catalogue::PROCEDURES {
            let (client, id) = app.filed_application(procedure).await;
            let filed: DraftView = app.call_fn(&client, app::filing::LoadDraft { id }).await.expect("filed");
            // Filed by the procedure's own action: an application is deposited, a visa validated.
            assert_eq!(filed.status, procedure.filing.action().target(), "{backend:?}: {}", procedure.id);
            assert_ne!(filed.status, FileStatus::Brouillon);
            assert_eq!(&*filed.procedure, procedure.id);
        }
        app.finish().await;
    }
}

/// The server offers no more than the orientation page: one's own renewal, a change of status
/// for a title holder, the eligibility rules, and a talent sub-mention of the procedure.
#[tokio::test]
async fn a_start_the_orientation_page_does_not_offer_is_refused() {
    use app::filing::RequestKind::{Changement, Premiere, Renouvellement};
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let student = app.applicant("9102458731").await;
        let not_offered = |result: Result<String, (u16, AppError)>| match result {
            Err((422, AppError::Validation(errors))) => {
                errors.get("procedure") == Some(&app::domain::validation::ValidationError::ProcedureNotOffered)
            }
            _ => false,
        };
        assert!(not_offered(app.start(&student, "passeport_talent_chercheur", Renouvellement).await), "{backend:?}: not their title");
        assert!(not_offered(app.start(&student, "passeport_talent_chercheur", Premiere).await), "{backend:?}: a holder changes status");
        assert!(app.start(&student, "passeport_talent_chercheur", Changement).await.is_ok());

        // A VLS-TS passeport talent holder: the sub-mention picked is prefilled, if it is the
        // procedure's own.
        let talent = app.applicant("7506492815").await;
        let start = |procedure: &str, mention: &str| app::filing::StartApplication {
            procedure: procedure.into(),
            request_kind: Premiere,
            mention: Some(mention.into()),
        };
        let wrong = app.call_fn(&talent, start("passeport_talent_investisseur", "artiste_salarie")).await;
        assert!(matches!(&wrong, Err((422, AppError::Validation(e))) if e.get("mention").is_some()), "{backend:?}: {wrong:?}");
        let id = app.call_fn(&talent, start("passeport_talent_investisseur", "mandataire_social")).await.expect("start");
        let draft: DraftView = app.call_fn(&talent, app::filing::LoadDraft { id }).await.expect("draft");
        assert_eq!(draft.answers.get("sous_mention"), Some("mandataire_social"));
        assert!(not_offered(app.start(&talent, "etudiant", Premiere).await), "{backend:?}: the student rule of seed 002");
        app.finish().await;
    }
}

/// "Modifier ma saisie" from the recap: the edited step leads back to the recap, and only the
/// parts the change calls into question go back to "to validate" (seeds 001–004).
#[tokio::test]
async fn a_part_edited_from_the_recap_leads_back_to_it_with_the_others_still_validated() {
    use app::domain::catalogue::recap::{Reopened, ReopenedPart};
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let client = app.applicant("9102458731").await;
        let id = app.start_student_application(&client).await;
        for document in common::STUDENT_DOCUMENTS {
            let response = app.upload(&client, &id, document, "piece.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()).await;
            assert_eq!(response.status(), 201);
        }
        let mut version = 1;
        let mut last = None;
        for (step, answers) in student_steps() {
            let saved =
                save_step(&app, &client, json!({"id": id, "step": step, "version": version, "answers": answers})).await.expect(step);
            version = saved.version;
            last = Some(saved);
        }
        assert_eq!(last.map(|s| s.next_step).as_deref(), Some("recapitulatif"));
        let parts = ["informations", "motif", "ressources", "justificatifs"];
        for part in parts {
            version =
                app.call_fn(&client, app::filing::ValidateRecapPart { id: id.clone(), part: part.into(), version }).await.expect(part);
        }

        // Married now: the personal part and the documents (a marriage certificate) reopen.
        let mut married = student_personal_answers();
        married["situation_familiale"] = json!("marie");
        married["conjoint_nationalite"] = json!("MX");
        married["conjoint_en_france"] = json!("oui");
        let saved = save_step(&app, &client, json!({"id": id, "step": "informations", "version": version, "answers": married}))
            .await
            .expect("edited");
        assert_eq!(saved.next_step, "recapitulatif", "{backend:?}: back to the recap");
        assert_eq!(
            saved.reopened,
            [
                ReopenedPart { part: "informations".into(), why: Reopened::Edited },
                ReopenedPart { part: "justificatifs".into(), why: Reopened::Documents },
            ]
        );
        let draft: DraftView = app.call_fn(&client, app::filing::LoadDraft { id: id.clone() }).await.expect("draft");
        assert_eq!(draft.recap_validated, ["motif", "ressources"], "{backend:?}");
        assert_eq!(draft.current_step, "recapitulatif");

        // Saved again unchanged, the motive stays validated.
        let [_, (_, motive), ..] = student_steps();
        let saved = save_step(&app, &client, json!({"id": id, "step": "motif", "version": saved.version, "answers": motive}))
            .await
            .expect("same motive");
        assert_eq!((saved.next_step.as_str(), saved.reopened.len()), ("recapitulatif", 0));
        let draft: DraftView = app.call_fn(&client, app::filing::LoadDraft { id }).await.expect("draft");
        assert_eq!(draft.recap_validated, ["motif", "ressources"]);
        app.finish().await;
    }
}

/// Only a title or visa valid today counts as held (seed 002): an expired student title is
/// still renewed, late and said so, but opens no first student title.
#[tokio::test]
async fn an_expired_title_is_renewed_late_and_counts_for_no_other_eligibility() {
    use app::filing::RequestKind::{Changement, Renouvellement};
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let late = app.applicant("9103917264").await;
        let view: app::filing::OrientationView = app.call_fn(&late, app::filing::Orientation {}).await.expect("orientation");
        assert_eq!(view.expired_on.as_deref(), Some("31/10/2026"), "{backend:?}");
        assert_eq!(view.renewal.as_deref(), Some("etudiant"));
        let student = view.others.iter().find(|o| o.code == "etudiant").expect("student entry");
        assert!(student.refusal.as_deref().is_some_and(|r| r.contains("préfecture")), "{backend:?}: {student:?}");
        let refused = app.start(&late, "etudiant", Changement).await;
        assert!(matches!(&refused, Err((422, AppError::Validation(e))) if e.get("procedure").is_some()), "{backend:?}: {refused:?}");
        assert!(app.start(&late, "etudiant", Renouvellement).await.is_ok(), "{backend:?}: the late renewal");

        // A valid title: no warning.
        let sofia = app.applicant("9102458731").await;
        let view: app::filing::OrientationView = app.call_fn(&sofia, app::filing::Orientation {}).await.expect("orientation");
        assert_eq!(view.expired_on, None);
        app.finish().await;
    }
}

/// "Je donne mon avis": the owner of a filed application rates it (again, replacing), within
/// the scale; nobody else can; the administrators of its prefecture, and the national ones,
/// read the summary, and the other prefectures' do not.
#[tokio::test]
async fn feedback_is_given_on_a_filed_application_and_summed_up_for_its_administrators() {
    use app::domain::validation::ValidationError;
    use app::filing::GiveFeedback;
    use app::instruction::admin::{AdminAgents, AgentDirectory};
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id) = app.filed_student_application().await;
        let give = |rating: Option<u8>, comment: &str| GiveFeedback { id: id.clone(), rating, comment: comment.into() };

        let refused = app.call_fn(&sofia, give(Some(9), "")).await;
        assert!(matches!(&refused, Err((422, AppError::Validation(e))) if e.get("rating") == Some(&ValidationError::InvalidChoice)));
        let refused = app.call_fn(&sofia, give(None, "Bien.")).await;
        assert!(matches!(&refused, Err((422, AppError::Validation(e))) if e.get("rating") == Some(&ValidationError::Required)));
        let stranger = app.applicant("9101837465").await;
        assert!(matches!(app.call_fn(&stranger, give(Some(1), "")).await, Err((404, _))), "{backend:?}: another applicant");
        assert!(matches!(app.call_fn(&app.new_client(), give(Some(1), "")).await, Err((401, _))), "{backend:?}: anonymous");
        // A draft has no feedback.
        let draft = app.start(&stranger, "passeport_talent_chercheur", app::filing::RequestKind::Renouvellement).await.expect("draft");
        let on_draft = app.call_fn(&stranger, GiveFeedback { id: draft, rating: Some(5), comment: String::new() }).await;
        assert!(matches!(on_draft, Err((409, AppError::Conflict))), "{backend:?}: {on_draft:?}");

        app.call_fn(&sofia, give(Some(2), "Trop long.")).await.expect("feedback");
        app.call_fn(&sofia, give(Some(4), "  Clair et rapide.  ")).await.expect("replaced");

        let palaiseau = app.agent("admin.palaiseau@demo.localhost").await;
        let directory: AgentDirectory = app.call_fn(&palaiseau, AdminAgents {}).await.expect("directory");
        assert_eq!(directory.feedback.per_rating, [0, 0, 0, 1, 0], "{backend:?}: one feedback, replaced");
        assert_eq!(directory.feedback.recent.iter().map(|(r, c, _)| (*r, c.as_str())).collect::<Vec<_>>(), [(4, "Clair et rapide.")]);
        let national = app.agent("admin.national@demo.localhost").await;
        let everyone: AgentDirectory = app.call_fn(&national, AdminAgents {}).await.expect("directory");
        assert_eq!(everyone.feedback.count(), 1);

        // Another prefecture's administrator reads none of it.
        let lille = app::domain::agents::NewAgentInput {
            email: "admin.lille@demo.localhost".into(),
            display_name: "Admin Lille".into(),
            prefecture: "P059".into(),
            role: "administrateur".into(),
        };
        let work = server::crypto::PasswordWork::for_this_machine(server::config::DEFAULT_TEMPORARY_PASSWORD_HOURS);
        server::instruction::agents::create(
            &app.state.db,
            &app.state.clock,
            &work,
            &lille,
            "Agent-2026!",
            server::instruction::agents::Origin::Seed,
        )
        .await
        .expect("Lille administrator");
        let lille = app.agent("admin.lille@demo.localhost").await;
        let theirs: AgentDirectory = app.call_fn(&lille, AdminAgents {}).await.expect("directory");
        assert_eq!(theirs.feedback.count(), 0, "{backend:?}: not their prefecture's files");
        app.finish().await;
    }
}
