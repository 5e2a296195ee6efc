//! The ANEF séjour server: configuration, database, e-mail outbox, PDF, background jobs, CLI
//! and the HTTP surface that serves the `app` crate.
//!
//! [`prepare`] builds the state (connects, migrates, seeds when asked) and [`serve`] runs the
//! HTTP server and the job worker until shutdown. Tests call both with a free port and a fresh
//! database.

#![recursion_limit = "512"]

pub mod accounts;
pub mod addresses;
pub mod administration;
pub mod allocator;
pub mod appointments;
pub mod audit;
pub mod backup;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod db;
pub mod error;
pub mod filing;
pub mod http;
pub mod instruction;
pub mod jobs;
pub mod lawful_stay;
pub mod mail;
pub mod messages;
pub mod notifications;
pub mod pdf;
pub mod registry;
pub mod retention;
pub mod scanning;
pub mod seed;
pub mod sessions;
pub mod state;
pub mod storage;
pub mod text;

use std::net::SocketAddr;
use std::sync::Arc;

use leptos::config::LeptosOptions;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::config::Config;
use crate::mail::Mailer;
use crate::state::AppState;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("seed: {0}")]
    Seed(#[from] seed::SeedError),
    #[error("mail: {0}")]
    Mail(#[from] mail::MailError),
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("anef")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .build()
}

/// Connects, migrates and (when configured) seeds, then returns the state to serve. `mailer`
/// overrides the configured transport (tests use [`Mailer::Memory`]).
pub async fn prepare(config: Config, mailer: Option<Mailer>) -> Result<AppState, StartError> {
    audit::install_key(&config.audit_key);
    std::fs::create_dir_all(&config.data_dir)?;
    std::fs::create_dir_all(&config.storage_dir)?;
    let db = db::connect(&config.database_url).await?;
    db::migrate(&db).await?;
    let clock = Clock::with_offset_days(config.clock_offset_days);
    if config.seed_demo && seed::is_empty(&db).await? {
        seed::seed_registers(&db, &clock).await?;
        seed::seed_demo_accounts(&db, &clock).await?;
        seed::seed_demo_agents(&db, &clock).await?;
        tracing::info!("demo data seeded");
    }
    let mailer = match mailer {
        Some(mailer) => mailer,
        None => Mailer::from_config(&config.mail_transport)?,
    };
    tracing::info!(mail = %mailer.describe(), "mail transport ready");
    let passwords = crypto::PasswordWork::for_this_machine(config.temporary_password_hours);
    Ok(AppState {
        leptos: leptos_options(&config),
        storage: config.storage(),
        uploads: http::intake::UploadGate::new(config.uploads.clone()),
        db,
        config: Arc::new(config),
        mailer,
        clock,
        jobs_wakeup: Arc::new(tokio::sync::Notify::new()),
        passwords,
    })
}

/// Serves until `shutdown` is cancelled, then lets in-flight requests and the current job
/// finish.
pub async fn serve(state: AppState, listener: TcpListener, shutdown: CancellationToken) -> Result<(), StartError> {
    let worker = tokio::spawn(jobs::Worker::new(state.clone()).run(shutdown.child_token()));
    let app = http::router(state);
    // Without TCP_NODELAY, a response written in two segments waits for the client's delayed
    // ACK: about 40 ms added to every keep-alive request.
    let listener = axum::serve::ListenerExt::tap_io(listener, |stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown.clone().cancelled_owned())
        .await?;
    shutdown.cancel();
    if let Err(error) = worker.await {
        tracing::error!(%error, "job worker ended abnormally");
    }
    Ok(())
}
