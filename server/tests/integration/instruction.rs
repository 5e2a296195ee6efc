//! The back-office over HTTP: agents log in on their own, see and act on the files of their
//! prefecture only; applicants never reach the back-office, agents never reach another
//! prefecture's files; every action is in the file's history, and a favourable decision issues
//! the attestation the applicant downloads.

use crate::common;

use crate::common::{backends, TestApp};
use app::domain::lifecycle::FileStatus;
use app::error::AppError;
use app::instruction::{FileView, QueueFilter};

#[tokio::test]
async fn agents_instruct_the_files_of_their_prefecture_only() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (applicant, id) = app.filed_student_application().await;

        // Wrong password; an applicant's session is not an agent's.
        let wrong = app
            .call_fn(
                &app.new_client(),
                app::instruction::AgentLogin { email: "agent.palaiseau@demo.localhost".into(), password: "x".into() },
            )
            .await;
        assert!(matches!(wrong, Err((401, AppError::InvalidCredentials))), "{wrong:?}");
        assert!(matches!(app.queue(&applicant, QueueFilter::default()).await, Err((401, _))));
        let as_applicant = app.call_fn(&applicant, app::instruction::AgentFile { id: id.to_string() }).await;
        assert!(matches!(as_applicant, Err((401, _))), "{as_applicant:?}");

        // The Palaiseau agent sees the file, finds it by name, numéro étranger and file number.
        let palaiseau = app.agent("agent.palaiseau@demo.localhost").await;
        let page = app.queue(&palaiseau, QueueFilter::default()).await.expect("queue");
        assert_eq!(page.prefecture, "Sous-préfecture de Palaiseau");
        assert_eq!((page.total, page.items[0].id.as_str(), page.items[0].status.as_str()), (1, id.as_str(), "deposee"));
        assert_eq!(page.counts, vec![(FileStatus::Deposee, 1)]);
        // The holder as AGDREF knows her, with her numéro étranger.
        assert_eq!(
            (page.items[0].holder.as_str(), page.items[0].numero_etranger.as_deref()),
            ("Sofía Valentina HERNÁNDEZ RUIZ", Some("9102458731")),
            "{backend:?}"
        );
        let number = page.items[0].file_number.clone();
        // A name is matched in part, across the given and family names, accents and case aside.
        for search in ["hernández", "HERNANDEZ", "valentina hern", "  Ruíz ", "9102458731", &number[number.len() - 6..]] {
            let found = app.queue(&palaiseau, QueueFilter { search: Some(search.into()), ..Default::default() }).await.expect("search");
            assert_eq!(found.total, 1, "search {search}");
        }
        for search in ["hernandes", "--", "sofia ruiz"] {
            let found = app.queue(&palaiseau, QueueFilter { search: Some(search.into()), ..Default::default() }).await.expect("search");
            assert_eq!(found.total, 0, "search {search}");
        }
        let none = app.queue(&palaiseau, QueueFilter { status: Some(FileStatus::Refusee), ..Default::default() }).await.expect("filter");
        assert_eq!(none.total, 0);
        // A status that does not exist is not even read as a filter.
        let bad = palaiseau
            .post(app.url("/api/agent/file-attente"))
            .header("origin", &app.base_url)
            .json(&serde_json::json!({ "filter": { "status": "n'importe", "page": 1 } }))
            .send()
            .await
            .expect("request");
        assert!(!bad.status().is_success(), "{:?}", bad.status());
        // An agent is not an applicant either.
        let drafts = app.call_fn(&palaiseau, app::filing::MyApplications {}).await;
        assert!(matches!(drafts, Err((401, _))), "{drafts:?}");

        // Another prefecture's agent sees nothing of it, not even its documents.
        let lille = app.agent("agent.lille@demo.localhost").await;
        assert_eq!(app.queue(&lille, QueueFilter::default()).await.expect("queue").total, 0);
        let foreign = app.call_fn(&lille, app::instruction::AgentFile { id: id.to_string() }).await;
        assert!(matches!(foreign, Err((404, AppError::NotFound))), "{foreign:?}");
        let foreign_act =
            app.call_fn(&lille, app::instruction::AgentAct { id: id.to_string(), action: "take_charge".into(), note: None }).await;
        assert!(matches!(foreign_act, Err((404, _))), "{foreign_act:?}");

        // The file: answers grouped as in the recap, documents, history, allowed actions.
        let file: FileView = app.call_fn(&palaiseau, app::instruction::AgentFile { id: id.to_string() }).await.expect("file");
        assert_eq!(
            file.parts.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(),
            ["Informations personnelles", "Motif de séjour", "Ressources", "Justificatifs et e-photo"]
        );
        assert!(file.parts[1].rows.iter().any(|(label, value)| label == "Discipline" && value.as_deref() == Some("Informatique")));
        let joined = &file.documents[0].files[0];
        let download = lille.get(app.url(&format!("/api/agent/dossiers/{id}/fichiers/{}", joined.id))).send().await.expect("download");
        assert_eq!(download.status(), 404, "another prefecture");
        let download = palaiseau.get(app.url(&format!("/api/agent/dossiers/{id}/fichiers/{}", joined.id))).send().await.expect("download");
        assert_eq!(download.status(), 200);
        // An applicant's file never opens inside the back-office: saved, and inert if opened.
        let disposition = download.headers()["content-disposition"].to_str().expect("ascii");
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert_eq!(download.headers()["content-security-policy"], "default-src 'none'; sandbox");
        assert_eq!(download.headers()["x-content-type-options"], "nosniff");
        assert_eq!(file.actions.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), ["take_charge"]);

        // Take charge, then an action of the wrong state, a refusal without reason, a decision.
        let file: FileView = app
            .call_fn(&palaiseau, app::instruction::AgentAct { id: id.to_string(), action: "take_charge".into(), note: None })
            .await
            .expect("take charge");
        assert_eq!(file.status, FileStatus::EnInstruction);
        let early =
            app.call_fn(&palaiseau, app::instruction::AgentAct { id: id.to_string(), action: "hand_over".into(), note: None }).await;
        assert!(matches!(early, Err((409, AppError::Conflict))), "{early:?}");
        let silent = app.call_fn(&palaiseau, app::instruction::AgentAct { id: id.to_string(), action: "refuse".into(), note: None }).await;
        assert!(
            matches!(&silent, Err((422, AppError::Validation(e))) if e.get("decision").is_some()),
            "a refusal needs its decision: {silent:?}"
        );
        let file: FileView = app
            .call_fn(
                &palaiseau,
                app::instruction::AgentAct {
                    id: id.to_string(),
                    action: "decide_favourable".into(),
                    note: Some("Pièces complètes.".into()),
                },
            )
            .await
            .expect("decide");
        assert_eq!(file.status.as_str(), "decision_favorable");
        let history: Vec<(&str, &str)> = file.history.iter().map(|e| (e.actor.as_str(), e.to_status.as_str())).collect();
        assert_eq!(
            history,
            [("Usager", "deposee"), ("Agent de préfecture", "en_instruction"), ("Agent de préfecture", "decision_favorable")]
        );
        assert_eq!(file.history[2].detail.as_deref(), Some("Pièces complètes."));

        // The applicant is told by e-mail and downloads the attestation.
        let mails = app.mails_to("sofia.hernandez@demo.localhost").await;
        assert!(mails.iter().any(|m| m.subject.contains("a évolué")), "{:?}", mails.iter().map(|m| &m.subject).collect::<Vec<_>>());
        let list: Vec<app::filing::ApplicationSummary> = app.call_fn(&applicant, app::filing::MyApplications {}).await.expect("list");
        assert_eq!(list[0].issued, ["confirmation_depot", "attestation_prolongation_instruction", "attestation_decision_favorable"]);
        let attestation =
            applicant.get(app.url(&format!("/api/demandes/{id}/documents/attestation_decision_favorable"))).send().await.expect("get");
        assert_eq!(attestation.status(), 200);
        assert!(attestation.bytes().await.expect("pdf").starts_with(b"%PDF"));
        let stranger = app.agent("agent.paris@demo.localhost").await;
        let refused =
            stranger.get(app.url(&format!("/api/demandes/{id}/documents/attestation_decision_favorable"))).send().await.expect("get");
        assert_eq!(refused.status(), 401, "an agent is not the applicant");

        // Logging out ends the back-office session.
        let _: () = app.call_fn(&palaiseau, app::instruction::AgentLogout {}).await.expect("logout");
        assert!(matches!(app.queue(&palaiseau, QueueFilter::default()).await, Err((401, _))));
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_complementary_request_is_answered_by_keeping_and_replacing_documents() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (applicant, id) = app.filed_student_application().await;
        let palaiseau = app.agent("agent.palaiseau@demo.localhost").await;
        let _: FileView = app
            .call_fn(&palaiseau, app::instruction::AgentAct { id: id.to_string(), action: "take_charge".into(), note: None })
            .await
            .expect("take");

        let request = |documents: serde_json::Value| {
            let args: app::instruction::AgentRequestComplement = TestApp::args(serde_json::json!({"id": id, "documents": documents}));
            app.call_fn(&palaiseau, args)
        };
        let refused = request(serde_json::json!([{"document": "passeport", "reason": " "}])).await;
        assert!(matches!(refused, Err((422, _))), "a reason for each document: {refused:?}");
        let file = request(serde_json::json!([
            {"document": "passeport", "reason": "La page de la photo est illisible."},
            {"document": "inscription", "reason": "L'attestation doit porter sur l'année 2026-2027."}
        ]))
        .await
        .expect("request");
        assert_eq!(file.status.as_str(), "complement_demande");
        assert_eq!(file.complement.as_ref().map(|c| c.days_left), Some(30));

        // The applicant sees the request; an answer must cover each document properly.
        let view: app::filing::ComplementView =
            app.call_fn(&applicant, app::filing::LoadComplement { id: id.to_string() }).await.expect("view");
        assert_eq!(view.items.len(), 2);
        assert_eq!(view.items[0].originals.len(), 1, "the original can be viewed");
        let answer = |answers: serde_json::Value| {
            let args: app::filing::AnswerComplement = TestApp::args(serde_json::json!({"id": id, "answers": answers, "message": "Merci."}));
            app.call_fn(&applicant, args)
        };
        let keep_and_replace = serde_json::json!([
            {"document": "passeport", "keep": true, "justification": "La photo est lisible sur l'original ; voir page 2."},
            {"document": "inscription", "keep": false, "justification": null}
        ]);
        let without_file = answer(keep_and_replace.clone()).await;
        assert!(matches!(without_file, Err((422, _))), "a replaced document needs its new file: {without_file:?}");
        // Only requested documents can be joined now, and originals cannot be removed.
        let other = applicant
            .post(app.url(&format!("/api/demandes/{id}/pieces/resultats?nom=x.pdf")))
            .header("origin", &app.base_url)
            .body(b"%PDF-1.4\n".to_vec())
            .send()
            .await
            .expect("upload");
        assert_eq!(other.status(), 409);
        let original = &view.items[0].originals[0];
        let removed = applicant
            .delete(app.url(&format!("/api/demandes/{id}/fichiers/{}", original.id)))
            .header("origin", &app.base_url)
            .send()
            .await
            .expect("delete");
        assert_eq!(removed.status(), 409, "the originals stay");
        // A moment later than the request, as in life (the request's time is the clock's now).
        app.state.clock.advance(chrono::Duration::seconds(5));
        let joined = applicant
            .post(app.url(&format!("/api/demandes/{id}/pieces/inscription?nom=inscription-2026.pdf")))
            .header("origin", &app.base_url)
            .body(b"%PDF-1.4\n%%EOF\n".to_vec())
            .send()
            .await
            .expect("upload");
        assert_eq!(joined.status(), 201);
        answer(keep_and_replace).await.expect("answer");

        // Back to the agent, completed, with the answers and the new file.
        let file: FileView = app.call_fn(&palaiseau, app::instruction::AgentFile { id: id.to_string() }).await.expect("file");
        assert_eq!(file.status.as_str(), "en_instruction");
        let complement = file.complement.expect("request");
        assert!(complement.answered);
        assert_eq!(complement.items[0].answer.as_deref(), Some("maintenu"));
        assert_eq!(complement.items[1].new_files.len(), 1);
        assert_eq!(file.history.last().map(|e| e.action.as_str()), Some("Dossier complété"));
        let again = answer(serde_json::json!([])).await;
        assert!(matches!(again, Err((409, AppError::Conflict))), "answered once: {again:?}");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_refusal_comes_with_its_reason_and_the_prefectures_decision() {
    let app = TestApp::with_demo_people(common::Backend::Sqlite).await;
    let applicant = app.applicant("9102458731").await;
    let id = app.file_student_application(&applicant).await;
    let palaiseau = app.agent("agent.palaiseau@demo.localhost").await;
    let file: FileView = app
        .call_fn(&palaiseau, app::instruction::AgentAct { id: id.to_string(), action: "take_charge".into(), note: None })
        .await
        .expect("take");
    assert!(file.can_refuse && file.actions.iter().all(|a| a.code != "refuse"), "the refusal has its own form");

    let refuse = |reason: &str, body: &'static [u8]| {
        palaiseau
            .post(app.url(&format!("/api/agent/dossiers/{id}/refus?motif={}", reason.replace(' ', "%20"))))
            .header("origin", &app.base_url)
            .body(body.to_vec())
            .send()
    };
    let without_pdf =
        app.call_fn(&palaiseau, app::instruction::AgentAct { id: id.to_string(), action: "refuse".into(), note: Some("x".into()) }).await;
    assert!(matches!(&without_pdf, Err((422, AppError::Validation(e))) if e.get("decision").is_some()), "{without_pdf:?}");
    assert_eq!(refuse("Ressources insuffisantes", b"ceci n'est pas un PDF").await.expect("post").status(), 422);
    assert_eq!(refuse("", b"%PDF-1.4\n%%EOF\n").await.expect("post").status(), 422, "a reason is required");
    let lille = app.agent("agent.lille@demo.localhost").await;
    let foreign = lille
        .post(app.url(&format!("/api/agent/dossiers/{id}/refus?motif=x")))
        .header("origin", &app.base_url)
        .body(b"%PDF-1.4\n".to_vec())
        .send()
        .await
        .expect("post");
    assert_eq!(foreign.status(), 404, "another prefecture");

    let refused = refuse("Ressources insuffisantes", b"%PDF-1.4\n%%EOF\n").await.expect("post");
    assert_eq!(refused.status(), 200);
    let file: FileView = refused.json().await.expect("file");
    assert_eq!(file.status.as_str(), "refusee");
    assert_eq!(file.history.last().and_then(|e| e.detail.as_deref()), Some("Ressources insuffisantes"));
    let list: Vec<app::filing::ApplicationSummary> = app.call_fn(&applicant, app::filing::MyApplications {}).await.expect("list");
    // A timely renewal: the attestation de prolongation came with the receipt.
    assert_eq!(list[0].issued, ["confirmation_depot", "attestation_prolongation_instruction", "decision_refus"]);
    let decision = applicant.get(app.url(&format!("/api/demandes/{id}/documents/decision_refus"))).send().await.expect("get");
    assert_eq!(decision.bytes().await.expect("pdf").as_ref(), b"%PDF-1.4\n%%EOF\n");
    app.assert_queue_counts_true().await;
    app.finish().await;
}

/// Filtered by procedure, or by status and procedure, a page's total comes from the kept counts
/// (`filing::counts`, per status and procedure): the files it lists, as many as counting them
/// gives; a move of a file moves its own procedure's count.
#[tokio::test]
async fn a_procedure_filter_totals_the_files_it_lists() {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, NotSet, Set};
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (_, first_id) = app.filed_student_application().await;
        let db = &app.state.db;
        let filed = app.file(&first_id).await;
        // Beside the student's file: two more students, three researchers (two in instruction).
        let copies = [
            ("etudiant", FileStatus::Deposee),
            ("etudiant", FileStatus::EnInstruction),
            ("passeport_talent_chercheur", FileStatus::Deposee),
            ("passeport_talent_chercheur", FileStatus::EnInstruction),
            ("passeport_talent_chercheur", FileStatus::EnInstruction),
        ];
        for (i, (procedure, status)) in copies.iter().enumerate() {
            let mut copy = filed.clone().into_active_model();
            copy.id = NotSet;
            copy.public_id = Set(format!("copy-{i}"));
            copy.file_number = Set(Some(format!("2026-091-8{i:05}")));
            copy.procedure = Set((*procedure).to_owned());
            copy.status = Set(status.as_str().to_owned());
            copy.insert(db).await.expect("insert a copy");
        }
        server::filing::counts::recount(db).await.expect("count per status and procedure");
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        let totals = |procedure: &'static str, status: Option<FileStatus>| {
            let filter = QueueFilter { procedure: Some(procedure.into()), status, ..Default::default() };
            // A filing date makes the queue count the files themselves.
            let counted = QueueFilter { filed_from: Some("2000-01-01".into()), ..filter.clone() };
            let (app, agent) = (&app, &agent);
            async move {
                let kept = app.queue(agent, filter).await.expect("filtered by procedure");
                let counted = app.queue(agent, counted).await.expect("filtered by procedure and date");
                assert_eq!(kept.total, counted.total, "{backend:?} {procedure} {status:?}: kept and counted");
                assert_eq!(kept.total as usize, kept.items.len(), "{backend:?} {procedure} {status:?}: one page lists them all");
                kept.total
            }
        };
        assert_eq!(totals("etudiant", None).await, 3);
        assert_eq!(totals("etudiant", Some(FileStatus::Deposee)).await, 2);
        assert_eq!(totals("passeport_talent_chercheur", None).await, 3);
        assert_eq!(totals("passeport_talent_chercheur", Some(FileStatus::EnInstruction)).await, 2);
        assert_eq!(totals("passeport_talent_chercheur", Some(FileStatus::Refusee)).await, 0);
        assert_eq!(totals("passeport_talent_salarie_qualifie", None).await, 0);
        // The counts per status add every procedure up.
        let all = app.queue(&agent, QueueFilter::default()).await.expect("queue");
        assert_eq!(all.counts, vec![(FileStatus::Deposee, 3), (FileStatus::EnInstruction, 3)], "{backend:?}");

        // The student's own file taken into instruction moves the student's count only.
        app.call_fn(&agent, app::instruction::AgentAct { id: first_id.clone(), action: "take_charge".into(), note: None })
            .await
            .expect("taken into instruction");
        assert_eq!(totals("etudiant", Some(FileStatus::Deposee)).await, 1);
        assert_eq!(totals("etudiant", Some(FileStatus::EnInstruction)).await, 2);
        assert_eq!(totals("passeport_talent_chercheur", Some(FileStatus::EnInstruction)).await, 2);
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}

/// The queue's next and previous links carry a cursor: the pages they lead to are the pages
/// counted from the start, each file once, oldest first, even when files were filed in the
/// same second; a hand-edited cursor falls back to the page's number.
#[tokio::test]
async fn the_queue_pages_by_cursor_as_by_number() {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, NotSet, Set};
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (_, first_id) = app.filed_student_application().await;
        let db = &app.state.db;
        let filed = app.file(&first_id).await;
        let at = filed.submitted_at.expect("filed");
        // 44 more files of the holder, three to a second.
        for i in 0..44_i64 {
            let mut copy = filed.clone().into_active_model();
            copy.id = NotSet;
            copy.public_id = Set(format!("copy-{i}"));
            copy.file_number = Set(Some(format!("2026-091-9{i:05}")));
            copy.submitted_at = Set(Some(at + chrono::Duration::seconds(1 + i / 3)));
            copy.insert(db).await.expect("insert a copy");
        }
        server::filing::counts::recount(db).await.expect("count per status");
        let agent = app.agent("agent.palaiseau@demo.localhost").await;
        let page = |page: u64, after: Option<String>, before: Option<String>| {
            app.queue(&agent, QueueFilter { page, after, before, ..Default::default() })
        };
        let ids = |page: &app::instruction::QueuePage| page.items.iter().map(|item| item.id.clone()).collect::<Vec<_>>();

        let one = page(1, None, None).await.expect("page 1");
        assert_eq!((one.total, one.pages, one.items.len(), one.previous.as_deref()), (45, 3, 20, None), "{backend:?}");
        assert_eq!(one.items[0].id, first_id, "oldest first");
        let two = page(2, one.next.clone(), None).await.expect("page 2 after page 1");
        assert_eq!(ids(&two), ids(&page(2, None, None).await.expect("page 2 by number")), "{backend:?}");
        let three = page(3, two.next.clone(), None).await.expect("page 3 after page 2");
        assert_eq!((three.items.len(), three.next.as_deref()), (5, None), "{backend:?}");
        assert_eq!(ids(&three), ids(&page(3, None, None).await.expect("page 3 by number")), "{backend:?}");
        let back = page(2, None, three.previous.clone()).await.expect("page 2 before page 3");
        assert_eq!(ids(&back), ids(&two), "{backend:?}");
        let mut all: Vec<String> = [ids(&one), ids(&two), ids(&three)].concat();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 45, "{backend:?}: each file once");

        for hand_edited in ["x", "1.2.3", "-5.abc"] {
            let fallback = page(2, Some(hand_edited.into()), None).await.expect("hand-edited cursor");
            assert_eq!(ids(&fallback), ids(&two), "{backend:?}: {hand_edited}");
        }
        // Another prefecture's agent reaches none of them through a cursor either.
        let lille = app.agent("agent.lille@demo.localhost").await;
        let foreign = app.queue(&lille, QueueFilter { page: 2, after: one.next.clone(), ..Default::default() }).await.expect("queue");
        assert_eq!((foreign.total, foreign.items.len()), (0, 0), "{backend:?}");
        app.assert_queue_counts_true().await;
        app.finish().await;
    }
}
