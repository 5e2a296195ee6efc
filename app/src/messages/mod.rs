//! A file's message thread (issue 13): the applicant and the prefecture's agents write to each
//! other about one filed file, with up to three attachments per message. The rules are in
//! `domain::messages`; the server implements [`crate::backend::MessagesBackend`] and checks
//! that an applicant reads only their own threads and an agent only their prefecture's.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::messages::Author;
use crate::error::AppError;
use crate::filing::JoinedFile;

mod thread;

pub use thread::{MessagesPage, ThreadResource, ThreadSection};

/// Addresses of the thread pages and of the attachments' routes.
pub mod paths {
    /// The applicant's thread of file `id`.
    pub fn page(id: &str) -> String {
        format!("/compte/demandes/{id}/messages")
    }

    /// Where the applicant sends (POST, `?nom=`) and reads or removes (`/{file}`) attachments.
    pub fn applicant_files(id: &str) -> String {
        format!("/api/demandes/{id}/messages/pieces")
    }

    /// The same for an agent of the file's prefecture.
    pub fn agent_files(id: &str) -> String {
        format!("/api/agent/dossiers/{id}/messages/pieces")
    }

    pub fn file(base: &str, file: i32) -> String {
        format!("{base}/{file}")
    }
}

/// A thread as one side reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    /// The file's public id.
    pub id: String,
    pub file_number: String,
    pub procedure: crate::domain::catalogue::ProcedureId,
    /// Whether a message can be written now (`domain::messages::thread_open`).
    pub open: bool,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    /// Files this side joined and has not sent yet (kept across a reload).
    pub unsent: Vec<JoinedFile>,
    /// The server's day, for the deadline's check in the browser.
    pub today: crate::domain::date::Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i32,
    pub author: Author,
    /// "Vous", the prefecture, or for agents the agent's name.
    pub author_name: String,
    /// `DD/MM/YYYY à HH:MM`, Paris time.
    pub at: String,
    pub body: String,
    pub attachments: Vec<JoinedFile>,
    /// An agent's message awaiting the applicant's answer before this day (`DD/MM/YYYY`).
    pub awaiting_until: Option<String>,
    /// The applicant wrote after it (for an awaiting message).
    pub answered: bool,
    /// The other side opened the thread since it was sent.
    pub read: bool,
}

/// The applicant's thread of file `id`; opening it marks the prefecture's messages read.
#[server(endpoint = "messages/fil")]
pub async fn load_thread(id: String) -> Result<ThreadView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.messages.applicant_thread(&ctx, &id).await)
}

/// The applicant writes to the prefecture, with the attachments already uploaded.
#[server(endpoint = "messages/envoyer", input = leptos::server_fn::codec::Json)]
pub async fn send_message(id: String, body: String, attachments: Vec<i32>) -> Result<ThreadView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.messages.applicant_send(&ctx, &id, &body, &attachments).await)
}

/// An agent's view of the thread of a file of their prefecture; marks the applicant's
/// messages read.
#[server(endpoint = "agent/messages/fil")]
pub async fn agent_thread(id: String) -> Result<ThreadView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.messages.agent_thread(&ctx, &id).await)
}

/// An agent writes to the applicant; `awaiting_until` (`YYYY-MM-DD`, or empty) marks the
/// message "awaiting your answer".
#[server(endpoint = "agent/messages/envoyer", input = leptos::server_fn::codec::Json)]
pub async fn agent_send_message(id: String, body: String, attachments: Vec<i32>, awaiting_until: String) -> Result<ThreadView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.messages.agent_send(&ctx, &id, &body, &attachments, &awaiting_until).await)
}
