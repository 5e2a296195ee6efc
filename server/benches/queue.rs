//! `make bench`, back-office figures (printed, never asserted): an agent's queue and searches
//! over `BENCH_FILES` submitted files on SQLite (default 100 000) and `BENCH_FILES_POSTGRES`
//! on PostgreSQL (default 1 000 000, when `ANEF_TEST_PG_URL` is set and reachable), then the
//! deadline job over the same files. Issue 14's target: p99 under 50 ms for each request on
//! PostgreSQL with 20 agents at once, under 100 ms with 50.
//!
//! The files are inserted directly, 1 000 rows per statement, over 100 prefectures: 30 % in
//! the Palaiseau sub-prefecture (the agent's, as large as a big city's prefecture), the rest
//! spread over the others; every status after the deposit, about 10 % awaiting documents with
//! a deadline already passed; their holders are a few hundred synthetic persons, so that a
//! name or a numéro étranger finds thousands of files. The counts per status are then counted
//! once, as the migration does. The agent calls the real server function over HTTP (session,
//! filters, counts per status, page, holders): one request at a time, then from 20 and from 50
//! clients at once.

// The server binary's allocator, so that the figures are those of `server serve`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use app::domain::lifecycle::FileStatus;
use app::instruction::{QueueFilter, QueuePage};
use chrono::Datelike;
use common::{Backend, TestApp};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use server::db::entities::{account, application, person, prefecture};
use server::instruction::deadlines::{close_expired, WORKER_BATCH};
use support::{backends, drop_postgres_database, figure, label, Figures};

const DEFAULT_FILES: usize = 100_000;
const DEFAULT_FILES_POSTGRES: usize = 1_000_000;
/// Prefectures the files are spread over (the agent's among them).
const PREFECTURES: usize = 100;
/// Share of the files in the agent's prefecture, in percent.
const AGENT_SHARE: u64 = 30;
/// Synthetic holders of the files.
const HOLDERS: usize = 400;
/// Rows per INSERT statement.
const CHUNK: usize = 1_000;
/// Requests per scenario, one after the other.
const SEQUENTIAL: usize = 100;
/// Agents at once, and requests per agent.
const CLIENTS: [usize; 2] = [20, 50];
const PER_CLIENT: usize = 10;
const AGENT: &str = "agent.palaiseau@demo.localhost";
/// Ten holders share each surname, so a name search finds ten holders' files.
const SURNAMES: [&str; 40] = [
    "Okafor",
    "Nguyen",
    "Haddad",
    "Kowalska",
    "Ferreira",
    "Mensah",
    "Takahashi",
    "Ivanova",
    "Benali",
    "Oliveira",
    "Diop",
    "Sharma",
    "Popescu",
    "Rahman",
    "Moreno",
    "Kamara",
    "Yilmaz",
    "Chen",
    "Mbeki",
    "Castillo",
    "Petrov",
    "Traoré",
    "Ahmadi",
    "Santos",
    "Kuznetsova",
    "Osei",
    "Farouk",
    "Lindqvist",
    "Gutiérrez",
    "Nakamura",
    "Adeyemi",
    "Hakimi",
    "Novak",
    "Pereira",
    "Suleiman",
    "Vargas",
    "Wójcik",
    "Zhang",
    "Bouzid",
    "Achterberg",
];
const GIVEN_NAMES: [&str; 10] = ["Amina", "Lucas", "Mei", "Omar", "Sofia", "Kwame", "Ines", "Yuki", "Rafael", "Leila"];
const COUNTRIES: [&str; 8] = ["NG", "VN", "LB", "PL", "BR", "GH", "JP", "RU"];
/// The answers of a typical student file (the row's width matters to scans and pages).
const ANSWERS: &str = r#"{"date_entree":"2021-09-01","situation_familiale":"celibataire","enfants":"non","adresse_voie":"12 rue de la Hunière","adresse_code_postal":"91120","adresse_commune":"Palaiseau","adresse_code_insee":"91477","telephone":"06 12 34 56 78","etablissement_type":"universite","etablissement_nom":"Université Paris-Saclay","cycle":"master","niveau":"m2","discipline":"informatique","a_venir_meme_etablissement":"oui","a_venir_cycle":"doctorat","a_venir_niveau":"doctorat_1","ressource_1_type":"bourse","ressource_1_montant":"70000","code_ephoto":"AB12CD34EF56GH78IJ90KL"}"#;

fn main() {
    // As `server serve` runs.
    server::allocator::disable_transparent_huge_pages();
    let count = |name: &str, default: usize| {
        std::env::var(name).ok().and_then(|s| s.trim().parse::<usize>().ok()).filter(|n| *n > 0).unwrap_or(default)
    };
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(async {
        for backend in backends().await {
            let files = match backend {
                Backend::Sqlite => count("BENCH_FILES", DEFAULT_FILES),
                Backend::Postgres => count("BENCH_FILES_POSTGRES", DEFAULT_FILES_POSTGRES),
            };
            bench_backend(backend, files).await;
        }
    });
}

/// A measured request: its label, and the filter of its i-th call.
type Scenario = (String, Box<dyn Fn(usize) -> QueueFilter>);

/// What the searches look for: holders' numéros étranger and the agent's prefecture's file
/// numbers.
struct Seeded {
    numeros: Vec<String>,
    agent_numbers: Vec<String>,
    expired: usize,
}

async fn bench_backend(backend: Backend, files: usize) {
    let app = TestApp::spawn(backend).await;
    server::seed::seed_demo_agents(&app.state.db, &app.state.clock).await.expect("demo agents");
    let started = Instant::now();
    let seeded = seed_files(&app, files).await;
    println!(
        "seeded {files} files over {PREFECTURES} prefectures ({} in Palaiseau, {} past their deadline), {}: {:.1} s",
        seeded.agent_numbers.len(),
        seeded.expired,
        label(backend),
        started.elapsed().as_secs_f64()
    );

    let agent = app.new_client();
    let logged: Result<(), _> =
        app.call_fn(&agent, app::instruction::AgentLogin { email: AGENT.to_string(), password: "Agent-2026!".into() }).await;
    assert!(logged.is_ok(), "agent login: {logged:?}");

    let first_page = QueueFilter { page: 1, ..Default::default() };
    let total = fetch(&app.base_url, &agent, &first_page).await.map(|page| page.total).unwrap_or_default();
    let deep_page = (total / app::instruction::QUEUE_PAGE_SIZE / 2).max(2);
    // The page before the deep one, counted from the start once, gives the cursor that the
    // "next page" link of the page before carries.
    let before_deep = QueueFilter { page: deep_page - 1, ..Default::default() };
    let deep_cursor = fetch(&app.base_url, &agent, &before_deep).await.ok().and_then(|page| page.next);
    println!("queue of {AGENT}, {}: {total} files", label(backend));
    let status = |i: usize| [FileStatus::Deposee, FileStatus::EnInstruction, FileStatus::ComplementDemande][i % 3];
    let procedures: Vec<&'static str> = app::domain::catalogue::PROCEDURES.iter().map(|p| p.id).collect();
    let scenarios: Vec<Scenario> = vec![
        ("first page".into(), Box::new(|_| QueueFilter { page: 1, ..Default::default() })),
        ("status filter, first page".into(), Box::new(move |i| QueueFilter { status: Some(status(i)), page: 1, ..Default::default() })),
        (
            "status and procedure filter, first page".into(),
            Box::new(move |i| QueueFilter {
                status: Some(status(i)),
                procedure: Some(procedures[i % procedures.len()].into()),
                page: 1,
                ..Default::default()
            }),
        ),
        (format!("page {deep_page} of the queue, from the link of the page before"), {
            Box::new(move |_| QueueFilter { page: deep_page, after: deep_cursor.clone(), ..Default::default() })
        }),
        ("search by file number".into(), {
            let numbers = seeded.agent_numbers.clone();
            Box::new(move |i| QueueFilter { search: Some(numbers[(i * 7919) % numbers.len()].clone()), page: 1, ..Default::default() })
        }),
        ("search by numéro étranger".into(), {
            let numeros = seeded.numeros.clone();
            Box::new(move |i| QueueFilter { search: Some(numeros[(i * 31) % numeros.len()].clone()), page: 1, ..Default::default() })
        }),
        (
            "search by part of a name, without its accents".into(),
            Box::new(|i| {
                let part: String = server::text::search_text(SURNAMES[i % SURNAMES.len()]).chars().take(5).collect();
                QueueFilter { search: Some(part), page: 1, ..Default::default() }
            }),
        ),
    ];
    for (name, filter) in &scenarios {
        let figures = sequential(&app, &agent, filter.as_ref()).await;
        figures.print(&format!("queue, {name}, one agent, {}", label(backend)));
    }
    for clients in CLIENTS {
        // An untimed round first: the agents' connections and the server's pooled ones open
        // here, as they stay open in service (the first timed scenario paid for them).
        let _ = concurrent(&app, &agent, clients, scenarios[0].1.as_ref()).await;
        for (name, filter) in &scenarios {
            let figures = concurrent(&app, &agent, clients, filter.as_ref()).await;
            figures.print(&format!("queue, {name}, {clients} agents at once, {}", label(backend)));
        }
    }
    // How the database runs each scenario's statements (its first request's), with the index
    // it uses: the same statements the server function builds.
    let agent_prefecture = prefecture::Entity::find()
        .filter(prefecture::Column::Code.eq("SP091-PAL"))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("Palaiseau")
        .id;
    for (name, filter) in &scenarios {
        explain(&app, agent_prefecture, name, &filter(0)).await;
    }
    // Counted from the start, for comparison with the cursor above.
    let by_number = sequential(&app, &agent, &|_| QueueFilter { page: deep_page, ..Default::default() }).await;
    by_number.print(&format!("queue, page {deep_page} by its number (skipping the pages before), one agent, {}", label(backend)));

    let started = Instant::now();
    let closed = close_expired(&app.state, WORKER_BATCH).await.expect("deadline job");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "deadline job over {files} files, {}: {closed} files closed (of {} due) in {seconds:.1} s, {:.0} files/s (batches of {WORKER_BATCH})",
        label(backend),
        seeded.expired,
        closed as f64 / seconds.max(f64::EPSILON),
    );
    figure(&format!("deadline job over {files} files, {}", label(backend)), seconds, "s");

    let database_url = app.state.config.database_url.clone();
    drop(app);
    if backend == Backend::Postgres {
        drop_postgres_database(&database_url).await;
    }
}

impl Figures {
    fn record(&mut self, sent: Instant, outcome: Result<QueuePage, String>) {
        match outcome {
            Ok(page) => {
                self.success(sent.elapsed());
                self.found = page.total;
            }
            Err(error) => self.failure(error),
        }
    }

    fn print(&self, label: &str) {
        println!(
            "{label}: p50 {:.1} ms, p99 {:.1} ms, {:.0} req/s ({} requests, {} files found, {} errors{})",
            self.percentile_ms(0.50),
            self.percentile_ms(0.99),
            self.requests_per_second(),
            self.latencies.len(),
            self.found,
            self.errors,
            self.first_error_note(),
        );
        figure(&format!("{label}, p99"), self.percentile_ms(0.99), "ms");
    }
}

/// Prints the plan of each statement a queue page of `filter` runs (PostgreSQL's `EXPLAIN
/// ANALYZE`, SQLite's `EXPLAIN QUERY PLAN`).
async fn explain(app: &TestApp, prefecture_id: i32, name: &str, filter: &QueueFilter) {
    let db = &app.state.db;
    let today = app.state.clock.today_naive();
    let window = (today, today + chrono::Duration::days(15));
    let statements = match server::instruction::queue::statements(db, prefecture_id, filter, window).await {
        Ok(statements) => statements,
        Err(error) => return println!("plan of {name}: {error:?}"),
    };
    for (part, statement) in statements {
        let (prefix, column) = match app.backend {
            // Run, with what each step found and the time it took.
            Backend::Postgres => ("EXPLAIN (ANALYZE, COSTS OFF)", 0),
            Backend::Sqlite => ("EXPLAIN QUERY PLAN", 3),
        };
        let explained =
            sea_orm::Statement { sql: format!("{prefix} {}", statement.sql), values: statement.values, db_backend: statement.db_backend };
        let lines: Vec<String> = match db.query_all(explained).await {
            Ok(rows) => rows.iter().filter_map(|row| row.try_get_by_index::<String>(column).ok()).collect(),
            Err(error) => vec![error.to_string()],
        };
        println!("plan of {name}, {part}, {}:\n    {}", label(app.backend), lines.join("\n    "));
    }
}

/// The queue server function, as the back-office page calls it; a failure is reported, not fatal.
async fn fetch(base: &str, client: &reqwest::Client, filter: &QueueFilter) -> Result<QueuePage, String> {
    let response = client
        .post(format!("{base}/api/agent/file-attente"))
        .header("origin", base)
        .json(&serde_json::json!({ "filter": filter }))
        .send()
        .await
        .map_err(|e| format!("request: {e}"))?;
    let status = response.status();
    let body = response.text().await.map_err(|e| format!("body: {e}"))?;
    if !status.is_success() {
        return Err(format!("{status} {body}"));
    }
    serde_json::from_str(&body).map_err(|e| format!("decode {body}: {e}"))
}

async fn sequential(app: &TestApp, client: &reqwest::Client, filter: &dyn Fn(usize) -> QueueFilter) -> Figures {
    // Warm-up: the first request pays for connections and cold caches.
    let _ = fetch(&app.base_url, client, &filter(SEQUENTIAL)).await;
    let mut figures = Figures::default();
    let started = Instant::now();
    for i in 0..SEQUENTIAL {
        let sent = Instant::now();
        let outcome = fetch(&app.base_url, client, &filter(i)).await;
        figures.record(sent, outcome);
    }
    figures.elapsed = started.elapsed();
    figures
}

/// `clients` agents at once (sharing one session, as an agent's tabs would), each sending
/// `PER_CLIENT` requests one after the other.
async fn concurrent(app: &TestApp, client: &reqwest::Client, clients: usize, filter: &dyn Fn(usize) -> QueueFilter) -> Figures {
    let base: Arc<str> = Arc::from(app.base_url.as_str());
    let barrier = Arc::new(tokio::sync::Barrier::new(clients));
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let filters: Vec<QueueFilter> = (0..PER_CLIENT).map(|i| filter(c * PER_CLIENT + i)).collect();
        let (base, client, barrier) = (base.clone(), client.clone(), barrier.clone());
        tasks.spawn(async move {
            barrier.wait().await;
            let mut figures = Figures::default();
            for filter in &filters {
                let sent = Instant::now();
                let outcome = fetch(&base, &client, filter).await;
                figures.record(sent, outcome);
            }
            figures
        });
    }
    let started = Instant::now();
    let mut figures = Figures::default();
    while let Some(done) = tasks.join_next().await {
        figures.absorb(done.expect("agent task"));
    }
    figures.elapsed = started.elapsed();
    figures
}

/// A cheap, well-spread hash of the file's index: its status, prefecture and holder.
fn spread(index: usize) -> u64 {
    (index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20
}

async fn seed_files(app: &TestApp, files: usize) -> Seeded {
    let db = &app.state.db;
    let now = app.state.clock.now();
    let today = now.date_naive();

    // The holders, with their accounts.
    let holders: Vec<person::ActiveModel> = (0..HOLDERS)
        .map(|i| person::ActiveModel {
            numero_etranger: Set(format!("98{i:08}")),
            birth_name: Set(SURNAMES[i % SURNAMES.len()].into()),
            usage_name: Set(None),
            given_names: Set(GIVEN_NAMES[(i / SURNAMES.len()) % GIVEN_NAMES.len()].into()),
            sex: Set(if i % 2 == 0 { "F" } else { "M" }.into()),
            birth_date: Set(chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("date") + chrono::Duration::days(23 * i as i64)),
            birth_country: Set(COUNTRIES[i % COUNTRIES.len()].into()),
            birth_place: Set("Ville natale".into()),
            nationality: Set(COUNTRIES[i % COUNTRIES.len()].into()),
            street: Set(format!("{} rue de Paris", i + 1)),
            complement: Set(None),
            postal_code: Set("91120".into()),
            city: Set("Palaiseau".into()),
            insee_code: Set("91477".into()),
            phone: Set(None),
            created_at: Set(now),
            // `insert_many` saves no model one by one: what the entity's save would set.
            search_name: Set(person::search_name(
                GIVEN_NAMES[(i / SURNAMES.len()) % GIVEN_NAMES.len()],
                SURNAMES[i % SURNAMES.len()],
                None,
            )),
            ..Default::default()
        })
        .collect();
    person::Entity::insert_many(holders).exec(db).await.expect("insert holders");
    let persons: Vec<(i32, String)> = person::Entity::find()
        .filter(person::Column::NumeroEtranger.starts_with("98"))
        .select_only()
        .columns([person::Column::Id, person::Column::NumeroEtranger])
        .order_by_asc(person::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .expect("holders");
    let accounts: Vec<account::ActiveModel> = persons
        .iter()
        .enumerate()
        .map(|(i, (person_id, _))| server::seed::title_holder_account(*person_id, format!("usager{i}@bench.localhost"), None, now))
        .collect();
    account::Entity::insert_many(accounts).exec(db).await.expect("insert accounts");
    let person_ids: Vec<i32> = persons.iter().map(|(id, _)| *id).collect();
    let account_ids: Vec<i32> = account::Entity::find()
        .filter(account::Column::PersonId.is_in(person_ids))
        .select_only()
        .column(account::Column::Id)
        .order_by_asc(account::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .expect("accounts");

    // The agent's sub-prefecture, then 99 others.
    let mut prefectures: Vec<prefecture::Model> =
        prefecture::Entity::find().order_by_asc(prefecture::Column::Id).all(db).await.expect("prefectures");
    let agent_prefecture = prefectures.iter().position(|p| p.code == "SP091-PAL").expect("Palaiseau");
    prefectures.swap(0, agent_prefecture);
    prefectures.truncate(PREFECTURES);
    let procedures: Vec<&str> = app::domain::catalogue::PROCEDURES.iter().map(|p| p.id).collect();
    // Files filed over the last two years, the oldest first.
    let step = chrono::Duration::seconds((730 * 86_400 / files.max(1)) as i64);
    let mut seeded = Seeded { numeros: persons.into_iter().map(|(_, n)| n).collect(), agent_numbers: Vec::new(), expired: 0 };

    // One sequence per year and département, as `filing::numbers` allocates them.
    let mut sequences: HashMap<(i32, String), i32> = HashMap::new();
    let txn = server::db::begin_write(db).await.expect("begin");
    let mut rows = Vec::with_capacity(CHUNK);
    for index in 0..files {
        let hash = spread(index);
        let place = match (hash / 100) % 100 {
            share if share < AGENT_SHARE => 0,
            _ => 1 + (hash >> 24) as usize % (prefectures.len() - 1),
        };
        let prefecture = &prefectures[place];
        let submitted_at = now - step * (files - index) as i32;
        let (status, deadline_on) = match hash % 100 {
            0..=29 => ("deposee", None),
            30..=52 => ("en_instruction", None),
            53..=62 => ("complement_demande", Some(today - chrono::Duration::days(1 + (hash % 60) as i64))),
            63..=64 => ("complement_demande", Some(today + chrono::Duration::days(1 + (hash % 29) as i64))),
            65..=74 => ("decision_favorable", None),
            75..=79 => ("refusee", None),
            80..=84 => ("titre_en_fabrication", None),
            85..=89 => ("titre_disponible", None),
            90..=94 => ("remis", None),
            _ => ("cloturee", None),
        };
        if deadline_on.is_some_and(|d| d < today) {
            seeded.expired += 1;
        }
        let sequence = sequences.entry((submitted_at.year(), prefecture.departement.clone())).or_insert(0);
        *sequence += 1;
        let file_number =
            server::filing::numbers::format(&server::filing::numbers::prefix(submitted_at.year(), &prefecture.departement), *sequence);
        if place == 0 {
            seeded.agent_numbers.push(file_number.clone());
        }
        rows.push(application::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            account_id: Set(account_ids[(hash >> 12) as usize % account_ids.len()]),
            procedure: Set(procedures[(hash >> 8) as usize % procedures.len()].to_owned()),
            request_kind: Set("renouvellement".into()),
            status: Set(status.into()),
            answers: Set(ANSWERS.into()),
            current_step: Set("recapitulatif".into()),
            recap_validated: Set(r#"["informations","motif","ressources","justificatifs"]"#.into()),
            version: Set(3),
            observations: Set(None),
            file_number: Set(Some(file_number)),
            prefecture_id: Set(Some(prefecture.id)),
            submitted_at: Set(Some(submitted_at)),
            deadline_on: Set(deadline_on),
            created_at: Set(submitted_at - chrono::Duration::days(1)),
            updated_at: Set(submitted_at),
            ..Default::default()
        });
        if rows.len() == CHUNK || index + 1 == files {
            application::Entity::insert_many(std::mem::take(&mut rows)).exec(&txn).await.expect("insert files");
        }
    }
    // Written without `filing::status`: counted once, as the migration counts existing files.
    server::filing::counts::recount(&txn).await.expect("count per status");
    txn.commit().await.expect("commit");
    if app.backend == Backend::Postgres {
        // In production autovacuum soon vacuums and analyses a table that grew this much: the
        // planner's statistics, and the visibility map that lets counts read an index alone.
        // The benchmark measures that steady state, not the minute after a bulk load.
        db.execute_unprepared("VACUUM ANALYZE").await.expect("vacuum analyze");
    }
    let count = application::Entity::find().count(db).await.expect("count");
    assert_eq!(count as usize, files, "seeded files");
    seeded
}
