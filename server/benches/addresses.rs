//! `make bench`, address completion (printed, never asserted): a département's worth of
//! generated addresses (`BENCH_ADDRESSES`, default 300 000, about the Essonne) imported from a
//! CSV in the national address base's format, then typical searches as the wizard sends them,
//! one at a time and from 20 clients at once, on SQLite and PostgreSQL. Target: p99 under 20 ms.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use std::fmt::Write;
use std::sync::Arc;
use std::time::Instant;

use common::{Backend, TestApp};
use server::registry::import::{import_csv, Kind};
use support::{backends, drop_postgres_database, figure, label, Figures};

const DEFAULT_ADDRESSES: usize = 300_000;
const STREET_KINDS: [&str; 8] = ["Rue", "Avenue", "Allée", "Chemin", "Impasse", "Boulevard", "Place", "Quai"];
const STREET_NAMES: [&str; 25] = [
    "Victor Hugo",
    "Jean Jaurès",
    "de la République",
    "du Général de Gaulle",
    "Pasteur",
    "des Lilas",
    "des Tilleuls",
    "de l'Église",
    "du Moulin",
    "des Écoles",
    "de la Gare",
    "Jean Moulin",
    "Gambetta",
    "de la Paix",
    "des Peupliers",
    "du Château",
    "Émile Zola",
    "de la Fontaine",
    "des Acacias",
    "Anatole France",
    "du Stade",
    "des Vignes",
    "de Verdun",
    "Léon Blum",
    "des Roses",
];
/// Numbers per street.
const NUMBERS: usize = 40;
const SEQUENTIAL: usize = 200;
const CLIENTS: usize = 20;
const PER_CLIENT: usize = 50;
/// What applicants type: a number and a street, a partial word, a town, accents left out.
const QUERIES: [&str; 7] = [
    "12 rue victor hugo",
    "jaures arles",
    "all tilleuls 14",
    "8 avenue de la republique aix",
    "eglise",
    "chem moul 3",
    "3 place gambetta les baux de provence",
];
/// The towns: real communes' names (the seed's list), about 38 of them at 8 000 addresses each.
const COMMUNES: &str = include_str!("../data/seed/communes.csv");

fn main() {
    // As `server serve` runs.
    server::allocator::disable_transparent_huge_pages();
    let count =
        std::env::var("BENCH_ADDRESSES").ok().and_then(|s| s.trim().parse::<usize>().ok()).filter(|n| *n > 0).unwrap_or(DEFAULT_ADDRESSES);
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(async {
        let csv = generated_export(count);
        for backend in backends().await {
            bench_backend(backend, &csv, count).await;
        }
    });
}

/// `count` addresses in the BAN export's format, over as many communes as it takes.
fn generated_export(count: usize) -> String {
    let towns: Vec<&str> = COMMUNES.lines().skip(1).filter_map(|line| line.split(',').nth(1)).collect();
    let mut csv = String::from("id;numero;rep;nom_voie;code_postal;code_insee;nom_commune\n");
    let streets_per_commune = STREET_KINDS.len() * STREET_NAMES.len();
    for n in 0..count {
        let commune = n / (streets_per_commune * NUMBERS);
        let street = (n / NUMBERS) % streets_per_commune;
        let number = n % NUMBERS + 1;
        let name = format!("{} {}", STREET_KINDS[street % STREET_KINDS.len()], STREET_NAMES[street / STREET_KINDS.len()]);
        let town = towns[commune % towns.len()];
        let insee = format!("91{:03}", commune % 1000);
        let _ = writeln!(csv, "91{commune:03}_{street:04}_{number:05};{number};;{name};91{:03};{insee};{town}", commune % 1000);
    }
    csv
}

async fn bench_backend(backend: Backend, csv: &str, count: usize) {
    let app = TestApp::spawn(backend).await;
    let started = Instant::now();
    let report = import_csv(&app.state.db, &app.state.clock, Kind::Addresses, csv.as_bytes()).await.expect("import");
    println!("{}: imported {} addresses ({} new) in {:.1} s", label(backend), count, report.inserted, started.elapsed().as_secs_f64());
    let db = Arc::new(app.state.db.clone());
    for query in QUERIES {
        let mut one = Figures::default();
        let mut found = 0;
        let started = Instant::now();
        for _ in 0..SEQUENTIAL {
            let t = Instant::now();
            match server::addresses::base::search(db.as_ref(), query).await {
                Ok(list) => {
                    found = list.len();
                    one.success(t.elapsed());
                }
                Err(error) => one.failure(error.to_string()),
            }
        }
        one.elapsed = started.elapsed();
        let mut many = Figures::default();
        let started = Instant::now();
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut figures = Figures::default();
                    for _ in 0..PER_CLIENT {
                        let t = Instant::now();
                        match server::addresses::base::search(db.as_ref(), query).await {
                            Ok(_) => figures.success(t.elapsed()),
                            Err(error) => figures.failure(error.to_string()),
                        }
                    }
                    figures
                })
            })
            .collect();
        for client in clients {
            many.absorb(client.await.expect("client"));
        }
        many.elapsed = started.elapsed();
        println!("  {:<42} {found} found | one client: {} | {CLIENTS} clients: {}", format!("{query:?}"), summary(&one), summary(&many));
        figure(&format!("address search {query:?}, {CLIENTS} clients, {}, p99", label(backend)), many.percentile_ms(0.99), "ms");
    }
    println!("  (target: p99 < 20 ms)");
    let url = app.state.config.database_url.clone();
    drop(app);
    if backend == Backend::Postgres {
        drop_postgres_database(&url).await;
    }
}

fn summary(figures: &Figures) -> String {
    format!(
        "p50 {:.2} ms, p99 {:.2} ms, {:.0} req/s{}",
        figures.percentile_ms(0.50),
        figures.percentile_ms(0.99),
        figures.requests_per_second(),
        if figures.errors > 0 { format!(", {} errors{}", figures.errors, figures.first_error_note()) } else { String::new() }
    )
}
