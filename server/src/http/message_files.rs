//! Files joined to a thread's messages (`crate::messages`), for each side:
//!
//!   POST   /api/demandes/{application}/messages/pieces?nom=<name>        → 201 JoinedFile
//!   GET    /api/demandes/{application}/messages/pieces/{file}            → the file
//!   DELETE /api/demandes/{application}/messages/pieces/{file}            → 204 (unsent only)
//!   and the same under /api/agent/dossiers/{application}/… for the prefecture's agents.
//!
//! A file is uploaded before its message is sent (so the browser shows progress), with the
//! checks of every upload: who asks and whether the thread is open before a byte is read, then
//! type from the content, size, the account's quota, and at most three per message. The
//! applicant reaches only their own files' threads, an agent only their prefecture's;
//! anything else is "not found".

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use app::backend::RequestCtx;
use app::domain::files::{check_account_quota, check_upload, clean_file_name, SNIFF_BYTES};
use app::domain::messages::{fields, thread_open, MAX_ATTACHMENTS};
use app::domain::validation::ValidationError;
use app::error::AppError;

use super::uploads::{failure, internal, read_body, send_stored, Disposition, UploadQuery};
use crate::db::entities::application;
use crate::filing::{status, store};
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

async fn upload(state: AppState, ctx: RequestCtx, public_id: String, name: Option<String>, body: Body, agent: bool) -> Response {
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
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    // Only the applicant's files count in their account's quota.
    if writer == Writer::Applicant {
        match store::account_bytes(&state.db, application.account_id).await {
            Ok(used) => {
                if let Err(error) = check_account_quota(used, body.len() as u64, state.config.account_quota_mb) {
                    return failure(AppError::field(fields::ATTACHMENTS, error));
                }
            }
            Err(error) => return internal(error),
        }
    }
    let head = &body[..body.len().min(SNIFF_BYTES)];
    let kind = match check_upload(body.len() as u64, head, 0) {
        Ok(kind) => kind,
        Err(error) => return failure(AppError::field(fields::ATTACHMENTS, error)),
    };
    let stored = match state.storage.put(&body).await {
        Ok(stored) => stored,
        Err(error) => return internal(error),
    };
    let name = clean_file_name(name.as_deref().unwrap_or_default());
    match messages::add_attachment(&state.db, &state.clock, application.id, writer, &name, kind.content_type(), &stored).await {
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
    body: Body,
) -> Response {
    upload(state, ctx, public_id, query.nom, body, AGENT).await
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
