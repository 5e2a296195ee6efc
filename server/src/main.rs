//! Command-line entry point: `server serve | migrate | seed | import | demo-accounts`.

// Server-side rendering allocates many small strings per page: mimalloc serves them markedly
// faster than the system allocator under concurrency (see `make bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

use server::config::Config;
use server::crypto::PasswordWork;
use server::registry::import::{import_csv, Kind};

#[derive(Parser)]
#[command(name = "server", about = "ANEF séjour: online residence-permit service", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, seed the demo data if ANEF_SEED_DEMO is set and the database is
    /// empty, then serve (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Load the seed registers (and, with --demo, the demo accounts).
    Seed {
        #[arg(long)]
        demo: bool,
    },
    /// Import a register from a CSV file (format: docs/contracts.md), or the national address
    /// base's CSV export (`import addresses adresses-91.csv`, docs/addresses.md).
    Import { kind: Kind, file: PathBuf },
    /// Print the demo accounts and the documents that can create an account.
    DemoAccounts,
    /// Create a prefecture agent; the password is read from ANEF_AGENT_PASSWORD, else from the
    /// first line of standard input.
    CreateAgent {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Prefecture code, e.g. P075 or SP091-PAL (server/data/seed/prefectures.csv).
        #[arg(long)]
        prefecture: String,
        /// agent, administrateur (of the agent's prefecture) or administrateur_national.
        #[arg(long, default_value = "agent")]
        role: String,
    },
    /// Check the audit trails' hash chains; report the first broken link and fail if there is one.
    /// With --anchor, also check that every head of an earlier `audit-anchor` is still there.
    VerifyAudit {
        #[arg(long)]
        anchor: Option<PathBuf>,
    },
    /// Print every trail's last hash (JSON lines), to be kept outside the database (a WORM store,
    /// another administration): `verify-audit --anchor` then detects a trail cut since.
    AuditAnchor,
    /// Compare the stored files with the rows that point at them: list rows whose file is
    /// missing (and fail) and files no row points at; with --sweep, remove those older than a day.
    CheckStorage {
        #[arg(long)]
        sweep: bool,
    },
    /// Copy the database and the stored files, consistent with each other, into a new folder
    /// (docs/backup.md).
    Backup { folder: PathBuf },
    /// Restore a backup into the configured database and storage folder, both empty, then
    /// migrate.
    Restore { folder: PathBuf },
    /// Reseal every stored file, and the agents' second-factor secrets, with the first key of
    /// ANEF_STORAGE_KEYS (after a new key was put first); once done, the older keys can leave
    /// the configuration.
    RotateStorageKeys,
    /// Print the PDF figures of the benchmark (size and rendering time of a one-page document).
    #[command(hide = true)]
    BenchPdf {
        #[arg(long, default_value_t = 50)]
        iterations: usize,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    server::allocator::disable_transparent_huge_pages();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")))
        .init();
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    match run(cli.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> Result<(), Box<dyn std::error::Error>> {
    // Every command that writes or checks an audit line uses the configured key.
    server::audit::install_key(&config.audit_key);
    match command {
        Command::Serve => {
            let listener = tokio::net::TcpListener::bind(config.listen).await?;
            let state = server::prepare(config, None).await?;
            tracing::info!(url = %state.config.public_url, "serving");
            println!("ANEF séjour is listening on {}", state.config.public_url);
            if let server::mail::Mailer::File { dir, .. } = &state.mailer {
                println!("E-mails are written as .eml files in {}", dir.display());
            }
            let shutdown = CancellationToken::new();
            tokio::spawn(shutdown_on_signal(shutdown.clone()));
            server::serve(state, listener, shutdown).await?;
        }
        Command::Migrate => {
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            println!("database migrated");
        }
        Command::Seed { demo } => {
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            let clock = server::clock::Clock::with_offset_days(config.clock_offset_days);
            server::seed::seed_registers(&db, &clock).await?;
            if demo {
                server::seed::seed_demo_accounts(&db, &clock).await?;
                server::seed::seed_demo_agents(&db, &clock).await?;
            }
            println!("seeded");
        }
        Command::Import { kind, file } => {
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            let clock = server::clock::Clock::with_offset_days(config.clock_offset_days);
            let report = import_csv(&db, &clock, kind, std::fs::File::open(&file)?).await?;
            println!("{}: {} inserted, {} updated", file.display(), report.inserted, report.updated);
        }
        Command::DemoAccounts => {
            println!("Demo accounts (identifier = numéro étranger):");
            for demo in server::seed::demo_accounts() {
                println!("  {}  password {}  ({})", demo.numero_etranger, demo.password, demo.email);
            }
            println!("Documents to create an account with: see server/data/seed/README.md");
            println!("Demo prefecture agents (back-office at /agent/connexion):");
            for agent in server::seed::demo_agents() {
                println!("  {}  password {}  ({}, {})", agent.email, agent.password, agent.prefecture_code, agent.role);
            }
        }
        Command::CreateAgent { email, name, prefecture, role } => {
            let password = match std::env::var("ANEF_AGENT_PASSWORD") {
                Ok(password) => password,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            let clock = server::clock::Clock::with_offset_days(config.clock_offset_days);
            // The same checks and the same creation as the administrators' page (and its audit
            // line, with `cli` as the source).
            let input = app::domain::agents::NewAgentInput { email, display_name: name, prefecture: prefecture.clone(), role };
            use server::instruction::agents::{self, AgentError, Origin};
            let agent = match agents::create(
                &db,
                &clock,
                &PasswordWork::for_this_machine(config.temporary_password_hours),
                &input,
                &password,
                Origin::CommandLine,
            )
            .await
            {
                Ok(agent) => agent,
                Err(AgentError::Invalid(errors)) => {
                    let lines: Vec<String> = errors
                        .0
                        .iter()
                        .map(|e| {
                            let option = match e.field.as_str() {
                                "email" => "--email",
                                "display_name" => "--name",
                                "prefecture" => "--prefecture",
                                "role" => "--role",
                                other => other,
                            };
                            format!("  {option}: {}", app::i18n::validation_message(&e.error, app::i18n::Lang::En))
                        })
                        .collect();
                    return Err(format!("agent refused:\n{}", lines.join("\n")).into());
                }
                Err(error) => return Err(error.into()),
            };
            println!("agent {} created ({prefecture})", agent.email);
        }
        Command::VerifyAudit { anchor } => {
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            let report = server::audit::verify(&db).await?;
            println!("audit: {} lines checked ({} from before the chain)", report.lines_checked, report.lines_before_chain);
            if let Some(broken) = report.first_broken {
                return Err(format!("audit chain broken: {broken}").into());
            }
            if let Some(file) = anchor {
                let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                let anchors = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(serde_json::from_str::<server::audit::Anchor>)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| format!("{}: not an anchor file ({e})", file.display()))?;
                if let Some(broken) = server::audit::check_anchors(&db, &anchors).await? {
                    return Err(format!("audit chain cut: {broken}").into());
                }
                println!("audit: the {} anchored heads are all in their trails", anchors.len());
            }
            println!("audit chains intact");
        }
        Command::AuditAnchor => {
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            for anchor in server::audit::anchors(&db).await? {
                println!("{}", serde_json::to_string(&anchor)?);
            }
        }
        Command::CheckStorage { sweep } => {
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            let storage = config.storage();
            let clock = server::clock::Clock::with_offset_days(config.clock_offset_days);
            let report = server::storage::check::check(&db, &storage, clock.now(), sweep).await?;
            for key in &report.orphans {
                let swept = if report.swept.contains(key) { " (removed)" } else { "" };
                println!("no row points at {key}{swept}");
            }
            for key in &report.missing {
                println!("MISSING: a row points at {key}, which is not stored");
            }
            println!("storage: {} missing, {} without a row, {} removed", report.missing.len(), report.orphans.len(), report.swept.len());
            if !report.missing.is_empty() {
                return Err("stored files are missing".into());
            }
        }
        Command::Backup { folder } => {
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            let clock = server::clock::Clock::with_offset_days(config.clock_offset_days);
            let report = server::backup::backup(&config, &db, &folder, clock.now()).await?;
            for key in &report.missing {
                println!("MISSING: a row points at {key}, which is not stored (server check-storage)");
            }
            println!("backup: the database and {} files in {}", report.files, folder.display());
        }
        Command::Restore { folder } => {
            let report = server::backup::restore(&config, &folder).await?;
            println!("restored the backup of {} with {} files", report.created_at.to_rfc3339(), report.files);
        }
        Command::RotateStorageKeys => {
            let report = config.storage().rotate_keys().await?;
            println!(
                "storage keys: {} files resealed with {}, {} already were",
                report.resealed,
                config.storage_keys.sealing_id(),
                report.current
            );
            let db = server::db::connect(&config.database_url).await?;
            server::db::migrate(&db).await?;
            let agents = server::instruction::second_factor::reseal_secrets(&db, &config.storage_keys).await?;
            println!("storage keys: {agents} agents' second-factor secrets resealed");
        }
        Command::BenchPdf { iterations } => {
            let document = server::pdf::specimen();
            let mut times = Vec::with_capacity(iterations);
            let mut size = 0;
            for _ in 0..iterations.max(1) {
                let started = std::time::Instant::now();
                size = document.render()?.len();
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let p50 = times[times.len() / 2];
            let max = times[times.len() - 1];
            println!(
                "pdf one-page document: {size} bytes ({:.1} KB), render mean {mean:.1} ms, p50 {p50:.1} ms, max {max:.1} ms over {} runs",
                size as f64 / 1024.0,
                times.len()
            );
        }
    }
    Ok(())
}

async fn shutdown_on_signal(shutdown: CancellationToken) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests and jobs");
    shutdown.cancel();
}
