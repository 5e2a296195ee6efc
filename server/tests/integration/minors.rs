//! A minor's application on SQLite and PostgreSQL (seed 001 case 3): a 16-year-old EU citizen
//! who is not emancipated files with her legal representative's capacity, name, phone, e-mail
//! (checked) and address; the representative's identity document and, as she works, the sworn
//! statement of seed 001 annex 3 are asked for.

use crate::common::{backends, sample_answers, TestApp};
use app::domain::catalogue::{self, required_documents, StepKind};
use app::domain::validation::ValidationError;
use app::filing::{DraftView, LoadDraft, SaveStep};

/// Paulina Maria ZIELIŃSKA, 16, not emancipated (a demo account).
const PAULINA: &str = "9206194725";

#[tokio::test]
async fn a_minor_files_with_her_legal_representative() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let procedure = catalogue::procedure("citoyen_ue_salarie").expect("procedure");
        let client = app.applicant(PAULINA).await;
        let kind = app.request_kind(&client, procedure.id).await;
        let id = app.start(&client, procedure.id, kind).await.expect("start");
        let draft: DraftView = app.call_fn(&client, LoadDraft { id: id.clone() }).await.expect("draft");
        let personal = procedure.steps.iter().find(|s| s.kind == StepKind::Form).expect("personal step");

        // The representative's e-mail is asked, and checked, like the rest of the step.
        let mut answers = sample_answers(personal.fields, &draft.applicant);
        assert!(answers.get("representant_nom").is_some(), "a minor is asked for her legal representative");
        answers.0.remove("representant_courriel");
        let save = |answers| SaveStep { id: id.clone(), step: personal.id.into(), version: draft.version, answers };
        let missing = app.call_fn(&client, save(answers.clone())).await;
        let Err((422, error)) = missing else { panic!("{missing:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get("representant_courriel")), Some(&ValidationError::Required), "{backend:?}");
        answers.set("representant_courriel", "pas-une-adresse");
        let invalid = app.call_fn(&client, save(answers)).await;
        let Err((422, error)) = invalid else { panic!("{invalid:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get("representant_courriel")), Some(&ValidationError::InvalidEmail));

        // Filed with the representative's details and identity document.
        let (_, filed) = app.filed_application_as(procedure, PAULINA).await;
        assert_eq!(filed, id, "the same draft, completed");
        let stored = app.file(&id).await;
        let answers: catalogue::Answers = serde_json::from_str(&stored.answers).expect("answers");
        for field in ["representant_nom", "representant_qualite", "representant_telephone", "representant_courriel"] {
            assert!(answers.get(field).is_some(), "{field}");
        }
        let documents: Vec<&str> = required_documents(procedure, &answers, &draft.applicant).iter().map(|d| d.code).collect();
        assert!(documents.contains(&"piece_identite_representant"), "{documents:?}");
        // She works: seed 001 annex 3's sworn statement is asked too.
        assert_eq!(answers.get("activite"), Some("en_activite"));
        assert!(documents.contains(&"declaration_honneur_mineur"), "{documents:?}");
        let files = server::filing::store::files(&app.state.db, stored.id).await.expect("files");
        assert!(files.iter().any(|f| f.document_code == "piece_identite_representant"));
        assert_eq!(stored.status, "deposee");
        app.finish().await;
    }
}
