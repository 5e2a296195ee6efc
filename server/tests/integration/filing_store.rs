//! The filing store on SQLite and PostgreSQL: drafts are saved with a version check (two tabs
//! cannot overwrite each other), files and events are recorded, file numbers never repeat
//! under concurrency, and an address is routed to the competent prefecture.

use crate::common::{backends, student_submission, TestApp};
use app::domain::lifecycle::{Action, FileStatus};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use server::filing::numbers;
use server::filing::receipt::Receipt;
use server::filing::status::{self, Change, ChangeError};
use server::filing::store::{self, Actor, DraftChange, NewFile, StoreError};
use server::filing::submission::{submit, SubmitError};
use server::pdf::Block;
use server::registry::competent_prefecture;

async fn demo_account(app: &TestApp) -> i32 {
    server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
    app.account_of("9102458731").await
}

fn change(step: &str, answers: &str) -> DraftChange {
    DraftChange { answers_json: answers.into(), current_step: step.into(), recap_validated_json: "[]".into(), observations: None }
}

#[tokio::test]
async fn drafts_are_versioned_and_files_and_events_recorded() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let db = &app.state.db;
        let clock = &app.state.clock;
        let account_id = demo_account(&app).await;
        let draft = app.student_draft(account_id).await;
        assert_eq!(draft.version, 1);

        // Tab A saves on version 1; tab B, still on version 1, is refused.
        let v2 = store::save_draft(db, clock, draft.id, 1, change("motif", r#"{"a":1}"#)).await.expect("first save");
        assert_eq!(v2, 2);
        let conflict = store::save_draft(db, clock, draft.id, 1, change("informations", r#"{"b":2}"#)).await;
        assert!(matches!(conflict, Err(StoreError::VersionConflict { expected: 1 })), "{conflict:?}");
        let saved = store::find_owned(db, account_id, &draft.public_id).await.expect("find").expect("owned");
        assert_eq!((saved.answers.as_str(), saved.current_step.as_str(), saved.version), (r#"{"a":1}"#, "motif", 2));

        // Someone else's account does not see it.
        assert!(store::find_owned(db, account_id + 1000, &draft.public_id).await.expect("find").is_none());

        let storage = app.state.config.storage();
        let stored = storage.put(b"%PDF-1.7 passeport").await.expect("store");
        for _ in 0..2 {
            store::add_file(
                db,
                clock,
                NewFile {
                    application_id: draft.id,
                    document_code: "passeport",
                    original_name: "passeport.pdf",
                    content_type: "application/pdf",
                    stored: &stored,
                    held_for_scan: false,
                },
            )
            .await
            .expect("add file");
        }
        assert_eq!(store::count_files(db, draft.id, "passeport").await.expect("count"), 2);
        assert_eq!(store::count_files(db, draft.id, "domicile").await.expect("count"), 0);
        let files = store::files(db, draft.id).await.expect("files");
        assert_eq!(files[0].sha256, stored.sha256);
        assert_eq!(files[0].size_bytes, 18);

        // A move the lifecycle refuses to this actor changes nothing; the applicant's own
        // abandon moves the file once, and a second one from the same stale read is lost.
        let refused = status::change(db, clock, &saved, Change::new(Action::Abandon, Actor::Agent(1))).await;
        assert!(matches!(refused, Err(ChangeError::Refused(_))), "{refused:?}");
        let abandon = || Change::new(Action::Abandon, Actor::Applicant(account_id));
        assert_eq!(status::change(db, clock, &saved, abandon()).await.expect("abandon"), FileStatus::Abandonnee);
        let again = status::change(db, clock, &saved, abandon()).await;
        assert!(matches!(again, Err(ChangeError::Lost)), "{again:?}");
        let abandoned = store::find_owned(db, account_id, &draft.public_id).await.expect("find").expect("owned");
        assert_eq!((status::current(&abandoned), abandoned.version), (Ok(FileStatus::Abandonnee), saved.version + 1));
        let history = store::history(db, draft.id).await.expect("history");
        assert_eq!(history.len(), 1);
        assert_eq!((history[0].actor_kind.as_str(), history[0].actor_id), ("applicant", Some(account_id)));
        assert_eq!((history[0].action.as_str(), history[0].from_status.as_deref()), ("abandon", Some("brouillon")));
        assert_eq!(history[0].to_status, "abandonnee");
        app.finish().await;
    }
}

#[tokio::test]
async fn file_numbers_are_unique_under_concurrency() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let db = app.state.db.clone();
            tasks.push(tokio::spawn(async move {
                let txn = server::db::begin_write(&db).await.expect("begin");
                let number = numbers::next(&txn, "2026-091").await.expect("number");
                txn.commit().await.expect("commit");
                number
            }));
        }
        let mut all = Vec::new();
        for task in tasks {
            all.push(task.await.expect("task"));
        }
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 20, "{backend:?}: {all:?}");
        assert_eq!(all.first().map(String::as_str), Some("2026-091-000001"));
        assert_eq!(all.last().map(String::as_str), Some("2026-091-000020"));
        assert_eq!(numbers::next(&app.state.db, "2026-069").await.expect("other prefix"), "2026-069-000001");
        app.finish().await;
    }
}

#[tokio::test]
async fn addresses_are_routed_to_the_competent_prefecture() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let db = &app.state.db;
        let code = |insee: &'static str| async move { competent_prefecture(db, insee).await.expect("query").map(|p| p.code) };
        // Palaiseau is served by its sub-prefecture; a commune not listed (Blagnac) by the
        // prefecture of its département.
        assert_eq!(code("91477").await.as_deref(), Some("SP091-PAL"));
        assert_eq!(code("31069").await.as_deref(), Some("P031"));
        // Paris arrondissements go to the Préfecture de police.
        assert_eq!(code("75115").await.as_deref(), Some("P075"));
        assert_eq!(code("99999").await, None);
        app.finish().await;
    }
}

async fn new_draft(app: &TestApp, account_id: i32) -> i32 {
    app.student_draft(account_id).await.id
}

#[tokio::test]
async fn submission_numbers_routes_stores_the_receipt_and_mails_it_once() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let account_id = demo_account(&app).await;
        let year = chrono::Datelike::year(&app.state.clock.now());

        // A double click: two submissions at once get the same single file.
        let id = new_draft(&app, account_id).await;
        let (first, second) = tokio::join!(
            submit(&app.state, id, student_submission("sofia@example.fr")),
            submit(&app.state, id, student_submission("sofia@example.fr"))
        );
        let (first, second) = (first.expect("first submission"), second.expect("second submission"));
        assert_eq!(first, second, "{backend:?}");
        // Numbers are allocated before the submission's transaction: the losing click may have
        // taken one too, a gap as a sequence leaves, never a second number for the file.
        let sequence = |number: &str| number.strip_prefix(&format!("{year}-091-")).and_then(|n| n.parse::<u32>().ok());
        let first_sequence = sequence(&first.file_number).expect("a number of the département");
        assert!((1..=2).contains(&first_sequence), "{}", first.file_number);
        assert_eq!(first.prefecture_name, "Sous-préfecture de Palaiseau");
        // A retry later still answers the same, and allocates no number.
        let allocated = || async {
            let statement = sea_orm::Statement::from_string(
                app.state.db.get_database_backend(),
                format!("SELECT \"last\" FROM file_number_counters WHERE prefix = '{year}-091'"),
            );
            let row = app.state.db.query_one(statement).await.expect("counter").expect("a counter row");
            row.try_get_by_index::<i32>(0).expect("last number")
        };
        let before_retry = allocated().await;
        assert_eq!(submit(&app.state, id, student_submission("sofia@example.fr")).await.expect("retry"), first);
        assert_eq!(allocated().await, before_retry, "{backend:?}");

        let receipt = app.state.storage.get(&first.receipt_key).await.expect("stored receipt");
        assert!(receipt.starts_with(b"%PDF-"));
        let mails = app.mails_to("sofia@example.fr").await;
        assert_eq!(mails.len(), 1, "{backend:?}: one e-mail for one submission");
        assert!(mails[0].subject.contains(&first.file_number));
        assert!(mails[0].raw.contains("confirmation-de-depot-"), "the receipt is attached");

        let history = store::history(&app.state.db, id).await.expect("history");
        assert_eq!(history.iter().filter(|e| e.action == "submit").count(), 1);

        // The next file of the département gets the next number (a retry took none); an
        // abandoned draft cannot be submitted.
        let next = new_draft(&app, account_id).await;
        let next_number = submit(&app.state, next, student_submission("sofia@example.fr")).await.expect("next").file_number;
        assert_eq!(sequence(&next_number), u32::try_from(before_retry + 1).ok(), "{next_number}");
        let abandoned = new_draft(&app, account_id).await;
        server::db::entities::application::Entity::update_many()
            .col_expr(server::db::entities::application::Column::Status, sea_orm::sea_query::Expr::value("abandonnee"))
            .filter(server::db::entities::application::Column::Id.eq(abandoned))
            .exec(&app.state.db)
            .await
            .expect("abandon");
        assert!(matches!(submit(&app.state, abandoned, student_submission("sofia@example.fr")).await, Err(SubmitError::NotADraft(_))));
        app.finish().await;
    }
}

#[test]
fn the_receipt_lists_the_file_the_holder_and_the_documents() {
    let receipt = Receipt {
        file_number: "2026-091-000001".into(),
        submitted_at: "22/11/2026 à 14:05 (heure de Paris)".into(),
        prefecture: "Sous-préfecture de Palaiseau".into(),
        verification: "Code de vérification : ABC-DEF-GHJ".into(),
        filed: student_submission("sofia@example.fr").filed,
    };
    assert_eq!(receipt.file_name(), "confirmation-de-depot-2026-091-000001.pdf");
    let document = receipt.document();
    let fields: Vec<(String, String)> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Fields(f) => Some(f.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(fields.contains(&("Numéro de dossier".into(), "2026-091-000001".into())));
    assert!(fields.contains(&("Numéro étranger".into(), "9102458731".into())));
    assert!(fields.contains(&("Date de naissance".into(), "14/05/2002".into())));
    assert!(document
        .blocks
        .contains(&Block::Bullets(vec!["Passeport (1 fichier)".into(), "Justificatif de domicile (2 fichiers)".into()])));
    let bytes = document.render().expect("render");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() < 200 * 1024);
}
