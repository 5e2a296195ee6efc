//! Files joined to a thread's messages (`crate::messages`), for each side:
//!
//!   POST   /api/demandes/{application}/messages/pieces?nom=<name>        → 201 JoinedFile
//!   GET    /api/demandes/{application}/messages/pieces/{file}            → the file
//!   DELETE /api/demandes/{application}/messages/pieces/{file}            → 204 (unsent only)
//!   and the same under /api/agent/dossiers/{application}/… for the prefecture's agents.
//!
//! A file is uploaded before its message is sent (so the browser shows progress), with the
//! checks of every upload (`super::intake`): who asks and whether the thread is open before a
//! byte is read, then type from the content, size, the account's quota, the virus scan, and at
//! most three per message. The
//! applicant reaches only their own files' threads, an agent only their prefecture's;
//! anything else is "not found".

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use app::backend::RequestCtx;
use app::domain::files::clean_file_name;
use app::domain::messages::{fields, thread_open, MAX_ATTACHMENTS};
use app::domain::validation::ValidationError;
use app::error::AppError;

use super::intake::{self, Intake, Received};
use super::uploads::{failure, internal, send_stored, Disposition, UploadQuery};
use crate::db::entities::application;
use crate::filing::status;
use crate::messages::service::MessagesService;
use crate::messages::{self, Writer};
use crate::state::AppState;

/// The file and who asks, checked before anything is read: the owner's, or the agent's
/// prefecture's.
async fn reach(state: &AppState, ctx: &RequestCtx, public_id: &str, agent: bool) -> Result<(application::Model, Writer), Response> {
    if agent {
        let (agent, application) = MessagesService::agent_file(state, ctx, public_id).await.map_err(failure)?;
        Ok((application, Writer::Agent(agent.agent_id)))
    } else {
        let application = crate::filing::filed_application(&state.db, ctx, public_id).await.map_err(failure)?;
        Ok((application, Writer::Applicant))
    }
}

async fn upload(
    state: AppState,
    ctx: RequestCtx,
    public_id: String,
    name: Option<String>,
    headers: HeaderMap,
    body: Body,
    agent: bool,
) -> Response {
    let (application, writer) = match reach(&state, &ctx, &public_id, agent).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match status::current(&application) {
        Ok(status) if thread_open(status) => {}
        Ok(_) => return failure(AppError::Conflict),
        Err(error) => return internal(error),
    }
    let too_many = || failure(AppError::field(fields::ATTACHMENTS, ValidationError::TooManyAttachments { max: MAX_ATTACHMENTS }));
    match messages::count_unsent(&state.db, application.id, writer).await {
        Ok(count) if count >= MAX_ATTACHMENTS as u64 => return too_many(),
        Ok(_) => {}
        Err(error) => return internal(error),
    }
    let person = match writer {
        Writer::Applicant => format!("applicant:{}", application.account_id),
        Writer::Agent(agent_id) => format!("agent:{agent_id}"),
    };
    let intake = Intake {
        person,
        field: fields::ATTACHMENTS,
        already_joined: 0,
        // Only the applicant's files count in their account's quota.
        quota_account: (writer == Writer::Applicant).then_some(application.account_id),
    };
    let Received { stored, kind, held } = match intake::receive(&state, &headers, body, intake).await {
        Ok(received) => received,
        Err(response) => return response,
    };
    let name = clean_file_name(name.as_deref().unwrap_or_default());
    let new = messages::NewAttachment {
        application_id: application.id,
        writer,
        name: &name,
        content_type: kind.content_type(),
        stored: &stored,
        held_for_scan: held,
    };
    match messages::add_attachment(&state.db, &state.clock, new).await {
        Ok(saved) => (StatusCode::CREATED, Json(messages::joined(&saved))).into_response(),
        Err(error) => {
            // Nothing points to the object: remove it rather than leave an orphan.
            let _ = state.storage.delete(&stored.key).await;
            internal(error)
        }
    }
}

async fn download(state: AppState, ctx: RequestCtx, public_id: String, file_id: i32, agent: bool) -> Response {
    let (application, reader) = match reach(&state, &ctx, &public_id, agent).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let attachment = match messages::attachment(&state.db, application.id, file_id).await {
        Ok(Some(attachment)) if messages::visible_to(&attachment, reader) => attachment,
        Ok(_) => return failure(AppError::NotFound),
        Err(error) => return internal(error),
    };
    if let Writer::Agent(agent_id) = reader {
        // Not opened in the back-office before a virus scan cleared it.
        if attachment.held_for_scan {
            return failure(AppError::Conflict);
        }
        let number = application.file_number.as_deref().unwrap_or(&application.public_id);
        let detail = format!("{number} : pièce jointe à un message ({})", attachment.original_name);
        let read = crate::instruction::agents::action::FILE_DOWNLOADED;
        if let Err(error) = crate::instruction::agents::record_by_agent(&state.db, &state.clock, agent_id, read, detail).await {
            return internal(error);
        }
    }
    // What the applicant wrote is never opened inside the back-office.
    let disposition = if agent { Disposition::Attachment } else { Disposition::Inline };
    send_stored(&state, &attachment.storage_key, &attachment.content_type, &attachment.original_name, disposition).await
}

/// Removes one of the asker's own unsent files; a sent one is part of the file for good.
async fn remove(state: AppState, ctx: RequestCtx, public_id: String, file_id: i32, agent: bool) -> Response {
    let (application, writer) = match reach(&state, &ctx, &public_id, agent).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let attachment = match messages::attachment(&state.db, application.id, file_id).await {
        Ok(Some(attachment)) if messages::visible_to(&attachment, writer) => attachment,
        Ok(_) => return failure(AppError::NotFound),
        Err(error) => return internal(error),
    };
    if attachment.message_id.is_some() {
        return failure(AppError::Conflict);
    }
    match messages::remove_unsent(&state.db, &state.storage, &attachment).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => failure(AppError::Conflict),
        Err(error) => internal(error),
    }
}

type FileRoute = Path<(String, i32)>;

// Each route twice, for the two sides: `AGENT` says which (`http::router` mounts both).

pub async fn upload_route<const AGENT: bool>(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path(public_id): Path<String>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    upload(state, ctx, public_id, query.nom, headers, body, AGENT).await
}

pub async fn download_route<const AGENT: bool>(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path((id, file)): FileRoute,
) -> Response {
    download(state, ctx, id, file, AGENT).await
}

pub async fn remove_route<const AGENT: bool>(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path((id, file)): FileRoute,
) -> Response {
    remove(state, ctx, id, file, AGENT).await
}
