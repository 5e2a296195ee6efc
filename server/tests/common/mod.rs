//! Test harness: boots the real server on a free port with a fresh database — a SQLite file,
//! and a PostgreSQL database of its own when `ANEF_TEST_PG_URL` is set — and talks to it over
//! HTTP like a browser would.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use leptos::server_fn::ServerFn;
use lettre::Message;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde::de::DeserializeOwned;
use tokio_util::sync::CancellationToken;

use app::domain::catalogue::answers::holds;
use app::domain::catalogue::{required_documents, Answers, ApplicantContext, Field, FieldKind, Procedure, StepKind};
use server::config::Config;
use server::mail::Mailer;
use server::state::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// SQLite always; PostgreSQL too when `ANEF_TEST_PG_URL` is set (the test script sets it).
pub fn backends() -> Vec<Backend> {
    let mut list = vec![Backend::Sqlite];
    if std::env::var("ANEF_TEST_PG_URL").is_ok_and(|v| !v.is_empty()) {
        list.push(Backend::Postgres);
    }
    list
}

pub struct TestApp {
    pub backend: Backend,
    pub base_url: String,
    pub state: AppState,
    pub client: reqwest::Client,
    pub sent: Arc<Mutex<Vec<Message>>>,
    shutdown: CancellationToken,
    _dir: tempfile::TempDir,
}

pub async fn fresh_postgres_url() -> String {
    let admin_url = std::env::var("ANEF_TEST_PG_URL").expect("ANEF_TEST_PG_URL");
    let name = format!("anef_test_{}", uuid::Uuid::new_v4().simple());
    let admin: DatabaseConnection = Database::connect(&admin_url).await.expect("connect to PostgreSQL");
    admin
        .execute(Statement::from_string(sea_orm::DatabaseBackend::Postgres, format!("CREATE DATABASE \"{name}\"")))
        .await
        .expect("create test database");
    let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(&admin_url);
    format!("{base}/{name}")
}

impl TestApp {
    /// A server with the seeded registers (no demo accounts).
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// A server whose configuration is adjusted by `adjust`; e-mails go to memory unless the
    /// adjusted configuration chooses SMTP.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Vec<(String, String)>)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr: SocketAddr = listener.local_addr().expect("addr");
        let database_url = match backend {
            Backend::Sqlite => format!("sqlite://{}/test.db?mode=rwc", dir.path().display()),
            Backend::Postgres => fresh_postgres_url().await,
        };
        let mut vars = vec![
            ("ANEF_LISTEN".to_string(), addr.to_string()),
            ("ANEF_DATA_DIR".to_string(), dir.path().display().to_string()),
            ("ANEF_DATABASE_URL".to_string(), database_url),
            ("ANEF_SITE_ROOT".to_string(), dir.path().join("site").display().to_string()),
        ];
        adjust(&mut vars);
        let config = Config::from_vars(vars).expect("test config");
        let sent = Arc::new(Mutex::new(Vec::new()));
        let mailer = match config.mail_transport {
            server::config::MailTransport::Smtp(_) => None,
            server::config::MailTransport::File(_) => Some(Mailer::Memory(sent.clone())),
        };
        let state = server::prepare(config, mailer).await.expect("prepare");
        server::seed::seed_registers(&state.db, &state.clock).await.expect("seed registers");
        let shutdown = CancellationToken::new();
        tokio::spawn(server::serve(state.clone(), listener, shutdown.clone()));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A request that never ends fails the test instead of hanging the suite.
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client");
        TestApp { backend, base_url: format!("http://{addr}"), state, client, sent, shutdown, _dir: dir }
    }

    /// A server with the registers, the demo accounts and the demo agents of every prefecture.
    pub async fn with_demo_people(backend: Backend) -> TestApp {
        Self::with_demo_people_from(backend, |_| {}).await
    }

    /// The same, with a clock that reads `day` as today from the start: the server's own worker,
    /// which runs the daily jobs at start-up, then sees that day and not the real one.
    pub async fn with_demo_people_on(backend: Backend, day: chrono::NaiveDate) -> TestApp {
        let today = server::clock::to_naive_date(server::clock::Clock::default().today()).expect("today");
        let offset = (day - today).num_days().to_string();
        Self::with_demo_people_from(backend, |vars| vars.push(("ANEF_CLOCK_OFFSET_DAYS".into(), offset))).await
    }

    /// The demo people on a server whose configuration `adjust` changes.
    pub async fn with_demo_people_from(backend: Backend, adjust: impl FnOnce(&mut Vec<(String, String)>)) -> TestApp {
        let app = Self::spawn_with(backend, adjust).await;
        server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
        server::seed::seed_demo_agents(&app.state.db, &app.state.clock).await.expect("demo agents");
        app
    }

    /// A browser of the demo applicant `numero`, logged in.
    pub async fn applicant(&self, numero: &str) -> reqwest::Client {
        let client = self.new_client();
        self.login_demo(&client, numero).await;
        client
    }

    /// A browser of the demo agent `email` (password `Agent-2026!`), logged in the back-office.
    pub async fn agent(&self, email: &str) -> reqwest::Client {
        let client = self.new_client();
        let logged = self.call_fn(&client, app::instruction::AgentLogin { email: email.to_string(), password: "Agent-2026!".into() }).await;
        assert!(logged.is_ok(), "{email}: {logged:?}");
        client
    }

    /// The demo student's browser and the id of the complete application it filed.
    pub async fn filed_student_application(&self) -> (reqwest::Client, String) {
        let applicant = self.applicant("9102458731").await;
        let id = self.file_student_application(&applicant).await;
        (applicant, id)
    }

    /// Checks that the queue's counts per prefecture, status and procedure are the files' own,
    /// after a test moved files (`filing::counts`).
    pub async fn assert_queue_counts_true(&self) {
        let wrong = server::filing::counts::mismatches(&self.state.db).await.expect("counts");
        assert!(wrong.is_empty(), "counts (prefecture, status, procedure, kept, counted): {wrong:?}");
    }

    /// One page of the back-office queue as `agent` sees it with `filter`.
    pub async fn queue(
        &self,
        agent: &reqwest::Client,
        filter: app::instruction::QueueFilter,
    ) -> Result<app::instruction::QueuePage, (u16, app::error::AppError)> {
        self.call_fn(agent, app::instruction::Queue { filter }).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Calls the server function `F` as the browser does, through its generated type: its path,
    /// its arguments (form-encoded, or JSON for the functions declared with `input = Json`,
    /// same-origin) and its answer, decoded: the `Ok` value or the `AppError` with the status.
    pub async fn call_fn<F>(&self, client: &reqwest::Client, args: F) -> Result<F::Output, (u16, app::error::AppError)>
    where
        F: ServerFn + serde::Serialize,
        F::Output: DeserializeOwned,
    {
        let request = client.post(self.url(F::PATH)).header("origin", &self.base_url);
        // The input codec is a type parameter of the function's protocol: URL-encoded forms
        // (the default) or JSON.
        let request = if std::any::type_name::<F::Protocol>().contains("PostUrl") {
            let form = serde_qs::to_string(&args).expect("encode the arguments");
            request.header("content-type", "application/x-www-form-urlencoded").body(form)
        } else {
            request.json(&args)
        };
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let body = response.text().await.expect("body");
        if (200..300).contains(&status) {
            Ok(serde_json::from_str(&body).unwrap_or_else(|e| panic!("decode {body}: {e}")))
        } else {
            Err((status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("decode error {status} {body}: {e}"))))
        }
    }

    /// The arguments of a server function written as JSON (as a test reads best for nested
    /// answers), checked against its generated type.
    pub fn args<F: serde::de::DeserializeOwned>(value: serde_json::Value) -> F {
        serde_json::from_value(value).unwrap_or_else(|e| panic!("arguments of {}: {e}", std::any::type_name::<F>()))
    }

    /// [`Self::call_fn`] from the test's own browser (`self.client`).
    pub async fn call_fn_default<F>(&self, args: F) -> Result<F::Output, (u16, app::error::AppError)>
    where
        F: ServerFn + serde::Serialize,
        F::Output: DeserializeOwned,
    {
        self.call_fn(&self.client, args).await
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    /// Runs the due background jobs now (delivers the outbox).
    pub async fn run_jobs(&self) -> usize {
        server::jobs::Worker::new(self.state.clone()).run_due().await.expect("run jobs")
    }

    /// Runs jobs until none is queued (the server's own worker may hold some meanwhile).
    pub async fn drain_outbox(&self) {
        for _ in 0..100 {
            self.run_jobs().await;
            if server::jobs::pending_count(&self.state.db).await.expect("pending jobs") == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("jobs still queued after 5 s");
    }

    /// Ends a test: runs the jobs still due and checks that none is left queued (an e-mail never
    /// sent, a job failing again and again). Every test calls it last.
    pub async fn finish(self) {
        self.drain_outbox().await;
    }

    /// Delivers the outbox and returns the messages sent to `to`, oldest first.
    pub async fn mails_to(&self, to: &str) -> Vec<ReceivedMail> {
        self.drain_outbox().await;
        let sent = self.sent.lock().expect("mail lock");
        sent.iter().map(ReceivedMail::from).filter(|m| m.to.contains(to)).collect()
    }

    pub async fn last_mail_to(&self, to: &str) -> ReceivedMail {
        self.mails_to(to).await.pop().unwrap_or_else(|| panic!("no e-mail to {to}"))
    }

    /// A fresh login of the demo applicant `numero`, as the `sid=…` cookie pair to send (or
    /// replay) by hand.
    pub async fn session_cookie(&self, numero: &str) -> String {
        let login = reqwest::Client::new()
            .post(self.url(<app::accounts::Login as ServerFn>::PATH))
            .header("origin", &self.base_url)
            .form(&[("identifier", numero), ("password", "Demo-2026!")])
            .send()
            .await
            .expect("login");
        login
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|cookie| cookie.starts_with("sid="))
            .and_then(|cookie| cookie.split(';').next())
            .expect("a session cookie")
            .to_owned()
    }

    /// Logs `client` in with a demo account (all share the password `Demo-2026!`).
    pub async fn login_demo(&self, client: &reqwest::Client, numero: &str) {
        let outcome: Result<app::accounts::LoginOutcome, _> =
            self.call_fn(client, app::accounts::Login { identifier: numero.to_string(), password: "Demo-2026!".into() }).await;
        assert!(outcome.is_ok(), "login {numero}: {outcome:?}");
    }

    /// The id of the agent whose address is `email`.
    pub async fn agent_id(&self, email: &str) -> i32 {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use server::db::entities::agent;
        agent::Entity::find().filter(agent::Column::Email.eq(email)).one(&self.state.db).await.expect("query").expect("agent").id
    }

    /// The account id of the holder of `numero` (a demo account must have been seeded).
    pub async fn account_of(&self, numero: &str) -> i32 {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use server::db::entities::{account, person};
        let db = &self.state.db;
        let person =
            person::Entity::find().filter(person::Column::NumeroEtranger.eq(numero)).one(db).await.expect("query").expect("person");
        account::Entity::find().filter(account::Column::PersonId.eq(person.id)).one(db).await.expect("query").expect("account").id
    }

    /// Starts (or resumes) an application as the logged-in `client`, as the orientation page does.
    pub async fn start(
        &self,
        client: &reqwest::Client,
        procedure: &str,
        request_kind: app::filing::RequestKind,
    ) -> Result<String, (u16, app::error::AppError)> {
        self.call_fn(client, app::filing::StartApplication { procedure: procedure.into(), request_kind, mention: None }).await
    }

    /// Starts a student application as `client`, of the kind its orientation page offers: the
    /// renewal of a student title, else a change of status or a first title.
    pub async fn start_student_application(&self, client: &reqwest::Client) -> String {
        let kind = self.request_kind(client, "etudiant").await;
        self.start(client, "etudiant", kind).await.expect("start")
    }

    /// How `client`'s orientation page asks for `procedure`: its renewal, or another title.
    pub async fn request_kind(&self, client: &reqwest::Client, procedure: &str) -> app::filing::RequestKind {
        let view: app::filing::OrientationView = self.call_fn(client, app::filing::Orientation {}).await.expect("orientation");
        if view.renewal.as_deref() == Some(procedure) {
            app::filing::RequestKind::Renouvellement
        } else {
            view.other_kind
        }
    }

    /// A fresh student draft of `account_id`, at its first step.
    pub async fn student_draft(&self, account_id: i32) -> server::db::entities::application::Model {
        let draft = server::filing::store::NewDraft {
            account_id,
            procedure: "etudiant",
            request_kind: app::filing::RequestKind::Renouvellement,
            first_step: "informations",
            answers_json: "{}".into(),
        };
        server::filing::store::create_draft(&self.state.db, &self.state.clock, draft).await.expect("draft")
    }

    /// Joins `body` as the file `name` to `document` of the application `id`, as the wizard's
    /// upload does.
    pub async fn upload(&self, client: &reqwest::Client, id: &str, document: &str, name: &str, body: Vec<u8>) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/demandes/{id}/pieces/{document}?nom={name}")))
            .header("origin", &self.base_url)
            .body(body)
            .send()
            .await
            .expect("upload")
    }

    /// Files a complete student application as the logged-in `client` (every step, the five
    /// documents, the recap parts) and returns its id.
    pub async fn file_student_application(&self, client: &reqwest::Client) -> String {
        let id = self.start_student_application(client).await;
        for document in STUDENT_DOCUMENTS {
            let response = self.upload(client, &id, document, &format!("{document}.pdf"), b"%PDF-1.4\n%%EOF\n".to_vec()).await;
            assert_eq!(response.status(), 201, "upload {document}");
        }
        let mut version = 1;
        for (step, answers) in student_steps() {
            let save: app::filing::SaveStep =
                Self::args(serde_json::json!({"id": id, "step": step, "version": version, "answers": answers}));
            version = self.call_fn(client, save).await.unwrap_or_else(|e| panic!("step {step}: {e:?}")).version;
        }
        for part in ["informations", "motif", "ressources", "justificatifs"] {
            version = self
                .call_fn(client, app::filing::ValidateRecapPart { id: id.to_string(), part: part.to_string(), version })
                .await
                .expect(part);
        }
        let _: app::filing::SubmittedView =
            self.call_fn(client, app::filing::SubmitApplication { id: id.to_string(), observations: None }).await.expect("submit");
        id
    }

    /// A demo applicant's browser and the id of the complete application of `procedure` it
    /// filed, built from the catalogue alone: the renewal of a demo holder of a title the
    /// procedure renews, or else the demo student's change of status (as the orientation page
    /// offers it).
    pub async fn filed_application(&self, procedure: &'static Procedure) -> (reqwest::Client, String) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use server::db::entities::{account, person, title};
        // A VLS-TS is validated by its holder: an account opened with a VLS-TS not yet validated.
        if procedure.filing == app::domain::catalogue::FilingKind::VisaValidation {
            let holder = self.visa_holder(VLS_TS_OF_THE_HARNESS, "vls-ts.harness@example.fr").await;
            let id = self.file_procedure(&holder, procedure).await;
            return (holder, id);
        }
        let mut renewal = None;
        for held in title::Entity::find()
            .filter(title::Column::Category.is_in(procedure.renews.iter().copied()))
            .all(&self.state.db)
            .await
            .expect("titles")
        {
            let has_account =
                account::Entity::find().filter(account::Column::PersonId.eq(held.person_id)).one(&self.state.db).await.expect("account");
            if has_account.is_some() {
                renewal = person::Entity::find_by_id(held.person_id).one(&self.state.db).await.expect("person").map(|p| p.numero_etranger);
                break;
            }
        }
        self.filed_application_as(procedure, renewal.as_deref().unwrap_or("9102458731")).await
    }

    /// `procedure` filed by the demo applicant `numero`, built from the catalogue alone.
    pub async fn filed_application_as(&self, procedure: &'static Procedure, numero: &str) -> (reqwest::Client, String) {
        let client = self.applicant(numero).await;
        let id = self.file_procedure(&client, procedure).await;
        (client, id)
    }

    /// `procedure` filed by the logged-in `client` (as its orientation page offers it), built
    /// from the catalogue alone; returns its id.
    pub async fn file_procedure(&self, client: &reqwest::Client, procedure: &'static Procedure) -> String {
        let client = client.clone();
        let kind = self.request_kind(&client, procedure.id).await;
        let id = self.start(&client, procedure.id, kind).await.unwrap_or_else(|e| panic!("start {}: {e:?}", procedure.id));
        let draft: app::filing::DraftView = self.call_fn(&client, app::filing::LoadDraft { id: id.clone() }).await.expect("draft");
        let mut version = draft.version;
        for step in procedure.steps.iter().filter(|s| s.kind == StepKind::Form) {
            let answers = sample_answers_within(step.fields, &draft.applicant, &draft.answers);
            let save = app::filing::SaveStep { id: id.clone(), step: step.id.into(), version, answers };
            version = self.call_fn(&client, save).await.unwrap_or_else(|e| panic!("{} step {}: {e:?}", procedure.id, step.id)).version;
        }
        let draft: app::filing::DraftView = self.call_fn(&client, app::filing::LoadDraft { id: id.clone() }).await.expect("draft");
        for document in required_documents(procedure, &draft.answers, &draft.applicant) {
            let response = self.upload(&client, &id, document.code, &format!("{}.pdf", document.code), b"%PDF-1.4\n%%EOF\n".to_vec()).await;
            assert_eq!(response.status(), 201, "{}: upload {}", procedure.id, document.code);
        }
        for step in procedure.steps.iter().filter(|s| s.kind == StepKind::Documents) {
            let save = app::filing::SaveStep {
                id: id.clone(),
                step: step.id.into(),
                version,
                answers: sample_answers(step.fields, &draft.applicant),
            };
            version = self.call_fn(&client, save).await.unwrap_or_else(|e| panic!("{} step {}: {e:?}", procedure.id, step.id)).version;
        }
        for part in procedure.steps.iter().filter(|s| matches!(s.kind, StepKind::Form | StepKind::Documents)) {
            version = self
                .call_fn(&client, app::filing::ValidateRecapPart { id: id.clone(), part: part.id.into(), version })
                .await
                .unwrap_or_else(|e| panic!("{} part {}: {e:?}", procedure.id, part.id));
        }
        let _: app::filing::SubmittedView = self
            .call_fn(&client, app::filing::SubmitApplication { id: id.clone(), observations: None })
            .await
            .unwrap_or_else(|e| panic!("submit {}: {e:?}", procedure.id));
        id
    }

    /// A visa holder's account (visa `number` of visas.csv, without numéro étranger), opened
    /// through the e-mail link: the returned client holds its session.
    pub async fn visa_holder(&self, number: &str, email: &str) -> reqwest::Client {
        let visa =
            seed::visas_without_numero().into_iter().find(|v| v.number == number).unwrap_or_else(|| panic!("{number} not in visas.csv"));
        let client = self.new_client();
        let ticket = self.call_fn(&client, app::accounts::StartSignup { input: visa.input() }).await.expect("visa recognised");
        let _: () = self
            .call_fn(
                &client,
                app::accounts::SubmitSignupEmail {
                    ticket: ticket.to_string(),
                    email: email.to_string(),
                    email_confirmation: email.to_string(),
                },
            )
            .await
            .expect("e-mail accepted");
        let token = self.last_mail_to(email).await.token("/compte/activation");
        let _: () = self.call_fn(&client, app::accounts::ConfirmVisaEmail { token: token.to_string() }).await.expect("e-mail confirmed");
        client
    }

    /// The agent's `action` on the file `id`, which must succeed.
    pub async fn act(&self, agent: &reqwest::Client, id: &str, action: &str) -> app::instruction::FileView {
        self.call_fn(agent, app::instruction::AgentAct { id: id.to_string(), action: action.to_string(), note: None })
            .await
            .unwrap_or_else(|e| panic!("{action}: {e:?}"))
    }

    /// The stored file whose public id is `public_id`.
    pub async fn file(&self, public_id: &str) -> server::db::entities::application::Model {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use server::db::entities::application;
        application::Entity::find()
            .filter(application::Column::PublicId.eq(public_id))
            .one(&self.state.db)
            .await
            .expect("query")
            .expect("file")
    }

    /// Rate limits count in fixed windows aligned on the epoch: a test that counts attempts up to
    /// a limit moves the clock past the current window's end when that end is near, so that the
    /// count does not restart halfway.
    pub fn clear_of_window_end(&self, limit: server::accounts::rate_limit::Limit) {
        let now = self.state.clock.now().timestamp();
        let left = limit.window_seconds - now.rem_euclid(limit.window_seconds);
        if left < 300 {
            self.state.clock.advance(chrono::Duration::seconds(left + 1));
        }
    }

    /// A new client without cookies (another browser).
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A request that never ends fails the test instead of hanging the suite.
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client")
    }
}

/// The VLS-TS (of visas.csv, not validated) whose holder validates it in
/// [`TestApp::filed_application`]; no test uses it otherwise.
pub const VLS_TS_OF_THE_HARNESS: &str = "FRA261406283";

/// The answers of a complete student application, step by step, as the wizard sends them (the
/// demo student's address in Palaiseau).
pub fn student_steps() -> [(&'static str, serde_json::Value); 4] {
    [
        (
            "informations",
            serde_json::json!({"date_entree": "2021-09-01", "situation_familiale": "celibataire", "enfants": "non",
            "adresse_voie": "12 rue de la Hunière", "adresse_code_postal": "91120", "adresse_commune": "Palaiseau", "adresse_pays": "FR",
            "adresse_code_insee": "91477", "telephone": "06 12 34 56 78"}),
        ),
        (
            "motif",
            serde_json::json!({"etablissement_type": "universite", "etablissement_nom": "Université Paris-Saclay",
            "cycle": "master", "niveau": "m2", "discipline": "informatique",
            "a_venir_meme_etablissement": "oui", "a_venir_cycle": "doctorat", "a_venir_niveau": "doctorat_1"}),
        ),
        ("ressources", serde_json::json!({"ressource_1_type": "bourse", "ressource_1_montant": "70000"})),
        ("justificatifs", serde_json::json!({"code_ephoto": "AB12CD34EF56GH78IJ90KL"})),
    ]
}

/// Answers to `fields` as an applicant with a simple situation gives them, from the catalogue
/// alone: each field shown by the answers before it gets a valid value of its kind (the first
/// choice of a list, "no" to a question, an address in Palaiseau), so that a new procedure is
/// filed by [`TestApp::filed_application`] with no code of its own. `applicant`: whose answers
/// they are (a minor is asked for a legal representative).
pub fn sample_answers(fields: &[Field], applicant: &ApplicantContext) -> Answers {
    sample_answers_within(fields, applicant, &Answers::default())
}

/// [`sample_answers`] for a step of a draft holding `known` (a field may be shown by an answer
/// of another step, or by the request kind); only the step's answers are returned.
pub fn sample_answers_within(fields: &[Field], applicant: &ApplicantContext, known: &Answers) -> Answers {
    let mut answers = Answers::default();
    let mut seen = known.clone();
    for field in fields {
        if !holds(&field.shown, &seen, applicant) {
            continue;
        }
        match field.kind {
            // One item of a required group (children, contracts), each of its fields answered.
            FieldKind::Group(group) if field.required => {
                answers.set(field.id, "1");
                for item in group.fields {
                    if let Some(value) = sample_value(item) {
                        answers.set(&format!("{}.0.{}", field.id, item.id), value);
                    }
                }
            }
            _ => {
                if let Some(value) = sample_value(field) {
                    answers.set(field.id, value.clone());
                    seen.set(field.id, value);
                }
            }
        }
    }
    answers
}

/// A valid answer to `field` (see [`sample_answers`]); `None`: left blank.
fn sample_value(field: &Field) -> Option<String> {
    let value = match (field.id, field.kind) {
        (_, FieldKind::AddressSearch(_)) | (_, FieldKind::Group(_)) => return None,
        (_, FieldKind::Checkbox) if !field.required => return None,
        ("adresse_voie", _) => "12 rue de la Hunière".to_owned(),
        ("adresse_commune", _) => "Palaiseau".to_owned(),
        (_, FieldKind::Text { max }) | (_, FieldKind::LongText { max }) => "Exemple".chars().take(max).collect(),
        (_, FieldKind::PastDate) => "2020-09-01".to_owned(),
        (_, FieldKind::Date) => "2027-01-04".to_owned(),
        (_, FieldKind::Choice(choices)) => choices[0].code.to_owned(),
        (_, FieldKind::YesNo) => "non".to_owned(),
        (_, FieldKind::Checkbox) => "oui".to_owned(),
        (_, FieldKind::MonthlyAmount) => "250000".to_owned(),
        (_, FieldKind::MobilePhone) => "06 12 34 56 78".to_owned(),
        (_, FieldKind::Email) => "representant@example.fr".to_owned(),
        (_, FieldKind::Country) => "MX".to_owned(),
        (_, FieldKind::PostalCode) => "91120".to_owned(),
        (_, FieldKind::InseeCode) => "91477".to_owned(),
        (_, FieldKind::EphotoCode) => "AB12CD34EF56GH78IJ90KL".to_owned(),
        (_, FieldKind::TaxStamp) => "1234 5678 9012 3456".to_owned(),
    };
    Some(value)
}

/// The answers of the student application's personal step.
pub fn student_personal_answers() -> serde_json::Value {
    let [(_, personal), ..] = student_steps();
    personal
}

/// The documents a student application requires (an adult's, with no family case).
pub const STUDENT_DOCUMENTS: [&str; 6] =
    ["passeport", "justificatif_domicile", "inscription", "resultats", "justificatif_ressources", "titre_sejour"];

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// A sent message, decoded enough for assertions.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub to: String,
    pub subject: String,
    /// The decoded raw message (headers and every part).
    pub raw: String,
}

impl From<&Message> for ReceivedMail {
    fn from(message: &Message) -> Self {
        let headers = message.headers();
        let to = headers.get_raw("To").unwrap_or_default().to_owned();
        let subject = headers.get_raw("Subject").unwrap_or_default().to_owned();
        let raw = String::from_utf8_lossy(&message.formatted()).to_string();
        ReceivedMail { to, subject: decode_header(&subject), raw: decode_quoted_printable(&raw) }
    }
}

impl ReceivedMail {
    /// The first link of the message whose path starts with `path`, as an absolute URL.
    pub fn link(&self, path: &str) -> String {
        let start = self.raw.find(&format!("{path}?")).unwrap_or_else(|| panic!("no link {path} in {}", self.raw));
        let begin = self.raw[..start].rfind("http").expect("absolute link");
        let end = self.raw[start..].find(|c: char| c.is_whitespace() || c == '"' || c == '<').map(|i| start + i).unwrap_or(self.raw.len());
        self.raw[begin..end].replace("&amp;", "&")
    }

    /// Value of the `jeton` parameter of the link to `path`.
    pub fn token(&self, path: &str) -> String {
        let link = self.link(path);
        link.split("jeton=").nth(1).expect("jeton").split('&').next().expect("token").to_owned()
    }
}

fn decode_header(value: &str) -> String {
    // Subjects are RFC 2047 encoded when not ASCII: =?utf-8?b?...?= or =?utf-8?q?...?=
    let mut out = String::new();
    for word in value.split_whitespace() {
        if let Some(inner) = word.strip_prefix("=?utf-8?b?").or_else(|| word.strip_prefix("=?UTF-8?B?")).and_then(|w| w.strip_suffix("?="))
        {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD.decode(inner).unwrap_or_default();
            out.push_str(&String::from_utf8_lossy(&bytes));
        } else {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Undoes quoted-printable soft line breaks and escapes (good enough to find links and text).
fn decode_quoted_printable(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(value) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}
pub mod seed;

/// A real SMTP server (aiosmtpd, from `target/venv`) writing each message to a folder.
pub struct SmtpSink {
    pub port: u16,
    pub dir: tempfile::TempDir,
    child: std::process::Child,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl SmtpSink {
    pub fn start(port: u16) -> SmtpSink {
        use std::io::BufRead;
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let python = std::env::var("ANEF_E2E_PYTHON").unwrap_or_else(|_| format!("{root}/target/venv/bin/python"));
        let dir = tempfile::tempdir().expect("sink dir");
        let mut child = std::process::Command::new(&python)
            .arg(format!("{root}/end2end/support/smtp_sink.py"))
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--dir"])
            .arg(dir.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the SMTP sink with {python} (run scripts/setup.sh --test): {e}"));
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = std::io::BufReader::new(stdout).lines();
        match lines.next() {
            Some(Ok(line)) if line.trim() == "ready" => {}
            other => panic!("SMTP sink did not start: {other:?}"),
        }
        std::thread::spawn(move || for _ in lines {});
        SmtpSink { port, dir, child }
    }

    /// The raw messages received so far, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("read sink dir")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names.iter().map(|p| decode_quoted_printable(&std::fs::read_to_string(p).expect("read eml"))).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the demo student's submission carries once resolved (the service builds it from the
/// answers); `email` receives the receipt.
pub fn student_submission(email: &str) -> server::filing::submission::Submission {
    server::filing::submission::Submission {
        insee_code: "91477".into(),
        filed: server::filing::receipt::FiledContent {
            procedure: "Étudiant – renouvellement".into(),
            holder_name: "Sofía Valentina HERNÁNDEZ RUIZ".into(),
            birth_date: "14/05/2002".into(),
            nationality: "Mexique".into(),
            numero_etranger: Some("9102458731".into()),
            address: "3 rue de Paris, 91120 Palaiseau".into(),
            documents: vec![("Passeport".into(), 1), ("Justificatif de domicile".into(), 2)],
            validation: None,
        },
        filing: app::domain::catalogue::FilingKind::Application,
        tax_stamps: Vec::new(),
        email: email.into(),
        lang: app::i18n::Lang::Fr,
        observations: None,
    }
}

/// The EICAR test string: every antivirus reports it, and it harms nothing.
pub const EICAR: &str = r"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// A PDF (by its first bytes, so it passes the type check) that carries the EICAR string.
pub fn infected_pdf() -> Vec<u8> {
    format!("%PDF-1.4\n{EICAR}\n%%EOF\n").into_bytes()
}

/// A real clamd (Debian's `clamav-daemon`) on `port`, with the project's signature database
/// (`scripts/clamav/eicar.ndb`: no signature can be downloaded here).
pub struct Clamd {
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Clamd {
    pub fn start(port: u16) -> Clamd {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let dir = tempfile::tempdir().expect("clamd dir");
        let database = dir.path().join("db");
        std::fs::create_dir_all(&database).expect("db dir");
        std::fs::copy(format!("{root}/scripts/clamav/eicar.ndb"), database.join("eicar.ndb")).expect("signatures");
        let config = dir.path().join("clamd.conf");
        let settings = format!(
            "DatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nForeground yes\nLogFile {}\n",
            database.display(),
            dir.path().join("clamd.log").display()
        );
        std::fs::write(&config, settings).expect("clamd config");
        let clamd = ["/usr/sbin/clamd", "clamd"].into_iter().find(|c| std::path::Path::new(c).exists()).unwrap_or("clamd");
        let child = std::process::Command::new(clamd)
            .arg("-c")
            .arg(&config)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start clamd (run scripts/setup.sh --test): {e}"));
        let clamd = Clamd { child, _dir: dir };
        for _ in 0..200 {
            if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                use std::io::{Read, Write};
                let mut answer = [0u8; 5];
                if stream.write_all(b"zPING\0").is_ok() && stream.read_exact(&mut answer).is_ok() && &answer[..4] == b"PONG" {
                    return clamd;
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("clamd did not answer on port {port} within 20 s");
    }

    /// `ANEF_CLAMD` for a clamd on `port`.
    pub fn address(port: u16) -> String {
        format!("tcp://127.0.0.1:{port}")
    }
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
