//! "Je valide mon VLS-TS" on SQLite and PostgreSQL: a VLS-TS holder declares the arrival, the
//! address and a tax stamp (16 digits, checked; one use only), and the filing validates the
//! visa: status `vls_ts_valide`, no implicit-decision day, the attestation of validation by
//! e-mail; the competent prefecture's agents see it in their queue and may register the holder
//! in AGDREF from it. Refused: a second validation, a title holder, a visitor.

use crate::common::{backends, sample_answers, TestApp};
use app::domain::catalogue::vls_ts::{PROCEDURE, TAX_STAMP};
use app::domain::catalogue::StepKind;
use app::domain::lifecycle::FileStatus;
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::filing::{DraftView, LoadDraft, RequestKind, SaveStep, SubmitApplication, SubmittedView, ValidateRecapPart};
use app::instruction::{FileView, QueueFilter, QueuePage};
use sea_orm::EntityTrait;

/// Two VLS-TS of visas.csv no other server test uses: a salarié's and a visitor's.
const VISA: &str = "FRA261650138";
const OTHER_VISA: &str = "FRA261734827";
/// The stamp the harness's sample answers give.
const STAMP: &str = "1234567890123456";

#[tokio::test]
async fn a_vls_ts_holder_validates_the_visa_once_and_the_prefecture_sees_it() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let holder = app.visa_holder(VISA, "adebayo.ogunleye@example.fr").await;
        let id = app.start(&holder, PROCEDURE.id, RequestKind::Premiere).await.expect("a VLS-TS holder starts");

        // A malformed stamp is explained on its field.
        let draft: DraftView = app.call_fn(&holder, LoadDraft { id: id.clone() }).await.expect("draft");
        let tax = PROCEDURE.step("taxe").expect("tax step");
        let mut answers = sample_answers(tax.fields, &draft.applicant);
        answers.set(TAX_STAMP.id, "1234 5678");
        let refused = app.call_fn(&holder, SaveStep { id: id.clone(), step: tax.id.into(), version: draft.version, answers }).await;
        let Err((422, error)) = refused else { panic!("{refused:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get(TAX_STAMP.id)), Some(&ValidationError::InvalidTaxStamp));

        // Filed: the visa is validated, nothing is left to decide.
        let filed = app.file_procedure(&holder, &PROCEDURE).await;
        assert_eq!(filed, id);
        let stored = app.file(&id).await;
        assert_eq!(stored.status, FileStatus::VlsTsValide.as_str(), "{backend:?}");
        assert_eq!(stored.implicit_decision_on, None, "a validation awaits no decision");
        let taken = server::db::entities::tax_stamp::Entity::find_by_id(STAMP.to_owned()).one(&app.state.db).await.expect("query");
        assert_eq!(taken.map(|t| t.application_id), Some(stored.id), "the stamp is taken by this file");
        let mail = app.last_mail_to("adebayo.ogunleye@example.fr").await;
        assert!(mail.subject.contains("Votre VLS-TS est validé"), "{}", mail.subject);
        assert!(mail.raw.contains("attestation-validation-vls-ts"), "the attestation is attached");
        let attestation = holder.get(app.url(&format!("/api/demandes/{id}/documents/attestation_validation_vls_ts"))).send().await;
        assert_eq!(attestation.expect("download").status(), 200);

        // Once only.
        let again = app.start(&holder, PROCEDURE.id, RequestKind::Premiere).await;
        let Err((422, error)) = again else { panic!("{again:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get("procedure")), Some(&ValidationError::VisaAlreadyValidated));

        // The same stamp does not pay for another holder's validation.
        let other = app.visa_holder(OTHER_VISA, "eleanor.whitfield@example.fr").await;
        let other_id = app.start(&other, PROCEDURE.id, RequestKind::Premiere).await.expect("start");
        let draft: DraftView = app.call_fn(&other, LoadDraft { id: other_id.clone() }).await.expect("draft");
        let mut version = draft.version;
        for step in PROCEDURE.steps.iter().filter(|s| s.kind == StepKind::Form) {
            let answers = sample_answers(step.fields, &draft.applicant);
            let save = SaveStep { id: other_id.clone(), step: step.id.into(), version, answers };
            version = app.call_fn(&other, save).await.expect("step").version;
            version = app.call_fn(&other, ValidateRecapPart { id: other_id.clone(), part: step.id.into(), version }).await.expect("part");
        }
        let reused: Result<SubmittedView, _> = app.call_fn(&other, SubmitApplication { id: other_id.clone(), observations: None }).await;
        let Err((422, error)) = reused else { panic!("{backend:?}: {reused:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get(TAX_STAMP.id)), Some(&ValidationError::TaxStampUsed));
        assert_eq!(app.file(&other_id).await.status, FileStatus::Brouillon.as_str(), "nothing filed");

        // The competent prefecture (the address is in Palaiseau) sees it in its queue; another does not.
        let palaiseau = app.agent("agent.palaiseau@demo.localhost").await;
        let number = stored.file_number.clone().expect("number");
        let search = |agent| {
            let filter = QueueFilter { search: Some(number.clone()), status: Some(FileStatus::VlsTsValide), ..Default::default() };
            app.call_fn(agent, app::instruction::Queue { filter })
        };
        let page: QueuePage = search(&palaiseau).await.expect("queue");
        assert_eq!(page.items.iter().map(|r| r.file_number.as_str()).collect::<Vec<_>>(), [number.as_str()], "{backend:?}");
        // Not in AGDREF yet: the holder as VISABIO knows him, without a numéro étranger.
        assert_eq!((page.items[0].holder.as_str(), page.items[0].numero_etranger.as_deref()), ("Adebayo Samuel OGUNLEYE", None));
        let lille = app.agent("agent.lille@demo.localhost").await;
        assert!(search(&lille).await.expect("queue").items.is_empty());
        let file: FileView = app.call_fn(&palaiseau, app::instruction::AgentFile { id: id.clone() }).await.expect("file");
        assert!(file.can_register_in_agdref, "the holder is registered in AGDREF from the validation");
        assert!(file.actions.is_empty(), "nothing to decide");

        // Refused to a title holder and to a visitor.
        let sofia = app.applicant("9102458731").await;
        let title_holder = app.start(&sofia, PROCEDURE.id, RequestKind::Changement).await;
        assert!(matches!(title_holder, Err((422, AppError::Validation(_)))), "{title_holder:?}");
        let title_holder = app.start(&sofia, PROCEDURE.id, RequestKind::Premiere).await;
        assert!(matches!(title_holder, Err((422, AppError::Validation(_)))), "{title_holder:?}");
        let visitor = app.call_fn_default(app::filing::StartApplication {
            procedure: PROCEDURE.id.into(),
            request_kind: RequestKind::Premiere,
            mention: None,
        });
        assert!(matches!(visitor.await, Err((401, _))));
        // The page itself is refused to a visitor, as every applicant's page (the browser then
        // goes to the login page), and shows the holder the visa the registers know.
        let page = app.new_client().get(app.url("/demarches/valider-vls-ts")).send().await.expect("page");
        assert_eq!(page.status(), 401);
        let other_page = other.get(app.url("/demarches/valider-vls-ts")).send().await.expect("page");
        assert_eq!(other_page.status(), 200);
        assert!(other_page.text().await.expect("html").contains("VLS-TS VISITEUR"), "the holder's visa is named");
        app.finish().await;
    }
}
