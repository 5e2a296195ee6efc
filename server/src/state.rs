//! The application state shared by HTTP handlers, services and jobs.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::Config;
use crate::mail::Mailer;

#[derive(Clone)]
pub struct AppState {
    /// Connection pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
    /// Validated configuration.
    pub config: Arc<Config>,
    /// E-mail transport, used only by the `send_email` job.
    pub mailer: Mailer,
    /// The service's notion of "now".
    pub clock: Clock,
    /// Where joined and issued files are kept.
    pub storage: crate::storage::Storage,
    /// Where cargo-leptos put the site, and how to render it.
    pub leptos: LeptosOptions,
    /// Wakes the job worker when a job is queued (it also polls every second).
    pub jobs_wakeup: Arc<Notify>,
    /// The uploads in flight on this instance, capped (`crate::http::intake`).
    pub uploads: Arc<crate::http::intake::UploadGate>,
    /// Password hashing and checking, bounded (see [`crate::crypto::PasswordWork`]).
    pub passwords: crate::crypto::PasswordWork,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// A link to a page of the service, for e-mails.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.config.public_url, path_and_query)
    }
}
