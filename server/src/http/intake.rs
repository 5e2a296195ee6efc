//! Receiving a joined file (a document of a draft, a message attachment): one path for both.
//!
//! The body is streamed, never held whole: each piece is sealed into storage and sent to the
//! virus scan as it arrives, so memory stays flat whatever the number of uploads. A slow phone
//! is not cut off by a total time: an upload fails only when no data arrives for
//! [`UploadPolicy::idle_seconds`] (or past a generous overall limit). The number of uploads in
//! flight is capped per person and on the instance, so that nobody can hold every connection.
//! Nothing is kept unless the whole file arrived, has an accepted type, fits the quota and is
//! not infected.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use app::domain::files::{check_account_quota, check_upload, FileKind, MAX_FILE_BYTES, SNIFF_BYTES};
use app::domain::validation::ValidationError;
use app::error::AppError;

use crate::filing::store;
use crate::scanning::{ScanStream, Verdict, WhenDown};
use crate::state::AppState;
use crate::storage::StoredObject;

/// How uploads are received: policy choices, with their defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadPolicy {
    /// An upload with no data for this long fails (`ANEF_UPLOAD_IDLE_SECONDS`, 20 s).
    pub idle_seconds: u64,
    /// No upload lasts longer than this (`ANEF_UPLOAD_MAX_MINUTES`, 10 minutes: 10 MB at 17
    /// KB/s, a poor 2G connection).
    pub max_minutes: u64,
    /// Uploads received at once by one instance (`ANEF_UPLOADS_IN_FLIGHT`, 32).
    pub in_flight: usize,
    /// Uploads at once by one person (`ANEF_UPLOADS_PER_PERSON`, 3: the page sends one at a
    /// time; three leave room for a second tab).
    pub per_person: u32,
}

impl Default for UploadPolicy {
    fn default() -> Self {
        Self { idle_seconds: 20, max_minutes: 10, in_flight: 32, per_person: 3 }
    }
}

/// The uploads in flight on this instance.
pub struct UploadGate {
    total: Arc<Semaphore>,
    per_person: Mutex<HashMap<String, u32>>,
    policy: UploadPolicy,
}

/// A place taken in the gate, given back when the upload ends however it ends.
pub struct Permit {
    _total: OwnedSemaphorePermit,
    gate: Arc<UploadGate>,
    person: String,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut counts = self.gate.per_person.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&self.person) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.person);
            }
        }
    }
}

impl UploadGate {
    pub fn new(policy: UploadPolicy) -> Arc<Self> {
        Arc::new(Self { total: Arc::new(Semaphore::new(policy.in_flight)), per_person: Mutex::new(HashMap::new()), policy })
    }

    /// A place for one more upload of `person`, or why not.
    fn enter(self: &Arc<Self>, person: &str) -> Result<Permit, ValidationError> {
        let mut counts = self.per_person.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.get(person).copied().unwrap_or(0);
        if count >= self.policy.per_person {
            return Err(ValidationError::TooManyUploadsAtOnce { max: self.policy.per_person });
        }
        let total = self.total.clone().try_acquire_owned().map_err(|_| ValidationError::UploadsBusy)?;
        counts.insert(person.to_owned(), count + 1);
        Ok(Permit { _total: total, gate: self.clone(), person: person.to_owned() })
    }
}

/// Who sends a file, and what it joins.
pub struct Intake {
    /// Who holds the upload place: `applicant:<account>` or `agent:<agent>`.
    pub person: String,
    /// The field the errors belong to.
    pub field: &'static str,
    /// Files already joined where this one goes (the per-document maximum).
    pub already_joined: u32,
    /// The account whose quota the file counts in (the applicant's files only).
    pub quota_account: Option<i32>,
}

/// A file received and stored.
pub struct Received {
    pub stored: StoredObject,
    pub kind: FileKind,
    /// Kept while the virus scan was down (`WhenDown::Hold`): held from agents until scanned.
    pub held: bool,
}

fn refusal(status: StatusCode, field: &str, error: ValidationError) -> Response {
    (status, Json(AppError::field(field, error))).into_response()
}

/// clamd could not scan, and the configuration refuses the file.
struct ScanRefused(&'static str);

impl From<ScanRefused> for Response {
    fn from(ScanRefused(field): ScanRefused) -> Self {
        refusal(StatusCode::SERVICE_UNAVAILABLE, field, ValidationError::ScanUnavailable)
    }
}

fn internal(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "upload");
    (StatusCode::INTERNAL_SERVER_ERROR, Json(AppError::Internal)).into_response()
}

/// The scan of the file being received; `None` once there is none (off, or down and held).
struct Scan {
    stream: Option<ScanStream>,
    held: bool,
}

impl Scan {
    /// clamd failed: refuse the file, or go on and hold it, as configured.
    fn down(&mut self, state: &AppState, field: &'static str, error: impl std::fmt::Display) -> Result<(), ScanRefused> {
        tracing::warn!(%error, "virus scan unavailable");
        self.stream = None;
        match state.config.scanner.when_down {
            WhenDown::Refuse => Err(ScanRefused(field)),
            WhenDown::Hold => {
                self.held = true;
                Ok(())
            }
        }
    }
}

/// Receives the body of an upload into storage, or answers why not (nothing is kept then).
pub async fn receive(state: &AppState, headers: &HeaderMap, body: Body, intake: Intake) -> Result<Received, Response> {
    let field = intake.field;
    let _permit = state.uploads.enter(&intake.person).map_err(|error| {
        let status = match error {
            ValidationError::UploadsBusy => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::TOO_MANY_REQUESTS,
        };
        refusal(status, field, error)
    })?;
    let too_large =
        || refusal(StatusCode::PAYLOAD_TOO_LARGE, field, ValidationError::FileTooLarge { max_mb: (MAX_FILE_BYTES / (1024 * 1024)) as u32 });
    // A declared size is checked before a byte is read.
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|size| size > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    if let Some(size) = declared {
        check_quota(state, &intake, size).await?;
    }

    let mut scan = Scan { stream: None, held: false };
    match state.config.scanner.start().await {
        Ok(stream) => scan.stream = stream,
        Err(error) => scan.down(state, field, error)?,
    }
    let mut writer = state.storage.writer().await.map_err(internal)?;
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let policy = &state.config.uploads;
    let idle = Duration::from_secs(policy.idle_seconds);
    let stalled = || refusal(StatusCode::REQUEST_TIMEOUT, field, ValidationError::UploadStalled { seconds: policy.idle_seconds as u32 });
    let deadline = tokio::time::Instant::now() + Duration::from_secs(policy.max_minutes * 60);
    let mut stream = body.into_data_stream();
    loop {
        let wait = idle.min(deadline.saturating_duration_since(tokio::time::Instant::now()));
        let piece = match tokio::time::timeout(wait, stream.next()).await {
            Err(_) => return Err(stalled()),
            Ok(None) => break,
            Ok(Some(Err(error))) => {
                // The body limit of the router, or the client gone.
                tracing::info!(%error, "upload body ended early");
                return Err(if writer.size() + 1 > MAX_FILE_BYTES { too_large() } else { stalled() });
            }
            Ok(Some(Ok(piece))) => piece,
        };
        if writer.size() + piece.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large());
        }
        if head.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - head.len()).min(piece.len());
            head.extend_from_slice(&piece[..take]);
            if head.len() == SNIFF_BYTES {
                // The type is known from the first bytes: a wrong one is refused at once.
                check_upload(head.len() as u64, &head, intake.already_joined)
                    .map_err(|e| refusal(StatusCode::UNPROCESSABLE_ENTITY, field, e))?;
            }
        }
        writer.write(&piece).await.map_err(internal)?;
        if let Some(stream) = scan.stream.as_mut() {
            if let Err(error) = stream.send(&piece).await {
                scan.down(state, field, error)?;
            }
        }
    }
    let kind =
        check_upload(writer.size(), &head, intake.already_joined).map_err(|e| refusal(StatusCode::UNPROCESSABLE_ENTITY, field, e))?;
    check_quota(state, &intake, writer.size()).await?;
    if let Some(stream) = scan.stream.take() {
        match stream.verdict().await {
            Ok(Verdict::Clean) => {}
            Ok(Verdict::Infected(signature)) => {
                tracing::warn!(%signature, person = %intake.person, "infected upload refused");
                return Err(refusal(StatusCode::UNPROCESSABLE_ENTITY, field, ValidationError::FileInfected));
            }
            Err(error) => scan.down(state, field, error)?,
        }
    }
    let stored = writer.finish().await.map_err(internal)?;
    Ok(Received { stored, kind, held: scan.held })
}

async fn check_quota(state: &AppState, intake: &Intake, size: u64) -> Result<(), Response> {
    let Some(account) = intake.quota_account else { return Ok(()) };
    let used = store::account_bytes(&state.db, account).await.map_err(internal)?;
    check_account_quota(used, size, state.config.account_quota_mb)
        .map_err(|error| refusal(StatusCode::UNPROCESSABLE_ENTITY, intake.field, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_caps_each_person_and_the_instance_and_frees_places_when_done() {
        let gate = UploadGate::new(UploadPolicy { in_flight: 4, per_person: 3, ..UploadPolicy::default() });
        let first: Vec<Permit> = (0..3).map(|_| gate.enter("applicant:1").expect("place")).collect();
        assert_eq!(gate.enter("applicant:1").err(), Some(ValidationError::TooManyUploadsAtOnce { max: 3 }));
        let other = gate.enter("applicant:2").expect("another person");
        assert_eq!(gate.enter("applicant:3").err(), Some(ValidationError::UploadsBusy), "the instance is full");
        drop(other);
        drop(first);
        assert!(gate.enter("applicant:1").is_ok(), "places come back");
        assert!(gate.per_person.lock().expect("counts").is_empty(), "no count left behind");
    }
}
