//! Addresses, on SQLite and PostgreSQL: the completion answered by the imported national address
//! base (the fictional sample the registers seed), accents, case and word order aside; the
//! import's line errors and updates; and the EU citizen's renewal, whose address is the
//! account's (seed 001: a move is declared on the account first).

use crate::common::{backends, sample_answers, TestApp};
use app::domain::catalogue::{self, StepKind};
use app::error::AppError;
use app::filing::{AddressSuggestion, DraftView, LoadDraft, SaveStep, SearchAddress};
use server::registry::import::{import_csv, Kind};

/// Łukasz WIŚNIEWSKI, an EU citizen employee in Lille (a demo account).
const LUKASZ: &str = "5901284736";
const SOFIA: &str = "9102458731";

async fn search(app: &TestApp, client: &reqwest::Client, query: &str) -> Vec<AddressSuggestion> {
    app.call_fn(client, SearchAddress { query: query.into() }).await.unwrap_or_else(|e| panic!("{query}: {e:?}"))
}

#[tokio::test]
async fn the_imported_address_base_completes_an_address_without_accents_case_or_order() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let sofia = app.applicant(SOFIA).await;

        let found = search(&app, &sofia, "HUNIERE palai 12").await;
        let twelve = found.iter().find(|s| s.label == "12 Rue de la Hunière 91120 Palaiseau").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(
            (twelve.street.as_str(), twelve.postal_code.as_str(), twelve.city.as_str(), twelve.insee_code.as_str()),
            ("12 Rue de la Hunière", "91120", "Palaiseau", "91477")
        );
        assert!(found.len() <= 6, "{backend:?}: at most six suggestions");
        let bis = search(&app, &sofia, "12 bis hunière").await;
        assert_eq!(bis.first().map(|s| s.street.as_str()), Some("12 bis Rue de la Hunière"), "{bis:?}");
        let church = search(&app, &sofia, "EGLISE lille").await;
        assert!(!church.is_empty() && church.iter().all(|s| s.street.contains("Église") && s.city == "Lille"), "{church:?}");
        // Too short, unknown, or made of a query language's syntax: nothing, and no error.
        assert!(search(&app, &sofia, "ru").await.is_empty());
        assert!(search(&app, &sofia, "zzzz introuvable").await.is_empty());
        assert!(search(&app, &sofia, "\"*) OR hun* NEAR(").await.is_empty());
        // Nobody but a logged-in applicant searches.
        assert!(matches!(app.call_fn_default(SearchAddress { query: "hunière".into() }).await, Err((401, _))));

        // An import with one bad line names it and changes nothing.
        let header = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune\n";
        let bad = format!("{header}91477_t_1;;1;;Rue Neuve;91120;91477;Palaiseau\n91477_t_2;;2;;Rue Neuve;9112;91477;Palaiseau\n");
        let error = import_csv(&app.state.db, &app.state.clock, Kind::Addresses, bad.as_bytes()).await.expect_err("bad postal code");
        assert!(error.to_string().contains("line 3") && error.to_string().contains("code_postal"), "{error}");
        assert!(search(&app, &sofia, "rue neuve palaiseau").await.is_empty(), "{backend:?}: nothing of the bad file");
        // A good one is searched at once; importing it again updates the same rows.
        let good = format!("{header}91477_t_1;;1;;Rue Neuve;91120;91477;Palaiseau\n91477_t_2;;2;ter;Rue Neuve;91120;91477;Palaiseau\n");
        let first = import_csv(&app.state.db, &app.state.clock, Kind::Addresses, good.as_bytes()).await.expect("import");
        assert_eq!((first.inserted, first.updated), (2, 0));
        let again = import_csv(&app.state.db, &app.state.clock, Kind::Addresses, good.replace("Palaiseau", "PALAISEAU").as_bytes())
            .await
            .expect("import again");
        assert_eq!((again.inserted, again.updated), (0, 2));
        let neuve = search(&app, &sofia, "neuve palaiseau").await;
        assert_eq!(neuve.len(), 2, "{backend:?}: {neuve:?}");
        assert!(neuve.iter().any(|s| s.label == "2 ter Rue Neuve 91120 PALAISEAU"), "{neuve:?}");
        app.finish().await;
    }
}

#[tokio::test]
async fn an_eu_citizens_renewal_files_the_address_declared_on_the_account() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let procedure = catalogue::procedure("citoyen_ue_salarie").expect("procedure");
        let client = app.applicant(LUKASZ).await;
        let kind = app.request_kind(&client, procedure.id).await;
        let id = app.start(&client, procedure.id, kind).await.expect("start");
        let draft: DraftView = app.call_fn(&client, LoadDraft { id: id.clone() }).await.expect("draft");
        assert_eq!(draft.answers.get("adresse_commune"), Some("Lille"), "the register's address");
        assert_eq!(draft.answers.get("adresse_pays"), Some("FR"));

        // An address typed into the step is not taken: the account's is.
        let personal = procedure.steps.iter().find(|s| s.kind == StepKind::Form).expect("personal step");
        let mut answers = sample_answers(personal.fields, &draft.applicant);
        answers.set("adresse_voie", "1 place Imaginaire");
        answers.set("adresse_commune", "Nulle-Part");
        let saved = app.call_fn(&client, SaveStep { id: id.clone(), step: personal.id.into(), version: draft.version, answers }).await;
        assert!(saved.is_ok(), "{backend:?}: {saved:?}");
        let draft: DraftView = app.call_fn(&client, LoadDraft { id: id.clone() }).await.expect("draft");
        assert_eq!(draft.answers.get("adresse_commune"), Some("Lille"), "{backend:?}");
        assert_ne!(draft.answers.get("adresse_voie"), Some("1 place Imaginaire"));

        // He moves, on the account: the draft shows the new address at once, and the file
        // carries it.
        let moved = serde_json::json!({"adresse_voie": "4 Rue des Glycines", "adresse_code_postal": "91120",
            "adresse_commune": "Palaiseau", "adresse_code_insee": "91477", "telephone": "06 12 34 56 78"});
        let declared: Result<catalogue::Answers, (u16, AppError)> =
            app.call_fn(&client, TestApp::args::<app::accounts::UpdateContact>(serde_json::json!({ "contact": moved }))).await;
        assert!(declared.is_ok(), "{declared:?}");
        let draft: DraftView = app.call_fn(&client, LoadDraft { id: id.clone() }).await.expect("draft");
        assert_eq!(draft.answers.get("adresse_voie"), Some("4 Rue des Glycines"), "{backend:?}");
        let (_, filed) = app.filed_application_as(procedure, LUKASZ).await;
        assert_eq!(filed, id);
        let stored: catalogue::Answers = serde_json::from_str(&app.file(&id).await.answers).expect("answers");
        assert_eq!((stored.get("adresse_voie"), stored.get("adresse_code_insee")), (Some("4 Rue des Glycines"), Some("91477")));
        app.finish().await;
    }
}
