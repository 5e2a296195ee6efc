//! Public PDFs of the preamble page, built from the catalogue at each request (a few ms):
//!
//!   GET /api/procedures/{procedure}/justificatifs.pdf   → the list of supporting documents
//!   GET /api/modeles/{code}.pdf                         → a model attestation

use axum::body::Body;
use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use app::domain::catalogue::{self, models};

use crate::filing::printouts;
use crate::pdf::PdfDocument;

async fn pdf(doc: PdfDocument, file_name: &str) -> Response {
    match doc.render_blocking().await {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
            if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => {
            tracing::error!(%error, "printout");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

pub async fn documents_list(Path(procedure): Path<String>) -> Response {
    match catalogue::procedure(&procedure) {
        Some(procedure) => pdf(printouts::documents_list(procedure), &format!("justificatifs-{}.pdf", procedure.id)).await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn model(Path(file): Path<String>) -> Response {
    match file.strip_suffix(".pdf").and_then(models::model) {
        Some(model) => pdf(printouts::model(model), &format!("modele-{}.pdf", model.code)).await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
