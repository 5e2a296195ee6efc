//! Files joined to a draft: upload (raw body, so the browser can report progress), download and
//! removal. Outside the server functions because of the size: this router has its own body
//! limit, and an oversize body is refused (413) before anything is stored.
//!
//!   POST   /api/demandes/{application}/pieces/{document}?nom=<file name>   → 201 JoinedFile
//!   GET    /api/demandes/{application}/fichiers/{file}                      → the file
//!   DELETE /api/demandes/{application}/fichiers/{file}                      → 204
//!   GET    /api/demandes/{application}/documents/{kind}                     → a document the
//!          service issued (e.g. `confirmation_depot`, the receipt)
//!
//! Only the owner of the application reaches its files; another account gets 404, as for a
//! file that does not exist.

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use sea_orm::{ColumnTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use app::backend::RequestCtx;
use app::domain::catalogue;
use app::domain::files::{clean_file_name, MAX_FILES_PER_DOCUMENT, MAX_FILE_BYTES};
use app::domain::lifecycle::{Action, FileStatus};
use app::domain::validation::ValidationError;
use app::error::AppError;

use crate::db::entities::{application, application_file, issued_document};
use crate::filing::{joined_file, owned_application, status, store};
use crate::instruction::complements;
use crate::scanning::Verdict;
use crate::state::AppState;

use super::intake::{self, Intake, Received};

/// The whole request may be a little larger than the file (headers are not counted, but a
/// client may send a chunked body with framing).
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES as usize + 64 * 1024;

#[derive(Deserialize)]
pub struct UploadQuery {
    pub nom: Option<String>,
}

pub(super) fn failure(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(error)).into_response()
}

pub(super) fn internal(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "upload");
    failure(AppError::Internal)
}

/// The application if the request's applicant owns it.
async fn owned(state: &AppState, ctx: &RequestCtx, public_id: &str) -> Result<application::Model, Response> {
    owned_application(&state.db, ctx, public_id).await.map_err(failure)
}

/// Reads a body the router already limited to [`UPLOAD_BODY_LIMIT`]; a larger one is a 413.
pub(super) async fn read_body(body: Body) -> Result<Bytes, Response> {
    axum::body::to_bytes(body, UPLOAD_BODY_LIMIT).await.map_err(|_| {
        let too_large = AppError::field("file", ValidationError::FileTooLarge { max_mb: (MAX_FILE_BYTES / (1024 * 1024)) as u32 });
        (StatusCode::PAYLOAD_TOO_LARGE, Json(too_large)).into_response()
    })
}

fn valid_document_code(code: &str) -> bool {
    (1..=64).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub async fn upload(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path((public_id, document)): Path<(String, String)>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Who asks, for which file, in which state: all decided before a byte of the body is read
    // (a client that waits for `100 Continue` sends nothing when refused).
    let application = match owned(&state, &ctx, &public_id).await {
        Ok(application) => application,
        Err(response) => return response,
    };
    // Only a document the procedure's catalogue asks for can receive files.
    let in_catalogue = catalogue::procedure(&application.procedure).is_some_and(|p| p.documents.iter().any(|d| d.code == document));
    if !valid_document_code(&document) || !in_catalogue {
        return failure(AppError::NotFound);
    }
    match may_change(&state, &application, &document, None).await {
        Ok(true) => {}
        Ok(false) => return failure(AppError::Conflict),
        Err(response) => return response,
    }
    let joined = match store::count_files(&state.db, application.id, &document).await {
        Ok(count) => u32::try_from(count).unwrap_or(u32::MAX),
        Err(error) => return internal(error),
    };
    let intake = Intake {
        person: format!("applicant:{}", application.account_id),
        field: "file",
        already_joined: joined,
        quota_account: Some(application.account_id),
    };
    let Received { stored, kind, held } = match intake::receive(&state, &headers, body, intake).await {
        Ok(received) => received,
        Err(response) => return response,
    };
    let name = clean_file_name(query.nom.as_deref().unwrap_or_default());
    let file = store::NewFile {
        application_id: application.id,
        document_code: &document,
        original_name: &name,
        content_type: kind.content_type(),
        stored: &stored,
        held_for_scan: held,
    };
    let refused = |error: AppError| async {
        // Nothing points to the object: remove it rather than leave an orphan.
        let _ = state.storage.delete(&stored.key).await;
        error
    };
    match store::add_file_with_room(&state.db, &state.clock, file, u64::from(MAX_FILES_PER_DOCUMENT)).await {
        Ok(Ok(saved)) => (StatusCode::CREATED, Json(joined_file(saved))).into_response(),
        Ok(Err(store::FileRefusal::Frozen)) => failure(refused(AppError::Conflict).await),
        Ok(Err(store::FileRefusal::Full)) => {
            failure(refused(AppError::field("file", ValidationError::TooManyFiles { max: MAX_FILES_PER_DOCUMENT })).await)
        }
        Err(error) => {
            let _ = state.storage.delete(&stored.key).await;
            internal(error)
        }
    }
}

async fn owned_file(
    state: &AppState,
    ctx: &RequestCtx,
    public_id: &str,
    file_id: i32,
) -> Result<(application::Model, application_file::Model), Response> {
    let application = owned(state, ctx, public_id).await?;
    match application_file::Entity::find_by_id(file_id).one(&state.db).await {
        Ok(Some(file)) if file.application_id == application.id => Ok((application, file)),
        Ok(_) => Err(failure(AppError::NotFound)),
        Err(error) => Err(internal(error)),
    }
}

pub async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path((public_id, file_id)): Path<(String, i32)>,
) -> Response {
    let (_, file) = match owned_file(&state, &ctx, &public_id, file_id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    send_stored(&state, &file.storage_key, &file.content_type, &file.original_name, Disposition::Inline).await
}

/// Whether the applicant may join (or, with `file`, remove) a file of `document` now: any while
/// drafting; once filed, only for a document of an open complementary-document request, and
/// only the files joined in answer to it (the originals stay in the file).
async fn may_change(
    state: &AppState,
    application: &application::Model,
    document: &str,
    file: Option<&application_file::Model>,
) -> Result<bool, Response> {
    match status::current(application) {
        Ok(FileStatus::Brouillon) => return Ok(true),
        Ok(FileStatus::ComplementDemande) => {}
        // Corrections after filing: a file is added to any document; only those not sent yet
        // are removed (what was filed stays in the file).
        Ok(FileStatus::Deposee | FileStatus::CorrectionDemandee) => {
            return match file {
                None => Ok(true),
                Some(file) => match crate::filing::corrections::unsent_files(&state.db, application).await {
                    Ok(unsent) => Ok(unsent.iter().any(|f| f.id == file.id)),
                    Err(error) => Err(internal(error)),
                },
            };
        }
        _ => return Ok(false),
    }
    match complements::open(&state.db, application.id).await {
        Ok(Some((request, items))) => {
            Ok(items.iter().any(|i| i.document_code == document) && file.is_none_or(|f| complements::joined_in_answer(f, &request)))
        }
        Ok(None) => Ok(false),
        Err(error) => Err(internal(error)),
    }
}

/// A file joined by an applicant, for an agent of the file's prefecture (anyone else: 404, or
/// 401 without a back-office session).
pub async fn agent_download(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path((public_id, file_id)): Path<(String, i32)>,
) -> Response {
    let agent = match ctx.agent() {
        Ok(agent) => agent,
        Err(error) => return failure(error),
    };
    let application = application::Entity::find()
        .filter(application::Column::PublicId.eq(&public_id))
        .filter(application::Column::PrefectureId.eq(agent.prefecture_id))
        .one(&state.db)
        .await;
    let application = match application {
        Ok(Some(application)) => application,
        Ok(None) => return failure(AppError::NotFound),
        Err(error) => return internal(error),
    };
    match application_file::Entity::find_by_id(file_id).one(&state.db).await {
        // Not opened in the back-office before a virus scan cleared it.
        Ok(Some(file)) if file.application_id == application.id && file.held_for_scan => failure(AppError::Conflict),
        Ok(Some(file)) if file.application_id == application.id => {
            let number = application.file_number.as_deref().unwrap_or(&application.public_id);
            let detail = format!("{number} : {} ({})", file.document_code, file.original_name);
            let read = crate::instruction::agents::action::FILE_DOWNLOADED;
            if let Err(error) = crate::instruction::agents::record_by_agent(&state.db, &state.clock, agent.agent_id, read, detail).await {
                return internal(error);
            }
            send_stored(&state, &file.storage_key, &file.content_type, &file.original_name, Disposition::Attachment).await
        }
        Ok(_) => failure(AppError::NotFound),
        Err(error) => internal(error),
    }
}

#[derive(Deserialize)]
pub struct RefusalQuery {
    motif: Option<String>,
}

/// The agent refuses the file: the body is the prefecture's decision (a PDF, checked from its
/// content), `motif` the reason. Answers the updated file view.
pub async fn agent_refuse(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path(public_id): Path<String>,
    Query(query): Query<RefusalQuery>,
    body: Body,
) -> Response {
    let service = crate::instruction::service::InstructionService::new(state.clone());
    // The agent and the file are checked before the decision's bytes are read.
    if let Err(error) = service.check_file_access(&ctx, &public_id).await {
        return failure(error);
    }
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    // The decision is sent to the applicant: scanned like every file, and not sent unscanned.
    match state.config.scanner.scan(&body).await {
        Ok(None | Some(Verdict::Clean)) => {}
        Ok(Some(Verdict::Infected(signature))) => {
            tracing::warn!(%signature, "infected decision refused");
            return failure(AppError::field("decision", ValidationError::FileInfected));
        }
        Err(error) => {
            tracing::warn!(%error, "virus scan unavailable");
            let unavailable = AppError::field("decision", ValidationError::ScanUnavailable);
            return (StatusCode::SERVICE_UNAVAILABLE, Json(unavailable)).into_response();
        }
    }
    match service.apply(&ctx, &public_id, Action::Refuse, query.motif, Some(body.to_vec())).await {
        Ok(view) => Json(view).into_response(),
        Err(error) => failure(error),
    }
}

pub async fn issued(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path((public_id, kind)): Path<(String, String)>,
) -> Response {
    let application = match owned(&state, &ctx, &public_id).await {
        Ok(application) => application,
        Err(response) => return response,
    };
    let document = issued_document::Entity::find()
        .filter(issued_document::Column::ApplicationId.eq(application.id))
        .filter(issued_document::Column::Kind.eq(kind))
        .order_by_desc(issued_document::Column::Id)
        .one(&state.db)
        .await;
    match document {
        Ok(Some(document)) => send_stored(&state, &document.storage_key, "application/pdf", &document.file_name, Disposition::Inline).await,
        Ok(None) => failure(AppError::NotFound),
        Err(error) => internal(error),
    }
}

/// How a stored file reaches the browser.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Disposition {
    /// Previewed in the browser: the applicant's own files and the service's PDFs.
    Inline,
    /// Saved, never opened inside the back-office: a file an applicant wrote cannot run in the
    /// agents' origin, whatever it contains.
    Attachment,
}

pub(super) async fn send_stored(state: &AppState, key: &str, content_type: &str, name: &str, disposition: Disposition) -> Response {
    let bytes = match state.storage.get(key).await {
        Ok(bytes) => bytes,
        Err(error) => return internal(error),
    };
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // Names are cleaned when stored.
    let kind = if disposition == Disposition::Inline { "inline" } else { "attachment" };
    let content_disposition = format!("{kind}; filename*=UTF-8''{}", percent_encode(name));
    if let Ok(value) = HeaderValue::from_str(&content_disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if disposition == Disposition::Attachment {
        // Even if a browser opened it anyway, it would run nothing and load nothing.
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    }
    response
}

pub async fn remove(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path((public_id, file_id)): Path<(String, i32)>,
) -> Response {
    let (application, file) = match owned_file(&state, &ctx, &public_id, file_id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match may_change(&state, &application, &file.document_code, Some(&file)).await {
        Ok(true) => {}
        Ok(false) => return failure(AppError::Conflict),
        Err(response) => return response,
    }
    let key = file.storage_key.clone();
    if let Err(error) = file.delete(&state.db).await {
        return internal(error);
    }
    if let Err(error) = state.storage.delete(&key).await {
        tracing::warn!(%error, "stored object left behind");
    }
    StatusCode::NO_CONTENT.into_response()
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
