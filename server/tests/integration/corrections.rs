//! Corrections after filing on SQLite and PostgreSQL: the applicant corrects an answer and adds
//! a document until the file is taken in charge (each change dated, before and after, for the
//! agent; the receipt untouched and an addendum issued); then the agent sends the file back for
//! correction with a reason per item, and it returns when the applicant resubmits. Refusals of
//! everyone else.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::{backends, TestApp};
use app::corrections::{AgentRequestCorrection, CorrectionView, LoadCorrection, SendCorrection, ADDENDUM};
use app::domain::corrections::{CorrectionItem, Reason};
use app::domain::lifecycle::FileStatus;
use app::domain::validation::ValidationError;
use app::instruction::{AgentFile, FileView};
use server::db::entities::{application_event, issued_document};

const AGENT: &str = "agent.palaiseau@demo.localhost";

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

fn with(view: &CorrectionView, key: &str, value: &str) -> app::domain::catalogue::Answers {
    let mut answers = view.answers.clone();
    answers.set(key, value);
    answers
}

fn send(view: &CorrectionView, answers: app::domain::catalogue::Answers) -> SendCorrection {
    SendCorrection { id: view.id.clone(), version: view.version, answers }
}

async fn kinds(app: &TestApp, id: &str) -> Vec<String> {
    let file = app.file(id).await;
    issued_document::Entity::find()
        .filter(issued_document::Column::ApplicationId.eq(file.id))
        .all(&app.state.db)
        .await
        .expect("issued")
        .into_iter()
        .map(|d| d.kind)
        .collect()
}

#[tokio::test]
async fn an_applicant_corrects_a_filed_application_until_it_is_taken_in_charge() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id) = app.filed_student_application().await;
        let view: CorrectionView = app.call_fn(&sofia, LoadCorrection { id: id.clone() }).await.expect("page");
        assert_eq!(view.status, FileStatus::Deposee);
        assert!(view.requested.is_empty() && view.changes.is_empty() && view.added.is_empty());
        let phone = view.answers.get("telephone").expect("filed phone").to_owned();

        // An answer corrected: dated, before and after; the receipt stays, an addendum comes.
        let corrected = app.call_fn(&sofia, send(&view, with(&view, "telephone", "07 98 76 54 32"))).await.expect("correct");
        assert_eq!(corrected.changes.len(), 1, "{backend:?}");
        let change = &corrected.changes[0];
        assert!(change.label.contains("Téléphone"), "{}", change.label);
        assert_eq!((change.before.as_deref(), change.after.as_deref()), (Some(phone.as_str()), Some("07 98 76 54 32")));
        let issued = kinds(&app, &id).await;
        assert_eq!(issued.iter().filter(|k| *k == "confirmation_depot").count(), 1, "the receipt is not rewritten");
        assert!(issued.iter().any(|k| k == ADDENDUM), "{issued:?}");
        let addendum = sofia.get(app.url(&app::filing::paths::issued(&id, ADDENDUM))).send().await.expect("addendum");
        assert_eq!(addendum.status(), 200);
        assert!(addendum.bytes().await.expect("bytes").starts_with(b"%PDF-"));

        // A document added; one joined by mistake is removed before sending.
        let mistake: app::filing::JoinedFile =
            app.upload(&sofia, &id, "passeport", "erreur.pdf", pdf("erreur")).await.json().await.expect("joined");
        let removed = sofia
            .delete(app.url(&app::filing::paths::joined_file(&id, mistake.id)))
            .header("origin", &app.base_url)
            .send()
            .await
            .expect("delete");
        assert_eq!(removed.status(), 204);
        let added = app.upload(&sofia, &id, "passeport", "passeport-2026.pdf", pdf("passeport")).await;
        assert_eq!(added.status(), 201);
        let view: CorrectionView = app.call_fn(&sofia, LoadCorrection { id: id.clone() }).await.expect("page");
        assert_eq!(view.added.len(), 1);
        let view = app.call_fn(&sofia, send(&view, view.answers.clone())).await.expect("document");
        let last = view.changes.last().expect("change");
        assert_eq!((last.label.as_str(), last.after.as_deref()), ("Justificatif ajouté – Passeport", Some("passeport-2026.pdf")));
        // What was filed, or sent, stays in the file.
        let filed = app.file(&id).await;
        let sent_file = server::filing::store::files(&app.state.db, filed.id).await.expect("files").into_iter().last().expect("file");
        let delete = sofia
            .delete(app.url(&app::filing::paths::joined_file(&id, sent_file.id)))
            .header("origin", &app.base_url)
            .send()
            .await
            .expect("delete");
        assert_eq!(delete.status(), 409);

        // Nothing changed, or only what cannot be corrected here: said, and nothing recorded.
        let same = app.call_fn(&sofia, send(&view, with(&view, "nom_naissance", "Autre"))).await;
        let Err((422, error)) = same else { panic!("{same:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get("changes")), Some(&ValidationError::NothingChanged));
        // A bad value is explained as in the wizard.
        let bad = app.call_fn(&sofia, send(&view, with(&view, "telephone", "12"))).await;
        let Err((422, error)) = bad else { panic!("{bad:?}") };
        assert!(error.field_errors().and_then(|f| f.get("telephone")).is_some(), "{error:?}");
        // A stale page (another tab sent first).
        let stale =
            app.call_fn(&sofia, SendCorrection { id: id.clone(), version: 1, answers: with(&view, "telephone", "06 00 00 00 00") }).await;
        assert!(matches!(stale, Err((409, _))), "{stale:?}");

        // The history and the agent's file say what changed.
        let history = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(filed.id))
            .filter(application_event::Column::Action.eq("corrected_by_applicant"))
            .all(&app.state.db)
            .await
            .expect("history");
        assert_eq!(history.len(), 2);
        let agent = app.agent(AGENT).await;
        let file: FileView = app.call_fn(&agent, AgentFile { id: id.clone() }).await.expect("agent file");
        assert_eq!(file.changes.len(), 2);
        assert_eq!(file.changes[0].before.as_deref(), Some(phone.as_str()));

        // Nobody else: visitors, another applicant, an agent on the applicant's function.
        assert!(matches!(app.call_fn_default(LoadCorrection { id: id.clone() }).await, Err((401, _))));
        let priya = app.applicant("9101837465").await;
        assert!(matches!(app.call_fn(&priya, LoadCorrection { id: id.clone() }).await, Err((404, _))));
        assert!(matches!(app.call_fn(&priya, send(&view, view.answers.clone())).await, Err((404, _))));
        assert_eq!(app.upload(&priya, &id, "passeport", "x.pdf", pdf("x")).await.status(), 404);
        assert!(matches!(app.call_fn(&agent, LoadCorrection { id: id.clone() }).await, Err((401, _))));

        // Once taken in charge, only the agent can open it again.
        app.act(&agent, &id, "take_charge").await;
        let view: CorrectionView = app.call_fn(&sofia, LoadCorrection { id: id.clone() }).await.expect("page");
        assert_eq!(view.status, FileStatus::EnInstruction);
        let late = app.call_fn(&sofia, send(&view, with(&view, "telephone", "06 11 11 11 11"))).await;
        assert!(matches!(late, Err((409, _))), "{late:?}");
        assert_eq!(app.upload(&sofia, &id, "passeport", "tard.pdf", pdf("tard")).await.status(), 409);
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}

#[tokio::test]
async fn an_agent_sends_a_file_back_for_correction_and_it_returns_when_resubmitted() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id) = app.filed_student_application().await;
        let agent = app.agent(AGENT).await;
        app.act(&agent, &id, "take_charge").await;
        let item = |target: &str, reason: Reason, comment: &str| CorrectionItem { target: target.into(), reason, comment: comment.into() };
        let ask = |items: Vec<CorrectionItem>| AgentRequestCorrection { id: id.clone(), items };

        // Checked: at least one item, each a step or a document of the procedure.
        let empty = app.call_fn(&agent, ask(vec![])).await;
        assert!(matches!(empty, Err((422, _))), "{empty:?}");
        let unknown = app.call_fn(&agent, ask(vec![item("etat_civil", Reason::Incorrect, "")])).await;
        assert!(matches!(unknown, Err((422, _))), "{unknown:?}");
        // Nobody else asks.
        let lille = app.agent("agent.lille@demo.localhost").await;
        assert!(matches!(app.call_fn(&lille, ask(vec![item("etablissement_nom", Reason::Incorrect, "")])).await, Err((404, _))));
        assert!(matches!(app.call_fn(&sofia, ask(vec![item("etablissement_nom", Reason::Incorrect, "")])).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(ask(vec![item("etablissement_nom", Reason::Incorrect, "")])).await, Err((401, _))));

        let items = vec![
            item("etablissement_nom", Reason::Incorrect, "Le nom de l'établissement ne correspond pas à l'attestation."),
            item("passeport", Reason::OutOfDate, "Le passeport joint a expiré."),
        ];
        let file = app.call_fn(&agent, ask(items)).await.expect("send back");
        assert_eq!(file.status, FileStatus::CorrectionDemandee, "{backend:?}");
        assert_eq!(file.correction.len(), 2);
        assert!(!file.can_request_correction && !file.can_request_complement);
        assert_eq!(app.file(&id).await.implicit_decision_on, None, "the period is suspended");
        let told = app.last_mail_to("sofia.hernandez@demo.localhost").await;
        assert!(told.subject.contains("a évolué"), "{}", told.subject);

        // The applicant sees what to correct, corrects it and sends the file back.
        let view: CorrectionView = app.call_fn(&sofia, LoadCorrection { id: id.clone() }).await.expect("page");
        assert_eq!(
            view.requested.iter().map(|r| (r.target.as_str(), r.reason)).collect::<Vec<_>>(),
            [("etablissement_nom", Reason::Incorrect), ("passeport", Reason::OutOfDate)]
        );
        assert!(view.requested[1].label.contains("Passeport"));
        assert_eq!(app.upload(&sofia, &id, "passeport", "passeport-valide.pdf", pdf("valide")).await.status(), 201);
        let back = app.call_fn(&sofia, send(&view, with(&view, "etablissement_nom", "Université d'Évry"))).await.expect("resubmit");
        assert_eq!(back.status, FileStatus::EnInstruction);
        assert_eq!(back.changes.len(), 2, "{:?}", back.changes);
        assert!(app.file(&id).await.implicit_decision_on.is_some(), "the period runs again");
        let told = app.last_mail_to(AGENT).await;
        assert!(told.subject.contains("corrigé par l'usager"), "{}", told.subject);
        let file: FileView = app.call_fn(&agent, AgentFile { id: id.clone() }).await.expect("agent file");
        assert!(file.correction.is_empty(), "answered");
        assert!(file.changes.iter().any(|c| c.after.as_deref() == Some("Université d'Évry")));
        assert!(file.history.iter().any(|e| e.action.contains("corrigé et renvoyé")));
        // Back in instruction: no more corrections from the applicant.
        let again = app.call_fn(&sofia, send(&back, with(&back, "etablissement_nom", "Autre"))).await;
        assert!(matches!(again, Err((409, _))), "{again:?}");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}
