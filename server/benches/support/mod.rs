//! What the benchmarks share beside the test harness: the databases to measure, their names
//! in the figures, percentiles, and the removal of a benchmark's PostgreSQL database.
#![allow(dead_code)]

use std::time::Duration;

use sea_orm::{ConnectionTrait, Database, Statement};

use crate::common::Backend;

/// SQLite always; PostgreSQL when `ANEF_TEST_PG_URL` is set and answers (otherwise the figures
/// of SQLite are still worth printing).
pub async fn backends() -> Vec<Backend> {
    let mut list = vec![Backend::Sqlite];
    match std::env::var("ANEF_TEST_PG_URL").ok().filter(|url| !url.is_empty()) {
        None => println!("postgresql: skipped (ANEF_TEST_PG_URL is not set)"),
        Some(url) => match Database::connect(&url).await {
            Ok(_) => list.push(Backend::Postgres),
            Err(error) => println!("postgresql: skipped (cannot connect to {url}: {error})"),
        },
    }
    list
}

pub fn label(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgresql",
    }
}

/// Appends a figure to the file `make bench` compares with the previous run
/// (`$BENCH_FIGURES`, one `name<TAB>value<TAB>unit` per line; scripts/bench-compare.py). Without
/// it (a bench run alone), the printed lines are the only output.
pub fn figure(name: &str, value: f64, unit: &str) {
    use std::io::Write;
    let Some(path) = std::env::var_os("BENCH_FIGURES") else { return };
    let written =
        std::fs::OpenOptions::new().create(true).append(true).open(&path).and_then(|mut file| writeln!(file, "{name}\t{value:.2}\t{unit}"));
    if let Err(error) = written {
        println!("  (could not record {name} in {}: {error})", path.to_string_lossy());
    }
}

/// Nearest-rank percentile of `latencies`, in milliseconds (0 when there are none).
pub fn percentile_ms(latencies: &[Duration], fraction: f64) -> f64 {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    let rank = ((fraction * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(rank).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// The harness creates a database per run; the benchmark removes its own.
pub async fn drop_postgres_database(database_url: &str) {
    let (Ok(admin_url), Some((_, name))) = (std::env::var("ANEF_TEST_PG_URL"), database_url.rsplit_once('/')) else { return };
    let dropped = match Database::connect(&admin_url).await {
        Ok(admin) => admin
            .execute(Statement::from_string(sea_orm::DatabaseBackend::Postgres, format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")))
            .await
            .map(|_| ()),
        Err(error) => Err(error),
    };
    if let Err(error) = dropped {
        println!("  (could not drop the benchmark database {name}: {error})");
    }
}

/// Latencies of the successful requests of a run, its errors and its wall time.
#[derive(Default)]
pub struct Figures {
    pub latencies: Vec<Duration>,
    pub errors: usize,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    /// Files found by the last successful request, where a run counts them (a search that finds
    /// nothing measures little).
    pub found: u64,
}

impl Figures {
    pub fn success(&mut self, latency: Duration) {
        self.latencies.push(latency);
    }

    pub fn failure(&mut self, error: String) {
        self.errors += 1;
        self.first_error.get_or_insert(error);
    }

    /// Adds the figures of one client of a concurrent run.
    pub fn absorb(&mut self, other: Figures) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        self.found = self.found.max(other.found);
    }

    /// Nearest-rank percentile, in milliseconds (0 when nothing succeeded).
    pub fn percentile_ms(&self, fraction: f64) -> f64 {
        percentile_ms(&self.latencies, fraction)
    }

    pub fn requests_per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    pub fn first_error_note(&self) -> String {
        self.first_error.as_ref().map(|e| format!(" (first: {e})")).unwrap_or_default()
    }
}
