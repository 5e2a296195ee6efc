//! `make bench`, filing figures (printed, never asserted): 50 applicants saving a step of their
//! draft, then the same 50 submitting their file at the same moment, on SQLite and on PostgreSQL
//! (when `ANEF_TEST_PG_URL` is set and reachable); then the size and render time of the filing
//! receipt PDF.
//!
//! The real server runs in this process, booted by the integration tests' harness on a fresh
//! database, and every applicant is a real HTTP client with its own account and session: the
//! figures include HTTP, the session lookup, the catalogue's validation and the database.
//! Clients and server share the machine's cores, as wrk and the server do for the login page.
//!
//! `BENCH_SECONDS` (default 10): how long the applicants keep saving, per database.

// The server binary's allocator, so that the figures are those of `server serve`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::filing::{DraftView, SavedStep, SubmittedView};
use common::{student_personal_answers, student_steps, Backend, TestApp, STUDENT_DOCUMENTS};
use sea_orm::{ActiveModelTrait, Set};
use serde::de::DeserializeOwned;
use serde_json::json;
use server::db::entities::{person, title};
use server::filing::receipt::{FiledContent, Receipt};
use support::{backends, drop_postgres_database, figure, label, Figures};

const APPLICANTS: usize = 50;
const PASSWORD: &str = "Bench-2026!";
const RECEIPT_RENDERS: usize = 50;
/// Nationalities of the synthetic applicants (any country of the list would do).
const COUNTRIES: [&str; 8] = ["MX", "BR", "CO", "IN", "MA", "SN", "TN", "VN"];

fn main() {
    // As `server serve` runs.
    server::allocator::disable_transparent_huge_pages();
    let seconds = std::env::var("BENCH_SECONDS").ok().and_then(|s| s.trim().parse::<u64>().ok()).filter(|s| *s > 0).unwrap_or(10);
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(async {
        for backend in backends().await {
            bench_backend(backend, Duration::from_secs(seconds)).await;
        }
    });
    drop(runtime);
    bench_receipt();
}

async fn bench_backend(backend: Backend, duration: Duration) {
    // Production runs behind a load balancer that sets X-Forwarded-For: each applicant then has
    // its own address, and the per-address login limit (30 per 15 minutes) is not hit by 50
    // applicants logging in from this one machine.
    let app = TestApp::spawn_with(backend, |vars| vars.push(("ANEF_PROXY_HOPS".into(), "1".into()))).await;
    let numeros = create_accounts(&app).await;
    let mut applicants = Vec::with_capacity(numeros.len());
    for (index, numero) in numeros.iter().enumerate() {
        applicants.push(log_in_and_start(&app, index, numero).await);
    }

    let saving = save_steps(&app, &mut applicants, duration).await;
    println!(
        "save step, {APPLICANTS} applicants, {}: {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, {} errors{}",
        label(backend),
        saving.requests_per_second(),
        saving.percentile_ms(0.50),
        saving.percentile_ms(0.99),
        saving.errors,
        saving.first_error_note(),
    );
    figure(&format!("save step, {}, req/s", label(backend)), saving.requests_per_second(), "req/s");
    figure(&format!("save step, {}, p99", label(backend)), saving.percentile_ms(0.99), "ms");

    for applicant in &mut applicants {
        complete_draft(&app, applicant).await;
    }
    let cpu_before = process_cpu();
    let (submitting, file_numbers) = submit_all(&app, &applicants).await;
    // The server runs in this process: its CPU time over the burst, per submission, tells
    // whether the burst waits for the processor or for a lock.
    let cpu_per_submission = (process_cpu() - cpu_before).as_secs_f64() * 1000.0 / APPLICANTS as f64;
    let distinct: HashSet<&String> = file_numbers.iter().collect();
    println!(
        "submit, {APPLICANTS} applicants at once, {}: all done in {:.0} ms, p50 {:.1} ms, p99 {:.1} ms, {cpu_per_submission:.1} ms of CPU each, {} distinct file numbers, {} errors{}",
        label(backend),
        submitting.elapsed.as_secs_f64() * 1000.0,
        submitting.percentile_ms(0.50),
        submitting.percentile_ms(0.99),
        distinct.len(),
        submitting.errors,
        submitting.first_error_note(),
    );
    figure(&format!("submit burst, {}, p99", label(backend)), submitting.percentile_ms(0.99), "ms");
    figure(&format!("submit burst, {}, CPU per submission", label(backend)), cpu_per_submission, "ms");
    if distinct.len() != APPLICANTS {
        println!(
            "  !! {}: {} distinct file numbers for {} successful submissions of {APPLICANTS}",
            label(backend),
            distinct.len(),
            file_numbers.len()
        );
    }

    let database_url = app.state.config.database_url.clone();
    drop(app);
    if backend == Backend::Postgres {
        drop_postgres_database(&database_url).await;
    }
}

/// `APPLICANTS` holders in the register, living in Palaiseau (INSEE 91477), each with an active
/// account whose e-mail is verified; returns their numéros étranger (the login identifier).
async fn create_accounts(app: &TestApp) -> Vec<String> {
    let db = &app.state.db;
    // One hash for every account, as the demo seed does: hashing is deliberately slow.
    let hash = server::crypto::hash_password(PASSWORD).expect("hash the password");
    let now = app.state.clock.now();
    let first_birth_date = chrono::NaiveDate::from_ymd_opt(1998, 1, 1).expect("date");
    let mut numeros = Vec::with_capacity(APPLICANTS);
    for index in 0..APPLICANTS {
        // The seed registers use no numéro starting with 99.
        let numero = format!("99{index:08}");
        let country = COUNTRIES[index % COUNTRIES.len()];
        let holder = person::ActiveModel {
            numero_etranger: Set(numero.clone()),
            birth_name: Set(format!("Banc-Essai {index}")),
            usage_name: Set(None),
            given_names: Set("Camille Andréa".into()),
            sex: Set(if index % 2 == 0 { "F" } else { "M" }.into()),
            birth_date: Set(first_birth_date + chrono::Duration::days(37 * index as i64)),
            birth_country: Set(country.into()),
            birth_place: Set("Ville natale".into()),
            nationality: Set(country.into()),
            street: Set(format!("{} rue de Paris", index + 1)),
            complement: Set(None),
            postal_code: Set("91120".into()),
            city: Set("Palaiseau".into()),
            insee_code: Set("91477".into()),
            phone: Set(Some("06 12 34 56 78".into())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert a synthetic person");
        // A student title valid today: what the student renewal asks of its holder.
        title::ActiveModel {
            title_number: Set(format!("98{index:08}")),
            person_id: Set(holder.id),
            kind: Set("Carte de séjour temporaire".into()),
            category: Set("etudiant".into()),
            label: Set("Étudiant".into()),
            mention: Set("ETUDIANT- ÉLÈVE".into()),
            valid_from: Set(now.date_naive() - chrono::Duration::days(300)),
            valid_to: Set(now.date_naive() + chrono::Duration::days(65)),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert the holder's title");
        server::seed::title_holder_account(holder.id, format!("applicant{index}@bench.localhost"), Some(hash.clone()), now)
            .insert(db)
            .await
            .expect("insert an account");
        numeros.push(numero);
    }
    numeros
}

/// One applicant's browser: its session, its student draft and the draft's current version.
struct Applicant {
    client: reqwest::Client,
    draft: String,
    version: i32,
}

async fn log_in_and_start(app: &TestApp, index: usize, numero: &str) -> Applicant {
    let mut headers = reqwest::header::HeaderMap::new();
    let address = format!("198.51.100.{}", index + 1);
    headers.insert("x-forwarded-for", reqwest::header::HeaderValue::from_str(&address).expect("header value"));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("client");
    let login: Result<app::accounts::LoginOutcome, _> =
        app.call_fn(&client, app::accounts::Login { identifier: numero.to_string(), password: PASSWORD.to_string() }).await;
    login.unwrap_or_else(|error| panic!("login {numero}: {error:?}"));
    let draft: String = app
        .call_fn(
            &client,
            app::filing::StartApplication {
                procedure: "etudiant".into(),
                request_kind: app::filing::RequestKind::Renouvellement,
                mention: None,
            },
        )
        .await
        .expect("start a student draft");
    let view: DraftView = app.call_fn(&client, app::filing::LoadDraft { id: draft.to_string() }).await.expect("load the draft");
    Applicant { client, draft, version: view.version }
}

/// A server function call that reports a failure instead of panicking: under load, errors are
/// counted, not fatal.
async fn call<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, String> {
    let response = request.send().await.map_err(|e| format!("request: {e}"))?;
    let status = response.status();
    let body = response.text().await.map_err(|e| format!("body: {e}"))?;
    if !status.is_success() {
        return Err(format!("{status} {body}"));
    }
    serde_json::from_str(&body).map_err(|e| format!("decode {body}: {e}"))
}

fn save_request(client: &reqwest::Client, base: &str, body: &serde_json::Value) -> reqwest::RequestBuilder {
    client.post(format!("{base}/api/demandes/etape")).header("origin", base).json(body)
}

/// Every applicant saves the "informations" step of its own draft again and again for
/// `duration`, each save sending the version the previous one returned.
async fn save_steps(app: &TestApp, applicants: &mut [Applicant], duration: Duration) -> Figures {
    let base: Arc<str> = Arc::from(app.base_url.as_str());
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = tokio::task::JoinSet::new();
    for (index, applicant) in applicants.iter().enumerate() {
        let (base, client, draft, mut version) = (base.clone(), applicant.client.clone(), applicant.draft.clone(), applicant.version);
        tasks.spawn(async move {
            let mut figures = Figures::default();
            while Instant::now() < deadline {
                let body = json!({"id": draft, "step": "informations", "version": version, "answers": student_personal_answers()});
                let sent = Instant::now();
                match call::<SavedStep>(save_request(&client, &base, &body)).await {
                    Ok(saved) => {
                        figures.success(sent.elapsed());
                        version = saved.version;
                    }
                    Err(error) => {
                        figures.failure(error);
                        // Resume from the stored version, whatever the failure left.
                        let reload = client.post(format!("{base}/api/demandes/brouillon")).header("origin", &*base).form(&[("id", &draft)]);
                        if let Ok(view) = call::<DraftView>(reload).await {
                            version = view.version;
                        }
                    }
                }
            }
            (index, version, figures)
        });
    }
    let mut figures = Figures::default();
    while let Some(done) = tasks.join_next().await {
        let (index, version, saved) = done.expect("saving applicant");
        applicants[index].version = version;
        figures.absorb(saved);
    }
    figures.elapsed = started.elapsed();
    figures
}

/// Fills the remaining steps, joins the documents and validates every part of the recap, as the
/// wizard does: the draft can then be submitted.
async fn complete_draft(app: &TestApp, applicant: &mut Applicant) {
    let Applicant { client, draft, version } = applicant;
    // The personal step is the one the load saves again and again; the documents come next.
    let [_, motive, resources, documents_step] = student_steps();
    for (step, answers) in [motive, resources] {
        let body = json!({"id": draft, "step": step, "version": version, "answers": answers});
        *version =
            call::<SavedStep>(save_request(client, &app.base_url, &body)).await.unwrap_or_else(|e| panic!("save {step}: {e}")).version;
    }
    for document in STUDENT_DOCUMENTS {
        let response = client
            .post(app.url(&format!("/api/demandes/{draft}/pieces/{document}?nom={document}.pdf")))
            .header("origin", &app.base_url)
            .body(format!("%PDF-1.4\n% {document}\n%%EOF\n").into_bytes())
            .send()
            .await
            .expect("upload");
        assert_eq!(response.status(), 201, "upload {document}");
    }
    let (step, answers) = documents_step;
    let body = json!({"id": draft, "step": step, "version": version, "answers": answers});
    *version =
        call::<SavedStep>(save_request(client, &app.base_url, &body)).await.unwrap_or_else(|e| panic!("save justificatifs: {e}")).version;
    for part in ["informations", "motif", "ressources", "justificatifs"] {
        *version = app
            .call_fn(client, app::filing::ValidateRecapPart { id: draft.as_str().to_string(), part: part.to_string(), version: *version })
            .await
            .unwrap_or_else(|e| panic!("validate {part}: {e:?}"));
    }
}

/// Every applicant submits at the same moment (released together by a barrier); returns the
/// figures and the file numbers received.
async fn submit_all(app: &TestApp, applicants: &[Applicant]) -> (Figures, Vec<String>) {
    let base: Arc<str> = Arc::from(app.base_url.as_str());
    let barrier = Arc::new(tokio::sync::Barrier::new(applicants.len()));
    let mut tasks = tokio::task::JoinSet::new();
    for applicant in applicants {
        let (base, client, draft, barrier) = (base.clone(), applicant.client.clone(), applicant.draft.clone(), barrier.clone());
        tasks.spawn(async move {
            barrier.wait().await;
            let sent = Instant::now();
            let request = client.post(format!("{base}/api/demandes/deposer")).header("origin", &*base).form(&[("id", &draft)]);
            let outcome = call::<SubmittedView>(request).await;
            (sent, Instant::now(), outcome)
        });
    }
    let mut figures = Figures::default();
    let mut file_numbers = Vec::new();
    let (mut first_sent, mut last_done): (Option<Instant>, Option<Instant>) = (None, None);
    while let Some(done) = tasks.join_next().await {
        let (sent, finished, outcome) = done.expect("submitting applicant");
        first_sent = Some(first_sent.map_or(sent, |t| t.min(sent)));
        last_done = Some(last_done.map_or(finished, |t| t.max(finished)));
        match outcome {
            Ok(filed) => {
                figures.success(finished - sent);
                file_numbers.push(filed.file_number);
            }
            Err(error) => figures.failure(error),
        }
    }
    if let (Some(first), Some(last)) = (first_sent, last_done) {
        figures.elapsed = last - first;
    }
    (figures, file_numbers)
}

/// CPU time of this process so far (user and system), from `/proc/self/stat` (Linux; zero
/// elsewhere).
fn process_cpu() -> std::time::Duration {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
            let fields: Vec<u64> = stat.rsplit_once(')')?.1.split_whitespace().skip(11).take(2).filter_map(|f| f.parse().ok()).collect();
            Some(fields.iter().sum::<u64>())
        })
        .unwrap_or(0);
    // The kernel counts in clock ticks of 1/100 s on Linux.
    std::time::Duration::from_millis(ticks * 10)
}

/// The receipt of a student renewal filed in Palaiseau, rendered `RECEIPT_RENDERS` times.
fn bench_receipt() {
    let procedure = app::domain::catalogue::procedure("etudiant").expect("the student procedure");
    let documents =
        procedure.documents.iter().filter(|d| STUDENT_DOCUMENTS.contains(&d.code)).map(|d| (d.label.fr.to_owned(), 1)).collect();
    let receipt = Receipt {
        file_number: "2026-091-000001".into(),
        submitted_at: "22/11/2026 à 14:05 (heure de Paris)".into(),
        prefecture: "Sous-préfecture de Palaiseau".into(),
        verification: "Code de vérification : ABC-DEF-GHJ".into(),
        filed: FiledContent {
            procedure: procedure.title.fr.to_owned(),
            holder_name: "Sofía Valentina HERNÁNDEZ RUIZ".into(),
            birth_date: "14/05/2002".into(),
            nationality: "Mexique".into(),
            numero_etranger: Some("9102458731".into()),
            address: "12 rue de la Hunière, Résidence universitaire bâtiment C appartement 214, 91120 Palaiseau".into(),
            documents,
            validation: None,
        },
    };
    let mut times = Vec::with_capacity(RECEIPT_RENDERS);
    let mut size = 0;
    for _ in 0..RECEIPT_RENDERS {
        let started = Instant::now();
        size = receipt.render().expect("render the receipt").len();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "receipt PDF (confirmation de dépôt): {:.1} KB, render mean {mean:.1} ms, p50 {:.1} ms, max {:.1} ms over {RECEIPT_RENDERS} renders",
        size as f64 / 1024.0,
        times[times.len() / 2],
        times[times.len() - 1],
    );
    figure("receipt PDF, size", size as f64 / 1024.0, "KB");
    figure("receipt PDF, render mean", mean, "ms");
}
